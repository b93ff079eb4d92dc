// Sources/Candid/CandidType.swift - the Candid type model

/// A Candid type.
///
/// Composite types nest directly; recursive types go through `.named`, resolved in a
/// ``CandidTypeEnvironment``. Record and variant fields are kept sorted by label id.
public indirect enum CandidType: Hashable, Sendable {
    case null, bool, nat, int
    case nat8, nat16, nat32, nat64
    case int8, int16, int32, int64
    case float32, float64
    case text, reserved, empty, principal
    case opt(CandidType)
    case vec(CandidType)
    case record([CandidField])
    case variant([CandidField])
    case function(CandidFunctionType)
    case service(CandidServiceType)
    /// A reference to a definition in a ``CandidTypeEnvironment`` (`type Node = record { ... }`).
    case named(String)

    /// `blob`, the shorthand for `vec nat8`.
    public static var blob: CandidType { .vec(.nat8) }
}

/// A record or variant field label: a name (hashed to its id) or a bare number.
public struct CandidLabel: Hashable, Sendable, Comparable {
    /// The 32-bit id the binary format carries.
    public let id: UInt32
    /// The name, when the label was written as one.
    public let name: String?

    /// A named label; its id is the Candid label hash of the UTF-8 bytes.
    public init(_ name: String) {
        self.id = CandidLabel.hash(name)
        self.name = name
    }

    /// A numeric label (tuple fields, `0 = ...`).
    public init(id: UInt32) {
        self.id = id
        self.name = nil
    }

    /// The label hash: `h = h * 223 + byte` over the UTF-8 bytes, modulo 2^32.
    public static func hash(_ name: String) -> UInt32 {
        var h: UInt32 = 0
        for byte in name.utf8 { h = h &* 223 &+ UInt32(byte) }
        return h
    }

    public static func < (lhs: CandidLabel, rhs: CandidLabel) -> Bool { lhs.id < rhs.id }

    /// Labels are equal when their ids are: the wire carries only the id.
    public static func == (lhs: CandidLabel, rhs: CandidLabel) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// A field of a record or variant type.
public struct CandidField: Hashable, Sendable {
    /// The field's label (its name or number; compared by id).
    public var label: CandidLabel
    /// The field's type.
    public var type: CandidType
    /// A field `label : type`.
    public init(_ label: CandidLabel, _ type: CandidType) {
        self.label = label
        self.type = type
    }
}

/// A function reference type: `func (A) -> (R) query`.
public struct CandidFunctionType: Hashable, Sendable {
    /// A function annotation; the raw value is its byte on the wire, which also orders modes.
    public enum Mode: UInt8, Hashable, Sendable, Comparable {
        case query = 1, oneway = 2, compositeQuery = 3
        public static func < (lhs: Mode, rhs: Mode) -> Bool { lhs.rawValue < rhs.rawValue }
    }
    /// The argument types.
    public var arguments: [CandidType]
    /// The result types.
    public var results: [CandidType]
    /// The annotations (`query`, `oneway`, `composite_query`); none for an update method.
    public var modes: [Mode]
    /// A function type `(arguments) -> (results) modes`.
    public init(arguments: [CandidType], results: [CandidType], modes: [Mode] = []) {
        self.arguments = arguments
        self.results = results
        self.modes = modes
    }
}

/// A service reference type: its methods sorted by name (byte order).
public struct CandidServiceType: Hashable, Sendable {
    /// One method `name : type` of a service.
    public struct Method: Hashable, Sendable {
        /// The method's name.
        public var name: String
        /// A `.function` type, or a `.named` one that resolves to a function.
        public var type: CandidType
        /// A method `name : type`.
        public init(name: String, type: CandidType) {
            self.name = name
            self.type = type
        }
    }
    /// The methods (the binary encoder writes them sorted by name).
    public var methods: [Method]
    /// A service type with these methods.
    public init(methods: [Method]) { self.methods = methods }
}

/// Named type definitions, as a `.did` file's `type X = ...;` lines give them.
public struct CandidTypeEnvironment: Hashable, Sendable {
    /// Each defined name's type.
    public var definitions: [String: CandidType]
    /// An environment with these definitions.
    public init(_ definitions: [String: CandidType] = [:]) { self.definitions = definitions }
}

extension CandidType {
    /// The same type with each type directly inside it (element, field, argument, result and method
    /// types) passed through `transform`; primitives and `.named` are returned as they are. Type
    /// namers build their rewrites on it (package access).
    package func rewritten(_ transform: (CandidType) -> CandidType) -> CandidType {
        switch self {
        case .opt(let inner): .opt(transform(inner))
        case .vec(let inner): .vec(transform(inner))
        case .record(let fields): .record(fields.map { CandidField($0.label, transform($0.type)) })
        case .variant(let fields): .variant(fields.map { CandidField($0.label, transform($0.type)) })
        case .function(let function):
            .function(
                CandidFunctionType(
                    arguments: function.arguments.map(transform), results: function.results.map(transform),
                    modes: function.modes))
        case .service(let service):
            .service(
                CandidServiceType(methods: service.methods.map { .init(name: $0.name, type: transform($0.type)) }))
        default: self
        }
    }
}
