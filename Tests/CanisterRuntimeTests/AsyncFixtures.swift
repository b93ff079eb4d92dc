// Tests/CanisterRuntimeTests/AsyncFixtures.swift - canisters that await calls, for the execution-rule tests

import Candid
import Synchronization
@testable import CanisterRuntime

/// A canister whose methods exercise every execution rule of inter-canister calls: a value, a log of
/// arrivals, and async methods that change the value around an await.
struct AsyncProbe: Canister {
    var value: UInt64 = 0
    var flag = false
    var log: [UInt64] = []

    init(install _: NoArguments, context: inout CallContext) throws {}

    static let methods: [Method<AsyncProbe>] = [
        .update("bump") { (probe: inout AsyncProbe, _: inout CallContext) -> UInt64 in
            probe.value += 1
            return probe.value
        },
        .update("append") { (probe: inout AsyncProbe, _: inout CallContext, item: UInt64) -> UInt64 in
            probe.log.append(item)
            return UInt64(probe.log.count)
        },
        .update("fail") { (_: inout AsyncProbe, context: inout CallContext) -> UInt64 in
            try context.trap("callee trapped")
        },
        .update("refuse") { (probe: inout AsyncProbe, context: inout CallContext) -> UInt64 in
            probe.value += 100
            try context.reject("callee refused")
        },
        .update("read_flag") { (probe: inout AsyncProbe, _: inout CallContext) -> Bool in probe.flag },
        .query("get") { (probe: AsyncProbe, _: QueryContext) -> UInt64 in probe.value },
        .query("entries") { (probe: AsyncProbe, _: QueryContext) -> [UInt64] in probe.log },
        // Sets the value, awaits `target.method()`, then sets it again: the caller's reply is the callee's
        // outcome as text.
        .asyncUpdate("set_call_set") {
            (context: AsyncContext<AsyncProbe>, target: Principal, method: String) async throws -> String in
            context.state.value = 1
            let result = await context.call(target, method: method, argument: try Candid.encodeArguments())
            context.state.value = 2
            return Self.describe(result)
        },
        // Changes the value before and after an await, then traps: only the change after the await goes.
        .asyncUpdate("trap_after_await") { (context: AsyncContext<AsyncProbe>, target: Principal) async throws -> UInt64 in
            context.state.value += 1
            _ = try await context.call(target, "bump", returning: UInt64.self)
            context.state.value += 10
            try context.trap("after the await")
        },
        // Raises the flag across an await: other messages see it raised while this one waits.
        .asyncUpdate("flag_across_await") { (context: AsyncContext<AsyncProbe>, target: Principal) async throws -> Bool in
            context.state.flag = true
            _ = try await context.call(target, "bump", returning: UInt64.self)
            context.state.flag = false
            return true
        },
        // Sends `count` appends to `target` without waiting, then one awaited append.
        .asyncUpdate("send_appends") {
            (context: AsyncContext<AsyncProbe>, target: Principal, count: UInt64) async throws -> UInt64 in
            for item in 0..<count {
                try context.notify(target, "append", item)
            }
            return try await context.call(target, "append", count, returning: UInt64.self)
        },
        // Reads the value, awaits a call, writes value + 1: the lost update across an await.
        .asyncUpdate("increment_across_await") {
            (context: AsyncContext<AsyncProbe>, target: Principal) async throws -> UInt64 in
            let seen = context.state.value
            _ = try await context.call(target, "get", returning: UInt64.self)
            context.state.value = seen + 1
            return seen + 1
        },
        // The fix: the increment happens before the await, in the same segment as the read.
        .asyncUpdate("increment_before_await") {
            (context: AsyncContext<AsyncProbe>, target: Principal) async throws -> UInt64 in
            let value = try context.withState { state -> UInt64 in
                state.value += 1
                return state.value
            }
            _ = try await context.call(target, "get", returning: UInt64.self)
            return value
        },
        // Calls itself: `bump` runs as its own message while this one waits.
        .asyncUpdate("call_self") { (context: AsyncContext<AsyncProbe>) async throws -> UInt64 in
            let bumped = try await context.call(context.canisterId, "bump", returning: UInt64.self)
            return bumped * 10 + context.state.value
        },
        // Counts the segments that run at the same time as this one (it yields inside its segments).
        .asyncUpdate("gauge") { (context: AsyncContext<AsyncProbe>, target: Principal) async throws -> UInt64 in
            try await SegmentGauge.measure { }
            _ = try await context.call(target, "bump", returning: UInt64.self)
            try await SegmentGauge.measure { }
            return 0
        },
        .compositeQuery("sum_with") { (context: CompositeQueryContext<AsyncProbe>, other: Principal) async throws -> UInt64 in
            context.state.value + (try await context.call(other, "get", returning: UInt64.self))
        },
        .compositeQuery("query_calls") {
            (context: CompositeQueryContext<AsyncProbe>, target: Principal, method: String) async throws -> String in
            Self.describe(await context.call(target, method: method, argument: try Candid.encodeArguments()))
        },
    ]

    /// `ok` or `reject CODE ERRORCODE`.
    static func describe(_ result: CallResult) -> String {
        switch result {
        case .success: "ok"
        case .failure(let reject): "reject \(reject.code.rawValue) \(reject.errorCode.map { "\($0)" } ?? "-")"
        }
    }
}

/// How many async segments ran at once, at most: a handler that yields inside its segment would let a racing
/// scheduler start another.
enum SegmentGauge {
    static let counts = Mutex((current: 0, maximum: 0))

    static func measure(_ body: () -> Void) async throws {
        counts.withLock { $0.current += 1; $0.maximum = max($0.maximum, $0.current) }
        for _ in 0..<5 { await Task.yield() }
        body()
        counts.withLock { $0.current -= 1 }
    }
}
