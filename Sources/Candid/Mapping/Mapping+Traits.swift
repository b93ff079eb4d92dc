// Sources/Candid/Mapping/Mapping+Traits.swift - how the bridge recognizes Optional, Array, Dictionary and enums

import Synchronization

/// `Optional` as the encoder sees it: `opt`.
protocol CandidOptionalEncoding {
    func candidEncodeOptional(at path: MappingPath) throws -> CandidValue
    /// Writes the option at `opt inner` of a message written straight from Swift values.
    func candidEncodeDirect(_ session: DirectEncoding, _ inner: TypeRef) throws
}

/// `Optional` as the decoder and type discovery see it.
protocol CandidOptionalDecoding {
    static func candidDecodeOptional(from value: CandidValue, at path: MappingPath) throws -> Self
    static func candidWrappedType(in session: DiscoverySession, at path: MappingPath) throws -> CandidType
    static var candidNone: Self { get }
    /// The wrapped value at `offset` of a message decoded straight into Swift values.
    static func candidDecodeDirect(_ session: DirectDecoding, _ inner: TypeRef, at offset: Int) throws -> Self
}

extension Optional: CandidOptionalEncoding where Wrapped: Encodable {
    func candidEncodeOptional(at path: MappingPath) throws -> CandidValue {
        switch self {
        case .none: .opt(nil)
        case .some(let wrapped): .opt(try EncodingCore.encode(wrapped, at: path))
        }
    }
}

extension Optional: CandidOptionalDecoding where Wrapped: Decodable {
    static func candidDecodeOptional(from value: CandidValue, at path: MappingPath) throws -> Self {
        switch value {
        case .opt(.none), .null: return .none
        case .opt(.some(let inner)): return .some(try DecodingCore.decode(Wrapped.self, from: inner, at: path))
        default: throw CandidError.mappingMismatch(expected: "opt", found: value, path: path.components)
        }
    }

    static func candidWrappedType(in session: DiscoverySession, at path: MappingPath) throws -> CandidType {
        try session.type(of: Wrapped.self, at: path)
    }

    static var candidNone: Self { .none }
}

/// `Array` of Decodable elements, for type discovery (no sample element is needed: a recursive
/// element type becomes a named reference).
protocol CandidArrayDecoding {
    static func candidElementType(in session: DiscoverySession, at path: MappingPath) throws -> CandidType
    static var candidEmpty: Self { get }
}

extension Array: CandidArrayDecoding where Element: Decodable {
    static func candidElementType(in session: DiscoverySession, at path: MappingPath) throws -> CandidType {
        try session.type(of: Element.self, at: path)
    }

    static var candidEmpty: Self { [] }
}

/// `Dictionary` is `vec record { key; value }`, entries in the order of their encoded keys.
protocol CandidDictionaryEncoding {
    func candidEncodeEntries(at path: MappingPath) throws -> CandidValue
    /// Whether keys and values map without running their own `encode(to:)` (``CandidRepresentable``).
    static var candidElementsAreRepresentable: Bool { get }
}

protocol CandidDictionaryDecoding {
    static func candidDecodeEntries(from value: CandidValue, at path: MappingPath) throws -> Self
    static func candidEntryType(in session: DiscoverySession, at path: MappingPath) throws -> CandidType
    static var candidEmpty: Self { get }
    /// Whether keys and values map without running their own `init(from:)` (``CandidRepresentable``).
    static var candidElementsAreRepresentable: Bool { get }
}

extension Dictionary {
    static var candidElementsAreRepresentable: Bool {
        Key.self is any CandidRepresentable.Type && Value.self is any CandidRepresentable.Type
    }
}

extension Dictionary: CandidDictionaryEncoding where Key: Encodable, Value: Encodable {
    func candidEncodeEntries(at path: MappingPath) throws -> CandidValue {
        var entries: [(key: CandidValue, value: CandidValue)] = []
        entries.reserveCapacity(count)
        for (key, value) in self {
            let keyValue = try EncodingCore.encode(key, at: path.appending("key"))
            entries.append((keyValue, try EncodingCore.encode(value, at: path.appending("value"))))
        }
        entries.sort { CandidValueOrder.precedes($0.key, $1.key) }
        return .vec(
            entries.map {
                .record([
                    CandidRecordField(CandidLabel(id: 0), $0.key), CandidRecordField(CandidLabel(id: 1), $0.value),
                ])
            })
    }
}

extension Dictionary: CandidDictionaryDecoding where Key: Decodable, Value: Decodable {
    static func candidDecodeEntries(from value: CandidValue, at path: MappingPath) throws -> Self {
        guard case .vec(let items) = value else {
            throw CandidError.mappingMismatch(
                expected: "vec record { key; value }", found: value, path: path.components)
        }
        var result: [Key: Value] = [:]
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let itemPath = path.appending(String(index))
            guard case .record(let fields) = item,
                let keyField = fields.first(where: { $0.label.id == 0 }),
                let valueField = fields.first(where: { $0.label.id == 1 })
            else {
                throw CandidError.mappingMismatch(
                    expected: "record { key; value }", found: item, path: itemPath.components)
            }
            let key = try DecodingCore.decode(Key.self, from: keyField.value, at: itemPath.appending("0"))
            guard result[key] == nil else {
                throw CandidError(.mapping, "the map has key \(key) twice", path: itemPath.components)
            }
            result[key] = try DecodingCore.decode(Value.self, from: valueField.value, at: itemPath.appending("1"))
        }
        return result
    }

    static func candidEntryType(in session: DiscoverySession, at path: MappingPath) throws -> CandidType {
        let keyType = try session.type(of: Key.self, at: path.appending("0"))
        let valueType = try session.type(of: Value.self, at: path.appending("1"))
        return .vec(.record([CandidField(CandidLabel(id: 0), keyType), CandidField(CandidLabel(id: 1), valueType)]))
    }

    static var candidEmpty: Self { [:] }
}

/// `Set` is `vec`, its elements in the order of their encoded values (a set's own order changes
/// from one process to the next).
protocol CandidSetEncoding {
    func candidEncodeElements(at path: MappingPath) throws -> CandidValue
    /// Whether elements map without running their own `encode(to:)` (``CandidRepresentable``).
    static var candidElementsAreRepresentable: Bool { get }
}

extension Set: CandidSetEncoding where Element: Encodable {
    static var candidElementsAreRepresentable: Bool { Element.self is any CandidRepresentable.Type }

    func candidEncodeElements(at path: MappingPath) throws -> CandidValue {
        var elements: [CandidValue] = []
        elements.reserveCapacity(count)
        for element in self { elements.append(try EncodingCore.encode(element, at: path)) }
        elements.sort(by: CandidValueOrder.precedes)
        return .vec(elements)
    }
}

/// Per Swift type facts the bridge computes once: whether it is an enum (the encoder turns an
/// enum's keyed container into a variant), and the cases of String-raw-value CaseIterable enums.
enum MappingTraits {
    private static let enumFlags = Mutex<[ObjectIdentifier: Bool]>([:])

    /// Whether `value`'s type is an enum; cached per type.
    static func isEnum<T>(_ value: T) -> Bool {
        let id = ObjectIdentifier(T.self)
        if let known = enumFlags.withLock({ $0[id] }) { return known }
        let isEnum = Mirror(reflecting: value).displayStyle == .enum
        enumFlags.withLock { $0[id] = isEnum }
        return isEnum
    }

    /// The cases of `T` when it is a CaseIterable enum with String raw values, which maps to a
    /// variant whose labels are the raw values; `nil` otherwise (a String-raw struct stays text).
    /// Cached per type: the conformance check and `allCases` run once.
    static func stringEnumCases<T>(_ type: T.Type) -> [(label: CandidLabel, value: T)]? {
        let id = ObjectIdentifier(T.self)
        if let known = stringEnums.withLock({ $0[id] }) {
            guard let cases = known.cases else { return nil }
            return mappingCast(cases, to: [(label: CandidLabel, value: T)].self)
        }
        let cases = computeStringEnumCases(T.self)
        stringEnums.withLock { $0[id] = StringEnumCases(cases: cases) }
        return cases
    }

    private static func computeStringEnumCases<T>(_ type: T.Type) -> [(label: CandidLabel, value: T)]? {
        guard let iterable = T.self as? any (RawRepresentable<String> & CaseIterable).Type else { return nil }
        func open<E: RawRepresentable<String> & CaseIterable>(_ type: E.Type) -> [(label: CandidLabel, value: T)]? {
            let cases = Array(E.allCases)
            if let first = cases.first, !isEnum(first) { return nil }
            return cases.compactMap { item in mappingCast(item, to: T.self).map { (CandidLabel(item.rawValue), $0) } }
        }
        return open(iterable)
    }

    /// Whether `T` is a CaseIterable type with String raw values; cached per type.
    private static func isStringRawCaseIterable<T>(_ type: T.Type) -> Bool {
        let id = ObjectIdentifier(T.self)
        if let known = stringRawFlags.withLock({ $0[id] }) { return known }
        let flag = T.self is any (RawRepresentable<String> & CaseIterable).Type
        stringRawFlags.withLock { $0[id] = flag }
        return flag
    }

    /// The raw value of a String-raw CaseIterable enum value, as its variant label.
    static func stringEnumLabel<T>(_ value: T) -> CandidLabel? {
        guard isStringRawCaseIterable(T.self), isEnum(value),
            let raw = mappingCast(value, to: (any RawRepresentable<String>).self)
        else { return nil }
        return CandidLabel(raw.rawValue)
    }

    private static let stringRawFlags = Mutex<[ObjectIdentifier: Bool]>([:])
    private static let stringEnums = Mutex<[ObjectIdentifier: StringEnumCases]>([:])

    /// The cached cases of one type: `[(label: CandidLabel, value: T)]`, or nil when it is not a
    /// String-raw CaseIterable enum. The array is immutable once stored and only read afterwards.
    private struct StringEnumCases: @unchecked Sendable {
        let cases: Any?
    }
}

/// A deterministic total order on Candid values, used to sort map entries by key.
enum CandidValueOrder {
    static func precedes(_ lhs: CandidValue, _ rhs: CandidValue) -> Bool {
        switch (lhs, rhs) {
        case (.bool(let a), .bool(let b)): return !a && b
        case (.nat(let a), .nat(let b)), (.int(let a), .int(let b)): return a < b
        case (.nat8(let a), .nat8(let b)): return a < b
        case (.nat16(let a), .nat16(let b)): return a < b
        case (.nat32(let a), .nat32(let b)): return a < b
        case (.nat64(let a), .nat64(let b)): return a < b
        case (.int8(let a), .int8(let b)): return a < b
        case (.int16(let a), .int16(let b)): return a < b
        case (.int32(let a), .int32(let b)): return a < b
        case (.int64(let a), .int64(let b)): return a < b
        case (.float32(let a), .float32(let b)): return a < b
        case (.float64(let a), .float64(let b)): return a < b
        case (.text(let a), .text(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
        case (.principal(let a), .principal(let b)): return a < b
        case (.blob(let a), .blob(let b)): return a.lexicographicallyPrecedes(b)
        case (.opt(let a), .opt(let b)):
            guard let a else { return b != nil }
            guard let b else { return false }
            return precedes(a, b)
        case (.vec(let a), .vec(let b)): return a.lexicographicallyPrecedes(b, by: precedes)
        case (.record(let a), .record(let b)):
            return a.lexicographicallyPrecedes(b) { x, y in
                x.label.id != y.label.id ? x.label.id < y.label.id : precedes(x.value, y.value)
            }
        case (.variant(let la, let a), .variant(let lb, let b)):
            return la.id != lb.id ? la.id < lb.id : precedes(a, b)
        default:
            return lhs.mappingKind.utf8.lexicographicallyPrecedes(rhs.mappingKind.utf8)
        }
    }
}
