// Tests/CanisterRuntimeTests/InterCanisterRuleTests.swift - one test per execution rule of inter-canister calls

import Candid
import Synchronization
import Testing
@testable import CanisterRuntime

/// The IC's message execution properties as the scheduler applies them, one rule per test, each asserting
/// values, reject codes and IC error codes.
@Suite struct InterCanisterRuleTests {
    /// A replica with two probes, `a` and `b`, and a FIFO scheduler.
    func setUp(_ policy: SchedulePolicy = .fifo) async throws -> (Scheduler, a: Principal, b: Principal) {
        let replica = Replica()
        let a = try await replica.install(AsyncProbe.self)
        let b = try await replica.install(AsyncProbe.self)
        return (Scheduler(replica: replica, policy: policy), a, b)
    }

    @Test func aHandlerWithoutAwaitIsOneMessage() async throws {
        let (scheduler, a, _) = try await setUp()
        let value = try await scheduler.update(a, "bump", returning: UInt64.self)
        #expect(value == 1)
        #expect(await scheduler.trace.count == 1)
        #expect(await scheduler.token == .fifo)
    }

    @Test func theStateIsCommittedAtTheAwaitAndVisibleWhileTheCallerWaits() async throws {
        let (scheduler, a, b) = try await setUp()
        let waiting = try await scheduler.submit(a, "flag_across_await", b)
        // The first segment runs and suspends at its await.
        let first = try #require(try await scheduler.step())
        #expect(first.message == waiting)
        #expect(await scheduler.status(of: waiting) == nil)
        // Another message to `a` sees the flag the waiting call raised.
        let reader = try await scheduler.submit(a, "read_flag")
        let seen = try await scheduler.result(of: reader)
        #expect(try Candid.decodeArguments(try seen.get(), as: Bool.self) == true)
        #expect(try await scheduler.result(of: waiting) == .success(try Candid.encodeArguments(true)))
        #expect(try await scheduler.replica.state(of: a, as: AsyncProbe.self).flag == false)
    }

    @Test func aTrapAfterAnAwaitRollsBackToThatAwait() async throws {
        let (scheduler, a, b) = try await setUp()
        let id = try await scheduler.submit(a, "trap_after_await", b)
        let result = try await scheduler.result(of: id)
        let reject = try #require(result.failure)
        #expect(reject.code == .canisterError)
        #expect(reject.errorCode == .canisterCalledTrap)
        #expect(reject.message.contains("after the await"))
        // The +1 before the await stays; the +10 after it is undone; the callee's bump stays.
        #expect(try await scheduler.replica.state(of: a, as: AsyncProbe.self).value == 1)
        #expect(try await scheduler.replica.state(of: b, as: AsyncProbe.self).value == 1)
    }

    static let calleeOutcomes: [(method: String, expected: String)] = [
        ("bump", "ok"),
        ("fail", "reject 5 IC0503"),
        ("refuse", "reject 4 IC0406"),
        ("no_such_method", "reject 5 IC0536"),
        ("sum_with", "reject 5 IC0527"),
    ]

    @Test(arguments: Self.calleeOutcomes)
    func theCallerGetsTheCalleesRejectCode(method: String, expected: String) async throws {
        let (scheduler, a, b) = try await setUp()
        let text = try await scheduler.update(a, "set_call_set", b, method, returning: String.self)
        #expect(text == expected)
        #expect(try await scheduler.replica.state(of: a, as: AsyncProbe.self).value == 2)
        // An explicit reject keeps the callee's changes; a trap drops them.
        let calleeValue = try await scheduler.replica.state(of: b, as: AsyncProbe.self).value
        #expect(calleeValue == (method == "bump" ? 1 : method == "refuse" ? 100 : 0))
    }

    @Test func aMissingCanisterIsRejectCode3() async throws {
        let (scheduler, a, _) = try await setUp()
        let missing = Principal(unchecked: [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x63, 0x01, 0x01])
        let text = try await scheduler.update(a, "set_call_set", missing, "bump", returning: String.self)
        #expect(text == "reject 3 IC0301")
        // As an ingress call too.
        let id = try await scheduler.submit(missing, "bump")
        #expect(try await scheduler.result(of: id).failure?.errorCode == .canisterNotFound)
    }

    @Test func requestsFromOneCanisterToAnotherStartInTheOrderTheyWereSent() async throws {
        for seed in UInt64(0)..<40 {
            let (scheduler, a, b) = try await setUp(.seeded(seed))
            let count = try await scheduler.update(a, "send_appends", b, UInt64(6), returning: UInt64.self)
            _ = try await scheduler.runUntilIdle()
            #expect(count == 7, "seed \(seed)")
            let entries = try await scheduler.query(b, "entries", returning: [UInt64].self)
            let token = await scheduler.token
            #expect(entries == Array(UInt64(0)...6), "seed \(seed): \(token)")
        }
    }

    @Test func ingressMessagesMayRunInAnyOrder() async throws {
        var orders: Set<[UInt64]> = []
        for seed in UInt64(0)..<40 {
            let (scheduler, a, _) = try await setUp(.seeded(seed))
            let ids = try await [0, 1, 2].asyncMap { try await scheduler.submit(a, "append", UInt64($0)) }
            for id in ids { _ = try await scheduler.result(of: id) }
            orders.insert(try await scheduler.query(a, "entries", returning: [UInt64].self))
        }
        #expect(orders.count > 1)
        #expect(orders.contains([0, 1, 2]))
    }

    @Test func oneSegmentRunsAtATime() async throws {
        SegmentGauge.counts.withLock { $0 = (0, 0) }
        let (scheduler, a, b) = try await setUp(.seeded(3))
        let ids = try await (0..<6).asyncMap { _ in try await scheduler.submit(a, "gauge", b) }
        for id in ids { #expect(try await scheduler.result(of: id).success != nil) }
        let counts = SegmentGauge.counts.withLock { $0 }
        #expect(counts.current == 0)
        #expect(counts.maximum == 1)
    }

    @Test func aLostUpdateAcrossAnAwait() async throws {
        let (scheduler, a, b) = try await setUp()
        let first = try await scheduler.submit(a, "increment_across_await", b)
        let second = try await scheduler.submit(a, "increment_across_await", b)
        _ = try await scheduler.result(of: first)
        _ = try await scheduler.result(of: second)
        // FIFO runs both first segments before either reply: both read 0, the value ends at 1, not 2.
        #expect(try await scheduler.replica.state(of: a, as: AsyncProbe.self).value == 1)
    }

    @Test func aCanisterMayCallItself() async throws {
        let (scheduler, a, _) = try await setUp()
        let value = try await scheduler.update(a, "call_self", returning: UInt64.self)
        #expect(value == 11)
    }

    @Test func fireAndForgetCallsAreSentAtTheCommitAndTheirRepliesDropped() async throws {
        let (scheduler, a, b) = try await setUp()
        let id = try await scheduler.submit(a, "send_appends", b, UInt64(2))
        _ = try await scheduler.step()
        // The first segment committed: two notifications and the awaited call are queued.
        #expect(await scheduler.pendingCount == 3)
        _ = try await scheduler.result(of: id)
        let entries = try await scheduler.query(b, "entries", returning: [UInt64].self)
        #expect(entries == [0, 1, 2])
    }

    @Test func compositeQueriesMayCallQueries() async throws {
        let (scheduler, a, b) = try await setUp()
        _ = try await scheduler.update(a, "bump", returning: UInt64.self)
        _ = try await scheduler.update(b, "bump", returning: UInt64.self)
        _ = try await scheduler.update(b, "bump", returning: UInt64.self)
        #expect(try await scheduler.query(a, "sum_with", b, returning: UInt64.self) == 3)
        // A composite query may call a composite query, itself included.
        let nested = try await scheduler.query(a, "query_calls", a, "sum_with", returning: String.self)
        #expect(nested == "reject 5 IC0503")   // sum_with got no argument: its decode traps
        #expect(try await scheduler.query(a, "query_calls", b, "get", returning: String.self) == "ok")
    }

    @Test func queriesCannotCallUpdatesOrBeCalledAsUpdates() async throws {
        let (scheduler, a, b) = try await setUp()
        // A composite query calling an update method: IC0536, and the update did not run.
        #expect(try await scheduler.query(a, "query_calls", b, "bump", returning: String.self) == "reject 5 IC0536")
        #expect(try await scheduler.replica.state(of: b, as: AsyncProbe.self).value == 0)
        // A composite query called as an update (replicated): IC0527.
        let id = try await scheduler.submit(a, "sum_with", b)
        #expect(try await scheduler.result(of: id).failure?.errorCode == ErrorCode(rawValue: 527))
        // The synchronous path refuses methods that await, and changes nothing.
        let direct = await scheduler.replica.update(a, method: "call_self", argument: try Candid.encodeArguments())
        #expect(direct.failure?.errorCode == .canisterContractViolation)
        let query = await scheduler.replica.query(a, method: "sum_with", argument: try Candid.encodeArguments(b))
        #expect(query.failure?.errorCode == .canisterContractViolation)
    }

    @Test func aCallbackWhoseCanisterWasUninstalledIsLost() async throws {
        let (scheduler, a, b) = try await setUp()
        let id = try await scheduler.submit(a, "set_call_set", b, "bump")
        _ = try await scheduler.step()   // a awaits b.bump
        try await scheduler.replica.uninstall(a)
        let reject = try #require(try await scheduler.result(of: id).failure)
        #expect(reject.errorCode == .canisterWasmModuleNotFound)
        #expect(reject.message.contains("its callback cannot run"))
        // The callee's message still ran; nothing is pending.
        #expect(try await scheduler.replica.state(of: b, as: AsyncProbe.self).value == 1)
        #expect(await scheduler.pendingCount == 0)
    }

    @Test func argumentsAndRepliesOverTheInterCanisterLimitAreRefused() async throws {
        let replica = Replica()
        let a = try await replica.install(AsyncProbe.self)
        let b = try await replica.install(AsyncProbe.self)
        var limits = Scheduler.Limits()
        limits.maximumCallPayloadBytes = 6
        let scheduler = Scheduler(replica: replica, limits: limits)
        // `set_call_set` sends the 6-byte empty argument list: sent; `bump`'s 15-byte reply is over the limit.
        #expect(try await scheduler.update(a, "set_call_set", b, "bump", returning: String.self) == "reject 5 IC0504")
        // `append`'s 15-byte argument is refused before the await; the thrown reject traps the caller.
        let id = try await scheduler.submit(a, "send_appends", b, UInt64(0))
        let reject = try #require(try await scheduler.result(of: id).failure)
        #expect(reject.code == .canisterError)
        #expect(reject.message.contains("argument of 15 bytes is larger than the limit of 6 bytes"))
        #expect(await scheduler.trace.count == 4)   // 3 for the first call, 1: the refused call sent nothing
    }
}

extension Sequence {
    /// `map` with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
