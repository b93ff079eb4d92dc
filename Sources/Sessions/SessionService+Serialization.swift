// Sources/Sessions/SessionService+Serialization.swift - a versioned binary form for stable memory

import PersistentCollections

/// ### Format, version 1
/// Every integer is little-endian.
///
/// | bytes | field |
/// |---|---|
/// | 4 | magic `CSSN` (`43 53 53 4E`) |
/// | 2 | version (`1`) |
/// | 8 | ttl (ns) |
/// | 4 | maxChunks |
/// | 8 | nextId |
/// | 5 × 8 | counters: begun, finished, aborted, expired, cleared |
/// | 4 | session count N |
/// | … | N sessions, ascending by id |
///
/// Each session: id (8), chunkSize (4), bytesExpected (8), createdAt (8), lastSeen (8), owner length (4)
/// and bytes, idempotency key length (4) and UTF-8 bytes, then the received bitset as
/// `ceil(chunkCount / 64)` words of 8 bytes (bit `i` of the upload in word `i / 64`, bit `i % 64`).
/// `receivedCount` and `bytesReceived` are derived from the bitset; the deadline order is rebuilt.
extension SessionService {
    /// The magic that starts serialized state: `CSSN`.
    public static let serializationMagic: [UInt8] = [0x43, 0x53, 0x53, 0x4E]
    /// The format version ``serialized()`` writes and ``init(serialized:)`` reads.
    public static let serializationVersion: UInt16 = 1

    /// The whole state in the versioned binary format above, sessions ascending by id.
    ///
    /// Deterministic: equal services give equal bytes.
    public func serialized() -> [UInt8] {
        let ids = sessions.keys.sorted()
        var size = 4 + 2 + 8 + 4 + 8 + 5 * 8 + 4
        for id in ids {
            guard let session = sessions[id] else { continue }
            size += 8 + 4 + 8 + 8 + 8 + 4 + session.spec.owner.count + 4 + session.spec.idempotencyKey.utf8.count
            size += 8 * session.received.words.count
        }
        var out = ByteWriter(capacity: size)
        out.bytes.append(contentsOf: Self.serializationMagic)
        out.put(Self.serializationVersion)
        out.put(ttl)
        out.put(maxChunks)
        out.put(nextId.rawValue)
        for counter in [counters.begun, counters.finished, counters.aborted, counters.expired, counters.cleared] {
            out.put(counter)
        }
        out.put(UInt32(ids.count))
        for id in ids {
            guard let session = sessions[id] else { continue }
            out.put(id.rawValue)
            out.put(session.spec.chunkSize)
            out.put(session.spec.bytesExpected)
            out.put(session.createdAt)
            out.put(session.lastSeen)
            out.put(UInt32(session.spec.owner.count))
            out.bytes.append(contentsOf: session.spec.owner)
            out.put(UInt32(session.spec.idempotencyKey.utf8.count))
            out.bytes.append(contentsOf: session.spec.idempotencyKey.utf8)
            for word in session.received.words { out.put(word) }
        }
        assert(out.bytes.count == size, "serialized size \(out.bytes.count) differs from the computed \(size)")
        return out.bytes
    }

    /// Restores a service from ``serialized()`` bytes.
    ///
    /// - Throws: ``SessionError/Code/invalidSerialization`` naming the byte offset and field when the input is
    ///   truncated, has trailing bytes, a wrong magic or version, or inconsistent content (ids not ascending
    ///   or not below `nextId`, an invalid spec, a bit set past the chunk count, a repeated idempotency key,
    ///   `lastSeen < createdAt`, counters that do not add up, a key that is not UTF-8).
    public init(serialized bytes: [UInt8]) throws(SessionError) {
        var input = ByteReader(bytes)
        let magic = try input.bytes(4, "magic")
        guard magic == Self.serializationMagic else {
            throw input.error(at: 0, "bad magic \(magic); expected \(Self.serializationMagic) (\"CSSN\")")
        }
        let version: UInt16 = try input.read("version")
        guard version == Self.serializationVersion else {
            throw input.error(at: 4, "unsupported version \(version); this build reads \(Self.serializationVersion)")
        }
        let ttl: UInt64 = try input.read("ttl")
        let maxChunks: UInt32 = try input.read("maxChunks")
        self.init(ttl: ttl, maxChunks: maxChunks)
        let nextAt = input.offset
        let next: UInt64 = try input.read("nextId")
        guard next != 0 else { throw input.error(at: nextAt, "nextId is 0; ids start at 1") }
        nextId = SessionId(next)
        counters.begun = try input.read("begun")
        counters.finished = try input.read("finished")
        counters.aborted = try input.read("aborted")
        counters.expired = try input.read("expired")
        counters.cleared = try input.read("cleared")
        let count: UInt32 = try input.read("session count")
        var previous: SessionId?
        for position in 0 ..< count {
            let (id, session) = try readSession(&input, position: position, after: previous)
            previous = id
            insert(id, session)
        }
        guard input.offset == bytes.count else {
            throw input.error(at: input.offset, "\(bytes.count - input.offset) trailing bytes after the last session")
        }
        let closed = [counters.finished, counters.aborted, counters.expired, counters.cleared, UInt64(count)]
        let (total, overflow) = closed.reduce((UInt64(0), false)) { acc, value in
            let sum = acc.0.addingReportingOverflow(value)
            return (sum.partialValue, acc.1 || sum.overflow)
        }
        guard !overflow, total == counters.begun else {
            throw input.error(
                at: 26,
                "counters do not add up: begun \(counters.begun) != \(count) active + \(counters.finished) finished"
                    + " + \(counters.aborted) aborted + \(counters.expired) expired + \(counters.cleared) cleared"
            )
        }
    }

    private func readSession(
        _ input: inout ByteReader,
        position: UInt32,
        after previous: SessionId?
    ) throws(SessionError) -> (SessionId, Session) {
        let start = input.offset
        let name = "session #\(position)"
        let id = SessionId(try input.read("id of \(name)") as UInt64)
        guard id.isValid, id < nextId else {
            throw input.error(at: start, "\(name) has id \(id); ids must be in 1 ..< nextId (\(nextId))")
        }
        if let previous, id <= previous {
            throw input.error(at: start, "\(name) has id \(id), not above the previous id \(previous)")
        }
        let chunkSize: UInt32 = try input.read("chunkSize of session \(id)")
        let bytesExpected: UInt64 = try input.read("bytesExpected of session \(id)")
        let createdAt: UInt64 = try input.read("createdAt of session \(id)")
        let lastSeenAt = input.offset
        let lastSeen: UInt64 = try input.read("lastSeen of session \(id)")
        guard lastSeen >= createdAt else {
            throw input.error(at: lastSeenAt, "session \(id) has lastSeen \(lastSeen) before createdAt \(createdAt)")
        }
        let ownerLength: UInt32 = try input.read("owner length of session \(id)")
        let owner = try input.bytes(Int(ownerLength), "owner of session \(id)")
        let keyLength: UInt32 = try input.read("idempotency key length of session \(id)")
        let keyAt = input.offset
        let keyBytes = try input.bytes(Int(keyLength), "idempotency key of session \(id)")
        guard let key = String(validating: keyBytes, as: UTF8.self) else {
            throw input.error(at: keyAt, "the idempotency key of session \(id) is not UTF-8")
        }
        let spec = SessionSpec(chunkSize: chunkSize, bytesExpected: bytesExpected, idempotencyKey: key, owner: owner)
        let chunkCount: UInt32
        do {
            chunkCount = try validate(spec)
        } catch {
            throw input.error(at: start, "session \(id) has an invalid spec: \(error.message)")
        }
        if let other = idempotency[IdempotencyKey(owner: owner, key: key)] {
            throw input.error(at: keyAt, "sessions \(other) and \(id) share an owner and idempotency key \"\(key)\"")
        }
        let wordsAt = input.offset
        var words: [UInt64] = []
        let wordCount = ChunkBitset.wordCount(chunkCount)
        words.reserveCapacity(wordCount)
        for _ in 0 ..< wordCount { words.append(try input.read("received bitset of session \(id)")) }
        guard let received = ChunkBitset(capacity: chunkCount, words: words) else {
            throw input.error(at: wordsAt, "session \(id) marks a chunk at or past its chunk count \(chunkCount)")
        }
        var bytesReceived = UInt64(received.count) * UInt64(chunkSize)
        let last = chunkCount - 1
        if received.contains(last), let lastLength = spec.length(ofChunk: last) {
            bytesReceived -= UInt64(chunkSize - lastLength)
        }
        let session = Session(
            spec: spec,
            createdAt: createdAt,
            lastSeen: lastSeen,
            received: received,
            bytesReceived: bytesReceived
        )
        return (id, session)
    }
}

/// Appends little-endian integers to a byte array.
struct ByteWriter {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func put<T: FixedWidthInteger & UnsignedInteger>(_ value: T) {
        var remaining = value
        for _ in 0 ..< MemoryLayout<T>.size {
            bytes.append(UInt8(truncatingIfNeeded: remaining))
            remaining >>= 8
        }
    }
}

/// Reads little-endian integers from a byte array, with a typed error on truncation.
struct ByteReader {
    let input: [UInt8]
    private(set) var offset = 0

    init(_ input: [UInt8]) {
        self.input = input
    }

    func error(at offset: Int, _ message: String) -> SessionError {
        SessionError(.invalidSerialization, "at byte \(offset): \(message)")
    }

    mutating func bytes(_ count: Int, _ field: @autoclosure () -> String) throws(SessionError) -> [UInt8] {
        guard count <= input.count - offset else {
            throw error(
                at: offset,
                "truncated: \(field()) needs \(count) bytes, \(input.count - offset) left of \(input.count)"
            )
        }
        defer { offset += count }
        return Array(input[offset ..< offset + count])
    }

    mutating func read<T: FixedWidthInteger & UnsignedInteger>(
        _ field: @autoclosure () -> String
    ) throws(SessionError) -> T {
        let size = MemoryLayout<T>.size
        guard size <= input.count - offset else {
            throw error(
                at: offset,
                "truncated: \(field()) needs \(size) bytes, \(input.count - offset) left of \(input.count)"
            )
        }
        var value: T = 0
        for index in (0 ..< size).reversed() {
            value = value << 8 | T(input[offset + index])
        }
        offset += size
        return value
    }
}
