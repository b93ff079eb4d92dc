// Sources/Candid/Mapping/CandidDecoder.swift - Candid values to Decodable Swift values, and type discovery

/// Decodes Swift values from Candid values, and derives the Candid type of a Swift type.
///
/// The mapping is the one ``CandidEncoder`` documents. Decoding is value-directed: a record field
/// the Swift type does not ask for is ignored, a missing field reads as `nil` when its Swift type is
/// an `Optional` (or ``CandidNull`` / ``CandidReserved``), and a missing field of any other type is a
/// `missingField` error. Errors carry the path into the value: `["Image", "base", "bytes"]`.
public struct CandidDecoder: Sendable {
    /// A decoder; it has no options.
    public init() {}

    /// A Swift value from a Candid value.
    ///
    /// - Throws: ``CandidError`` with code `typeMismatch` (the value has another type than the Swift
    ///   type maps to), `missingField`, or `mapping` (an unknown variant case, an error thrown by the
    ///   type's own `init(from:)`), with ``CandidError/path`` set.
    public func decode<T: Decodable>(_ type: T.Type, from value: CandidValue) throws -> T {
        try DecodingCore.decode(T.self, from: value, at: .root)
    }

    /// A `Result` from `variant { Ok : Success; Err : Failure }`.
    public func decode<Success: Decodable, Failure: Decodable & Error>(
        _ type: Result<Success, Failure>.Type, from value: CandidValue
    ) throws -> Result<Success, Failure> {
        try DecodingCore.decodeResult(type, from: value, at: .root)
    }

    /// The Candid type of a Decodable Swift type, discovered without a value and cached per type.
    ///
    /// Enums need their cases listed once, because Swift cannot enumerate a synthesized `CodingKeys`:
    /// an enum with associated values declares `enum CodingKeys: CodingKey, CaseIterable { case A, B }`;
    /// an enum without associated values may instead conform to `CaseIterable`.
    ///
    /// A recursive type (through `Optional` or `Array`) is returned as `.named`; use
    /// ``candidTypeDefinition(of:)`` to get its definitions as well.
    ///
    /// - Throws: ``CandidError`` with code `mapping` naming the Swift type that cannot be mapped.
    public func candidType<T: Decodable>(of type: T.Type) throws -> CandidType {
        try TypeDiscovery.discover(T.self).type
    }

    /// The Candid type of a `Result`: `variant { Ok : Success; Err : Failure }`.
    public func candidType<Success: Decodable, Failure: Decodable & Error>(
        of type: Result<Success, Failure>.Type
    ) throws -> CandidType {
        try TypeDiscovery.discoverResult(Success.self, Failure.self, key: ObjectIdentifier(type)).type
    }

    /// The Candid type of a Decodable Swift type with the definitions of the recursive types it names.
    public func candidTypeDefinition<T: Decodable>(of type: T.Type) throws -> CandidTypeDefinition {
        try TypeDiscovery.discover(T.self)
    }
}

/// A Candid type with the definitions of the named (recursive) types it refers to.
public struct CandidTypeDefinition: Hashable, Sendable {
    /// The type; `.named` when the Swift type itself is recursive.
    public var type: CandidType
    /// Definitions of the recursive types `type` names, keyed by Swift type name; empty when none.
    public var environment: CandidTypeEnvironment

    /// A type with the definitions it names.
    public init(type: CandidType, environment: CandidTypeEnvironment = .init()) {
        self.type = type
        self.environment = environment
    }
}

/// The decoding entry point every level of the bridge goes through.
enum DecodingCore {
    static func decode<T: Decodable>(_ type: T.Type, from value: CandidValue, at path: MappingPath) throws -> T {
        if let representableType = T.self as? any CandidRepresentable.Type {
            func open<R: CandidRepresentable>(_ type: R.Type) throws -> T {
                let decoded = try representable(R.self, from: value, at: path)
                guard let result = mappingCast(decoded, to: T.self) else {
                    throw CandidError(.mapping, "\(R.self) is not \(T.self)", path: path.components)
                }
                return result
            }
            return try open(representableType)
        }
        if let optional = T.self as? any CandidOptionalDecoding.Type {
            return try cast(try optional.candidDecodeOptional(from: value, at: path), path)
        }
        if let dictionary = T.self as? any CandidDictionaryDecoding.Type {
            return try cast(try dictionary.candidDecodeEntries(from: value, at: path), path)
        }
        if let cases = MappingTraits.stringEnumCases(T.self) {
            guard case .variant(let label, _) = value else {
                throw CandidError.mappingMismatch(expected: "variant", found: value, path: path.components)
            }
            guard let match = cases.first(where: { $0.label == label }) else {
                throw CandidError(
                    .mapping, "variant case \(MappingLabels.display(label)) is not a case of \(T.self)",
                    path: path.components)
            }
            return match.value
        }
        let decoder = MappingValueDecoder(value: value, path: path)
        do {
            return try T(from: decoder)
        } catch let error as CandidError {
            throw error
        } catch let error as DecodingError {
            if case .variant(let label, _) = value, case .typeMismatch = error {
                throw CandidError(
                    .mapping, "variant case \(MappingLabels.display(label)) is not a case of \(T.self)",
                    path: path.components)
            }
            throw CandidError(.mapping, "\(T.self): \(error.mappingMessage)", path: path.components)
        } catch {
            throw CandidError(.mapping, "\(T.self).init(from:) failed: \(error)", path: path.components)
        }
    }

    static func representable<R: CandidRepresentable>(
        _ type: R.Type, from value: CandidValue, at path: MappingPath
    ) throws -> R {
        do {
            return try R(candidValue: value)
        } catch let error as CandidError {
            throw error.prefixingPath(path.components)
        }
    }

    static func decodeResult<Success: Decodable, Failure: Decodable>(
        _ type: Result<Success, Failure>.Type, from value: CandidValue, at path: MappingPath
    ) throws -> Result<Success, Failure> {
        guard case .variant(let label, let payload) = value else {
            throw CandidError.mappingMismatch(expected: "variant { Ok; Err }", found: value, path: path.components)
        }
        switch label {
        case CandidLabel("Ok"): return .success(try decode(Success.self, from: payload, at: path.appending("Ok")))
        case CandidLabel("Err"): return .failure(try decode(Failure.self, from: payload, at: path.appending("Err")))
        default:
            throw CandidError(
                .mapping, "variant case \(MappingLabels.display(label)) is not Ok or Err", path: path.components)
        }
    }

    private static func cast<Source, T>(_ value: Source, _ path: MappingPath) throws -> T {
        guard let result = mappingCast(value, to: T.self) else {
            throw CandidError(.mapping, "\(Source.self) is not \(T.self)", path: path.components)
        }
        return result
    }
}

extension DecodingError {
    var mappingMessage: String {
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
            .dataCorrupted(let context):
            context.debugDescription
        @unknown default: "\(self)"
        }
    }
}
