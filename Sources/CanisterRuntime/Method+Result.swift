// Sources/CanisterRuntime/Method+Result.swift - methods that return a Swift Result as a Candid variant

import Candid

extension Method {
    /// An update method whose result is a `Result`, sent as `variant { Ok : Success; Err : Failure }`.
    ///
    /// Returning `.failure` is a normal reply (the message's changes are kept); throwing still traps.
    public static func update<
        each A: Codable & SendableMetatype,
        Success: Codable & SendableMetatype,
        Failure: Codable & Error & SendableMetatype
    >(
        _ name: String,
        _ body: @escaping @Sendable (inout C, inout CallContext, repeat each A) throws -> Result<Success, Failure>
    ) -> Method {
        Method(
            name: name,
            kind: .update,
            signature: { try MethodTypes(arguments: repeat (each A).self, result: Result<Success, Failure>.self) },
            handler: .update { state, context, bytes in
                let arguments = try decodeCallArguments(bytes, as: repeat (each A).self)
                return try encodeResultReply(try body(&state, &context, repeat each arguments))
            }
        )
    }

    /// A query method whose result is a `Result`, sent as `variant { Ok : Success; Err : Failure }`.
    public static func query<
        each A: Codable & SendableMetatype,
        Success: Codable & SendableMetatype,
        Failure: Codable & Error & SendableMetatype
    >(
        _ name: String,
        _ body: @escaping @Sendable (C, QueryContext, repeat each A) throws -> Result<Success, Failure>
    ) -> Method {
        Method(
            name: name,
            kind: .query,
            signature: { try MethodTypes(arguments: repeat (each A).self, result: Result<Success, Failure>.self) },
            handler: .query { state, context, bytes in
                let arguments = try decodeCallArguments(bytes, as: repeat (each A).self)
                return try encodeResultReply(try body(state, context, repeat each arguments))
            }
        )
    }
}

extension MethodTypes {
    /// The Candid types of Swift argument types and a `Result` result.
    init<each A: Decodable, Success: Decodable, Failure: Decodable & Error>(
        arguments: repeat (each A).Type,
        result: Result<Success, Failure>.Type
    ) throws {
        var environment: [String: CandidType] = [:]
        let argumentSlots = try Self.slots(of: repeat each arguments, environment: &environment)
        self.init(arguments: argumentSlots, results: [try Slot(result)], environment: environment)
    }
}

/// Encodes a `Result` reply; a failure to encode traps (IC0503).
func encodeResultReply<Success: Encodable, Failure: Encodable & Error>(
    _ result: Result<Success, Failure>
) throws(Trap) -> [UInt8] {
    do {
        return try Candid.encodeArguments(result)
    } catch {
        throw Trap("failed to encode the reply: \(error)")
    }
}
