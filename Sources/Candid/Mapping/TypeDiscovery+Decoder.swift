// Sources/Candid/Mapping/TypeDiscovery+Decoder.swift - the recording Decoder of type discovery

/// What one `init(from:)` run asked for.
final class DiscoveryRecorder {
    enum Shape {
        case none
        case single(CandidType)
        case keyed(DiscoveredKeyed)
        case unkeyed(DiscoveredUnkeyed)
    }

    let session: DiscoverySession
    let path: MappingPath
    /// Which case `allKeys` answers with in this run, when the type is an enum.
    let variantIndex: Int
    var shape: Shape = .none
    var deferredError: CandidError?

    init(session: DiscoverySession, path: MappingPath, variantIndex: Int) {
        self.session = session
        self.path = path
        self.variantIndex = variantIndex
    }

    /// The keyed container, when it was read as an enum (its `allKeys` was asked for).
    var variantRoot: DiscoveredKeyed? {
        guard case .keyed(let keyed) = shape, keyed.variantLabels != nil else { return nil }
        return keyed
    }

    /// Whether `init(from:)` asked for a container (and so revealed its shape).
    var hasShape: Bool {
        if case .none = shape { return false }
        return deferredError == nil
    }

    /// `allKeys` was asked for on keys that are not CaseIterable.
    var missingCaseList: Bool {
        guard case .keyed(let keyed) = shape else { return false }
        return keyed.missingCaseList
    }

    func conflict(_ what: String) {
        deferredError =
            deferredError
            ?? CandidError(
                .mapping, "init(from:) asked for \(what) after asking for another kind", path: path.components)
    }

    func finishType() throws -> CandidType {
        if let deferredError { throw deferredError }
        switch shape {
        case .none: return .record([])
        case .single(let type): return type
        case .keyed(let keyed): return try keyed.finishRecord()
        case .unkeyed(let unkeyed): return try unkeyed.finish()
        }
    }
}

/// A field, element or payload type as recorded: known, or a container still being filled.
enum DiscoveredSlot {
    case type(CandidType)
    case keyed(DiscoveredKeyed)
    case unkeyed(DiscoveredUnkeyed)
    case recorder(DiscoveryRecorder)

    func finish() throws -> CandidType {
        switch self {
        case .type(let type): type
        case .keyed(let keyed): try keyed.finishRecord()
        case .unkeyed(let unkeyed): try unkeyed.finish()
        case .recorder(let recorder): try recorder.finishType()
        }
    }
}

/// The keys asked of a keyed container, with their types.
final class DiscoveredKeyed {
    let path: MappingPath
    let inPayload: Bool
    let variantIndex: Int
    var entries: [(key: any CodingKey, slot: DiscoveredSlot)] = []
    /// The variant's labels, in `CodingKeys` order, once `allKeys` was asked for.
    var variantLabels: [CandidLabel]?
    var missingCaseList = false
    var deferredError: CandidError?

    init(path: MappingPath, inPayload: Bool, variantIndex: Int) {
        self.path = path
        self.inPayload = inPayload
        self.variantIndex = variantIndex
    }

    /// Records a key; the first request for a key decides its type.
    func record(_ key: any CodingKey, _ slot: DiscoveredSlot) {
        guard !entries.contains(where: { $0.key.stringValue == key.stringValue && $0.key.intValue == key.intValue })
        else { return }
        entries.append((key, slot))
    }

    func finishRecord() throws -> CandidType {
        if let deferredError { throw deferredError }
        var fields: [CandidField] = []
        for (key, slot) in entries {
            fields.append(
                CandidField(try MappingLabels.label(for: key, inPayload: inPayload, path: path), try slot.finish()))
        }
        return .record(try MappingLabels.sortedUnique(fields, path: path))
    }

    /// The payload type of the case this run chose.
    func finishCase() throws -> CandidType {
        if let deferredError { throw deferredError }
        guard let (_, slot) = entries.first else { return .null }
        guard case .keyed(let payload) = slot, payload.inPayload else { return try slot.finish() }
        return try payload.finishPayload()
    }

    /// An enum case's associated values: none → null, one unlabeled → itself, else a record.
    func finishPayload() throws -> CandidType {
        switch try MappingLabels.payloadShape(of: entries.map(\.key), path: path) {
        case .empty: return .null
        case .single: return try entries[0].slot.finish()
        case .record: return try finishRecord()
        }
    }
}

/// The element type asked of an unkeyed container.
final class DiscoveredUnkeyed {
    let path: MappingPath
    var element: DiscoveredSlot?
    var decodedCount = 0

    init(path: MappingPath) { self.path = path }

    func finish() throws -> CandidType {
        guard let element else {
            throw CandidError(.mapping, "init(from:) read no element of its unkeyed container", path: path.components)
        }
        return .vec(try element.finish())
    }
}

struct DiscoveryDecoder: Decoder {
    let recorder: DiscoveryRecorder
    let path: MappingPath

    var codingPath: [any CodingKey] { path.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let keyed: DiscoveredKeyed
        switch recorder.shape {
        case .keyed(let existing): keyed = existing
        case .none:
            keyed = DiscoveredKeyed(path: path, inPayload: false, variantIndex: recorder.variantIndex)
            recorder.shape = .keyed(keyed)
        default:
            recorder.conflict("a keyed container")
            keyed = DiscoveredKeyed(path: path, inPayload: false, variantIndex: recorder.variantIndex)
        }
        return KeyedDecodingContainer(DiscoveryKeyed<Key>(shape: keyed, session: recorder.session))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let unkeyed: DiscoveredUnkeyed
        switch recorder.shape {
        case .unkeyed(let existing): unkeyed = existing
        case .none:
            unkeyed = DiscoveredUnkeyed(path: path)
            recorder.shape = .unkeyed(unkeyed)
        default:
            recorder.conflict("an unkeyed container")
            unkeyed = DiscoveredUnkeyed(path: path)
        }
        return DiscoveryUnkeyed(shape: unkeyed, session: recorder.session)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        DiscoverySingle(recorder: recorder, path: path)
    }
}

private struct DiscoverySingle: SingleValueDecodingContainer {
    let recorder: DiscoveryRecorder
    let path: MappingPath
    var codingPath: [any CodingKey] { path.codingPath }

    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool { try value(type) }
    func decode(_ type: String.Type) throws -> String { try value(type) }
    func decode(_ type: Double.Type) throws -> Double { try value(type) }
    func decode(_ type: Float.Type) throws -> Float { try value(type) }
    func decode(_ type: Int.Type) throws -> Int { try value(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try value(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try value(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try value(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try value(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try value(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try value(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try value(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try value(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try value(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try value(T.self) }

    private func value<T: Decodable>(_ type: T.Type) throws -> T {
        let found = try recorder.session.type(of: T.self, at: path)
        switch recorder.shape {
        case .none: recorder.shape = .single(found)
        case .single(let existing) where existing == found: break
        default: recorder.conflict("a single value of type \(found.mappingKind)")
        }
        return try recorder.session.sample(of: T.self, at: path)
    }
}

private struct DiscoveryKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let shape: DiscoveredKeyed
    let session: DiscoverySession
    /// A payload of one unlabeled value: `_0` is not shown in paths.
    var isDirectPayload = false

    var codingPath: [any CodingKey] { shape.path.codingPath }

    var allKeys: [Key] {
        let keys = MappingLabels.allCases(of: Key.self)
        guard !keys.isEmpty else {
            shape.missingCaseList = !MappingLabels.isCaseIterable(Key.self)
            return []
        }
        var labels: [CandidLabel] = []
        for key in keys {
            do {
                labels.append(try MappingLabels.label(for: key, inPayload: false, path: shape.path))
            } catch let error as CandidError {
                shape.deferredError = shape.deferredError ?? error
            } catch {}
        }
        shape.variantLabels = labels
        return shape.variantIndex < keys.count ? [keys[shape.variantIndex]] : []
    }

    private func path(for key: Key) -> MappingPath {
        if isDirectPayload, key.stringValue == "_0" { return shape.path }
        return shape.path.appending(key: key)
    }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let fieldPath = path(for: key)
        shape.record(key, .type(try session.type(of: T.self, at: fieldPath)))
        return try session.sample(of: T.self, at: fieldPath)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        shape.record(key, .type(.opt(try session.type(of: T.self, at: path(for: key)))))
        return nil
    }

    // The concrete overloads have defaults that would call decodeNil/decode; route them explicitly.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try required(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try required(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try required(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try required(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try required(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try required(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try required(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try required(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try required(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try required(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try required(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try required(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try required(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try required(type, key) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try optional(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try optional(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optional(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try optional(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optional(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try optional(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try optional(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try optional(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try optional(type, key) }

    private func required<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try decode(T.self, forKey: key)
    }

    private func optional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        try decodeIfPresent(T.self, forKey: key)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let inPayload = shape.variantLabels != nil
        let nested = DiscoveredKeyed(path: shape.path.appending(key: key), inPayload: inPayload, variantIndex: 0)
        shape.record(key, .keyed(nested))
        return KeyedDecodingContainer(
            DiscoveryKeyed<NestedKey>(
                shape: nested, session: session,
                isDirectPayload: inPayload && MappingLabels.isDirectPayload(NestedKey.self)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let nested = DiscoveredUnkeyed(path: shape.path.appending(key: key))
        shape.record(key, .unkeyed(nested))
        return DiscoveryUnkeyed(shape: nested, session: session)
    }

    func superDecoder() throws -> any Decoder {
        try superDecoder(key: MappingKey.super)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try superDecoder(key: key)
    }

    private func superDecoder(key: any CodingKey) throws -> any Decoder {
        let superPath = shape.path.appending(key: key)
        let recorder = DiscoveryRecorder(session: session, path: superPath, variantIndex: 0)
        shape.record(key, .recorder(recorder))
        return DiscoveryDecoder(recorder: recorder, path: superPath)
    }
}

private struct DiscoveryUnkeyed: UnkeyedDecodingContainer {
    let shape: DiscoveredUnkeyed
    let session: DiscoverySession

    var codingPath: [any CodingKey] { shape.path.codingPath }
    var count: Int? { nil }
    /// One element is read, which is enough to know the element type.
    var isAtEnd: Bool { shape.decodedCount >= 1 }
    var currentIndex: Int { shape.decodedCount }

    private var elementPath: MappingPath { shape.path.appending(key: MappingKey(intValue: shape.decodedCount)) }

    private func setElement(_ slot: DiscoveredSlot) {
        shape.decodedCount += 1
        if shape.element == nil { shape.element = slot }
    }

    mutating func decodeNil() throws -> Bool { false }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try element(type) }
    mutating func decode(_ type: String.Type) throws -> String { try element(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try element(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try element(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try element(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try element(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try element(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try element(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try element(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try element(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try element(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try element(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try element(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try element(type) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try element(T.self) }

    private mutating func element<T: Decodable>(_ type: T.Type) throws -> T {
        let path = elementPath
        setElement(.type(try session.type(of: T.self, at: path)))
        return try session.sample(of: T.self, at: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let nested = DiscoveredKeyed(path: elementPath, inPayload: false, variantIndex: 0)
        setElement(.keyed(nested))
        return KeyedDecodingContainer(DiscoveryKeyed<NestedKey>(shape: nested, session: session))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let nested = DiscoveredUnkeyed(path: elementPath)
        setElement(.unkeyed(nested))
        return DiscoveryUnkeyed(shape: nested, session: session)
    }

    mutating func superDecoder() throws -> any Decoder {
        let recorder = DiscoveryRecorder(session: session, path: elementPath, variantIndex: 0)
        setElement(.recorder(recorder))
        return DiscoveryDecoder(recorder: recorder, path: recorder.path)
    }
}
