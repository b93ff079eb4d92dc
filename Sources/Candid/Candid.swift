// Sources/Candid/Candid.swift - the entry points: binary and text, typed and untyped

/// Namespace for encoding, decoding, parsing and printing Candid messages. STUB signatures: the
/// Candid work implements them.
public enum Candid {
    /// Encodes an argument tuple as a `DIDL` message at the given types.
    public static func encode(
        _ values: [CandidValue],
        as types: [CandidType],
        in environment: CandidTypeEnvironment = .init()
    ) throws -> [UInt8] {
        throw CandidError(.unsupported, "not yet implemented")
    }

    /// Encodes an argument tuple, each value at the type it carries.
    public static func encode(_ values: [CandidValue]) throws -> [UInt8] {
        throw CandidError(.unsupported, "not yet implemented")
    }

    /// Decodes a `DIDL` message at the expected types, with the spec's coercion.
    public static func decode(
        _ bytes: [UInt8],
        as types: [CandidType],
        in environment: CandidTypeEnvironment = .init(),
        limits: CandidLimits = .default
    ) throws -> [CandidValue] {
        throw CandidError(.unsupported, "not yet implemented")
    }

    /// Decodes a `DIDL` message at its own wire types.
    public static func decode(
        _ bytes: [UInt8],
        limits: CandidLimits = .default
    ) throws -> [CandidValue] {
        throw CandidError(.unsupported, "not yet implemented")
    }

    /// Parses a textual argument tuple such as `(42 : nat, record { a = "x" })`, typed at `types` when given.
    public static func parseArguments(
        _ text: String,
        as types: [CandidType]? = nil,
        in environment: CandidTypeEnvironment = .init()
    ) throws -> [CandidValue] {
        throw CandidError(.unsupported, "not yet implemented")
    }

    /// Prints an argument tuple as Candid text: `(42 : nat, record { a = "x" })`.
    public static func printArguments(_ values: [CandidValue]) -> String { "" }
}
