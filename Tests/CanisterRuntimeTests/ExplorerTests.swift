// Tests/CanisterRuntimeTests/ExplorerTests.swift - a search over orders finds the double withdrawal

import Candid
import Testing
@testable import CanisterRuntime
import ExampleCanisters

@Suite struct ExplorerTests {
    @Test func theSearchFindsTheDoubleWithdrawalAndShrinksIt() async throws {
        let explorer = ScheduleExplorer { await EscrowScenario.run(fixed: false, policy: $0) }
        let report = await explorer.search(schedules: 50, seed: 1)
        let found = try #require(report.found)
        #expect(found.failure == "the escrow holds 90 on the ledger but owes 100")
        let shrunk = try #require(report.shrunk)
        #expect(shrunk.token.preemptions <= found.token.preemptions)
        // The shrunk token reproduces the failure.
        let replayed = await EscrowScenario.run(fixed: false, policy: .replay(shrunk.token))
        #expect(replayed.failure == shrunk.failure)
        #expect(replayed.token == shrunk.token)
    }

    @Test func someOrdersOfTheBuggyEscrowPass() async throws {
        // Withdrawals that do not interleave at the await: the second sees the first's debit.
        let token = try ScheduleToken(parsing: "v1-1.1-2.1")
        let trial = await EscrowScenario.run(fixed: false, policy: .replay(token))
        #expect(trial.failure == nil, "\(trial.token)")
    }

    @Test func theFixedEscrowPassesEveryOrderUpToTheBound() async throws {
        let explorer = ScheduleExplorer { await EscrowScenario.run(fixed: true, policy: $0) }
        let exhaustive = await explorer.exhaustive(maxPreemptions: 3)
        #expect(exhaustive.found == nil)
        // Every order with up to 3 preemptions: the queue of orders ran dry before the run limit.
        #expect(exhaustive.distinctOrders == exhaustive.runs)
        #expect(exhaustive.distinctOrders >= 6)
        let searched = await explorer.search(schedules: 40, seed: 2)
        #expect(searched.found == nil)
        #expect(searched.distinctOrders > 5)
    }

    @Test func exhaustiveSearchFindsAFailureWithTheFewestPreemptions() async throws {
        // A failure that needs the second withdrawal to run before the first one's reply, but not FIFO.
        let explorer = ScheduleExplorer { policy in
            let trial = await EscrowScenario.run(fixed: false, policy: policy)
            return ScheduleTrial(
                token: trial.token, decisionSizes: trial.decisionSizes,
                failure: trial.failure == nil && trial.token.preemptions == 2 ? "two preemptions and passing" : nil
            )
        }
        let report = await explorer.exhaustive(maxPreemptions: 3)
        #expect(report.found?.token.preemptions == 2)
        #expect(report.shrunk?.token.preemptions == 2)
    }

    @Test func shardsSplitTheOrdersWithoutOverlap() async throws {
        let explorer = ScheduleExplorer { await EscrowScenario.run(fixed: true, policy: $0) }
        let whole = await explorer.exhaustive(maxPreemptions: 2)
        let first = await explorer.exhaustive(maxPreemptions: 2, shard: (0, 2))
        let second = await explorer.exhaustive(maxPreemptions: 2, shard: (1, 2))
        #expect(first.distinctOrders + second.distinctOrders == whole.distinctOrders)
        #expect(first.distinctOrders > 0 && second.distinctOrders > 0)
    }

    /// The lost update: two increments that read before an await and write after it.
    static func lostUpdate(_ method: String, policy: SchedulePolicy) async -> ScheduleTrial {
        let replica = Replica()
        let scheduler = Scheduler(replica: replica, policy: policy)
        do {
            let a = try await replica.install(AsyncProbe.self)
            let b = try await replica.install(AsyncProbe.self)
            let ids = [try await scheduler.submit(a, method, b), try await scheduler.submit(a, method, b)]
            for id in ids { _ = try await scheduler.result(of: id) }
            let value = try await scheduler.query(a, "get", returning: UInt64.self)
            return await scheduler.trial(failure: value == 2 ? nil : "two increments left \(value)")
        } catch {
            return await scheduler.trial(failure: "the scenario failed: \(error)")
        }
    }

    @Test func theExplorerFindsTheLostUpdateAndTheFixPassesEveryOrder() async throws {
        let buggy = ScheduleExplorer { await Self.lostUpdate("increment_across_await", policy: $0) }
        let found = await buggy.exhaustive(maxPreemptions: 3)
        #expect(found.shrunk?.failure == "two increments left 1")
        #expect(found.shrunk?.token == .fifo)
        let fixed = ScheduleExplorer { await Self.lostUpdate("increment_before_await", policy: $0) }
        let passing = await fixed.exhaustive(maxPreemptions: 3)
        #expect(passing.found == nil)
        #expect(passing.distinctOrders > 3)
    }
}
