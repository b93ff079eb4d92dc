// Tests/ReplayTests/ScheduledScriptTests.swift - par_call interleaves at awaits; the explorer runs scripts

import CanisterRuntime
import ExampleCanisters
import Foundation
import Replay
import Testing
import TestSupport

@Suite struct ScheduledScriptTests {
    static let scriptPath = PackageFiles.root.appendingPathComponent("Fixtures/explore/escrow-double-withdrawal.repl")

    static func script() throws -> ReplayScript {
        let source = try String(contentsOf: scriptPath, encoding: .utf8)
        return try ReplayParser.parse(source, file: "escrow-double-withdrawal.repl")
    }

    static func run(fixed: Bool, policy: SchedulePolicy) async throws -> (ReplayResult, Scheduler) {
        let replica = Replica()
        _ = try await EscrowFixture.install(on: replica, fixed: fixed)
        let scheduler = Scheduler(replica: replica, policy: policy)
        let result = await ReplayRunner.run(try script(), host: ScheduledReplayHost(scheduler: scheduler))
        return (result, scheduler)
    }

    @Test func parCallSubmitsEveryCallBeforeAnyRuns() async throws {
        // FIFO: both withdrawals check the deposit before either transfer's reply: the assertion fails.
        let (result, scheduler) = try await Self.run(fixed: false, policy: .fifo)
        #expect(result.error == nil)
        #expect(result.failed == 1)
        #expect(result.failures.first?.left == "(90 : nat64)")
        #expect(result.failures.first?.right == "(100 : nat64)")
        let trace = await scheduler.trace
        #expect(trace.count == 9)   // 3 set-up calls, 2 withdrawals of 3 messages each; queries are not scheduled
    }

    @Test func anOrderThatDoesNotInterleavePasses() async throws {
        let (result, _) = try await Self.run(fixed: false, policy: .replay(try ScheduleToken(parsing: "v1-1.1-2.1")))
        #expect(result.succeeded, "\(result.failures)")
    }

    @Test func theExplorerFindsTheDoubleWithdrawalInTheScript() async throws {
        let buggy = ScheduleExplorer(ReplayExplorer.scenario(try Self.script()) { replica in
            _ = try await EscrowFixture.install(on: replica, fixed: false)
            return [:]
        })
        let found = await buggy.search(schedules: 20, seed: 5)
        #expect(found.shrunk?.failure?.contains("(90 : nat64)") == true, "\(String(describing: found.shrunk))")
        let fixed = ScheduleExplorer(ReplayExplorer.scenario(try Self.script()) { replica in
            _ = try await EscrowFixture.install(on: replica, fixed: true)
            return [:]
        })
        let passing = await fixed.exhaustive(maxPreemptions: 2)
        #expect(passing.found == nil)
        #expect(passing.distinctOrders > 1)
    }
}
