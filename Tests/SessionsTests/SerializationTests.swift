// Tests/SessionsTests/SerializationTests.swift - the versioned binary form: vectors, round trips, bad input

import Testing
import TestSupport
@testable import Sessions

@Suite struct SerializationTests {
    /// ttl 100, maxChunks 8; session 1 (4-byte chunks of 10 bytes, key "k", owner alice) begun at 5 with
    /// chunk 2 stored at 9.
    func small() throws -> SessionService {
        var service = SessionService(ttl: 100, maxChunks: 8)
        let id = try service.begin(spec(chunk: 4, bytes: 10), now: 5)
        _ = try service.put(id, 2, chunk(2), now: 9)
        return service
    }

    static let smallBytes: [UInt8] =
        [0x43, 0x53, 0x53, 0x4E, 1, 0]  // magic, version 1
        + [100, 0, 0, 0, 0, 0, 0, 0]  // ttl
        + [8, 0, 0, 0]  // maxChunks
        + [2, 0, 0, 0, 0, 0, 0, 0]  // nextId
        + [1, 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 32)  // begun 1, the rest 0
        + [1, 0, 0, 0]  // one session
        + [1, 0, 0, 0, 0, 0, 0, 0]  // id
        + [4, 0, 0, 0]  // chunkSize
        + [10, 0, 0, 0, 0, 0, 0, 0]  // bytesExpected
        + [5, 0, 0, 0, 0, 0, 0, 0]  // createdAt
        + [9, 0, 0, 0, 0, 0, 0, 0]  // lastSeen
        + [2, 0, 0, 0, 0x0A, 0x11]  // owner
        + [1, 0, 0, 0, 0x6B]  // key "k"
        + [4, 0, 0, 0, 0, 0, 0, 0]  // bitset: chunk 2

    @Test func exactBytesOfASmallState() throws {
        let service = try small()
        #expect(service.serialized() == Self.smallBytes)
        let restored = try SessionService(serialized: Self.smallBytes)
        #expect(restored == service)
        let info = try #require(restored.session(SessionId(1)))
        #expect(info.bytesReceived == 2 && info.receivedCount == 1 && info.lastSeen == 9 && info.expiresAt == 109)
        #expect(restored.nextId == SessionId(2) && restored.ttl == 100 && restored.maxChunks == 8)
    }

    @Test func emptyServiceRoundTrips() throws {
        let empty = SessionService(ttl: 7)
        let bytes = empty.serialized()
        #expect(bytes.count == 70)
        #expect(try SessionService(serialized: bytes) == empty)
    }

    @Test func busyServiceRoundTripsAndKeepsWorking() throws {
        var service = SessionService(ttl: 1_000, maxChunks: 300)
        var sink = ByteArraySink()
        for i: UInt64 in 0 ..< 20 {
            let owner: [UInt8] = i % 3 == 0 ? bob : alice
            let id = try service.begin(spec(chunk: 3, bytes: 10 + 40 * i, key: "key-\(i)-é", owner: owner), now: i)
            for index in stride(from: UInt32(0), to: UInt32(service.session(id)?.chunkCount ?? 0), by: 2) {
                let length = Int(service.session(id)?.spec.length(ofChunk: index) ?? 0)
                _ = try service.putChunk(id, index: index, bytes: chunk(length), owner: owner, now: 50 + i, sink: &sink)
            }
        }
        try service.abort(SessionId(4), owner: bob)
        _ = service.tickTTL(now: 1_050)
        #expect(service.stats.expired == 1 && service.stats.aborted == 1)
        let bytes = service.serialized()
        var restored = try SessionService(serialized: bytes)
        #expect(restored == service)
        #expect(restored.serialized() == bytes)
        #expect(restored.list() == service.list())
        #expect(restored.stats == service.stats)
        #expect(restored.count(owner: bob) == service.count(owner: bob))
        #expect(restored.find(owner: alice, idempotencyKey: "key-5-é") == SessionId(6))
        // The restored service expires, allocates and rejects exactly like the original.
        #expect(restored.tickTTL(now: 1_060).map(\.id) == service.tickTTL(now: 1_060).map(\.id))
        #expect(try restored.begin(spec(key: "new"), now: 2_000) == service.begin(spec(key: "new"), now: 2_000))
        #expect(restored == service)
        let again = sessionError {
            try restored.begin(spec(chunk: 3, bytes: 10 + 40 * 19, key: "key-19-é"), now: 2_000)
        }
        #expect(again?.code == .alreadyExists)
    }

    @Test func everyTruncationIsATypedError() throws {
        let bytes = try small().serialized()
        for length in 0 ..< bytes.count {
            let error = sessionError { try SessionService(serialized: Array(bytes[..<length])) }
            #expect(error?.code == .invalidSerialization, "prefix of \(length) bytes")
        }
        let error = sessionError { try SessionService(serialized: Array(bytes[..<74])) }
        #expect(error?.message == "at byte 70: truncated: id of session #0 needs 8 bytes, 4 left of 74")
    }

    /// `smallBytes` with `replacement` written over the bytes at `offset`.
    func patched(_ offset: Int, _ replacement: [UInt8]) -> [UInt8] {
        var bytes = Self.smallBytes
        bytes.replaceSubrange(offset ..< offset + replacement.count, with: replacement)
        return bytes
    }

    static let badInputs: [(name: String, offset: Int, replacement: [UInt8], message: String)] = [
        ("magic", 0, [0x44], "at byte 0: bad magic [68, 83, 83, 78]; expected [67, 83, 83, 78] (\"CSSN\")"),
        ("version", 4, [2], "at byte 4: unsupported version 2; this build reads 1"),
        ("nextId 0", 18, [0], "at byte 18: nextId is 0; ids start at 1"),
        ("id not below nextId", 70, [2], "at byte 70: session #0 has id 2; ids must be in 1 ..< nextId (2)"),
        ("id 0", 70, [0], "at byte 70: session #0 has id 0; ids must be in 1 ..< nextId (2)"),
        ("chunkSize 0", 78, [0], "at byte 70: session 1 has an invalid spec: chunkSize must be > 0, got 0"),
        (
            "too many chunks", 78, [1],
            "at byte 70: session 1 has an invalid spec: 10 bytes in chunks of 1 bytes need 10 chunks; the limit is 8"
        ),
        ("lastSeen before createdAt", 98, [4], "at byte 98: session 1 has lastSeen 4 before createdAt 5"),
        ("stray bit", 117, [8], "at byte 117: session 1 marks a chunk at or past its chunk count 3"),
        ("key not UTF-8", 116, [0xFF], "at byte 116: the idempotency key of session 1 is not UTF-8"),
        (
            "counters", 26, [2],
            "at byte 26: counters do not add up: begun 2 != 1 active + 0 finished + 0 aborted + 0 expired + 0 cleared"
        ),
    ]

    @Test(arguments: Self.badInputs)
    func inconsistentContentIsRejected(_ bad: (name: String, offset: Int, replacement: [UInt8], message: String)) {
        let bytes = patched(bad.offset, bad.replacement)
        let error = sessionError { try SessionService(serialized: bytes) }
        #expect(error?.code == .invalidSerialization, "\(bad.name)")
        #expect(error?.message == bad.message, "\(bad.name)")
    }

    @Test func trailingBytesAreRejected() {
        let error = sessionError { try SessionService(serialized: Self.smallBytes + [0]) }
        #expect(error?.code == .invalidSerialization)
        #expect(error?.message == "at byte 125: 1 trailing bytes after the last session")
    }

    @Test func idsMustAscendAndKeysMustBeUnique() throws {
        var service = SessionService(ttl: 100)
        try service.begin(id: SessionId(1), spec(key: "a"), now: 0)
        try service.begin(id: SessionId(2), spec(key: "b"), now: 0)
        let bytes = service.serialized()
        // Each session record is 8+4+8+8+8 + 4+2 + 4+1 + 8 = 55 bytes; the first starts at 70.
        var swapped = bytes
        swapped[70] = 2
        swapped[70 + 55] = 1
        let order = sessionError { try SessionService(serialized: swapped) }
        #expect(order?.message == "at byte 125: session #1 has id 1, not above the previous id 2")
        var sameKey = bytes
        sameKey[70 + 55 + 46] = 0x61  // "b" -> "a"
        let duplicate = sessionError { try SessionService(serialized: sameKey) }
        #expect(duplicate?.message == "at byte 171: sessions 1 and 2 share an owner and idempotency key \"a\"")
    }

    @Test func randomGarbageAndMutationsNeverCrash() throws {
        let seed: UInt64 = 0x5E55_1025
        var random = SplitMix64(seed: seed)
        let valid = try small().serialized()
        for round in 0 ..< 2_000 {
            var bytes: [UInt8]
            if round % 4 == 0 {
                let count = Int.random(in: 0 ... 200, using: &random)
                bytes = (0 ..< count).map { _ in UInt8.random(in: 0 ... 255, using: &random) }
            } else {
                bytes = valid
                for _ in 0 ..< Int.random(in: 1 ... 3, using: &random) {
                    let at = Int.random(in: 0 ..< bytes.count, using: &random)
                    bytes[at] = UInt8.random(in: 0 ... 255, using: &random)
                }
            }
            do {
                let decoded = try SessionService(serialized: bytes)
                // Anything accepted is canonical: it serializes back to the same bytes.
                #expect(decoded.serialized() == bytes, "seed \(seed) round \(round)")
            } catch {
                #expect(error.code == .invalidSerialization, "seed \(seed) round \(round)")
            }
        }
    }
}
