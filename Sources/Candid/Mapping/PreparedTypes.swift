// Sources/Candid/Mapping/PreparedTypes.swift - expected types with their table built, cached per Swift type

import Synchronization

/// Expected argument types ready for decoding: their type table built once.
///
/// Building the table of the expected types is the same work for every message decoded at them,
/// so ``Candid/decodeArguments(_:as:limits:)`` keeps one per tuple of Swift types.
struct PreparedTypes: Sendable {
    let table: TypeTable
    let refs: [TypeRef]
    /// The message header these types are written with, for decoding straight into Swift values.
    let header: PreparedHeader?

    /// Builds the table of `types`; throws what ``Candid/decode(_:as:in:limits:)`` throws for them.
    init(_ types: [CandidType], in environment: CandidTypeEnvironment) throws(CandidError) {
        (table, refs) = try TypeTable.build(types, in: environment)
        header = PreparedHeader(table: table, refs: refs)
    }

    /// The values of the message `bytes`, decoded at these types.
    func decode(_ bytes: [UInt8], limits: CandidLimits) throws(CandidError) -> [CandidValue] {
        try BinaryDecoder.decodeMessage(bytes, limits: limits) { _ throws(CandidError) in (table, refs) }.values
    }

    /// What `body` maps from the message `bytes` read straight from its bytes, or `nil` when that path does
    /// not apply (see ``PreparedHeader/decode(_:limits:_:)``).
    func decodeDirect<R>(
        _ bytes: [UInt8], limits: CandidLimits, _ body: (DirectDecoding, [TypeRef], [Int]) throws -> R
    ) -> R? {
        header?.decode(bytes, limits: limits, body)
    }
}

/// The canonical header of a tuple of types, as ``BinaryEncoder`` writes it: `DIDL`, the table, the
/// argument types.
///
/// A message that starts with exactly these bytes has these types on the wire, so decoding it needs no
/// coercion: ``BinaryDecoder/validate(_:)`` checks and charges the values as the tree decoder would,
/// and the Swift values are then read straight from the bytes (``DirectDecoding``).
struct PreparedHeader: Sendable {
    let bytes: [UInt8]
    let table: TypeTable
    let roots: [TypeRef]
    /// The table's `minimumValueSizes()`, for the decoder's vector checks.
    let minimumSizes: [Int]

    /// The header of `refs` in `table`; `nil` when reading it back does not give the same table (a table the
    /// reader rewrites, such as one with uninhabited records).
    init?(table built: TypeTable, refs: [TypeRef]) {
        let (table, roots) = built.canonical(roots: refs)
        var writer = ByteWriter(capacity: 64)
        writer.bytes(Array("DIDL".utf8))
        table.writeHeader(arguments: roots, into: &writer)
        var limits = CandidLimits.unlimited
        limits.maxTypeTableEntries = Int.max
        guard let read = try? MessageHeader.read(writer.buffer, limits: limits), read.arguments == roots,
            read.length == writer.buffer.count, read.table.entries.map(\.withoutNames) == table.entries.map(\.withoutNames)
        else { return nil }
        self.bytes = writer.buffer
        self.table = table
        self.roots = roots
        self.minimumSizes = table.minimumValueSizes()
    }

    /// Runs `body` on the message `bytes` when it starts with this header and its values pass
    /// ``BinaryDecoder/validate(_:)`` at `limits`; `body` gets the session, the argument types and the offset
    /// of each argument. `nil` when the header differs, the values do not validate, or `body` left the direct
    /// path (threw, or spoiled the session): the caller then decodes through the value tree.
    func decode<R>(
        _ message: [UInt8], limits: CandidLimits, _ body: (DirectDecoding, [TypeRef], [Int]) throws -> R
    ) -> R? {
        guard message.count >= bytes.count, table.count <= limits.maxTypeTableEntries else { return nil }
        return message.withUnsafeBytes { raw -> R? in
            let matches = bytes.withUnsafeBytes { header in
                memcmpEqual(UnsafeRawBufferPointer(rebasing: raw[0..<header.count]), header)
            }
            guard matches else { return nil }
            var decoder = BinaryDecoder(
                reader: ByteReader(raw, position: bytes.count), wire: table, expected: table, limits: limits,
                minimumSizes: minimumSizes)
            var offsets: [Int] = []
            offsets.reserveCapacity(roots.count)
            do throws(DecodeFailure) {
                try decoder.charge(saturatingMultiply(4, bytes.count))
                for root in roots {
                    offsets.append(decoder.reader.position)
                    try decoder.validate(root)
                }
            } catch {
                return nil
            }
            guard decoder.reader.isAtEnd else { return nil }
            let session = DirectDecoding(bytes: raw, table: table)
            guard let result = try? body(session, roots, offsets), !session.spoiled else { return nil }
            return result
        }
    }
}

/// Whether two byte buffers of the same length hold the same bytes.
private func memcmpEqual(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
    guard lhs.count == rhs.count else { return false }
    for index in 0..<lhs.count where lhs[index] != rhs[index] { return false }
    return true
}

extension TypeEntry {
    /// The entry with its labels reduced to their ids, as a message carries them.
    var withoutNames: TypeEntry {
        switch self {
        case .record(let fields): .record(fields.map { TableField(label: CandidLabel(id: $0.label.id), type: $0.type) })
        case .variant(let fields): .variant(fields.map { TableField(label: CandidLabel(id: $0.label.id), type: $0.type) })
        default: self
        }
    }
}

/// Prepared types per tuple of Swift types, shared by every caller. Only successes are kept: a
/// tuple whose types cannot be discovered or built fails the same way on every call.
enum PreparedTypesCache {
    private static let tuples = Mutex<[MappingCacheKey: PreparedTypes]>([:])

    /// The prepared types of `key`, made by `make` the first time.
    static func tuple(_ key: MappingCacheKey, make: () throws -> PreparedTypes) throws -> PreparedTypes {
        if let hit = tuples.withLock({ $0[key] }) { return hit }
        let prepared = try make()
        tuples.withLock { $0[key] = prepared }
        return prepared
    }
}

/// Encoding plans per tuple of Swift types. Only successes are kept: a tuple whose types cannot be
/// discovered takes the path that reports why, on every call.
enum EncodingPlanCache {
    enum Entry: Sendable {
        /// The types are known: messages start with this plan's header.
        case typed(EncodingPlan)
        /// A type is only Encodable: each value is encoded at the type it carries.
        case untyped
    }

    private static let entries = Mutex<[MappingCacheKey: Entry]>([:])

    /// The entry of `key`, made by `make` the first time; `nil` when `make` throws.
    static func entry(_ key: MappingCacheKey, make: () throws -> Entry) -> Entry? {
        if let hit = entries.withLock({ $0[key] }) { return hit }
        guard let entry = try? make() else { return nil }
        entries.withLock { $0[key] = entry }
        return entry
    }
}

/// What the mapping caches are keyed by: the tuple type of an argument list (`(A, B)`; a single type is
/// itself, `()` for none; tuples are not Codable, so a single argument never has a pack's key), or a `Result` as the one-argument `variant { Ok; Err }` (kept apart from the
/// one-argument tuple of the same Swift type, which maps differently).
struct MappingCacheKey: Hashable, Sendable {
    let type: ObjectIdentifier
    let isResult: Bool

    init(tuple: Any.Type) {
        type = ObjectIdentifier(tuple)
        isResult = false
    }

    init<Success, Failure: Error>(result: Result<Success, Failure>.Type) {
        type = ObjectIdentifier(result)
        isResult = true
    }
}
