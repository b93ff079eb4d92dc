// Sources/Candid/Mapping/CandidRepresentable+Candid.swift - principal, unbounded numbers, null, reserved

extension Principal: CandidRepresentable {
    public static var candidType: CandidType { .principal }
    public var candidValue: CandidValue { .principal(self) }
    public init(candidValue: CandidValue) throws {
        guard case .principal(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "principal", found: candidValue)
        }
        self = value
    }
}

/// Outside Candid (JSON, property lists) a principal is its text form, `2vxsx-fae`.
extension Principal: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = try Principal(text: try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// `BigInt` is `int`. A `nat` value reads as well, since `nat` coerces to `int`.
extension BigInt: CandidRepresentable {
    public static var candidType: CandidType { .int }
    public var candidValue: CandidValue { .int(self) }
    public init(candidValue: CandidValue) throws {
        switch candidValue {
        case .int(let value), .nat(let value): self = value
        default: throw CandidError.mappingMismatch(expected: "int", found: candidValue)
        }
    }
}

/// Outside Candid a `BigInt` is its decimal text, so that no precision is lost.
extension BigInt: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = BigInt(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a decimal integer: \(text)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An unbounded natural number: Candid `nat`. Wraps a non-negative ``BigInt``.
public struct CandidNat: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The value, never negative.
    public let value: BigInt

    /// `nil` when `value` is negative.
    public init?(_ value: BigInt) {
        guard !(value < BigInt(0)) else { return nil }
        self.value = value
    }

    /// A natural number from a fixed-width unsigned integer.
    public init<T: UnsignedInteger>(_ value: T) { self.value = BigInt(value) }

    /// A natural number literal: `let size: CandidNat = 1_800_000`.
    public init(integerLiteral value: UInt64) { self.value = BigInt(value) }

    /// The decimal digits.
    public var description: String { value.description }

    /// Numeric order.
    public static func < (lhs: CandidNat, rhs: CandidNat) -> Bool { lhs.value < rhs.value }
}

extension CandidNat: CandidRepresentable {
    public static var candidType: CandidType { .nat }
    public var candidValue: CandidValue { .nat(value) }
    public init(candidValue: CandidValue) throws {
        guard case .nat(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "nat", found: candidValue)
        }
        guard let nat = CandidNat(value) else { throw CandidError(.mapping, "nat value \(value) is negative") }
        self = nat
    }
}

/// Outside Candid a `CandidNat` is its decimal text.
extension CandidNat: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = BigInt(text), let nat = CandidNat(value) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a natural number: \(text)")
        }
        self = nat
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value.description)
    }
}

/// Candid `null`: the payload of a payload-less variant case (`variant { Ok; Err : Error }` is
/// `Result<CandidNull, Error>`), or a field that carries no information.
public struct CandidNull: Hashable, Sendable, Codable, CandidRepresentable {
    /// The null value.
    public init() {}

    public static var candidType: CandidType { .null }
    public var candidValue: CandidValue { .null }
    public init(candidValue: CandidValue) throws {
        guard case .null = candidValue else { throw CandidError.mappingMismatch(expected: "null", found: candidValue) }
    }

    /// Outside Candid, `null` / `nil`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard container.decodeNil() else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected null")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}

/// Candid `reserved`: a field whose value is ignored. Any value reads as `reserved`.
public struct CandidReserved: Hashable, Sendable, Codable, CandidRepresentable {
    /// The reserved value.
    public init() {}

    public static var candidType: CandidType { .reserved }
    public var candidValue: CandidValue { .reserved }
    /// Accepts any value: every Candid value coerces to `reserved`.
    public init(candidValue: CandidValue) throws {}

    /// Outside Candid, `null` / `nil`; any value is accepted.
    public init(from decoder: any Decoder) throws {}

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}
