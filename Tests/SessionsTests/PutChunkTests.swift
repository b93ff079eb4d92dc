// Tests/SessionsTests/PutChunkTests.swift - putChunk: validation order, sizes, duplicates, sink failures

import Testing
@testable import Sessions

@Suite struct PutChunkTests {
    /// A service with one session (id 1) of 10 bytes in chunks of 4 (lengths 4, 4, 2), begun at 0, ttl 100.
    func fresh() throws -> (SessionService, SessionId) {
        var service = SessionService(ttl: 100)
        let id = try service.begin(spec(chunk: 4, bytes: 10), now: 0)
        return (service, id)
    }

    @Test func storesAtIndexTimesChunkSizeInAnyOrder() throws {
        var (service, id) = try fresh()
        var sink = RecordingSink()
        let last: [UInt8] = [9, 8]
        #expect(try service.putChunk(id, index: 2, bytes: last, owner: alice, now: 10, sink: &sink) == .stored)
        #expect(try service.putChunk(id, index: 0, bytes: [1, 2, 3, 4], owner: alice, now: 20, sink: &sink) == .stored)
        #expect(sink.writes.map(\.offset) == [8, 0])
        #expect(sink.writes.map(\.bytes) == [[9, 8], [1, 2, 3, 4]])
        let info = try #require(service.session(id))
        #expect(info.receivedCount == 2 && info.bytesReceived == 6)
        #expect(info.lastSeen == 20 && info.expiresAt == 120 && info.state == .receiving)
        #expect(try service.missingChunks(id) == [1])
        #expect(try service.isReceived(id, index: 2) && !(try service.isReceived(id, index: 1)))
        let slice: ArraySlice<UInt8> = [0, 5, 6, 7, 8, 0][1 ..< 5]
        #expect(try service.putChunk(id, index: 1, bytes: slice, owner: alice, now: 30, sink: &sink) == .stored)
        #expect(sink.memory.bytes == [1, 2, 3, 4, 5, 6, 7, 8, 9, 8])
        #expect(service.session(id)?.state == .complete)
        #expect(service.session(id)?.bytesReceived == 10)
        #expect(try service.receivedCount(id) == 3)
    }

    /// putChunk never buffers: the bytes go to the sink during the call and the service keeps none of
    /// them (its whole serialized state stays the same size; only a received bit changes).
    @Test func chunkBytesAreNeverKept() throws {
        var service = SessionService(ttl: 100)
        let id = try service.begin(spec(chunk: 1_000_000, bytes: 3_000_000), now: 0)
        let before = service.serialized()
        var sink = RecordingSink()
        _ = try service.putChunk(id, index: 1, bytes: chunk(1_000_000, 0x5A), owner: alice, now: 0, sink: &sink)
        #expect(sink.writes.count == 1)
        #expect(sink.writes.first?.offset == 1_000_000)
        #expect(sink.writes.first?.bytes == chunk(1_000_000, 0x5A))
        let after = service.serialized()
        #expect(after.count == before.count)
        #expect(zip(before, after).filter { $0 != $1 }.count == 1)
        #expect(service.session(id)?.bytesReceived == 1_000_000)
    }

    @Test func rawBufferAndNonContiguousCollectionsWork() throws {
        var (service, id) = try fresh()
        var sink = ByteArraySink()
        let raw: [UInt8] = [1, 2, 3, 4]
        let outcome = try raw.withUnsafeBytes { buffer in
            try service.putChunk(id, index: 0, bytes: buffer, owner: alice, now: 1, sink: &sink)
        }
        #expect(outcome == .stored)
        // A collection without contiguous storage goes through a copy.
        let lazy = (5 ... 8).lazy.map { UInt8($0) }
        #expect(try service.putChunk(id, index: 1, bytes: lazy, owner: alice, now: 1, sink: &sink) == .stored)
        #expect(sink.bytes == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test func errorsInOrderWithExactMessages() throws {
        var (service, id) = try fresh()
        let before = service
        let missing = sessionError { try service.put(SessionId(9), 0, chunk(4)) }
        #expect(missing?.code == .notFound)
        #expect(missing?.message == "session 9 not found")
        // A wrong owner is reported before a bad index or size.
        let owner = sessionError { try service.put(id, 7, chunk(1), owner: bob) }
        #expect(owner?.code == .notOwner)
        #expect(owner?.message == "session 1 belongs to another owner")
        let range = sessionError { try service.put(id, 3, chunk(1)) }
        #expect(range?.code == .indexOutOfRange)
        #expect(range?.message == "chunk index 3 out of range: session 1 has 3 chunks")
        let short = sessionError { try service.put(id, 0, chunk(3)) }
        #expect(short?.code == .wrongChunkSize)
        #expect(short?.message == "chunk 0 has 3 bytes; expected 4")
        let long = sessionError { try service.put(id, 1, chunk(5)) }
        #expect(long?.code == .wrongChunkSize)
        // The last chunk must complete bytesExpected exactly: 2 bytes, not a full chunk.
        let lastFull = sessionError { try service.put(id, 2, chunk(4)) }
        #expect(lastFull?.code == .wrongChunkSize)
        #expect(lastFull?.message == "chunk 2 has 4 bytes; expected 2")
        let empty = sessionError { try service.put(id, 2, []) }
        #expect(empty?.code == .wrongChunkSize)
        #expect(empty?.sessionId == id)
        #expect(service == before)
        #expect(service.session(id)?.lastSeen == 0)
    }

    @Test func bigChunkSizeMessage() throws {
        var service = SessionService(ttl: 100)
        let id = try service.begin(spec(chunk: 1_800_000, bytes: 21_827_484), now: 0)
        let error = sessionError { try service.put(id, 3, chunk(10)) }
        #expect(error?.description == "wrongChunkSize: chunk 3 has 10 bytes; expected 1800000")
        let last = sessionError { try service.put(id, 12, chunk(1_800_000)) }
        #expect(last?.message == "chunk 12 has 1800000 bytes; expected 227484")
        #expect(try service.put(id, 12, chunk(227_484)) == .stored)
        #expect(service.session(id)?.bytesReceived == 227_484)
    }

    @Test func duplicateWritesNothingAndChangesNothing() throws {
        var (service, id) = try fresh()
        var sink = RecordingSink()
        _ = try service.putChunk(id, index: 1, bytes: [1, 1, 1, 1], owner: alice, now: 10, sink: &sink)
        let before = service
        let outcome = try service.putChunk(id, index: 1, bytes: [2, 2, 2, 2], owner: alice, now: 50, sink: &sink)
        #expect(outcome == .duplicate)
        #expect(sink.writes.count == 1)
        #expect(sink.memory.bytes == [0, 0, 0, 0, 1, 1, 1, 1])
        #expect(service == before)
        #expect(service.session(id)?.lastSeen == 10)
        #expect(service.session(id)?.bytesReceived == 4)
        // A duplicate is still validated first: a wrong size is an error, not a duplicate.
        let wrong = sessionError { try service.put(id, 1, chunk(2)) }
        #expect(wrong?.code == .wrongChunkSize)
    }

    @Test func failingSinkLeavesTheSessionExactlyAsItWas() throws {
        var (service, id) = try fresh()
        var sink = RecordingSink()
        _ = try service.putChunk(id, index: 0, bytes: [1, 2, 3, 4], owner: alice, now: 10, sink: &sink)
        let before = service
        let infoBefore = service.session(id)
        let heapBefore = service.expiryQueueCount
        sink.failNext = true
        let error = sessionError {
            try service.putChunk(id, index: 1, bytes: [5, 6, 7, 8], owner: alice, now: 40, sink: &sink)
        }
        #expect(error?.code == .sinkFailed)
        #expect(error?.message == "writing chunk 1 of session 1 at offset 4 failed: disk full")
        #expect(error?.underlying is RecordingSink.Failure)
        #expect(service == before)
        #expect(service.session(id) == infoBefore)
        #expect(service.expiryQueueCount == heapBefore)
        #expect(try service.isReceived(id, index: 1) == false)
        #expect(try service.missingChunks(id) == [1, 2])
        // The chunk can be retried and is then stored, not reported as a duplicate.
        sink.failNext = false
        #expect(try service.putChunk(id, index: 1, bytes: [5, 6, 7, 8], owner: alice, now: 41, sink: &sink) == .stored)
        #expect(service.session(id)?.lastSeen == 41)
        #expect(sink.memory.bytes == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test func isReceivedRejectsIndexesPastTheEnd() throws {
        let (service, id) = try fresh()
        let error = sessionError { try service.isReceived(id, index: 3) }
        #expect(error?.code == .indexOutOfRange)
    }

    @Test func sessionsAreIsolated() throws {
        var service = SessionService(ttl: 100)
        let a = try service.begin(spec(chunk: 2, bytes: 4, key: "a"), now: 0)
        let b = try service.begin(spec(chunk: 2, bytes: 4, key: "b", owner: bob), now: 0)
        var sinkA = ByteArraySink()
        var sinkB = ByteArraySink()
        _ = try service.putChunk(a, index: 0, bytes: [1, 1], owner: alice, now: 1, sink: &sinkA)
        _ = try service.putChunk(b, index: 0, bytes: [2, 2], owner: bob, now: 1, sink: &sinkB)
        #expect(sinkA.bytes == [1, 1] && sinkB.bytes == [2, 2])
        #expect(try service.missingChunks(a) == [1] && service.missingChunks(b) == [1])
        let cross = sessionError { try service.put(b, 1, [3, 3], owner: alice) }
        #expect(cross?.code == .notOwner)
    }
}
