// Sources/CanisterRuntime/Replica+Typed.swift - installs and calls with Swift values, encoded as Candid

public import Candid

extension Replica {
    /// Creates a canister and installs `C` on it with a typed install argument.
    ///
    /// - Parameters:
    ///   - controllers: The new canister's controllers.
    ///   - sender: The installer (`init`'s caller); `nil` means the first controller.
    /// - Returns: The new canister's id.
    /// - Throws: ``Reject`` if the install fails (the canister then stays, empty), or `CandidError` if the
    ///   argument does not encode.
    @discardableResult
    public func install<C: Canister>(
        _ type: C.Type,
        argument: C.InstallArgument,
        controllers: [Principal] = [.anonymous],
        sender: Principal? = nil
    ) async throws -> Principal {
        let bytes = try encodeInstallArgument(argument)
        let canister = createCanister(controllers: controllers)
        try await install(CanisterModule(type), on: canister, argument: bytes, sender: sender)
        return canister
    }

    /// Creates a canister and installs `C`, which takes no install argument.
    ///
    /// - Throws: ``Reject`` if the install fails (the canister then stays, empty).
    @discardableResult
    public func install<C: Canister>(
        _ type: C.Type,
        controllers: [Principal] = [.anonymous],
        sender: Principal? = nil
    ) async throws -> Principal where C.InstallArgument == NoArguments {
        try await install(type, argument: NoArguments(), controllers: controllers, sender: sender)
    }

    /// Installs `C` on an existing canister in the given mode with a typed argument.
    ///
    /// - Throws: ``Reject`` as ``install(_:on:mode:argument:sender:)`` does (the canister is then unchanged),
    ///   or `CandidError` if the argument does not encode.
    public func install<C: Canister>(
        _ type: C.Type,
        on canister: Principal,
        mode: InstallMode = .install,
        argument: C.InstallArgument,
        sender: Principal? = nil
    ) async throws {
        let bytes = try encodeInstallArgument(argument)
        try await install(CanisterModule(type), on: canister, mode: mode, argument: bytes, sender: sender)
    }

    /// Upgrades a canister to `C` (the same type or another one): `pre_upgrade` on the old state, then
    /// `init(upgrade:context:)` with `argument`; stable memory is kept. Atomic: on any trap the old
    /// canister keeps running with its old stable memory and timers.
    ///
    /// - Throws: ``Reject``: IC0301, IC0512, IC0537, or the trap of `pre_upgrade` / `post_upgrade`; or
    ///   `CandidError` if the argument does not encode.
    public func upgrade<C: Canister>(
        _ canister: Principal,
        to type: C.Type,
        argument: C.InstallArgument,
        sender: Principal? = nil
    ) async throws {
        try await install(type, on: canister, mode: .upgrade, argument: argument, sender: sender)
    }

    /// Upgrades a canister to the code it already runs, with raw Candid install argument bytes.
    ///
    /// - Throws: ``Reject`` as ``install(_:on:mode:argument:sender:)`` does.
    public func upgrade(_ canister: Principal, argument: [UInt8], sender: Principal? = nil) async throws {
        guard let module = try await host(canister).module() else { throw Reject.noModule(canister) }
        try await install(module, on: canister, mode: .upgrade, argument: argument, sender: sender)
    }

    /// Replaces a canister's code, heap and stable memory with a fresh `C`.
    ///
    /// - Throws: ``Reject``: IC0301, IC0512, or the trap of `init` (the canister is then unchanged); or
    ///   `CandidError` if the argument does not encode.
    public func reinstall<C: Canister>(
        _ canister: Principal,
        with type: C.Type,
        argument: C.InstallArgument,
        sender: Principal? = nil
    ) async throws {
        try await install(type, on: canister, mode: .reinstall, argument: argument, sender: sender)
    }

    /// An update call with Swift arguments and results, encoded and decoded as Candid.
    ///
    /// ```swift
    /// let total = try await replica.update(counter, "add", UInt64(3), caller: alice, returning: UInt64.self)
    /// ```
    /// - Throws: ``Reject`` when the call fails; `CandidError` when the arguments do not encode or the
    ///   reply does not decode at the requested types.
    public func update<each A: Encodable, each R: Decodable>(
        _ canister: Principal,
        _ method: String,
        _ arguments: repeat each A,
        caller: Principal = .anonymous,
        returning results: repeat (each R).Type
    ) async throws -> (repeat each R) {
        try Candid.decodeArguments(
            try await reply(canister, method, repeat each arguments, caller: caller, kind: .update),
            as: repeat each results
        )
    }

    /// A query call with Swift arguments and results, encoded and decoded as Candid.
    ///
    /// - Throws: ``Reject`` when the call fails; `CandidError` when the arguments do not encode or the
    ///   reply does not decode at the requested types.
    public func query<each A: Encodable, each R: Decodable>(
        _ canister: Principal,
        _ method: String,
        _ arguments: repeat each A,
        caller: Principal = .anonymous,
        returning results: repeat (each R).Type
    ) async throws -> (repeat each R) {
        try Candid.decodeArguments(
            try await reply(canister, method, repeat each arguments, caller: caller, kind: .query),
            as: repeat each results
        )
    }
}

extension Replica {
    /// An update call whose reply is `variant { Ok : Success; Err : Failure }`, decoded as a `Result`.
    ///
    /// - Throws: ``Reject`` when the call fails (an `Err` reply is not a failure: it is returned);
    ///   `CandidError` when the arguments do not encode or the reply does not decode.
    public func update<each A: Encodable, Success: Decodable, Failure: Decodable & Error>(
        _ canister: Principal,
        _ method: String,
        _ arguments: repeat each A,
        caller: Principal = .anonymous,
        returning result: Result<Success, Failure>.Type
    ) async throws -> Result<Success, Failure> {
        try Candid.decodeArguments(
            try await reply(canister, method, repeat each arguments, caller: caller, kind: .update), as: result
        )
    }

    /// A query call whose reply is `variant { Ok : Success; Err : Failure }`, decoded as a `Result`.
    ///
    /// - Throws: ``Reject`` when the call fails; `CandidError` when the arguments do not encode or the reply
    ///   does not decode.
    public func query<each A: Encodable, Success: Decodable, Failure: Decodable & Error>(
        _ canister: Principal,
        _ method: String,
        _ arguments: repeat each A,
        caller: Principal = .anonymous,
        returning result: Result<Success, Failure>.Type
    ) async throws -> Result<Success, Failure> {
        try Candid.decodeArguments(
            try await reply(canister, method, repeat each arguments, caller: caller, kind: .query), as: result
        )
    }
}

extension Replica {
    /// The reply bytes of a call with Swift arguments: the one path of the typed updates and queries.
    /// - Throws: ``Reject`` when the call fails; `CandidError` when the arguments do not encode.
    private func reply<each A: Encodable>(
        _ canister: Principal,
        _ method: String,
        _ arguments: repeat each A,
        caller: Principal,
        kind: MethodKind
    ) async throws -> [UInt8] {
        let bytes = try Candid.encodeArguments(repeat each arguments)
        return try await send(canister, method: method, argument: bytes, caller: caller, kind: kind).get()
    }
}

/// The Candid bytes of an install argument: `()` for ``NoArguments``.
func encodeInstallArgument<A: Encodable>(_ argument: A) throws -> [UInt8] {
    if argument is NoArguments {
        return try Candid.encodeArguments()
    }
    return try Candid.encodeArguments(argument)
}
