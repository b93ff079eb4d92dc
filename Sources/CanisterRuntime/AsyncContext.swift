// Sources/CanisterRuntime/AsyncContext.swift - what an async method knows and may do, across its awaits

public import Candid

/// The context of an update method that awaits inter-canister calls (``Method/asyncUpdate(_:_:)``).
///
/// The handler reads and writes the canister through ``state`` (or ``withState(_:)``), and stable memory
/// and timers through ``withContext(_:)``. Each ``call(_:method:argument:)`` ends the current message
/// execution: what the handler changed so far is committed and visible to other messages while it waits;
/// after the await, ``state`` is the canister's then-current state, and a trap undoes only what came after
/// the last await.
///
/// One await at a time: a second call started while one is awaited (`async let`, task groups) is rejected.
public final class AsyncContext<C: Canister>: Sendable {
    let frame: Frame<C>

    init(frame: Frame<C>) {
        self.frame = frame
    }

    /// The principal that sent the call: a user or a canister. The same in every segment.
    public var caller: Principal { frame.caller }
    /// The canister's own id.
    public var canisterId: Principal { frame.canister }
    /// The method this call runs.
    public var methodName: String { frame.method }
    /// The replica time of the current segment (each segment is a message: time may move at an await).
    public var time: UInt64 { frame.withCell { $0.context.time } }

    /// The canister's state in the current segment.
    ///
    /// Each `context.state.x = …` copies the state out and back; use ``withState(_:)`` for many changes.
    public var state: C {
        get { frame.withCell { $0.instance.state } }
        set { frame.withCell { $0.instance.state = newValue } }
    }

    /// Runs `body` on the state in place. Do not touch ``state`` or call the context inside `body`.
    public func withState<T: Sendable>(_ body: (inout C) throws -> T) throws -> T {
        try frame.withCell { cell in try body(&cell.instance.state) }
    }

    /// Runs `body` on the segment's ``CallContext``: stable memory and timers, committed with the segment.
    public func withContext<T: Sendable>(_ body: (inout CallContext) throws -> T) throws -> T {
        try frame.withCell { cell in try body(&cell.context) }
    }

    /// Traps: the current segment fails with IC0503 and its changes (since the last await) are undone.
    public func trap(_ message: String) throws -> Never {
        throw Trap(message)
    }

    /// Rejects the call: the caller gets reject code 4 (IC0406); the changes are kept.
    public func reject(_ message: String) throws -> Never {
        throw CanisterRejection(message)
    }

    // MARK: - Calls

    /// Calls `method` on `canister` (this canister too) with raw Candid bytes and awaits the reply.
    ///
    /// The await commits the segment; the request joins the scheduler's queue behind earlier requests from
    /// this canister to `canister`. An argument over the scheduler's inter-canister limit fails at once
    /// (reject code 1), without ending the segment.
    /// - Returns: The reply bytes, or the callee's ``Reject``: code 3 (IC0301) no such canister, code 5 a
    ///   trap or a missing method (IC0536), code 4 an explicit reject.
    public func call(_ canister: Principal, method: String, argument: [UInt8]) async -> CallResult {
        if let refusal = refusal(argument) { return .failure(refusal) }
        return await frame.suspend(at: OutgoingCall(target: canister, method: method, argument: argument))
    }

    /// Calls `method` with Swift arguments and decodes the reply through the Candid mapping.
    ///
    /// - Throws: The callee's ``Reject``, or `CandidError` when the arguments do not encode or the reply does
    ///   not decode. Not caught, either traps the segment after the await.
    public func call<each A: Encodable, each R: Decodable>(
        _ canister: Principal,
        _ method: String,
        _ arguments: repeat each A,
        returning results: repeat (each R).Type
    ) async throws -> (repeat each R) {
        try await typedCall(repeat each arguments, returning: repeat each results) { bytes in
            await call(canister, method: method, argument: bytes)
        }
    }

    /// Sends a call without waiting for its reply (fire and forget). It is sent when the current segment
    /// commits and dropped if it traps; the reply is discarded.
    ///
    /// - Throws: ``Reject`` (code 1) when the argument is over the inter-canister limit.
    public func notify(_ canister: Principal, method: String, argument: [UInt8]) throws(Reject) {
        if let refusal = refusal(argument) { throw refusal }
        frame.notify(OutgoingCall(target: canister, method: method, argument: argument))
    }

    /// Sends a call with Swift arguments without waiting for its reply.
    ///
    /// - Throws: ``Reject`` over the limit, or `CandidError` when the arguments do not encode.
    public func notify<each A: Encodable>(_ canister: Principal, _ method: String, _ arguments: repeat each A) throws {
        try notify(canister, method: method, argument: try Candid.encodeArguments(repeat each arguments))
    }

    private func refusal(_ argument: [UInt8]) -> Reject? {
        let limit = frame.maximumCallPayloadBytes
        return argument.count > limit ? .callPayloadTooLarge(size: argument.count, limit: limit) : nil
    }
}

/// The context of a composite query (``Method/compositeQuery(_:_:)``): read-only like ``QueryContext``, and
/// it may await query methods. Nothing persists: the state is a copy taken when the query started.
public final class CompositeQueryContext<C: Canister>: Sendable {
    /// The canister's state when the query started.
    public let state: C
    /// The principal that sent the query.
    public let caller: Principal
    /// The replica time.
    public let time: UInt64
    /// The canister's own id.
    public let canisterId: Principal
    /// The method this query runs.
    public let methodName: String
    /// The canister's stable memory, read-only.
    public let stableMemory: StableMemoryView
    private let scheduler: Scheduler
    private let depth: Int

    init(state: C, base: QueryContext, scheduler: Scheduler, depth: Int) {
        self.state = state
        self.caller = base.caller
        self.time = base.time
        self.canisterId = base.canisterId
        self.methodName = base.methodName
        self.stableMemory = base.stableMemory
        self.scheduler = scheduler
        self.depth = depth
    }

    /// Traps: the query fails with IC0503.
    public func trap(_ message: String) throws -> Never {
        throw Trap(message)
    }

    /// Rejects the query: the caller gets reject code 4 (IC0406).
    public func reject(_ message: String) throws -> Never {
        throw CanisterRejection(message)
    }

    /// Calls a query method (plain or composite) and awaits its reply; an update method is rejected (IC0536).
    public func call(_ canister: Principal, method: String, argument: [UInt8]) async -> CallResult {
        await scheduler.runQuery(canister, method: method, argument: argument, caller: canisterId, depth: depth + 1)
    }

    /// Calls a query method with Swift arguments and decodes the reply through the Candid mapping.
    ///
    /// - Throws: The callee's ``Reject``, or `CandidError`.
    public func call<each A: Encodable, each R: Decodable>(
        _ canister: Principal,
        _ method: String,
        _ arguments: repeat each A,
        returning results: repeat (each R).Type
    ) async throws -> (repeat each R) {
        try await typedCall(repeat each arguments, returning: repeat each results) { bytes in
            await call(canister, method: method, argument: bytes)
        }
    }
}

/// Encodes `arguments`, sends them with `send`, and decodes the reply at `results`.
///
/// - Throws: the reply's ``Reject``, or `CandidError`.
func typedCall<each A: Encodable, each R: Decodable>(
    _ arguments: repeat each A,
    returning results: repeat (each R).Type,
    send: ([UInt8]) async -> CallResult
) async throws -> (repeat each R) {
    let reply = try await send(try Candid.encodeArguments(repeat each arguments)).get()
    return try Candid.decodeArguments(reply, as: repeat each results)
}
