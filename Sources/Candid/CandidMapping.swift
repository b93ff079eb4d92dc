// Sources/Candid/CandidMapping.swift - Swift values to and from Candid. STUB signatures.

/// A Swift type with a fixed Candid type and value mapping (Bool, integers, Float, Double, String,
/// `[UInt8]` as blob, Array, Optional, Principal, BigInt). Codable types go through the
/// ``CandidEncoder`` / ``CandidDecoder`` bridge instead.
public protocol CandidRepresentable {
    static var candidType: CandidType { get }
    var candidValue: CandidValue { get }
    init(candidValue: CandidValue) throws
}

/// Codable to Candid: structs are records, enums with associated values are variants.
public struct CandidEncoder: Sendable {
    public init() {}
    /// The Candid value of a Swift value.
    public func encode<T: Encodable>(_ value: T) throws -> CandidValue {
        throw CandidError(.unsupported, "not yet implemented")
    }
}

/// Candid to Codable.
public struct CandidDecoder: Sendable {
    public init() {}
    /// A Swift value from a Candid value.
    public func decode<T: Decodable>(_ type: T.Type, from value: CandidValue) throws -> T {
        throw CandidError(.unsupported, "not yet implemented")
    }
    /// The Candid type of a Decodable Swift type, discovered without a value.
    public func candidType<T: Decodable>(of type: T.Type) throws -> CandidType {
        throw CandidError(.unsupported, "not yet implemented")
    }
}

extension Candid {
    /// Encodes Swift values as a `DIDL` argument tuple.
    public static func encodeArguments<each T: Encodable>(_ values: repeat each T) throws -> [UInt8] {
        throw CandidError(.unsupported, "not yet implemented")
    }

    /// Decodes a `DIDL` argument tuple into Swift values, with coercion at their Candid types.
    public static func decodeArguments<each T: Decodable>(
        _ bytes: [UInt8],
        as types: repeat (each T).Type,
        limits: CandidLimits = .default
    ) throws -> (repeat each T) {
        throw CandidError(.unsupported, "not yet implemented")
    }
}
