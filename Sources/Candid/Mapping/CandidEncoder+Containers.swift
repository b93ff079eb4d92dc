// Sources/Candid/Mapping/CandidEncoder+Containers.swift - the Encoder the bridge hands to encode(to:)

/// What an `encode(to:)` call wrote, kept until the call returns and then turned into one value.
enum EncodedSlot {
    case value(CandidValue)
    case keyed(EncodedKeyed)
    case unkeyed(EncodedUnkeyed)
    case encoder(MappingValueEncoder)

    func finish() throws -> CandidValue {
        switch self {
        case .value(let value): value
        case .keyed(let keyed): try keyed.finishRecord()
        case .unkeyed(let unkeyed): try unkeyed.finish()
        case .encoder(let encoder): try encoder.finish(typeName: "super")
        }
    }
}

/// The fields written through a keyed container.
final class EncodedKeyed {
    let path: MappingPath
    /// The container of an enum case's associated values: keys `_0`, `_1`… are tuple ids.
    let inPayload: Bool
    var entries: [(key: any CodingKey, slot: EncodedSlot)] = []

    init(path: MappingPath, inPayload: Bool) {
        self.path = path
        self.inPayload = inPayload
    }

    func set(_ key: any CodingKey, _ slot: EncodedSlot) {
        if let index = entries.firstIndex(where: {
            $0.key.stringValue == key.stringValue && $0.key.intValue == key.intValue
        }) {
            entries[index].slot = slot
        } else {
            entries.append((key, slot))
        }
    }

    /// The fields as a record, sorted by label id.
    func finishRecord() throws -> CandidValue {
        var fields: [CandidRecordField] = []
        fields.reserveCapacity(entries.count)
        for (key, slot) in entries {
            let label = try MappingLabels.label(for: key, inPayload: inPayload, path: path)
            fields.append(CandidRecordField(label, try slot.finish()))
        }
        fields.sort { $0.label.id < $1.label.id }
        for index in fields.indices.dropFirst() where fields[index - 1].label.id == fields[index].label.id {
            let first = MappingLabels.display(fields[index - 1].label)
            let second = MappingLabels.display(fields[index].label)
            throw CandidError(
                .mapping, "fields \(first) and \(second) have the same label id \(fields[index].label.id)",
                path: path.components)
        }
        return .record(fields)
    }

    /// The single case of an enum's container as a variant.
    func finishVariant(typeName: String) throws -> CandidValue {
        guard entries.count == 1, let (key, slot) = entries.first else {
            throw CandidError(
                .mapping,
                "enum \(typeName) encoded \(entries.count) keys; a variant value has exactly one (its case)",
                path: path.components)
        }
        let label = try MappingLabels.label(for: key, inPayload: false, path: path)
        guard case .keyed(let payload) = slot, payload.inPayload else {
            return .variant(label, try slot.finish())
        }
        return .variant(label, try payload.finishPayload())
    }

    /// An enum case's associated values: none → null, one unlabeled → itself, else a record.
    func finishPayload() throws -> CandidValue {
        switch try MappingLabels.payloadShape(of: entries.map(\.key), path: path) {
        case .empty: return .null
        case .single: return try entries[0].slot.finish()
        case .record: return try finishRecord()
        }
    }
}

/// The elements written through an unkeyed container: a `vec` (a `blob` when all are `nat8`).
final class EncodedUnkeyed {
    let path: MappingPath
    var items: [EncodedSlot] = []

    init(path: MappingPath) { self.path = path }

    func finish() throws -> CandidValue {
        var values: [CandidValue] = []
        values.reserveCapacity(items.count)
        var bytes: [UInt8] = []
        var allBytes = !items.isEmpty
        for slot in items {
            let value = try slot.finish()
            if allBytes, case .nat8(let byte) = value { bytes.append(byte) } else { allBytes = false }
            values.append(value)
        }
        return allBytes ? .blob(bytes) : .vec(values)
    }
}

/// The `Encoder` of one Swift value.
final class MappingValueEncoder: Encoder {
    let path: MappingPath
    let isEnum: Bool
    private var storage: EncodedSlot?
    /// A misuse found where the protocol cannot throw, reported when the value is finished.
    private var deferredError: CandidError?

    init(path: MappingPath, isEnum: Bool) {
        self.path = path
        self.isEnum = isEnum
    }

    var codingPath: [any CodingKey] { path.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let keyed: EncodedKeyed
        if case .keyed(let existing) = storage {
            keyed = existing
        } else {
            if storage != nil { conflict("a keyed container") }
            keyed = EncodedKeyed(path: path, inPayload: false)
            storage = .keyed(keyed)
        }
        return KeyedEncodingContainer(KeyedValueEncoding<Key>(storage: keyed, enumContainer: isEnum))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let unkeyed: EncodedUnkeyed
        if case .unkeyed(let existing) = storage {
            unkeyed = existing
        } else {
            if storage != nil { conflict("an unkeyed container") }
            unkeyed = EncodedUnkeyed(path: path)
            storage = .unkeyed(unkeyed)
        }
        return UnkeyedValueEncoding(storage: unkeyed)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueEncoding(encoder: self)
    }

    fileprivate func setSingle(_ value: CandidValue) throws {
        if storage != nil {
            throw CandidError(
                .mapping, "a single value container was written twice or after another container",
                path: path.components)
        }
        storage = .value(value)
    }

    private func conflict(_ what: String) {
        deferredError =
            deferredError
            ?? CandidError(
                .mapping, "encode(to:) asked for \(what) after asking for another kind", path: path.components)
    }

    /// The finished value; an encoder that wrote nothing is an empty record.
    func finish(typeName: String) throws -> CandidValue {
        if let deferredError { throw deferredError }
        switch storage {
        case .none: return .record([])
        case .keyed(let keyed): return isEnum ? try keyed.finishVariant(typeName: typeName) : try keyed.finishRecord()
        case .some(let slot): return try slot.finish()
        }
    }
}

private struct SingleValueEncoding: SingleValueEncodingContainer {
    let encoder: MappingValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { try encoder.setSingle(.null) }
    mutating func encode(_ value: Bool) throws { try encoder.setSingle(value.candidValue) }
    mutating func encode(_ value: String) throws { try encoder.setSingle(value.candidValue) }
    mutating func encode(_ value: Double) throws { try encoder.setSingle(value.candidValue) }
    mutating func encode(_ value: Float) throws { try encoder.setSingle(value.candidValue) }
    mutating func encode(_ value: Int) throws { try encoder.setSingle(value.candidValue) }
    mutating func encode(_ value: Int8) throws { try encoder.setSingle(value.candidValue) }
    mutating func encode(_ value: Int16) throws { try encoder.setSingle(value.candidValue) }
    mutating func encode(_ value: Int32) throws { try encoder.setSingle(value.candidValue) }
    mutating func encode(_ value: Int64) throws { try encoder.setSingle(value.candidValue) }
    mutating func encode(_ value: UInt) throws { try encoder.setSingle(value.candidValue) }
    mutating func encode(_ value: UInt8) throws { try encoder.setSingle(value.candidValue) }
    mutating func encode(_ value: UInt16) throws { try encoder.setSingle(value.candidValue) }
    mutating func encode(_ value: UInt32) throws { try encoder.setSingle(value.candidValue) }
    mutating func encode(_ value: UInt64) throws { try encoder.setSingle(value.candidValue) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.setSingle(try EncodingCore.encode(value, at: encoder.path))
    }
}

private struct KeyedValueEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let storage: EncodedKeyed
    /// This is an enum's container: nested keyed containers hold a case's associated values.
    let enumContainer: Bool

    var codingPath: [any CodingKey] { storage.path.codingPath }

    /// The path of a field. In a case payload of one unlabeled value, `_0` is not shown.
    private func path(for key: Key) -> MappingPath {
        if storage.inPayload, key.stringValue == "_0", MappingLabels.isDirectPayload(Key.self) { return storage.path }
        return storage.path.appending(key: key)
    }

    private mutating func put(_ value: CandidValue, _ key: Key) { storage.set(key, .value(value)) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        put(try EncodingCore.encode(value, at: path(for: key)), key)
    }

    // An absent optional is `opt` null, so that the field exists at its `opt` type.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { put(value.candidValue, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        switch value {
        case .none: put(.opt(nil), key)
        case .some(let wrapped): put(.opt(try EncodingCore.encode(wrapped, at: path(for: key))), key)
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = EncodedKeyed(path: storage.path.appending(key: key), inPayload: enumContainer)
        storage.set(key, .keyed(nested))
        return KeyedEncodingContainer(KeyedValueEncoding<NestedKey>(storage: nested, enumContainer: false))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = EncodedUnkeyed(path: storage.path.appending(key: key))
        storage.set(key, .unkeyed(nested))
        return UnkeyedValueEncoding(storage: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = MappingValueEncoder(path: storage.path.appending(key: MappingKey.super), isEnum: false)
        storage.set(MappingKey.super, .encoder(encoder))
        return encoder
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let encoder = MappingValueEncoder(path: storage.path.appending(key: key), isEnum: false)
        storage.set(key, .encoder(encoder))
        return encoder
    }
}

private struct UnkeyedValueEncoding: UnkeyedEncodingContainer {
    let storage: EncodedUnkeyed
    var codingPath: [any CodingKey] { storage.path.codingPath }
    var count: Int { storage.items.count }

    private var nextPath: MappingPath { storage.path.appending(key: MappingKey(intValue: storage.items.count)) }
    private mutating func put(_ value: CandidValue) { storage.items.append(.value(value)) }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(value.candidValue) }
    mutating func encode(_ value: String) throws { put(value.candidValue) }
    mutating func encode(_ value: Double) throws { put(value.candidValue) }
    mutating func encode(_ value: Float) throws { put(value.candidValue) }
    mutating func encode(_ value: Int) throws { put(value.candidValue) }
    mutating func encode(_ value: Int8) throws { put(value.candidValue) }
    mutating func encode(_ value: Int16) throws { put(value.candidValue) }
    mutating func encode(_ value: Int32) throws { put(value.candidValue) }
    mutating func encode(_ value: Int64) throws { put(value.candidValue) }
    mutating func encode(_ value: UInt) throws { put(value.candidValue) }
    mutating func encode(_ value: UInt8) throws { put(value.candidValue) }
    mutating func encode(_ value: UInt16) throws { put(value.candidValue) }
    mutating func encode(_ value: UInt32) throws { put(value.candidValue) }
    mutating func encode(_ value: UInt64) throws { put(value.candidValue) }
    mutating func encode<T: Encodable>(_ value: T) throws { put(try EncodingCore.encode(value, at: nextPath)) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = EncodedKeyed(path: nextPath, inPayload: false)
        storage.items.append(.keyed(nested))
        return KeyedEncodingContainer(KeyedValueEncoding<NestedKey>(storage: nested, enumContainer: false))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = EncodedUnkeyed(path: nextPath)
        storage.items.append(.unkeyed(nested))
        return UnkeyedValueEncoding(storage: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = MappingValueEncoder(path: nextPath, isEnum: false)
        storage.items.append(.encoder(encoder))
        return encoder
    }
}
