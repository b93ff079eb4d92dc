// Sources/CanisterRuntime/Method+Typed.swift - methods declared with Swift types, through the Candid mapping

import Candid

extension Method {
    /// An update method with typed arguments and results.
    ///
    /// - Parameters:
    ///   - name: The exported name.
    ///   - body: The handler: the state (`inout`), the context, then the decoded arguments; it returns the
    ///     results. Throwing traps (rolls the message back) unless the error is a ``CanisterRejection``.
    public static func update<each A: Codable & SendableMetatype, each R: Codable & SendableMetatype>(
        _ name: String,
        _ body: @escaping @Sendable (inout C, inout CallContext, repeat each A) throws -> (repeat each R)
    ) -> Method {
        Method(
            name: name,
            kind: .update,
            signature: { try MethodTypes(arguments: repeat (each A).self, results: repeat (each R).self) },
            handler: .update { state, context, bytes in
                let arguments = try decodeCallArguments(bytes, as: repeat (each A).self)
                let results = try body(&state, &context, repeat each arguments)
                return try encodeReply(repeat each results)
            }
        )
    }

    /// A query method with typed arguments and results. The state comes by value and the context is
    /// read-only: nothing a query does persists.
    public static func query<each A: Codable & SendableMetatype, each R: Codable & SendableMetatype>(
        _ name: String,
        _ body: @escaping @Sendable (C, QueryContext, repeat each A) throws -> (repeat each R)
    ) -> Method {
        Method(
            name: name,
            kind: .query,
            signature: { try MethodTypes(arguments: repeat (each A).self, results: repeat (each R).self) },
            handler: .query { state, context, bytes in
                let arguments = try decodeCallArguments(bytes, as: repeat (each A).self)
                let results = try body(state, context, repeat each arguments)
                return try encodeReply(repeat each results)
            }
        )
    }
}

extension MethodTypes {
    /// The Candid types of Swift argument and result types.
    init<each A: Decodable, each R: Decodable>(arguments: repeat (each A).Type, results: repeat (each R).Type) throws {
        var environment: [String: CandidType] = [:]
        let argumentSlots = try Self.slots(of: repeat each arguments, environment: &environment)
        let resultSlots = try Self.slots(of: repeat each results, environment: &environment)
        self.init(arguments: argumentSlots, results: resultSlots, environment: environment)
    }

    /// The slots of Swift types; definitions of the recursive types they name go into `environment`.
    static func slots<each T: Decodable>(
        of types: repeat (each T).Type,
        environment: inout [String: CandidType]
    ) throws -> [Slot] {
        var slots: [Slot] = []
        for type in repeat each types {
            slots.append(try Slot(type, environment: &environment))
        }
        return slots
    }
}

extension MethodTypes.Slot {
    /// The slot of a Swift type; the definitions of recursive types it names go into `environment`.
    init<T: Decodable>(_ type: T.Type, environment: inout [String: CandidType]) throws {
        let definition = try CandidDecoder().candidTypeDefinition(of: type)
        environment.merge(definition.environment.definitions) { first, _ in first }
        self.init(type: definition.type, swiftName: String(describing: type))
    }

    /// The slot of a `Result`, `variant { Ok : Success; Err : Failure }`.
    init<Success: Decodable, Failure: Decodable & Error>(_ type: Result<Success, Failure>.Type) throws {
        self.init(type: try CandidDecoder().candidType(of: type), swiftName: String(describing: type))
    }
}

/// Decodes a message's argument bytes at the endpoint limits (``CandidLimits/endpoint``: a skipping quota of
/// 10_000 on top of the defaults); a failure traps (IC0503) with the Candid error, like a CDK canister.
func decodeCallArguments<each A: Decodable>(_ bytes: [UInt8], as types: repeat (each A).Type) throws(Trap)
    -> (repeat each A)
{
    do {
        return try Candid.decodeArguments(bytes, as: repeat each types, limits: .endpoint)
    } catch {
        throw Trap("failed to decode call arguments: \(error)")
    }
}

/// Encodes a handler's results; a failure traps (IC0503).
func encodeReply<each R: Encodable>(_ results: repeat each R) throws(Trap) -> [UInt8] {
    do {
        return try Candid.encodeArguments(repeat each results)
    } catch {
        throw Trap("failed to encode the reply: \(error)")
    }
}
