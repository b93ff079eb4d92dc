// Tests/UploadsTests/DefectTests.swift - one test per defect of futura-notes §5 that applies, proving it is absent

import Candid
import Hashing
import Sessions
import Testing

@testable import Uploads
import PersistentCollections

@Suite("futura defects (§5) are absent")
struct DefectTests {
    /// 1: `bytes_expected` comes from the metadata; an upload whose size is not a multiple of the chunk size
    /// completes, and a zero-byte spec is refused rather than accepted and never finishable.
    @Test(arguments: Backend.allCases)
    func defect1_sizeNotMultipleOfChunkSize(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(8 * 4 + 3)
        let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: data.count)
        #expect(h.backend.pendingUploads.first?.metadata.base.bytes == 35)
        for index in 0..<5 { try h.put(Fixtures.alice, session, index, h.chunk(data, index)) }
        let result = try h.finish(Fixtures.alice, session, data)
        #expect(result.size == 35)
        #expect(try h.backend.blobRead(caller: Fixtures.alice, locator: result.blobId, storage: h.storage) == data)
        expectError(.invalidArgument(prefix: ""), prefix: "size_mismatch") {
            try h.begin(Fixtures.alice, capsule: capsule, bytes: 0, idem: "zero", chunks: 1)
        }
        // The engine itself refuses bytesExpected 0, so such a session could never exist.
        var engine = SessionService(ttl: 10)
        #expect(throws: SessionError(.invalidSpec, "")) {
            try engine.begin(SessionSpec(chunkSize: 8, bytesExpected: 0, idempotencyKey: "", owner: [1]), now: 0)
        }
    }

    /// 2: ids are derived deterministically (counters), and different sessions never share a blob id.
    @Test(arguments: Backend.allCases)
    func defect2_blobIdsDeterministicAndDistinct(_ kind: Backend) throws {
        var results: [[String]] = []
        for _ in 0..<2 {
            var h = try Harness(kind)
            let capsule = try h.capsule(for: Fixtures.alice)
            var ids: [String] = []
            for index in 0..<4 {
                let result = try h.upload(
                    Fixtures.alice, capsule: capsule, Fixtures.content(5, seed: index), idem: "\(index)")
                ids.append(result.blobId)
            }
            results.append(ids)
        }
        #expect(results[0] == ["blob_1", "blob_2", "blob_3", "blob_4"])
        #expect(results[0] == results[1])
    }

    /// 3: two sessions with the same (empty) provisional memory id writing chunk 0 alternately both read back
    /// intact.
    @Test(arguments: Backend.allCases)
    func defect3_parallelSessionsDoNotCollide(_ kind: Backend) throws {
        var h = try Harness(kind)
        let aliceCapsule = try h.capsule(for: Fixtures.alice)
        let bobCapsule = try h.capsule(for: Fixtures.bob)
        let a = Fixtures.content(24, seed: 1)
        let b = Fixtures.content(24, seed: 2)
        let c = Fixtures.content(24, seed: 3)
        let sa = try h.begin(Fixtures.alice, capsule: aliceCapsule, bytes: 24, idem: "same")
        let sb = try h.begin(Fixtures.bob, capsule: bobCapsule, bytes: 24, idem: "same")
        let sc = try h.begin(Fixtures.alice, capsule: aliceCapsule, bytes: 24, idem: "other")
        for index in [0, 2, 1] {
            try h.put(Fixtures.alice, sa, index, h.chunk(a, index))
            try h.put(Fixtures.bob, sb, index, h.chunk(b, index))
            try h.put(Fixtures.alice, sc, 2 - index, h.chunk(c, 2 - index))
        }
        let rb = try h.finish(Fixtures.bob, sb, b)
        let ra = try h.finish(Fixtures.alice, sa, a)
        let rc = try h.finish(Fixtures.alice, sc, c)
        #expect(try h.backend.blobRead(caller: Fixtures.alice, locator: ra.blobId, storage: h.storage) == a)
        #expect(try h.backend.blobRead(caller: Fixtures.bob, locator: rb.blobId, storage: h.storage) == b)
        #expect(try h.backend.blobRead(caller: Fixtures.alice, locator: rc.blobId, storage: h.storage) == c)
        #expect(Set([ra.blobId, rb.blobId, rc.blobId]).count == 3)
    }

    /// 4: chunks in any order give the right hash.
    @Test(arguments: Backend.allCases)
    func defect4_outOfOrderChunksHashCorrectly(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(45)
        for (run, order) in [[5, 4, 3, 2, 1, 0], [1, 3, 5, 0, 2, 4], [2, 0, 1, 5, 3, 4]].enumerated() {
            let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: 45, idem: "order-\(run)")
            for index in order { try h.put(Fixtures.alice, session, index, h.chunk(data, index)) }
            #expect(h.backend.pendingUploads.first { $0.sessionId == session }?.hashedChunks == 6)
            let result = try h.finish(Fixtures.alice, session, data)
            #expect(result.checksumSha256 == SHA256.hash(data))
        }
    }

    /// 4: rejected chunks (wrong caller, out of range, oversized, wrong size, conflicting duplicate) do not
    /// touch the hash or anything else.
    @Test(arguments: Backend.allCases)
    func defect4_rejectedChunkDoesNotPoisonHash(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(20)
        let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: 20)
        try h.put(Fixtures.alice, session, 0, h.chunk(data, 0))
        let before = h.backend.snapshot()
        expectError(.unauthorized) { try h.put(Fixtures.bob, session, 1, h.chunk(data, 1)) }
        expectError(.invalidArgument(prefix: ""), prefix: "chunk_index_out_of_range") {
            try h.put(Fixtures.alice, session, 7, h.chunk(data, 1))
        }
        expectError(.invalidArgument(prefix: ""), prefix: "chunk_too_large") {
            try h.put(Fixtures.alice, session, 1, h.chunk(data, 1) + [0])
        }
        expectError(.invalidArgument(prefix: ""), prefix: "chunk_size_mismatch") {
            try h.put(Fixtures.alice, session, 1, [1])
        }
        expectError(.conflict(prefix: ""), prefix: "chunk_conflict") {
            try h.put(Fixtures.alice, session, 0, h.chunk(data, 1))
        }
        #expect(h.backend.snapshot() == before)
        try h.put(Fixtures.alice, session, 1, h.chunk(data, 1))
        try h.put(Fixtures.alice, session, 2, h.chunk(data, 2))
        #expect(try h.finish(Fixtures.alice, session, data).checksumSha256 == SHA256.hash(data))
    }

    /// 4: a finish that fails (wrong hash, short hash, another caller) leaves the hasher in place.
    @Test(arguments: Backend.allCases)
    func defect4_failedFinishKeepsHasher(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(10)
        let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: 10)
        try h.put(Fixtures.alice, session, 0, h.chunk(data, 0))
        try h.put(Fixtures.alice, session, 1, h.chunk(data, 1))
        let before = h.backend.snapshot()
        var wrong = SHA256.hash(data)
        wrong[0] ^= 1
        let computed = hex(SHA256.hash(data))
        expectError(.invalidArgument("checksum_mismatch: computed=\(computed), expected=\(hex(wrong))")) {
            try h.backend.finish(caller: Fixtures.alice, sessionId: session, sha256: wrong, totalLength: 10, now: h.now)
        }
        expectError(.unauthorized) { try h.finish(Fixtures.bob, session, data) }
        #expect(h.backend.snapshot() == before)
        #expect(try h.finish(Fixtures.alice, session, data).size == 10)
    }

    /// 4: an expected hash shorter than 8 bytes (or empty) is a checksum mismatch, not a trap.
    @Test(arguments: Backend.allCases)
    func defect4_shortHashIsMismatchNotTrap(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(3)
        let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: 3)
        try h.put(Fixtures.alice, session, 0, data)
        for short in [[], [0xAB], Array(SHA256.hash(data).prefix(7)), SHA256.hash(data) + [0]] as [[UInt8]] {
            expectError(
                .invalidArgument("invalid_hash_length: sha256 must be 32 bytes, got \(short.count)")
            ) {
                try h.backend.finish(
                    caller: Fixtures.alice, sessionId: session, sha256: short, totalLength: 3, now: h.now)
            }
        }
        #expect(try h.finish(Fixtures.alice, session, data).size == 3)
    }

    /// 5: the persisted schema is versioned: another version or a damaged snapshot is refused with a typed
    /// error, never read as garbage.
    @Test(arguments: Backend.allCases)
    func defect5_schemaChangeIsRefusedNotMisread(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        _ = try h.begin(Fixtures.alice, capsule: capsule, bytes: 9)
        var snapshot = h.backend.snapshot()
        snapshot.version = 2
        expectError(.internal("corrupt_snapshot: version 2; this build reads 1")) {
            try DirectUploadService(snapshot: snapshot, storage: h.storage)
        }
        expectError(.internal("corrupt_snapshot: version 2; this build reads 1")) {
            try CompatUploadService(snapshot: snapshot, storage: h.storage)
        }
        snapshot = h.backend.snapshot()
        snapshot.uploads[0].expectedChunks = 3
        expectError(.internal("corrupt_snapshot: upload 1 does not match its session")) {
            try DirectUploadService(snapshot: snapshot, storage: h.storage)
        }
        // Two uploads claiming the same bytes: refused, not restored into a store that would mix them.
        let second = try h.begin(Fixtures.alice, capsule: capsule, bytes: 9, idem: "second")
        snapshot = h.backend.snapshot()
        #expect(snapshot.uploads.map(\.sessionId) == [1, second])
        snapshot.uploads[1].region = snapshot.uploads[0].region
        expectError(.internal("corrupt_snapshot: regions overlap or leave a gap at 65536")) {
            try CompatUploadService(snapshot: snapshot, storage: h.storage)
        }
        expectError(.internal("corrupt_snapshot: no persistence header")) {
            try DirectUploadService.restore(from: h.storage)
        }
        expectError(.internal("corrupt_snapshot: the storage is empty")) {
            try CompatUploadService.restore(from: InMemoryStorage())
        }
    }

    /// 6: one time unit (ns) and a sliding TTL: a session idle `ttl - 1` ns lives, idle `ttl` ns is gone and
    /// its pages are freed; a young session is never swept by another caller's begin.
    @Test(arguments: Backend.allCases)
    func defect6_ttlUsesOneUnit(_ kind: Backend) throws {
        var h = try Harness(kind)  // TTL 1,000 ns
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(24)
        let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: 24)
        h.now += 999
        try h.put(Fixtures.alice, session, 0, h.chunk(data, 0))  // slides the deadline
        h.now += 999
        try h.put(Fixtures.alice, session, 1, h.chunk(data, 1))
        h.now += 999
        try h.put(Fixtures.alice, session, 2, h.chunk(data, 2))
        #expect(h.backend.records.allocatedBytes == 24)
        h.now += 1_000
        expectError(.notFound) { try h.finish(Fixtures.alice, session, data) }
        #expect(h.backend.records.allocatedBytes == 0)
        #expect(h.backend.pendingUploads.isEmpty)
        #expect(h.backend.sessionStats.expired == 1)

        // With futura's 2 h TTL, a session 1.8 ms old (1,800,000 ns) is young: another begin leaves it alone.
        var long = try Harness(kind, configuration: UploadConfiguration(chunkSize: 8))
        let longCapsule = try long.capsule(for: Fixtures.alice)
        let first = try long.begin(Fixtures.alice, capsule: longCapsule, bytes: 16, idem: "first")
        long.now += 1_800_001
        _ = try long.begin(Fixtures.alice, capsule: longCapsule, bytes: 16, idem: "second")
        try long.put(Fixtures.alice, first, 0, Fixtures.content(8))
        long.now += UploadConfiguration.twoHours - 1
        try long.put(Fixtures.alice, first, 1, Fixtures.content(8))
        long.now += UploadConfiguration.twoHours
        #expect(long.backend.sessionsCleanupExpired(now: long.now) == "Cleaned up 2 expired sessions")
    }

    /// 7: a retried begin in the middle of an upload returns the session and keeps its hash: re-sent chunks
    /// succeed and the finish verifies.
    @Test(arguments: Backend.allCases)
    func defect7_idempotentBeginKeepsHash(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(30)
        let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: 30, idem: "retry")
        try h.put(Fixtures.alice, session, 0, h.chunk(data, 0))
        try h.put(Fixtures.alice, session, 1, h.chunk(data, 1))
        let before = h.backend.snapshot()
        #expect(try h.begin(Fixtures.alice, capsule: capsule, bytes: 30, idem: "retry") == session)
        #expect(h.backend.snapshot() == before)
        for index in 0..<4 { try h.put(Fixtures.alice, session, index, h.chunk(data, index)) }
        #expect(try h.finish(Fixtures.alice, session, data).checksumSha256 == SHA256.hash(data))
    }

    /// 8: a retried finish after success returns the same result; other arguments are a conflict, another
    /// caller is refused.
    @Test(arguments: Backend.allCases)
    func defect8_finishRetryReturnsSameResult(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(17)
        let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: 17)
        for index in 0..<3 { try h.put(Fixtures.alice, session, index, h.chunk(data, index)) }
        let first = try h.finish(Fixtures.alice, session, data)
        h.now += 5_000  // later, past the TTL: the result is kept
        #expect(try h.finish(Fixtures.alice, session, data) == first)
        expectError(.conflict(prefix: ""), prefix: "already_finished: session 1 finished with total_len 17") {
            try h.backend.finish(caller: Fixtures.alice, sessionId: session, sha256: [1], totalLength: 17, now: h.now)
        }
        expectError(.unauthorized) { try h.finish(Fixtures.bob, session, data) }
        #expect(h.backend.records.blobCount == 1)
        #expect(h.backend.records.memoryCount == 1)
    }

    /// 9: a size mismatch at finish, and an empty chunk, are InvalidArgument (not NotFound).
    @Test(arguments: Backend.allCases)
    func defect9_sizeMismatchIsInvalidArgument(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(12)
        let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: 12)
        expectError(.invalidArgument("chunk_size_mismatch: chunk 1 has 0 bytes; expected 4")) {
            try h.put(Fixtures.alice, session, 1, [])
        }
        try h.put(Fixtures.alice, session, 1, h.chunk(data, 1))
        expectError(.invalidArgument("incomplete: missing 1 of 2 chunks: 0")) {
            try h.finish(Fixtures.alice, session, data)
        }
        try h.put(Fixtures.alice, session, 0, h.chunk(data, 0))
        for length: UInt64 in [0, 11, 13, 1 << 40] {
            expectError(.invalidArgument("total_len_mismatch: total_len is \(length), the upload has 12 bytes")) {
                try h.backend.finish(
                    caller: Fixtures.alice, sessionId: session, sha256: SHA256.hash(data), totalLength: length,
                    now: h.now
                )
            }
        }
        #expect(try h.finish(Fixtures.alice, session, data).size == 12)
    }

    /// 10: blob ids (and session ids) never repeat, also after persist and restore; old blobs stay intact.
    @Test(arguments: Backend.allCases)
    func defect10_blobIdsNeverRepeatAcrossRestore(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let long = Fixtures.content(40, seed: 1)
        let first = try h.upload(Fixtures.alice, capsule: capsule, long, idem: "a")
        try h.backend.persist(into: &h.storage)
        for target in Backend.allCases {
            var restored = h
            restored.backend = try target.restore(from: h.storage)
            let session = try restored.begin(Fixtures.alice, capsule: capsule, bytes: 3, idem: "a")
            #expect(session == 2)
            try restored.put(Fixtures.alice, session, 0, [1, 2, 3])
            let second = try restored.finish(Fixtures.alice, session, [1, 2, 3])
            #expect(first.blobId == "blob_1" && second.blobId == "blob_2" && second.memoryId == "mem_2")
            #expect(
                try restored.backend.blobRead(caller: Fixtures.alice, locator: "blob_1", storage: restored.storage)
                    == long)
            #expect(
                try restored.backend.blobRead(caller: Fixtures.alice, locator: "blob_2", storage: restored.storage)
                    == [1, 2, 3]
            )
        }
    }

    /// 11: abort frees the session, the hash, the idempotency entry and the pages; unknown ids and other
    /// callers are refused without changes.
    @Test(arguments: Backend.allCases)
    func defect11_abortFreesEverything(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(20)
        let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: 20, idem: "k")
        try h.put(Fixtures.alice, session, 1, h.chunk(data, 1))
        let before = h.backend.snapshot()
        expectError(.unauthorized) { try h.abort(Fixtures.bob, session) }
        expectError(.notFound) { try h.abort(Fixtures.alice, 42) }
        #expect(h.backend.snapshot() == before)
        try h.abort(Fixtures.alice, session)
        #expect(h.backend.pendingUploads.isEmpty)
        #expect(h.backend.records.allocatedBytes == 0)
        #expect(h.backend.sessionStats.active == 0 && h.backend.sessionStats.aborted == 1)
        if let compat = h.backend as? CompatUploadService {
            #expect(compat.hashes.isEmpty && compat.compat.listUploadSessions().isEmpty)
            #expect(compat.compat.findPending(capsuleId: capsule, caller: Fixtures.alice, idempotencyKey: "k") == nil)
        }
        if let direct = h.backend as? DirectUploadService { #expect(direct.uploads.isEmpty && direct.sessions.count == 0) }
        expectError(.notFound) { try h.abort(Fixtures.alice, session) }
        expectError(.notFound) { try h.put(Fixtures.alice, session, 0, h.chunk(data, 0)) }
        // The key opens a fresh session whose hash starts from nothing.
        let again = try h.begin(Fixtures.alice, capsule: capsule, bytes: 20, idem: "k")
        #expect(again == 2)
        for index in [2, 1, 0] { try h.put(Fixtures.alice, again, index, h.chunk(data, index)) }
        #expect(try h.finish(Fixtures.alice, again, data).checksumSha256 == SHA256.hash(data))
    }

    /// 12: stats count finished sessions, and the counts add up.
    @Test(arguments: Backend.allCases)
    func defect12_statsCountFinished(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        _ = try h.upload(Fixtures.alice, capsule: capsule, Fixtures.content(5), idem: "done")
        let aborted = try h.begin(Fixtures.alice, capsule: capsule, bytes: 5, idem: "aborted")
        try h.abort(Fixtures.alice, aborted)
        _ = try h.begin(Fixtures.alice, capsule: capsule, bytes: 5, idem: "open")
        #expect(
            h.backend.sessionsStats == "Total sessions: 3, Pending: 1, Committed: 1, Aborted: 1, Expired: 0, Cleared: 0"
        )
        h.now += 1_000
        _ = h.backend.sessionsCleanupExpired(now: h.now)
        #expect(
            h.backend.sessionsStats == "Total sessions: 3, Pending: 0, Committed: 1, Aborted: 1, Expired: 1, Cleared: 0"
        )
    }

    /// 13: one ACL (owner or controller) for uploads, memories and blobs; the anonymous principal and other
    /// callers can neither read, poison a session's hash nor consume it.
    @Test(arguments: Backend.allCases)
    func defect13_oneACLForUploadsMemoriesAndBlobs(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(16)
        let result = try h.upload(Fixtures.alice, capsule: capsule, data, idem: "one")
        for stranger in [Fixtures.bob, Fixtures.anonymous] {
            expectError(.unauthorized) { try h.begin(stranger, capsule: capsule, bytes: 8, idem: "x") }
            expectError(.unauthorized) {
                try h.backend.blobRead(caller: stranger, locator: result.blobId, storage: h.storage)
            }
            expectError(.unauthorized) {
                try h.backend.blobReadChunk(caller: stranger, locator: result.blobId, index: 0, storage: h.storage)
            }
            expectError(.unauthorized) { try h.backend.blobGetMeta(caller: stranger, locator: result.blobId) }
            expectError(.unauthorized) { try h.backend.blobDelete(caller: stranger, locator: result.blobId) }
            expectError(.unauthorized) { try h.backend.memoriesRead(caller: stranger, memoryId: result.memoryId) }
            expectError(.unauthorized) {
                try h.backend.memoriesList(caller: stranger, capsuleId: capsule, cursor: nil, limit: nil)
            }
        }
        // The capsule's subject alone grants nothing: carol's capsule about bob is not bob's to read.
        let aboutBob = try h.backend.capsulesCreate(
            caller: Fixtures.carol, subject: .principal(Fixtures.bob), now: h.now)
        expectError(.unauthorized) { try h.begin(Fixtures.bob, capsule: aboutBob.id, bytes: 8) }
        expectError(.unauthorized) {
            try h.backend.memoriesList(caller: Fixtures.bob, capsuleId: aboutBob.id, cursor: nil, limit: nil)
        }
        // Another caller cannot touch a session: no hash poisoning, no consuming the hasher.
        let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: 16, idem: "two")
        try h.put(Fixtures.alice, session, 0, h.chunk(data, 0))
        let before = h.backend.snapshot()
        expectError(.unauthorized) { try h.put(Fixtures.bob, session, 1, [9, 9, 9, 9, 9, 9, 9, 9]) }
        expectError(.unauthorized) { try h.finish(Fixtures.bob, session, data) }
        expectError(.unauthorized) { try h.abort(Fixtures.bob, session) }
        #expect(h.backend.snapshot() == before)
        try h.put(Fixtures.alice, session, 1, h.chunk(data, 1))
        #expect(try h.finish(Fixtures.alice, session, data).blobId == "blob_2")
    }

    /// 14: the memory an upload creates points at the real blob: its length and hash, a distinct asset id per
    /// upload; a reused idempotency key after finish makes a new memory, not the old one.
    @Test(arguments: Backend.allCases)
    func defect14_memoryRecordsTheRealBlob(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let one = Fixtures.content(13, seed: 1)
        let two = Fixtures.content(6, seed: 2)
        let first = try h.upload(Fixtures.alice, capsule: capsule, one, idem: "same")
        let second = try h.upload(Fixtures.alice, capsule: capsule, two, idem: "same")
        #expect(first.memoryId == "mem_1" && second.memoryId == "mem_2")
        let m1 = try h.backend.memoriesRead(caller: Fixtures.alice, memoryId: first.memoryId)
        let m2 = try h.backend.memoriesRead(caller: Fixtures.alice, memoryId: second.memoryId)
        #expect(m1.blobInternalAssets.map(\.blobRef) == [BlobRef(len: 13, locator: "blob_1", hash: SHA256.hash(one))])
        #expect(m2.blobInternalAssets.map(\.blobRef) == [BlobRef(len: 6, locator: "blob_2", hash: SHA256.hash(two))])
        #expect(m1.blobInternalAssets.map(\.assetId) == ["asset_1"])
        #expect(m2.blobInternalAssets.map(\.assetId) == ["asset_2"])
    }

    /// 15: chunk and count limits: exactly the chunk size is accepted, one more byte refused; a short chunk
    /// before the last is refused; 0 and max+1 chunks refused, max accepted.
    @Test(arguments: Backend.allCases)
    func defect15_chunkLimits(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: 24)
        try h.put(Fixtures.alice, session, 0, Array(repeating: 1, count: 8))
        expectError(.invalidArgument("chunk_too_large: chunk 1 has 9 bytes; the limit is 8")) {
            try h.put(Fixtures.alice, session, 1, Array(repeating: 1, count: 9))
        }
        expectError(.invalidArgument("chunk_size_mismatch: chunk 1 has 5 bytes; expected 8")) {
            try h.put(Fixtures.alice, session, 1, Array(repeating: 1, count: 5))
        }
        expectError(.invalidArgument(prefix: ""), prefix: "expected_chunks_zero") {
            try h.begin(Fixtures.alice, capsule: capsule, bytes: 8, idem: "zero", chunks: 0)
        }
        expectError(.invalidArgument(prefix: ""), prefix: "expected_chunks_too_large: 65 exceeds the limit of 64") {
            try h.begin(Fixtures.alice, capsule: capsule, bytes: 65 * 8, idem: "over")
        }
        let max = try h.begin(Fixtures.alice, capsule: capsule, bytes: 64 * 8, idem: "max")
        #expect(h.backend.pendingUploads.first { $0.sessionId == max }?.expectedChunks == 64)
        // futura's real numbers: 16,384 chunks of 1,800,000 bytes.
        var real = try Harness(kind, configuration: .default)
        let realCapsule = try real.capsule(for: Fixtures.alice)
        expectError(.invalidArgument("expected_chunks_too_large: 16385 exceeds the limit of 16384")) {
            try real.backend.begin(
                caller: Fixtures.alice, capsuleId: realCapsule, metadata: Fixtures.metadata(bytes: 1),
                expectedChunks: 16_385, idempotencyKey: "", now: 0, storage: &real.storage
            )
        }
        let chunk = try real.begin(Fixtures.alice, capsule: realCapsule, bytes: 1_800_001, idem: "two")
        try real.put(Fixtures.alice, chunk, 0, Array(repeating: 7, count: 1_800_000))
        expectError(.invalidArgument("chunk_too_large: chunk 1 has 1800001 bytes; the limit is 1800000")) {
            try real.put(Fixtures.alice, chunk, 1, Array(repeating: 7, count: 1_800_001))
        }
    }
}

extension UploadError {
    /// A placeholder of a case, for `expectError(_:prefix:)`.
    static func invalidArgument(prefix: String) -> UploadError { .invalidArgument(prefix) }
    static func conflict(prefix: String) -> UploadError { .conflict(prefix) }
}
