// Tests/CanisterRuntimeTests/SchedulerTests.swift - the step-by-step API, the policies, tokens and determinism

import Candid
import Testing
@testable import CanisterRuntime

@Suite struct SchedulerTests {
    /// Three concurrent calls that await, on two probes: enough decisions for many distinct orders.
    static func busyRun(_ policy: SchedulePolicy) async throws -> Scheduler {
        let replica = Replica()
        let a = try await replica.install(AsyncProbe.self)
        let b = try await replica.install(AsyncProbe.self)
        let scheduler = Scheduler(replica: replica, policy: policy)
        let ids = [
            try await scheduler.submit(a, "increment_across_await", b),
            try await scheduler.submit(a, "send_appends", b, UInt64(2)),
            try await scheduler.submit(b, "increment_across_await", a),
            try await scheduler.submit(a, "call_self"),
        ]
        for id in ids { _ = try await scheduler.result(of: id) }
        try await scheduler.runUntilIdle()
        return scheduler
    }

    @Test func stepRunsOneMessageAndResultRunsUntilItsMessageCompletes() async throws {
        let replica = Replica()
        let a = try await replica.install(AsyncProbe.self)
        let b = try await replica.install(AsyncProbe.self)
        let scheduler = Scheduler(replica: replica)
        let first = try await scheduler.submit(a, "set_call_set", b, "bump")
        let second = try await scheduler.submit(b, "bump")
        #expect(first == Scheduler.MessageID(rawValue: 1) && second == Scheduler.MessageID(rawValue: 2))
        #expect(await scheduler.pendingCount == 2)
        let one = try #require(try await scheduler.step())
        #expect(one.number == 1 && one.message == first)
        #expect(one.description.hasSuffix("awaits m3 \(b).bump"))
        let two = try #require(try await scheduler.step())
        #expect(two.message == second)
        #expect(await scheduler.status(of: second) == .success(try Candid.encodeArguments(UInt64(1))))
        #expect(await scheduler.status(of: first) == nil)
        #expect(try await scheduler.result(of: first) == .success(try Candid.encodeArguments("ok")))
        #expect(try await scheduler.step() == nil)
        #expect(await scheduler.trace.count == 4)   // m1, m2, the request m3, its reply m4
    }

    @Test func theSchedulerRefusesWhatItCannotServe() async throws {
        let replica = Replica()
        let a = try await replica.install(AsyncProbe.self)
        var limits = Scheduler.Limits()
        limits.maximumPendingMessages = 1
        let scheduler = Scheduler(replica: replica, limits: limits)
        let unknown = Scheduler.MessageID(rawValue: 9)
        await #expect(throws: SchedulerError.self) { try await scheduler.result(of: unknown) }
        _ = try await scheduler.submit(a, "bump")
        let full = await #expect(throws: SchedulerError.self) { try await scheduler.submit(a, "bump") }
        #expect(full?.code == .queueFull)
        #expect(full?.message.contains("Scheduler.Limits.maximumPendingMessages") == true)
        let big = [UInt8](repeating: 0, count: replica.configuration.maximumIngressPayloadBytes + 1)
        let tooLarge = await #expect(throws: SchedulerError.self) {
            try await scheduler.submit(a, method: "bump", argument: big)
        }
        #expect(tooLarge?.code == .payloadTooLarge)
        #expect(await scheduler.pendingCount == 1)
    }

    @Test func theStepLimitStopsARun() async throws {
        let replica = Replica()
        let a = try await replica.install(AsyncProbe.self)
        var limits = Scheduler.Limits()
        limits.maximumSteps = 2
        let scheduler = Scheduler(replica: replica, limits: limits)
        let id = try await scheduler.submit(a, "call_self")
        let error = await #expect(throws: SchedulerError.self) { try await scheduler.result(of: id) }
        #expect(error?.code == .stepLimit)
    }

    @Test func fifoTakesNoPreemptions() async throws {
        let scheduler = try await Self.busyRun(.fifo)
        #expect(await scheduler.token == .fifo)
        #expect(await scheduler.token.description == "v1")
        #expect(await scheduler.decisionSizes.count > 3)
    }

    @Test func theSameTokenGivesByteIdenticalTraces() async throws {
        let seeded = try await Self.busyRun(.seeded(11))
        let token = await seeded.token
        #expect(token.preemptions > 0)
        let expected = Array((await seeded.trace).joined(separator: "\n").utf8)
        for run in 0..<100 {
            let replayed = try await Self.busyRun(.replay(token))
            #expect(Array((await replayed.trace).joined(separator: "\n").utf8) == expected, "run \(run)")
            #expect(await replayed.token == token)
        }
        // The token survives its text form.
        let parsed = try ScheduleToken(parsing: token.description)
        let fromText = try await Self.busyRun(.replay(parsed))
        #expect(Array((await fromText.trace).joined(separator: "\n").utf8) == expected)
    }

    @Test func seedsThatChooseDifferentOrdersGiveDifferentTokens() async throws {
        var tokenOfTrace: [String: ScheduleToken] = [:]
        var traceOfToken: [ScheduleToken: String] = [:]
        for seed in UInt64(0)..<30 {
            let scheduler = try await Self.busyRun(.seeded(seed))
            let trace = (await scheduler.trace).joined(separator: "\n")
            let token = await scheduler.token
            if let known = tokenOfTrace[trace] { #expect(known == token, "seed \(seed)") }
            if let known = traceOfToken[token] { #expect(known == trace, "seed \(seed)") }
            tokenOfTrace[trace] = token
            traceOfToken[token] = trace
        }
        #expect(traceOfToken.count > 5)
    }

    static let badTokens: [(text: String, reason: String)] = [
        ("", "starts with 'v1'"),
        ("v2-1.1", "starts with 'v1'"),
        ("v1-", "is not DECISION.INDEX"),
        ("v1-3", "is not DECISION.INDEX"),
        ("v1-3.x", "is not DECISION.INDEX"),
        ("v1-3.0", "index 0 is FIFO"),
        ("v1-3.1-3.2", "decision 3 does not follow 3"),
        ("v1--1.1", "is not DECISION.INDEX"),
    ]

    @Test(arguments: Self.badTokens)
    func malformedTokensAreRejectedWithTheReason(text: String, reason: String) throws {
        let error = #expect(throws: ScheduleTokenError.self) { try ScheduleToken(parsing: text) }
        #expect(error?.reason.contains(reason) == true, "\(error?.description ?? "no error")")
    }

    @Test func tokensRoundTripThroughText() throws {
        let token = ScheduleToken(choices: [.init(decision: 7, index: 2), .init(decision: 3, index: 1), .init(decision: 5, index: 0)])
        #expect(token.description == "v1-3.1-7.2")
        #expect(try ScheduleToken(parsing: "v1-3.1-7.2") == token)
        #expect(token.index(at: 3) == 1 && token.index(at: 4) == 0 && token.index(at: 7) == 2)
        #expect(token.preemptions == 2)
    }
}
