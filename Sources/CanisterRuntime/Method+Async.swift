// Sources/CanisterRuntime/Method+Async.swift - methods that await inter-canister calls

import Candid

extension Method {
    /// An update method that may await inter-canister calls through its ``AsyncContext``.
    ///
    /// Each `await` on ``AsyncContext/call(_:_:_:returning:)`` ends a message execution: the state is
    /// committed, other messages may run, and the reply resumes the handler as a new message that sees the
    /// canister's then-current state. A trap rolls back only to the last await. Such a method runs through a
    /// ``Scheduler``; the synchronous ``Replica/update(_:method:argument:caller:)`` refuses it.
    ///
    /// ```swift
    /// .asyncUpdate("withdraw") { (context: AsyncContext<Escrow>, amount: UInt64) async throws -> Bool in
    ///     guard context.state.balance >= amount else { return false }
    ///     _ = try await context.call(ledger, "transfer", amount, returning: Bool.self)
    ///     context.state.balance -= amount
    ///     return true
    /// }
    /// ```
    public static func asyncUpdate<each A: Codable & SendableMetatype, each R: Codable & SendableMetatype>(
        _ name: String,
        _ body: @escaping @Sendable (AsyncContext<C>, repeat each A) async throws -> (repeat each R)
    ) -> Method {
        Method(
            name: name,
            kind: .update,
            signature: { try MethodTypes(arguments: repeat (each A).self, results: repeat (each R).self) },
            handler: .asyncUpdate { context, bytes in
                let arguments = try decodeCallArguments(bytes, as: repeat (each A).self)
                let results = try await body(context, repeat each arguments)
                return try encodeReply(repeat each results)
            }
        )
    }

    /// A composite query: a query that may await query methods of other canisters (or its own) through its
    /// ``CompositeQueryContext``. Nothing it or its callees do persists. It runs through
    /// ``Scheduler/query(_:method:argument:caller:)``; an update call to it is rejected (IC0527).
    public static func compositeQuery<each A: Codable & SendableMetatype, each R: Codable & SendableMetatype>(
        _ name: String,
        _ body: @escaping @Sendable (CompositeQueryContext<C>, repeat each A) async throws -> (repeat each R)
    ) -> Method {
        Method(
            name: name,
            kind: .query,
            signature: { try MethodTypes(arguments: repeat (each A).self, results: repeat (each R).self) },
            handler: .compositeQuery { context, bytes in
                let arguments = try decodeCallArguments(bytes, as: repeat (each A).self)
                let results = try await body(context, repeat each arguments)
                return try encodeReply(repeat each results)
            }
        )
    }
}

extension Trap {
    /// A method that awaits calls was called through the synchronous path.
    static func awaitsCalls(_ method: String) -> Trap {
        Trap(
            errorCode: .canisterContractViolation,
            message: "method '\(method)' awaits inter-canister calls: send it through a Scheduler "
                + "(Scheduler.submit / update / query), not the synchronous call path"
        )
    }
}
