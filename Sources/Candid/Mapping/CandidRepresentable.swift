// Sources/Candid/Mapping/CandidRepresentable.swift - Swift types with a fixed Candid mapping

/// A Swift type with a fixed Candid type and a direct value mapping.
///
/// The standard library's `Bool`, integers, `Float`, `Double`, `String`, `Array` (`[UInt8]` is a
/// `blob`) and `Optional` conform, as do ``Principal``, ``BigInt``, ``CandidNat``, ``CandidNull`` and
/// ``CandidReserved``. Codable types go through ``CandidEncoder`` and ``CandidDecoder``, which use
/// this mapping whenever they meet a conforming type, before looking at its Codable conformance.
///
/// | Swift | Candid |
/// |---|---|
/// | `Bool` | `bool` |
/// | `UInt8`, `UInt16`, `UInt32`, `UInt64`, `UInt` | `nat8`, `nat16`, `nat32`, `nat64`, `nat64` |
/// | `Int8`, `Int16`, `Int32`, `Int64`, `Int` | `int8`, `int16`, `int32`, `int64`, `int64` |
/// | `Float`, `Double` | `float32`, `float64` |
/// | `String` | `text` |
/// | `[UInt8]` | `blob` |
/// | `[T]`, `T?` | `vec T`, `opt T` |
public protocol CandidRepresentable {
    /// The Candid type of every value of this Swift type.
    static var candidType: CandidType { get }
    /// This value as a Candid value of ``candidType``.
    var candidValue: CandidValue { get }
    /// Reads a Candid value of ``candidType``.
    ///
    /// - Throws: ``CandidError`` with code `typeMismatch` when the value has another type.
    init(candidValue: CandidValue) throws
}

extension Bool: CandidRepresentable {
    public static var candidType: CandidType { .bool }
    public var candidValue: CandidValue { .bool(self) }
    public init(candidValue: CandidValue) throws {
        guard case .bool(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "bool", found: candidValue)
        }
        self = value
    }
}

extension UInt8: CandidRepresentable {
    public static var candidType: CandidType { .nat8 }
    public var candidValue: CandidValue { .nat8(self) }
    public init(candidValue: CandidValue) throws {
        guard case .nat8(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "nat8", found: candidValue)
        }
        self = value
    }
}

extension UInt16: CandidRepresentable {
    public static var candidType: CandidType { .nat16 }
    public var candidValue: CandidValue { .nat16(self) }
    public init(candidValue: CandidValue) throws {
        guard case .nat16(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "nat16", found: candidValue)
        }
        self = value
    }
}

extension UInt32: CandidRepresentable {
    public static var candidType: CandidType { .nat32 }
    public var candidValue: CandidValue { .nat32(self) }
    public init(candidValue: CandidValue) throws {
        guard case .nat32(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "nat32", found: candidValue)
        }
        self = value
    }
}

extension UInt64: CandidRepresentable {
    public static var candidType: CandidType { .nat64 }
    public var candidValue: CandidValue { .nat64(self) }
    public init(candidValue: CandidValue) throws {
        guard case .nat64(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "nat64", found: candidValue)
        }
        self = value
    }
}

/// `UInt` is `nat64`.
extension UInt: CandidRepresentable {
    public static var candidType: CandidType { .nat64 }
    public var candidValue: CandidValue { .nat64(UInt64(self)) }
    public init(candidValue: CandidValue) throws {
        guard case .nat64(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "nat64", found: candidValue)
        }
        guard let fitting = UInt(exactly: value) else {
            throw CandidError(.mapping, "nat64 \(value) does not fit in UInt")
        }
        self = fitting
    }
}

extension Int8: CandidRepresentable {
    public static var candidType: CandidType { .int8 }
    public var candidValue: CandidValue { .int8(self) }
    public init(candidValue: CandidValue) throws {
        guard case .int8(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "int8", found: candidValue)
        }
        self = value
    }
}

extension Int16: CandidRepresentable {
    public static var candidType: CandidType { .int16 }
    public var candidValue: CandidValue { .int16(self) }
    public init(candidValue: CandidValue) throws {
        guard case .int16(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "int16", found: candidValue)
        }
        self = value
    }
}

extension Int32: CandidRepresentable {
    public static var candidType: CandidType { .int32 }
    public var candidValue: CandidValue { .int32(self) }
    public init(candidValue: CandidValue) throws {
        guard case .int32(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "int32", found: candidValue)
        }
        self = value
    }
}

extension Int64: CandidRepresentable {
    public static var candidType: CandidType { .int64 }
    public var candidValue: CandidValue { .int64(self) }
    public init(candidValue: CandidValue) throws {
        guard case .int64(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "int64", found: candidValue)
        }
        self = value
    }
}

/// `Int` is `int64`.
extension Int: CandidRepresentable {
    public static var candidType: CandidType { .int64 }
    public var candidValue: CandidValue { .int64(Int64(self)) }
    public init(candidValue: CandidValue) throws {
        guard case .int64(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "int64", found: candidValue)
        }
        guard let fitting = Int(exactly: value) else {
            throw CandidError(.mapping, "int64 \(value) does not fit in Int")
        }
        self = fitting
    }
}

extension Float: CandidRepresentable {
    public static var candidType: CandidType { .float32 }
    public var candidValue: CandidValue { .float32(self) }
    public init(candidValue: CandidValue) throws {
        guard case .float32(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "float32", found: candidValue)
        }
        self = value
    }
}

extension Double: CandidRepresentable {
    public static var candidType: CandidType { .float64 }
    public var candidValue: CandidValue { .float64(self) }
    public init(candidValue: CandidValue) throws {
        guard case .float64(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "float64", found: candidValue)
        }
        self = value
    }
}

extension String: CandidRepresentable {
    public static var candidType: CandidType { .text }
    public var candidValue: CandidValue { .text(self) }
    public init(candidValue: CandidValue) throws {
        guard case .text(let value) = candidValue else {
            throw CandidError.mappingMismatch(expected: "text", found: candidValue)
        }
        self = value
    }
}

/// `[T]` is `vec T`; `[UInt8]` is `blob`, held as `CandidValue.blob` without touching each byte.
extension Array: CandidRepresentable where Element: CandidRepresentable {
    public static var candidType: CandidType { .vec(Element.candidType) }

    public var candidValue: CandidValue {
        if Element.self == UInt8.self, let bytes = mappingCast(self, to: [UInt8].self) { return .blob(bytes) }
        return .vec(map(\.candidValue))
    }

    /// Reads a `vec`; a `blob` value is accepted for any element type of Candid type `nat8`.
    public init(candidValue: CandidValue) throws {
        switch candidValue {
        case .blob(let bytes):
            if let same = mappingCast(bytes, to: [Element].self) {
                self = same
                return
            }
            var result: [Element] = []
            result.reserveCapacity(bytes.count)
            for (index, byte) in bytes.enumerated() {
                result.append(try withMappingPath(String(index)) { try Element(candidValue: .nat8(byte)) })
            }
            self = result
        case .vec(let items):
            var result: [Element] = []
            result.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                result.append(try withMappingPath(String(index)) { try Element(candidValue: item) })
            }
            self = result
        default:
            throw CandidError.mappingMismatch(expected: Self.candidType.mappingKind, found: candidValue)
        }
    }
}

/// `T?` is `opt T`. `null` reads as `nil` (it coerces to any `opt`).
extension Optional: CandidRepresentable where Wrapped: CandidRepresentable {
    public static var candidType: CandidType { .opt(Wrapped.candidType) }

    public var candidValue: CandidValue {
        switch self {
        case .none: .opt(nil)
        case .some(let wrapped): .opt(wrapped.candidValue)
        }
    }

    public init(candidValue: CandidValue) throws {
        switch candidValue {
        case .opt(.none), .null: self = .none
        case .opt(.some(let inner)): self = .some(try Wrapped(candidValue: inner))
        default: throw CandidError.mappingMismatch(expected: "opt", found: candidValue)
        }
    }
}
