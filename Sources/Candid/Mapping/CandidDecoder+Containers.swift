// Sources/Candid/Mapping/CandidDecoder+Containers.swift - the Decoder the bridge hands to init(from:)

/// The `Decoder` of one Candid value.
struct MappingValueDecoder: Decoder {
    let value: CandidValue
    let path: MappingPath

    var codingPath: [any CodingKey] { path.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try KeyedValueDecoding<Key>(over: value, at: path))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedValueDecoding(over: value, at: path)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueDecoding(value: value, path: path)
    }
}

private struct SingleValueDecoding: SingleValueDecodingContainer {
    let value: CandidValue
    let path: MappingPath
    var codingPath: [any CodingKey] { path.codingPath }

    private func read<R: CandidRepresentable>(_ type: R.Type) throws -> R {
        try DecodingCore.representable(R.self, from: value, at: path)
    }

    func decodeNil() -> Bool {
        switch value {
        case .null, .opt(.none): true
        default: false
        }
    }
    func decode(_ type: Bool.Type) throws -> Bool { try read(type) }
    func decode(_ type: String.Type) throws -> String { try read(type) }
    func decode(_ type: Double.Type) throws -> Double { try read(type) }
    func decode(_ type: Float.Type) throws -> Float { try read(type) }
    func decode(_ type: Int.Type) throws -> Int { try read(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try read(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try read(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try read(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try read(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try read(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try read(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try read(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try read(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try read(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try DecodingCore.decode(T.self, from: value, at: path) }
}

/// A keyed container over a record's fields, or over a variant as a record of its one case.
private struct KeyedValueDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: [CandidRecordField]
    let path: MappingPath
    /// Over a variant value: the fields are its one case, and nested keyed containers read payloads.
    let isVariant: Bool
    /// Over an enum case's payload: `_0`, `_1`… are tuple ids.
    let inPayload: Bool
    /// Over a payload of one unlabeled value: its key `_0` is the whole payload and not in the path.
    let isDirectPayload: Bool

    init(
        fields: [CandidRecordField], at path: MappingPath,
        isVariant: Bool = false, inPayload: Bool = false, isDirectPayload: Bool = false
    ) {
        self.fields = fields
        self.path = path
        self.isVariant = isVariant
        self.inPayload = inPayload
        self.isDirectPayload = isDirectPayload
    }

    /// A container over a record or a variant value.
    init(over value: CandidValue, at path: MappingPath) throws {
        switch value {
        case .record(let fields): self.init(fields: fields, at: path)
        case .variant(let label, let payload):
            self.init(fields: [CandidRecordField(label, payload)], at: path, isVariant: true)
        default: throw CandidError.mappingMismatch(expected: "record", found: value, path: path.components)
        }
    }

    var codingPath: [any CodingKey] { path.codingPath }

    var allKeys: [Key] { fields.compactMap { MappingLabels.key(Key.self, for: $0.label) } }

    private func label(_ key: Key) throws -> CandidLabel {
        try MappingLabels.label(for: key, inPayload: inPayload, path: path)
    }

    private func field(_ key: Key) throws -> CandidValue? {
        let id = try label(key).id
        return fields.first { $0.label.id == id }?.value
    }

    private func path(for key: Key) -> MappingPath {
        if isDirectPayload, key.stringValue == "_0" { return path }
        return path.appending(key: key)
    }

    private func missing(_ key: Key) -> CandidError {
        let kind = isVariant ? "variant case" : "field"
        return CandidError(
            .missingField, "missing \(kind) \(key.stringValue)", path: path.appending(key: key).components)
    }

    private func required(_ key: Key) throws -> CandidValue {
        guard let value = try field(key) else { throw missing(key) }
        return value
    }

    /// `R` from `value`, a field's value; the field's path is built only for an error.
    private func representable<R: CandidRepresentable>(
        _ type: R.Type, from value: CandidValue, _ key: Key
    ) throws -> R {
        do {
            return try R(candidValue: value)
        } catch let error as CandidError {
            throw error.prefixingPath(path(for: key).components)
        }
    }

    private func read<R: CandidRepresentable>(_ type: R.Type, _ key: Key) throws -> R {
        try representable(R.self, from: try required(key), key)
    }

    private func readIfPresent<R: CandidRepresentable>(_ type: R.Type, _ key: Key) throws -> R? {
        guard let value = try field(key) else { return nil }
        if isVariant { return try representable(R.self, from: value, key) }
        switch value {
        case .null, .opt(.none), .reserved: return nil
        case .opt(.some(let inner)): return try representable(R.self, from: inner, key)
        default: throw CandidError.mappingMismatch(expected: "opt", found: value, path: path(for: key).components)
        }
    }

    func contains(_ key: Key) -> Bool { (try? field(key)) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        switch try field(key) {
        case .none, .null?, .opt(.none)?: true
        default: false
        }
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try read(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try read(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try read(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try read(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try read(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try read(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try read(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try read(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try read(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try read(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try read(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try read(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try read(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try read(type, key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let value = try field(key) else {
            // A missing field reads as null when its type takes null (opt, null, reserved).
            guard
                T.self is any CandidOptionalDecoding.Type || T.self == CandidNull.self || T.self == CandidReserved.self
            else { throw missing(key) }
            return try DecodingCore.decode(T.self, from: .null, at: path(for: key))
        }
        return try DecodingCore.decode(T.self, from: value, at: path(for: key))
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try readIfPresent(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try readIfPresent(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try readIfPresent(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try readIfPresent(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try readIfPresent(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try readIfPresent(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try readIfPresent(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try readIfPresent(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try readIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try readIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try readIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try readIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try readIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try readIfPresent(type, key) }

    /// An `opt` field: absent, `null` and `opt` null are `nil`. Over a variant, the case with this
    /// key reads its payload (custom enum decoders probe cases this way).
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = try field(key) else { return nil }
        let fieldPath = path(for: key)
        if isVariant { return try DecodingCore.decode(T.self, from: value, at: fieldPath) }
        switch value {
        case .null, .opt(.none), .reserved: return nil
        case .opt(.some(let inner)): return try DecodingCore.decode(T.self, from: inner, at: fieldPath)
        default: throw CandidError.mappingMismatch(expected: "opt", found: value, path: fieldPath.components)
        }
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let value = try required(key)
        let nestedPath = path.appending(key: key)
        guard isVariant else {
            return KeyedDecodingContainer(try KeyedValueDecoding<NestedKey>(over: value, at: nestedPath))
        }
        // An enum case's associated values.
        if MappingLabels.isDirectPayload(NestedKey.self) {
            return KeyedDecodingContainer(
                KeyedValueDecoding<NestedKey>(
                    fields: [CandidRecordField(CandidLabel(id: 0), value)], at: nestedPath,
                    inPayload: true, isDirectPayload: true))
        }
        switch value {
        case .record(let fields):
            return KeyedDecodingContainer(
                KeyedValueDecoding<NestedKey>(fields: fields, at: nestedPath, inPayload: true))
        case .null:
            return KeyedDecodingContainer(KeyedValueDecoding<NestedKey>(fields: [], at: nestedPath, inPayload: true))
        default:
            throw CandidError.mappingMismatch(
                expected: "record or null payload", found: value, path: nestedPath.components)
        }
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try UnkeyedValueDecoding(over: try required(key), at: path.appending(key: key))
    }

    func superDecoder() throws -> any Decoder {
        let superKey = MappingKey.super
        guard let value = fields.first(where: { $0.label.id == CandidLabel(superKey.stringValue).id })?.value else {
            throw CandidError(.missingField, "missing field super", path: path.appending(key: superKey).components)
        }
        return MappingValueDecoder(value: value, path: path.appending(key: superKey))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        MappingValueDecoder(value: try required(key), path: path.appending(key: key))
    }
}

/// An unkeyed container over a `vec` (or a `blob`, one `nat8` per byte).
private struct UnkeyedValueDecoding: UnkeyedDecodingContainer {
    private enum Elements {
        case values([CandidValue])
        case bytes([UInt8])
    }

    private let elements: Elements
    let path: MappingPath
    private(set) var currentIndex: Int = 0

    init(over value: CandidValue, at path: MappingPath) throws {
        switch value {
        case .vec(let items): elements = .values(items)
        case .blob(let bytes): elements = .bytes(bytes)
        default: throw CandidError.mappingMismatch(expected: "vec", found: value, path: path.components)
        }
        self.path = path
    }

    var codingPath: [any CodingKey] { path.codingPath }

    var count: Int? {
        switch elements {
        case .values(let items): items.count
        case .bytes(let bytes): bytes.count
        }
    }

    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    private var currentPath: MappingPath { path.appending(key: MappingKey(intValue: currentIndex)) }

    private func current() throws -> CandidValue {
        guard !isAtEnd else {
            throw CandidError(
                .mapping, "the vec has only \(count ?? 0) elements", path: currentPath.components)
        }
        switch elements {
        case .values(let items): return items[currentIndex]
        case .bytes(let bytes): return .nat8(bytes[currentIndex])
        }
    }

    private mutating func read<R: CandidRepresentable>(_ type: R.Type) throws -> R {
        let value = try DecodingCore.representable(R.self, from: try current(), at: currentPath)
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        switch try current() {
        case .null, .opt(.none):
            currentIndex += 1
            return true
        default:
            return false
        }
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try read(type) }
    mutating func decode(_ type: String.Type) throws -> String { try read(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try read(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try read(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try read(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try read(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try read(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try read(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try read(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try read(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try read(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try read(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try read(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try read(type) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try DecodingCore.decode(T.self, from: try current(), at: currentPath)
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try KeyedValueDecoding<NestedKey>(over: try current(), at: currentPath)
        currentIndex += 1
        return KeyedDecodingContainer(container)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try UnkeyedValueDecoding(over: try current(), at: currentPath)
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = MappingValueDecoder(value: try current(), path: currentPath)
        currentIndex += 1
        return decoder
    }
}
