// Sources/Candid/Candid+Binary.swift - binary entry points. STUB: the Candid work implements them.

extension Candid {
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
}
