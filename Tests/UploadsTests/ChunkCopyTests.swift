// Tests/UploadsTests/ChunkCopyTests.swift - each chunk's bytes are copied once, on both backends

import Candid
import Hashing
import Testing

@testable import Uploads

/// What crossed a ``CountedStorage`` in reads: a class, so that reads through copies of the storage
/// (non-mutating calls take it by value) are counted too.
final class ReadCounter: @unchecked Sendable {
    var lends = 0
    var copiesOut = 0
}

/// An ``InMemoryStorage`` that counts writes (copies in), lent reads, and array reads (copies out).
struct CountedStorage: BlobStorage {
    var base = InMemoryStorage()
    var writes = 0
    var bytesWritten = 0
    let counter: ReadCounter

    var pageCount: UInt64 { base.pageCount }

    mutating func grow(by pages: UInt64) -> UInt64? { base.grow(by: pages) }

    mutating func write(offset: UInt64, _ bytes: UnsafeRawBufferPointer) {
        writes += 1
        bytesWritten += bytes.count
        base.write(offset: offset, bytes)
    }

    func forEachSpan(offset: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) -> Void) {
        counter.lends += 1
        base.forEachSpan(offset: offset, count: count, body)
    }

    func read(offset: UInt64, count: Int) -> [UInt8] {
        counter.copiesOut += 1
        return base.read(offset: offset, count: count)
    }
}

@Suite("Chunk copies")
struct ChunkCopyTests {
    /// Three chunks arrive 2, 0, 1: every put writes its bytes into the storage once and copies nothing
    /// out; the early chunk 2 is hashed through one lent read when the gap fills; a duplicate is compared
    /// through a lent read and writes nothing.
    @Test(arguments: Backend.allCases)
    func eachChunkIsCopiedOnceAndEarlyChunksAreLent(_ kind: Backend) throws {
        var backend = try kind.make(configuration: Fixtures.small)
        let counter = ReadCounter()
        var storage = CountedStorage(counter: counter)
        let capsule = try backend.capsulesCreate(caller: Fixtures.alice, subject: nil, now: 1).id
        let data = Fixtures.content(20)
        let session = try backend.begin(
            caller: Fixtures.alice, capsuleId: capsule, metadata: Fixtures.metadata(bytes: 20), expectedChunks: 3,
            idempotencyKey: "k", now: 1, storage: &storage
        )
        let chunks = [Array(data[0..<8]), Array(data[8..<16]), Array(data[16..<20])]
        let (writesBefore, bytesBefore) = (storage.writes, storage.bytesWritten)
        for (step, index) in [2, 0, 1].enumerated() {
            try backend.putChunk(
                caller: Fixtures.alice, sessionId: session, index: UInt32(index), bytes: chunks[index], now: 2,
                storage: &storage
            )
            #expect(storage.writes - writesBefore == step + 1)
            #expect(counter.copiesOut == 0)
        }
        #expect(storage.bytesWritten - bytesBefore == 20)
        #expect(counter.lends == 1)
        try backend.putChunk(
            caller: Fixtures.alice, sessionId: session, index: 0, bytes: chunks[0], now: 2, storage: &storage
        )
        #expect(storage.writes - writesBefore == 3)
        #expect(counter.lends == 2 && counter.copiesOut == 0)
        let result = try backend.finish(
            caller: Fixtures.alice, sessionId: session, sha256: SHA256.hash(data), totalLength: 20, now: 3
        )
        #expect(result.checksumSha256 == SHA256.hash(data))
    }
}
