// Sources/Candid/Mapping/CandidEncoder.swift - Encodable Swift values to Candid values

/// Encodes Swift values as Candid values.
///
/// A ``CandidRepresentable`` type uses its own mapping. Otherwise the value's `Encodable`
/// conformance decides: a keyed container is a `record` (label = the key's `intValue` if it has
/// one, else its `stringValue`), an enum's keyed container is a `variant`, an unkeyed container is a
/// `vec`, and a single value is that value. `Optional` is `opt` (an absent optional field is
/// `opt` null, never a missing field), `Set` is a `vec` sorted by value and `Dictionary` is
/// `vec record { key; value }` sorted by key, so that the same value always gives the same bytes.
///
/// Enum case payloads: no associated values → `null`; exactly one unlabeled value → that value
/// (`case Image(ImageAssetMetadata)` is `Image : ImageAssetMetadata`); several values → a record
/// with their labels, or tuple ids 0, 1, … when unlabeled. CaseIterable enums with String raw
/// values are variants whose labels are the raw values.
public struct CandidEncoder: Sendable {
    /// An encoder; it has no options.
    public init() {}

    /// The Candid value of a Swift value.
    ///
    /// - Throws: ``CandidError`` with code `mapping` (and the path into the value) when the value
    ///   has no Candid form, for example an enum whose keyed container has two keys.
    public func encode<T: Encodable>(_ value: T) throws -> CandidValue {
        try EncodingCore.encode(value, at: .root)
    }

    /// A `Result` as `variant { Ok : Success; Err : Failure }`.
    public func encode<Success: Encodable, Failure: Encodable & Error>(
        _ result: Result<Success, Failure>
    ) throws -> CandidValue {
        try EncodingCore.encodeResult(result, at: .root)
    }
}

/// The encoding entry point every level of the bridge goes through.
enum EncodingCore {
    static func encode<T: Encodable>(_ value: T, at path: MappingPath) throws -> CandidValue {
        if let representable = T.self as? any CandidRepresentable.Type {
            func open<R: CandidRepresentable>(_ type: R.Type) -> CandidValue? {
                mappingCast(value, to: R.self)?.candidValue
            }
            if let result = open(representable) { return result }
        }
        if T.self is any CandidOptionalEncoding.Type,
            let optional = mappingCast(value, to: (any CandidOptionalEncoding).self)
        {
            return try optional.candidEncodeOptional(at: path)
        }
        if T.self is any CandidDictionaryEncoding.Type,
            let dictionary = mappingCast(value, to: (any CandidDictionaryEncoding).self)
        {
            return try dictionary.candidEncodeEntries(at: path)
        }
        if T.self is any CandidSetEncoding.Type, let set = mappingCast(value, to: (any CandidSetEncoding).self) {
            return try set.candidEncodeElements(at: path)
        }
        if let label = MappingTraits.stringEnumLabel(value) {
            return .variant(label, .null)
        }
        let encoder = MappingValueEncoder(path: path, isEnum: MappingTraits.isEnum(value))
        do {
            try value.encode(to: encoder)
        } catch let error as CandidError {
            throw error
        } catch let error as EncodingError {
            throw CandidError(.mapping, "\(T.self): \(error.mappingMessage)", path: path.components)
        } catch {
            throw CandidError(.mapping, "\(T.self).encode(to:) failed: \(error)", path: path.components)
        }
        return try encoder.finish(typeName: "\(T.self)")
    }

    static func encodeResult<Success: Encodable, Failure: Encodable>(
        _ result: Result<Success, Failure>, at path: MappingPath
    ) throws -> CandidValue {
        switch result {
        case .success(let value):
            return .variant(CandidLabel("Ok"), try encode(value, at: path.appending("Ok")))
        case .failure(let error):
            return .variant(CandidLabel("Err"), try encode(error, at: path.appending("Err")))
        }
    }
}

extension EncodingError {
    var mappingMessage: String {
        switch self {
        case .invalidValue(_, let context): context.debugDescription
        @unknown default: "\(self)"
        }
    }
}
