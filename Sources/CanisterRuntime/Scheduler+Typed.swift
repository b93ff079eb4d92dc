// Sources/CanisterRuntime/Scheduler+Typed.swift - scheduler calls with Swift values, encoded as Candid

public import Candid

extension Scheduler {
    /// Queues an ingress update call with Swift arguments and returns its id.
    ///
    /// - Throws: ``SchedulerError``, or `CandidError` when the arguments do not encode.
    public nonisolated func submit<each A: Encodable>(
        _ canister: Principal,
        _ method: String,
        _ arguments: repeat each A,
        caller: Principal = .anonymous
    ) async throws -> MessageID {
        let bytes = try Candid.encodeArguments(repeat each arguments)
        return try await submit(canister, method: method, argument: bytes, caller: caller)
    }

    /// Submits an update call and runs messages until it has its result (PocketIC's `update_call`).
    ///
    /// - Throws: ``Reject`` when the call fails, ``SchedulerError``, or `CandidError`.
    public nonisolated func update<each A: Encodable, each R: Decodable>(
        _ canister: Principal,
        _ method: String,
        _ arguments: repeat each A,
        caller: Principal = .anonymous,
        returning results: repeat (each R).Type
    ) async throws -> (repeat each R) {
        let id = try await submit(canister, method, repeat each arguments, caller: caller)
        let reply = try await result(of: id).get()
        return try Candid.decodeArguments(reply, as: repeat each results)
    }

    /// A query (plain or composite) with Swift arguments and results.
    ///
    /// - Throws: ``Reject`` when the query fails, or `CandidError`.
    public nonisolated func query<each A: Encodable, each R: Decodable>(
        _ canister: Principal,
        _ method: String,
        _ arguments: repeat each A,
        caller: Principal = .anonymous,
        returning results: repeat (each R).Type
    ) async throws -> (repeat each R) {
        let bytes = try Candid.encodeArguments(repeat each arguments)
        let reply = try await query(canister, method: method, argument: bytes, caller: caller).get()
        return try Candid.decodeArguments(reply, as: repeat each results)
    }
}
