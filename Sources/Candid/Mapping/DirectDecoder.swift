// Sources/Candid/Mapping/DirectDecoder.swift - Decodable Swift values read straight from message bytes

/// What the direct encoder and decoder share: whether the session left the direct path.
class DirectSession {
    /// Set when anything went off the direct path: the result, even a success, is then not used.
    var spoiled = false

    /// The error that ends the direct path; the caller starts over through the value tree.
    struct Fallback: Error {}

    func spoil() -> Fallback {
        spoiled = true
        return Fallback()
    }

    /// The answer to `codingPath`: the direct paths keep none, so the session is spoiled and the value mapped
    /// again through the tree, which has it.
    func pathWanted() -> [any CodingKey] {
        spoiled = true
        return []
    }
}

/// One message being decoded straight into Swift values.
///
/// Used only after ``BinaryDecoder/validate(_:)`` accepted every argument, at types whose table is the
/// message's own: from then on reading cannot fail in the binary format, so no value tree is built and
/// nothing is charged again. The mapping follows ``DecodingCore`` and the `Mapping*Decoding` containers
/// step for step; where it does not (or anything throws), the session is spoiled and the caller decodes
/// the message again through the value tree, so that results and errors stay exactly that path's.
final class DirectDecoding: DirectSession {
    let bytes: UnsafeRawBufferPointer
    let table: TypeTable
    /// A decoder of the message's bytes at its own table without limits, for values mapped through the tree.
    private var subtree: BinaryDecoder?

    init(bytes: UnsafeRawBufferPointer, table: TypeTable) {
        self.bytes = bytes
        self.table = table
    }

    // MARK: Reading the validated bytes

    func reader(at offset: Int) -> ByteReader { ByteReader(bytes, position: offset) }

    /// The offset just after the value of `type` at `offset`.
    func end(of type: TypeRef, at offset: Int) throws -> Int {
        var reader = reader(at: offset)
        do throws(DecodeFailure) {
            try skip(type, &reader)
        } catch {
            throw spoil()
        }
        return reader.position
    }

    private func skip(_ type: TypeRef, _ reader: inout ByteReader) throws(DecodeFailure) {
        if type.isPrimitive {
            if let size = type.fixedSize {
                try reader.skip(size, for: "a value")
                return
            }
            switch type {
            case .nat, .int: _ = try reader.skipLEB()
            case .text: try reader.skip(try reader.length(of: "text length"), for: "a text")
            case .principal:
                _ = try reader.byte()
                try reader.skip(try reader.length(of: "principal length"), for: "a principal")
            default: throw DecodeFailure.mismatch("no direct skip", at: reader.position)
            }
            return
        }
        switch table.entries[type.index] {
        case .opt(let inner):
            if try reader.byte() == 1 { try skip(inner, &reader) }
        case .vec(let element):
            let count = try reader.length(of: "vector length")
            if let size = element.fixedSize, element.isPrimitive {
                try reader.skip(saturatingMultiply(count, size), for: "a vector")
            } else {
                for _ in 0..<count { try skip(element, &reader) }
            }
        case .record(let fields):
            for field in fields { try skip(field.type, &reader) }
        case .variant(let fields):
            let index = try reader.leb()
            guard index < UInt64(fields.count) else { throw DecodeFailure.mismatch("bad index", at: reader.position) }
            try skip(fields[Int(index)].type, &reader)
        case .function, .service, .future:
            throw DecodeFailure.mismatch("no direct skip", at: reader.position)
        }
    }

    /// The Candid value at `offset`, for the Swift types that are mapped from a value
    /// (``CandidRepresentable`` ones, dictionaries, string enums). Fixed-width numbers, text and blobs
    /// are read here; anything else by the tree decoder.
    func value(of type: TypeRef, at offset: Int) throws -> CandidValue {
        var reader = reader(at: offset)
        do throws(DecodeFailure) {
            switch type {
            case .null: return .null
            case .bool: return .bool(try reader.byte() == 1)
            case .nat8: return .nat8(try reader.fixed(UInt8.self))
            case .nat16: return .nat16(try reader.fixed(UInt16.self))
            case .nat32: return .nat32(try reader.fixed(UInt32.self))
            case .nat64: return .nat64(try reader.fixed(UInt64.self))
            case .int8: return .int8(try reader.fixed(Int8.self))
            case .int16: return .int16(try reader.fixed(Int16.self))
            case .int32: return .int32(try reader.fixed(Int32.self))
            case .int64: return .int64(try reader.fixed(Int64.self))
            case .float32: return .float32(Float(bitPattern: try reader.fixed(UInt32.self)))
            case .float64: return .float64(Double(bitPattern: try reader.fixed(UInt64.self)))
            case .text:
                let length = try reader.length(of: "text length")
                return .text(String(decoding: try reader.bytes(length, for: "a text"), as: UTF8.self))
            default:
                if !type.isPrimitive, case .vec(.nat8) = table.entries[type.index] {
                    let count = try reader.length(of: "vector length")
                    return .blob(copyBytes(try reader.bytes(count, for: "a blob")))
                }
                var decoder =
                    subtree ?? BinaryDecoder(reader: reader, wire: table, expected: table, limits: .unlimited)
                decoder.reader.position = offset
                defer { subtree = decoder }
                return try decoder.value(type, type)
            }
        } catch {
            throw spoil()
        }
    }

    // MARK: Mapping

    /// A Swift value of type `T` from the value of `type` at `offset`: ``DecodingCore/decode(_:from:at:)``
    /// without the value.
    func decode<T: Decodable>(_: T.Type, _ type: TypeRef, at offset: Int) throws -> T {
        if T.self is any CandidRepresentable.Type {
            return try viaValue(T.self, type, at: offset)
        }
        if let optional = T.self as? any CandidOptionalDecoding.Type {
            if type == .null { return try cast(optional.candidNone) }
            guard !type.isPrimitive, case .opt(let inner) = table.entries[type.index] else { throw spoil() }
            var tag = reader(at: offset)
            guard try tag.byteOrSpoil(self) == 1 else { return try cast(optional.candidNone) }
            return try cast(try optional.candidDecodeDirect(self, inner, at: offset + 1))
        }
        // A dictionary's keys and values that are not CandidRepresentable are mapped by their own
        // `init(from:)`, which may read the coding path the tree path gives them: decoded there.
        if let dictionary = T.self as? any CandidDictionaryDecoding.Type {
            guard dictionary.candidElementsAreRepresentable else { throw spoil() }
            return try viaValue(T.self, type, at: offset)
        }
        if MappingTraits.stringEnumCases(T.self) != nil { return try viaValue(T.self, type, at: offset) }
        do {
            return try T(from: DirectValueDecoder(session: self, type: type, offset: offset))
        } catch {
            throw spoil()
        }
    }

    /// `T` from the Candid value at `offset`, as the tree path maps it (for types whose mapping runs no
    /// `init(from:)`, so that the path, only in errors, does not matter).
    func viaValue<T: Decodable>(_: T.Type, _ type: TypeRef, at offset: Int) throws -> T {
        let value = try value(of: type, at: offset)
        do {
            return try DecodingCore.decode(T.self, from: value, at: .root)
        } catch {
            throw spoil()
        }
    }

    /// A ``CandidRepresentable`` value from the value of `type` at `offset`.
    func representable<R: CandidRepresentable>(_: R.Type, _ type: TypeRef, at offset: Int) throws -> R {
        let value = try value(of: type, at: offset)
        do {
            return try R(candidValue: value)
        } catch {
            throw spoil()
        }
    }

    /// A `Result` from `variant { Ok : Success; Err : Failure }` at `offset`.
    func decodeResult<Success: Decodable, Failure: Decodable>(
        _: Result<Success, Failure>.Type, _ type: TypeRef, at offset: Int
    ) throws -> Result<Success, Failure> {
        guard !type.isPrimitive, case .variant(let fields) = table.entries[type.index] else { throw spoil() }
        var reader = reader(at: offset)
        guard let index = try? reader.leb(), index < UInt64(fields.count) else { throw spoil() }
        let field = fields[Int(index)]
        switch field.label {
        case CandidLabel("Ok"):
            return .success(try decode(Success.self, field.type, at: reader.position))
        case CandidLabel("Err"):
            return .failure(try decode(Failure.self, field.type, at: reader.position))
        default:
            throw spoil()
        }
    }

    private func cast<Source, T>(_ value: Source) throws -> T {
        guard let result = mappingCast(value, to: T.self) else { throw spoil() }
        return result
    }
}

extension ByteReader {
    fileprivate mutating func byteOrSpoil(_ session: DirectDecoding) throws -> UInt8 {
        do throws(DecodeFailure) { return try byte() } catch { throw session.spoil() }
    }
}

extension Optional where Wrapped: Decodable {
    /// The wrapped value at `offset`, decoded directly.
    static func candidDecodeDirect(_ session: DirectDecoding, _ inner: TypeRef, at offset: Int) throws -> Self {
        .some(try session.decode(Wrapped.self, inner, at: offset))
    }
}

/// The `Decoder` of one value in the bytes, the direct counterpart of ``MappingValueDecoder``.
///
/// It keeps no coding path (building one costs an allocation per level): a type that asks for it is decoded
/// through the value tree instead, which gives it the real one.
struct DirectValueDecoder: Decoder {
    let session: DirectDecoding
    let type: TypeRef
    let offset: Int

    var codingPath: [any CodingKey] { session.pathWanted() }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try DirectKeyedDecoding<Key>(session: session, over: self.type, at: offset))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try DirectUnkeyedDecoding(session: session, over: type, at: offset)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        DirectSingleValueDecoding(decoder: self)
    }
}

private struct DirectSingleValueDecoding: SingleValueDecodingContainer {
    let decoder: DirectValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    private func read<R: CandidRepresentable>(_: R.Type) throws -> R {
        try decoder.session.representable(R.self, decoder.type, at: decoder.offset)
    }

    func decodeNil() -> Bool {
        if decoder.type == .null { return true }
        guard !decoder.type.isPrimitive, case .opt = decoder.session.table.entries[decoder.type.index] else {
            return false
        }
        return decoder.offset < decoder.session.bytes.count && decoder.session.bytes[decoder.offset] == 0
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
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decoder.session.decode(T.self, decoder.type, at: decoder.offset)
    }
}

/// A keyed container over a record's fields in the bytes, or over a variant as a record of its one
/// case: the direct counterpart of `KeyedValueDecoding`.
private struct DirectKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let session: DirectDecoding
    /// The fields, sorted by id, and the offset of each one's value.
    let fields: [TableField]
    let offsets: [Int]
    let isVariant: Bool
    let inPayload: Bool
    let isDirectPayload: Bool

    init(
        session: DirectDecoding, fields: [TableField], offsets: [Int],
        isVariant: Bool = false, inPayload: Bool = false, isDirectPayload: Bool = false
    ) {
        self.session = session
        self.fields = fields
        self.offsets = offsets
        self.isVariant = isVariant
        self.inPayload = inPayload
        self.isDirectPayload = isDirectPayload
    }

    /// A container over the record or variant of `type` at `offset`.
    init(session: DirectDecoding, over type: TypeRef, at offset: Int) throws {
        guard !type.isPrimitive else { throw session.spoil() }
        switch session.table.entries[type.index] {
        case .record(let fields):
            var offsets: [Int] = []
            offsets.reserveCapacity(fields.count)
            var position = offset
            for field in fields {
                offsets.append(position)
                position = try session.end(of: field.type, at: position)
            }
            self.init(session: session, fields: fields, offsets: offsets)
        case .variant(let fields):
            var reader = session.reader(at: offset)
            guard let index = try? reader.leb(), index < UInt64(fields.count) else { throw session.spoil() }
            self.init(
                session: session, fields: [fields[Int(index)]], offsets: [reader.position], isVariant: true)
        default:
            throw session.spoil()
        }
    }

    var codingPath: [any CodingKey] { session.pathWanted() }

    var allKeys: [Key] { fields.compactMap { MappingLabels.key(Key.self, for: $0.label) } }

    /// The position of `key`'s field, or nil when the record has none.
    private func index(_ key: Key) throws -> Int? {
        let id: UInt32
        do {
            id = try MappingLabels.label(for: key, inPayload: inPayload, path: .root).id
        } catch {
            throw session.spoil()
        }
        if fields.count == 1 { return fields[0].label.id == id ? 0 : nil }
        return TypeTable.field(withID: id, in: fields)
    }

    private func required(_ key: Key) throws -> Int {
        guard let index = try index(key) else { throw session.spoil() }
        return index
    }

    private func read<R: CandidRepresentable>(_: R.Type, _ key: Key) throws -> R {
        let index = try required(key)
        return try session.representable(R.self, fields[index].type, at: offsets[index])
    }

    /// The value of an `opt` field, `nil` when absent, null or `opt` null (the counterpart of `readIfPresent`).
    private func readIfPresent<R: CandidRepresentable>(_: R.Type, _ key: Key) throws -> R? {
        guard let index = try index(key) else { return nil }
        let type = fields[index].type
        if isVariant { return try session.representable(R.self, type, at: offsets[index]) }
        switch type {
        case .null, .reserved: return nil
        default:
            guard !type.isPrimitive, case .opt(let inner) = session.table.entries[type.index] else {
                throw session.spoil()
            }
            var reader = session.reader(at: offsets[index])
            guard try reader.byteOrSpoil(session) == 1 else { return nil }
            return try session.representable(R.self, inner, at: reader.position)
        }
    }

    func contains(_ key: Key) -> Bool { (try? index(key)) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let index = try index(key) else { return true }
        let type = fields[index].type
        if type == .null { return true }
        guard !type.isPrimitive, case .opt = session.table.entries[type.index] else { return false }
        var reader = session.reader(at: offsets[index])
        return try reader.byteOrSpoil(session) == 0
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
        guard let index = try index(key) else {
            // A missing field reads as null when its type takes null (opt, null, reserved).
            guard
                T.self is any CandidOptionalDecoding.Type || T.self == CandidNull.self || T.self == CandidReserved.self
            else { throw session.spoil() }
            do {
                return try DecodingCore.decode(T.self, from: .null, at: .root)
            } catch {
                throw session.spoil()
            }
        }
        return try session.decode(T.self, fields[index].type, at: offsets[index])
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

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let index = try index(key) else { return nil }
        let fieldType = fields[index].type
        if isVariant { return try session.decode(T.self, fieldType, at: offsets[index]) }
        switch fieldType {
        case .null, .reserved: return nil
        default:
            guard !fieldType.isPrimitive, case .opt(let inner) = session.table.entries[fieldType.index] else {
                throw session.spoil()
            }
            var reader = session.reader(at: offsets[index])
            guard try reader.byteOrSpoil(session) == 1 else { return nil }
            return try session.decode(T.self, inner, at: reader.position)
        }
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let index = try required(key)
        let valueType = fields[index].type
        guard isVariant else {
            return KeyedDecodingContainer(
                try DirectKeyedDecoding<NestedKey>(session: session, over: valueType, at: offsets[index]))
        }
        // An enum case's associated values.
        if MappingLabels.isDirectPayload(NestedKey.self) {
            return KeyedDecodingContainer(
                DirectKeyedDecoding<NestedKey>(
                    session: session, fields: [TableField(label: CandidLabel(id: 0), type: valueType)],
                    offsets: [offsets[index]], inPayload: true, isDirectPayload: true))
        }
        if valueType == .null {
            return KeyedDecodingContainer(
                DirectKeyedDecoding<NestedKey>(session: session, fields: [], offsets: [], inPayload: true))
        }
        guard !valueType.isPrimitive, case .record = session.table.entries[valueType.index] else {
            throw session.spoil()
        }
        let record = try DirectKeyedDecoding<NestedKey>(session: session, over: valueType, at: offsets[index])
        return KeyedDecodingContainer(
            DirectKeyedDecoding<NestedKey>(
                session: session, fields: record.fields, offsets: record.offsets, inPayload: true))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let index = try required(key)
        return try DirectUnkeyedDecoding(session: session, over: fields[index].type, at: offsets[index])
    }

    func superDecoder() throws -> any Decoder { throw session.spoil() }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        let index = try required(key)
        return DirectValueDecoder(session: session, type: fields[index].type, offset: offsets[index])
    }
}

/// An unkeyed container over a `vec` in the bytes: the direct counterpart of `UnkeyedValueDecoding`.
private struct DirectUnkeyedDecoding: UnkeyedDecodingContainer {
    let session: DirectDecoding
    let element: TypeRef
    let count: Int?
    private(set) var currentIndex: Int = 0
    /// The offset of the current element.
    private var offset: Int

    init(session: DirectDecoding, over type: TypeRef, at offset: Int) throws {
        guard !type.isPrimitive, case .vec(let element) = session.table.entries[type.index] else {
            throw session.spoil()
        }
        var reader = session.reader(at: offset)
        guard let count = try? reader.length(of: "vector length") else { throw session.spoil() }
        self.session = session
        self.element = element
        self.count = count
        self.offset = reader.position
    }

    var codingPath: [any CodingKey] { session.pathWanted() }

    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    /// Moves to the next element.
    private mutating func advance() throws {
        offset = try session.end(of: element, at: offset)
        currentIndex += 1
    }

    private func checkNotAtEnd() throws {
        if isAtEnd { throw session.spoil() }
    }

    private mutating func read<R: CandidRepresentable>(_: R.Type) throws -> R {
        try checkNotAtEnd()
        let value = try session.representable(R.self, element, at: offset)
        try advance()
        return value
    }

    mutating func decodeNil() throws -> Bool {
        try checkNotAtEnd()
        let isNil: Bool
        if element == .null {
            isNil = true
        } else if !element.isPrimitive, case .opt = session.table.entries[element.index] {
            var reader = session.reader(at: offset)
            isNil = try reader.byteOrSpoil(session) == 0
        } else {
            isNil = false
        }
        if isNil { try advance() }
        return isNil
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
        try checkNotAtEnd()
        let value = try session.decode(T.self, element, at: offset)
        try advance()
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try checkNotAtEnd()
        let container = try DirectKeyedDecoding<NestedKey>(session: session, over: element, at: offset)
        try advance()
        return KeyedDecodingContainer(container)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try checkNotAtEnd()
        let container = try DirectUnkeyedDecoding(session: session, over: element, at: offset)
        try advance()
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        try checkNotAtEnd()
        let decoder = DirectValueDecoder(session: session, type: element, offset: offset)
        try advance()
        return decoder
    }
}
