// Sources/Candid/Mapping/DirectEncoder.swift - Encodable Swift values written straight into message bytes

/// One message being written straight from Swift values at the types of an ``EncodingPlan``.
///
/// The mapping follows ``EncodingCore``, the `Mapping*Encoding` containers and ``ValueEncoder`` step for
/// step, writing each value's bytes as the value is handed over instead of building a value tree. Record
/// fields come in the order `encode(to:)` writes them; each record puts them in id order when its
/// `encode(to:)` returns. Where the two paths could differ (or anything throws), the session is spoiled
/// and the caller encodes again through the value tree, so that results and errors stay that path's.
final class DirectEncoding: DirectSession {
    let table: TypeTable
    var out: [UInt8]

    init(plan: EncodingPlan) {
        table = plan.table
        var buffer: [UInt8] = []
        buffer.reserveCapacity(plan.header.count + 256)
        buffer.append(contentsOf: plan.header)
        out = buffer
    }

    func entry(_ type: TypeRef) -> TypeEntry? { type.isPrimitive ? nil : table.entries[type.index] }

    // MARK: Writing

    /// Writes `value` at `type` as ``ValueEncoder`` does.
    func write(_ value: CandidValue, _ type: TypeRef) throws {
        switch (value, type) {
        case (.text(let text), .text):
            LEB128.append(UInt64(text.utf8.count), to: &out)
            out.append(contentsOf: text.utf8)
        case (.nat64(let number), .nat64): appendFixed(number)
        case (.nat32(let number), .nat32): appendFixed(number)
        case (.nat16(let number), .nat16): appendFixed(number)
        case (.nat8(let number), .nat8): out.append(number)
        case (.int64(let number), .int64): appendFixed(number)
        case (.int32(let number), .int32): appendFixed(number)
        case (.bool(let flag), .bool): out.append(flag ? 1 : 0)
        default:
            var encoder = ValueEncoder(table: table, sink: ByteWriter(capacity: 0))
            swap(&encoder.sink.buffer, &out)
            defer { swap(&encoder.sink.buffer, &out) }
            do throws(CandidError) {
                try encoder.encode(value, type)
            } catch {
                throw spoil()
            }
        }
    }

    func appendFixed<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    /// Writes what ``ValueEncoder`` writes for a field the record value lacks; spoils when that is an error.
    func writeAbsent(_ type: TypeRef) throws {
        guard table.isNullLike(type) else { throw spoil() }
        if type != .null && type != .reserved { out.append(0) }
    }

    /// Writes `null` (what `encodeNil` gives) at `type`.
    func writeNull(_ type: TypeRef) throws {
        switch type {
        case .null, .reserved: return
        default:
            guard case .opt = entry(type) else { throw spoil() }
            out.append(0)
        }
    }

    /// Writes a variant's index for `label`.
    func writeCase(_ label: CandidLabel, in type: TypeRef) throws -> TypeRef {
        guard case .variant(let fields) = entry(type), let index = TypeTable.field(withID: label.id, in: fields) else {
            throw spoil()
        }
        LEB128.append(UInt64(index), to: &out)
        return fields[index].type
    }

    // MARK: Mapping

    /// Writes a Swift value at `type`: ``EncodingCore/encode(_:at:)`` and ``ValueEncoder`` in one step.
    func encode<T: Encodable>(_ value: T, _ type: TypeRef) throws {
        if let representable = T.self as? any CandidRepresentable.Type {
            func open<R: CandidRepresentable>(_: R.Type) -> CandidValue? { mappingCast(value, to: R.self)?.candidValue }
            if let candidValue = open(representable) {
                try write(candidValue, type)
                return
            }
        }
        if T.self is any CandidOptionalEncoding.Type,
            let optional = mappingCast(value, to: (any CandidOptionalEncoding).self)
        {
            guard case .opt(let inner) = entry(type) else { throw spoil() }
            try optional.candidEncodeDirect(self, inner)
            return
        }
        // A dictionary's or set's elements that are not CandidRepresentable are mapped by their own
        // `encode(to:)`, which may read the coding path the tree path gives them: encoded there.
        if let dictionary = T.self as? any CandidDictionaryEncoding.Type {
            guard dictionary.candidElementsAreRepresentable else { throw spoil() }
            try writeThroughValue(value, type)
            return
        }
        if let set = T.self as? any CandidSetEncoding.Type {
            guard set.candidElementsAreRepresentable else { throw spoil() }
            try writeThroughValue(value, type)
            return
        }
        if let label = MappingTraits.stringEnumLabel(value) {
            try write(.variant(label, .null), type)
            return
        }
        let encoder = DirectValueEncoder(session: self, type: type, isEnum: MappingTraits.isEnum(value))
        do {
            try value.encode(to: encoder)
        } catch {
            throw spoil()
        }
        try encoder.finish()
    }

    /// Writes `value` through its Candid value, for the types whose mapping runs no `encode(to:)`.
    private func writeThroughValue<T: Encodable>(_ value: T, _ type: TypeRef) throws {
        let candidValue: CandidValue
        do { candidValue = try EncodingCore.encode(value, at: .root) } catch { throw spoil() }
        try write(candidValue, type)
    }

    /// Writes a `Result` at `type`, `variant { Ok : Success; Err : Failure }`.
    func encodeResult<Success: Encodable, Failure: Encodable>(_ result: Result<Success, Failure>, _ type: TypeRef)
        throws
    {
        switch result {
        case .success(let value):
            try encode(value, try writeCase(CandidLabel("Ok"), in: type))
        case .failure(let error):
            try encode(error, try writeCase(CandidLabel("Err"), in: type))
        }
    }
}

extension Optional where Wrapped: Encodable {
    /// Writes the option at `opt inner`: its tag, then the wrapped value.
    func candidEncodeDirect(_ session: DirectEncoding, _ inner: TypeRef) throws {
        switch self {
        case .none: session.out.append(0)
        case .some(let wrapped):
            session.out.append(1)
            try session.encode(wrapped, inner)
        }
    }
}

/// What one keyed container wrote: the position of each field's bytes in the session's buffer.
final class DirectKeyedStorage {
    /// Over a record: its fields; over an enum: the variant's fields (the payload is written at once).
    let type: TypeRef
    /// The container of an enum case's associated values: `_0`, `_1`… are tuple ids.
    let inPayload: Bool
    /// The container of an enum (keys are cases), or of the payload of a case with one unlabeled value.
    let mode: Mode
    /// Where this container's bytes start in the session's buffer.
    let start: Int
    /// Field index in the record type and the range of its bytes, in the order written.
    var segments: [(field: Int, start: Int, end: Int)] = []
    /// How many keys were written.
    var keyCount = 0
    /// The keys written, for the shape of a payload in record form (kept only there).
    var keys: [any CodingKey] = []
    /// Over an enum: the container of its case's associated values, finished with it.
    var payload: DirectKeyedStorage?

    enum Mode {
        case record
        /// An enum's container: the one key is the case; its payload follows the index.
        case variant
        /// A case payload of one unlabeled value: `_0` is the whole payload, at the payload type.
        case directPayload
    }

    init(type: TypeRef, inPayload: Bool, mode: Mode, start: Int) {
        self.type = type
        self.inPayload = inPayload
        self.mode = mode
        self.start = start
    }
}

/// The `Encoder` of one Swift value, the direct counterpart of ``MappingValueEncoder``.
///
/// It keeps no coding path (building one costs an allocation per level): a type that asks for it is encoded
/// through the value tree instead, which gives it the real one.
final class DirectValueEncoder: Encoder {
    let session: DirectEncoding
    let type: TypeRef
    let isEnum: Bool
    private var storage: Storage = .none

    private enum Storage {
        case none
        case single
        case keyed(DirectKeyedStorage)
        case unkeyed(DirectUnkeyedStorage)
    }

    init(session: DirectEncoding, type: TypeRef, isEnum: Bool) {
        self.session = session
        self.type = type
        self.isEnum = isEnum
    }

    var codingPath: [any CodingKey] { session.pathWanted() }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy keyType: Key.Type) -> KeyedEncodingContainer<Key> {
        let keyed: DirectKeyedStorage
        switch storage {
        case .keyed(let existing): keyed = existing
        case .none:
            keyed = DirectKeyedStorage(
                type: type, inPayload: false, mode: isEnum ? .variant : .record, start: session.out.count)
            storage = .keyed(keyed)
        default:
            session.spoiled = true
            keyed = DirectKeyedStorage(type: type, inPayload: false, mode: .record, start: session.out.count)
        }
        return KeyedEncodingContainer(DirectKeyedEncoding<Key>(session: session, storage: keyed))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let unkeyed: DirectUnkeyedStorage
        switch storage {
        case .unkeyed(let existing): unkeyed = existing
        case .none:
            unkeyed = DirectUnkeyedStorage(session: session, type: type)
            storage = .unkeyed(unkeyed)
        default:
            session.spoiled = true
            unkeyed = DirectUnkeyedStorage(session: session, type: type)
        }
        return DirectUnkeyedEncoding(storage: unkeyed)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        DirectSingleValueEncoding(encoder: self)
    }

    /// Claims the single value slot; a second value or another container spoils the session.
    fileprivate func claimSingle() throws {
        guard case .none = storage else { throw session.spoil() }
        storage = .single
    }

    /// Puts what was written in its final order; an encoder that wrote nothing is an empty record.
    func finish() throws {
        if session.spoiled { throw DirectEncoding.Fallback() }
        switch storage {
        case .none:
            guard case .record(let fields) = session.entry(type) else { throw session.spoil() }
            for field in fields { try session.writeAbsent(field.type) }
        case .single: return
        case .keyed(let keyed): try DirectKeyedStorage.finish(keyed, session)
        case .unkeyed(let unkeyed): try unkeyed.finish()
        }
    }
}

extension DirectKeyedStorage {
    /// Rewrites the container's bytes in the order the type wants: record fields by id (absent optional
    /// fields filled in), or checks the one case of a variant.
    static func finish(_ storage: DirectKeyedStorage, _ session: DirectEncoding) throws {
        switch storage.mode {
        case .variant:
            // The case index and payload are already in place; an enum writes exactly one key.
            guard storage.keyCount == 1 else { throw session.spoil() }
            if let payload = storage.payload { try finish(payload, session) }
        case .directPayload:
            // No associated value written is the empty payload, `null`.
            if storage.keyCount == 0 { try session.writeNull(storage.type) }
        case .record:
            if storage.inPayload {
                // A payload in record form must have the record shape (labeled, or several `_N`).
                let shape: MappingLabels.PayloadShape
                do { shape = try MappingLabels.payloadShape(of: storage.keys, path: .root) } catch {
                    throw session.spoil()
                }
                if shape == .empty {
                    try session.writeNull(storage.type)
                    return
                }
                guard shape == .record else { throw session.spoil() }
            }
            guard case .record(let fields) = session.entry(storage.type) else { throw session.spoil() }
            try reorder(storage, fields, session)
        }
    }

    private static func reorder(_ storage: DirectKeyedStorage, _ fields: [TableField], _ session: DirectEncoding) throws {
        var written = [Int](repeating: -1, count: fields.count)
        var inOrder = storage.segments.count == fields.count
        for (position, segment) in storage.segments.enumerated() {
            guard written[segment.field] < 0 else { throw session.spoil() }
            written[segment.field] = position
            if segment.field != position { inOrder = false }
        }
        if inOrder { return }
        let region = Array(session.out[storage.start...])
        session.out.removeSubrange(storage.start...)
        for (index, field) in fields.enumerated() {
            let position = written[index]
            if position < 0 {
                try session.writeAbsent(field.type)
            } else {
                let segment = storage.segments[position]
                session.out.append(contentsOf: region[(segment.start - storage.start)..<(segment.end - storage.start)])
            }
        }
    }
}

private struct DirectSingleValueEncoding: SingleValueEncodingContainer {
    let encoder: DirectValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func put(_ value: CandidValue) throws {
        try encoder.claimSingle()
        try encoder.session.write(value, encoder.type)
    }

    mutating func encodeNil() throws {
        try encoder.claimSingle()
        try encoder.session.writeNull(encoder.type)
    }
    mutating func encode(_ value: Bool) throws { try put(value.candidValue) }
    mutating func encode(_ value: String) throws { try put(value.candidValue) }
    mutating func encode(_ value: Double) throws { try put(value.candidValue) }
    mutating func encode(_ value: Float) throws { try put(value.candidValue) }
    mutating func encode(_ value: Int) throws { try put(value.candidValue) }
    mutating func encode(_ value: Int8) throws { try put(value.candidValue) }
    mutating func encode(_ value: Int16) throws { try put(value.candidValue) }
    mutating func encode(_ value: Int32) throws { try put(value.candidValue) }
    mutating func encode(_ value: Int64) throws { try put(value.candidValue) }
    mutating func encode(_ value: UInt) throws { try put(value.candidValue) }
    mutating func encode(_ value: UInt8) throws { try put(value.candidValue) }
    mutating func encode(_ value: UInt16) throws { try put(value.candidValue) }
    mutating func encode(_ value: UInt32) throws { try put(value.candidValue) }
    mutating func encode(_ value: UInt64) throws { try put(value.candidValue) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.claimSingle()
        try encoder.session.encode(value, encoder.type)
    }
}

/// A keyed container writing a record's fields (or an enum's case) straight into the session's buffer.
private struct DirectKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let session: DirectEncoding
    let storage: DirectKeyedStorage

    var codingPath: [any CodingKey] { session.pathWanted() }

    /// Starts the value of `key`: returns the type to write it at, and records where its bytes go.
    private func begin(_ key: Key) throws -> (type: TypeRef, field: Int) {
        storage.keyCount += 1
        switch storage.mode {
        case .directPayload:
            guard key.stringValue == "_0", key.intValue == nil, storage.keyCount == 1 else { throw session.spoil() }
            return (storage.type, -1)
        case .variant:
            guard storage.keyCount == 1 else { throw session.spoil() }
            let label: CandidLabel
            do { label = try MappingLabels.label(for: key, inPayload: false, path: .root) } catch {
                throw session.spoil()
            }
            return (try session.writeCase(label, in: storage.type), -1)
        case .record:
            if storage.inPayload { storage.keys.append(key) }
            let id: UInt32
            do { id = try MappingLabels.label(for: key, inPayload: storage.inPayload, path: .root).id } catch {
                throw session.spoil()
            }
            guard case .record(let fields) = session.entry(storage.type),
                let index = TypeTable.field(withID: id, in: fields)
            else { throw session.spoil() }
            return (fields[index].type, index)
        }
    }

    private func end(_ field: Int, from start: Int) {
        if field >= 0 { storage.segments.append((field, start, session.out.count)) }
    }

    private func put(_ value: CandidValue, _ key: Key) throws {
        let start = session.out.count
        let (type, field) = try begin(key)
        try session.write(value, type)
        end(field, from: start)
    }

    /// An `opt` field from a Swift optional: `opt` null when absent.
    private func putOptional(_ value: CandidValue?, _ key: Key) throws {
        let start = session.out.count
        let (type, field) = try begin(key)
        if type == .reserved {
            end(field, from: start)
            return
        }
        guard case .opt(let inner) = session.entry(type) else { throw session.spoil() }
        if let value {
            session.out.append(1)
            try session.write(value, inner)
        } else {
            session.out.append(0)
        }
        end(field, from: start)
    }

    mutating func encodeNil(forKey key: Key) throws {
        let start = session.out.count
        let (type, field) = try begin(key)
        try session.writeNull(type)
        end(field, from: start)
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try put(value.candidValue, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try put(value.candidValue, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try put(value.candidValue, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try put(value.candidValue, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try put(value.candidValue, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try put(value.candidValue, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try put(value.candidValue, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try put(value.candidValue, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try put(value.candidValue, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try put(value.candidValue, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try put(value.candidValue, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try put(value.candidValue, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try put(value.candidValue, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try put(value.candidValue, key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let start = session.out.count
        let (type, field) = try begin(key)
        try session.encode(value, type)
        end(field, from: start)
    }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try putOptional(value?.candidValue, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        try putOptional(value?.candidValue, key)
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        try putOptional(value?.candidValue, key)
    }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
        try putOptional(value?.candidValue, key)
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try putOptional(value?.candidValue, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try putOptional(value?.candidValue, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
        try putOptional(value?.candidValue, key)
    }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        try putOptional(value?.candidValue, key)
    }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        try putOptional(value?.candidValue, key)
    }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try putOptional(value?.candidValue, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
        try putOptional(value?.candidValue, key)
    }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
        try putOptional(value?.candidValue, key)
    }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
        try putOptional(value?.candidValue, key)
    }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
        try putOptional(value?.candidValue, key)
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        let start = session.out.count
        let (type, field) = try begin(key)
        guard case .opt(let inner) = session.entry(type) else { throw session.spoil() }
        switch value {
        case .none: session.out.append(0)
        case .some(let wrapped):
            session.out.append(1)
            try session.encode(wrapped, inner)
        }
        end(field, from: start)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        // Its fields are written later, possibly after other fields of this container: only an enum case's
        // payload, written right after the case index, stays on the direct path.
        guard storage.mode == .variant, let (type, _) = try? begin(key) else {
            session.spoiled = true
            let unused = DirectKeyedStorage(type: .null, inPayload: true, mode: .record, start: 0)
            return KeyedEncodingContainer(DirectKeyedEncoding<NestedKey>(session: session, storage: unused))
        }
        let mode: DirectKeyedStorage.Mode = MappingLabels.isDirectPayload(NestedKey.self) ? .directPayload : .record
        let nested = DirectKeyedStorage(type: type, inPayload: true, mode: mode, start: session.out.count)
        storage.payload = nested
        return KeyedEncodingContainer(DirectKeyedEncoding<NestedKey>(session: session, storage: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        session.spoiled = true
        return DirectUnkeyedEncoding(storage: DirectUnkeyedStorage(session: session, type: .null))
    }

    mutating func superEncoder() -> any Encoder {
        session.spoiled = true
        return DirectValueEncoder(session: session, type: .null, isEnum: false)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        session.spoiled = true
        return DirectValueEncoder(session: session, type: .null, isEnum: false)
    }
}

/// The elements written through an unkeyed container: a `vec`, its count put in front when it is finished.
final class DirectUnkeyedStorage {
    let session: DirectEncoding
    let element: TypeRef
    let start: Int
    var count = 0

    init(session: DirectEncoding, type: TypeRef) {
        self.session = session
        self.start = session.out.count
        // An element type that takes a nat8 value other than nat8 itself would make the tree path's blob
        // conversion matter (a vec of nat8 values is a blob, which only `vec nat8` takes).
        if case .vec(let element) = session.entry(type), element == .nat8 || !Self.takesNat8(element, session) {
            self.element = element
        } else {
            session.spoiled = true
            self.element = .null
        }
    }

    private static func takesNat8(_ type: TypeRef, _ session: DirectEncoding) -> Bool {
        switch type {
        case .nat, .int, .nat16, .nat32, .nat64, .int8, .int16, .int32, .int64, .reserved: true
        default: false
        }
    }

    func finish() throws {
        if session.spoiled { throw DirectEncoding.Fallback() }
        var prefix: [UInt8] = []
        LEB128.append(UInt64(count), to: &prefix)
        session.out.insert(contentsOf: prefix, at: start)
    }
}

private struct DirectUnkeyedEncoding: UnkeyedEncodingContainer {
    let storage: DirectUnkeyedStorage
    var codingPath: [any CodingKey] { session.pathWanted() }
    var count: Int { storage.count }

    private var session: DirectEncoding { storage.session }

    private func put(_ value: CandidValue) throws {
        try session.write(value, storage.element)
        storage.count += 1
    }

    mutating func encodeNil() throws {
        try session.writeNull(storage.element)
        storage.count += 1
    }
    mutating func encode(_ value: Bool) throws { try put(value.candidValue) }
    mutating func encode(_ value: String) throws { try put(value.candidValue) }
    mutating func encode(_ value: Double) throws { try put(value.candidValue) }
    mutating func encode(_ value: Float) throws { try put(value.candidValue) }
    mutating func encode(_ value: Int) throws { try put(value.candidValue) }
    mutating func encode(_ value: Int8) throws { try put(value.candidValue) }
    mutating func encode(_ value: Int16) throws { try put(value.candidValue) }
    mutating func encode(_ value: Int32) throws { try put(value.candidValue) }
    mutating func encode(_ value: Int64) throws { try put(value.candidValue) }
    mutating func encode(_ value: UInt) throws { try put(value.candidValue) }
    mutating func encode(_ value: UInt8) throws { try put(value.candidValue) }
    mutating func encode(_ value: UInt16) throws { try put(value.candidValue) }
    mutating func encode(_ value: UInt32) throws { try put(value.candidValue) }
    mutating func encode(_ value: UInt64) throws { try put(value.candidValue) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try session.encode(value, storage.element)
        storage.count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        session.spoiled = true
        let unused = DirectKeyedStorage(type: .null, inPayload: false, mode: .record, start: 0)
        return KeyedEncodingContainer(DirectKeyedEncoding<NestedKey>(session: session, storage: unused))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        session.spoiled = true
        return DirectUnkeyedEncoding(storage: DirectUnkeyedStorage(session: session, type: .null))
    }

    mutating func superEncoder() -> any Encoder {
        session.spoiled = true
        return DirectValueEncoder(session: session, type: .null, isEnum: false)
    }
}
