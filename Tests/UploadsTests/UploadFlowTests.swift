// Tests/UploadsTests/UploadFlowTests.swift - begin / put / finish / abort, retrieval, listing, blobs, capsules

import Candid
import Hashing
import Sessions
import Testing

@testable import Uploads

@Suite("Upload flows")
struct UploadFlowTests {
    /// Right after finish the blob reads back byte-identical with the right SHA-256, and the memory is
    /// listed in its capsule and readable.
    @Test(arguments: Backend.allCases)
    func postFinishRetrieval(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(21)
        let result = try h.upload(Fixtures.alice, capsule: capsule, data, idem: "one")
        let digest = SHA256.hash(data)
        #expect(
            result
                == UploadFinishResult(
                    checksumSha256: digest, storageLocation: "icp://blob/blob_1", blobId: "blob_1",
                    storageBackend: .icp, size: 21, memoryId: "mem_1", remoteId: nil, expiresAt: nil, uploadedAt: h.now
                )
        )
        let read = try h.backend.blobRead(caller: Fixtures.alice, locator: "blob_1", storage: h.storage)
        #expect(read == data)
        #expect(SHA256.hash(read) == digest)
        #expect(
            try h.backend.blobGetMeta(caller: Fixtures.alice, locator: "blob_1") == BlobMeta(size: 21, chunkCount: 3))
        let chunks = try (0..<3).map {
            try h.backend.blobReadChunk(
                caller: Fixtures.alice, locator: "blob_1", index: UInt32($0), storage: h.storage)
        }
        #expect(chunks == [Array(data[0..<8]), Array(data[8..<16]), Array(data[16..<21])])

        let page = try h.backend.memoriesList(caller: Fixtures.alice, capsuleId: capsule, cursor: nil, limit: nil)
        #expect(page.nextCursor == nil)
        #expect(page.items.map(\.id) == ["mem_1"])
        #expect(page.items.first?.name == "photo.jpg")
        #expect(page.items.first?.size == 21)
        #expect(page.items.first?.memoryType == .image)
        let memory = try h.backend.memoriesRead(caller: Fixtures.alice, memoryId: "mem_1")
        #expect(memory.capsuleId == capsule)
        #expect(memory.blobInternalAssets.map(\.blobRef) == [BlobRef(len: 21, locator: "blob_1", hash: digest)])
        #expect(memory.blobInternalAssets.first?.metadata == Fixtures.metadata(bytes: 21))
        #expect(memory.metadata.contentType == "image/jpeg")
        #expect(memory.metadata.totalSize == 21)
        #expect(try h.backend.capsulesReadBasic(caller: Fixtures.alice, capsuleId: nil).memoryCount == 1)
        // The full capsule carries the memory too.
        let full = try h.backend.records.capsuleRead(caller: Fixtures.alice, capsuleId: capsule)
        #expect(full.memories.map(\.first) == ["mem_1"])
    }

    /// `uploads_begin` checks, in order: caller, expected_chunks, idempotency key, size, capsule, ACL.
    @Test(arguments: Backend.allCases)
    func beginValidation(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        expectError(.unauthorized) { try h.begin(Fixtures.anonymous, capsule: capsule, bytes: 8) }
        expectError(.invalidArgument("expected_chunks_zero: expected_chunks must be at least 1")) {
            try h.begin(Fixtures.alice, capsule: capsule, bytes: 8, chunks: 0)
        }
        expectError(.invalidArgument("expected_chunks_too_large: 65 exceeds the limit of 64")) {
            try h.begin(Fixtures.alice, capsule: capsule, bytes: 8, chunks: 65)
        }
        expectError(.invalidArgument("idem_too_long: the idempotency key has 257 bytes; the limit is 256")) {
            try h.begin(Fixtures.alice, capsule: capsule, bytes: 8, idem: String(repeating: "k", count: 257))
        }
        expectError(.invalidArgument("size_mismatch: metadata bytes 17 need 3 chunks of 8 bytes; expected_chunks is 2"))
        {
            try h.begin(Fixtures.alice, capsule: capsule, bytes: 17, chunks: 2)
        }
        expectError(.invalidArgument("size_mismatch: metadata bytes 0 need 0 chunks of 8 bytes; expected_chunks is 1"))
        {
            try h.begin(Fixtures.alice, capsule: capsule, bytes: 0, chunks: 1)
        }
        expectError(.notFound) { try h.begin(Fixtures.alice, capsule: "capsule_99", bytes: 8) }
        expectError(.notFound) { try h.begin(Fixtures.alice, capsule: "capsule_01", bytes: 8) }
        expectError(.unauthorized) { try h.begin(Fixtures.bob, capsule: capsule, bytes: 8) }
        // Nothing of that changed anything.
        #expect(h.backend.pendingUploads.isEmpty)
        #expect(h.backend.records.allocatedBytes == 0)
        #expect(h.backend.sessionStats.begun == 0)
        // A controller may upload.
        try h.backend.capsuleAddController(
            caller: Fixtures.alice, capsuleId: capsule, controller: Fixtures.bob, now: h.now)
        let data = Fixtures.content(9)
        let result = try h.upload(Fixtures.bob, capsule: capsule, data, idem: "by-bob")
        #expect(try h.backend.blobRead(caller: Fixtures.alice, locator: result.blobId, storage: h.storage) == data)
        #expect(try h.backend.blobRead(caller: Fixtures.bob, locator: result.blobId, storage: h.storage) == data)
    }

    /// `uploads_put_chunk` checks: session, caller, index, size limit, exact size.
    @Test(arguments: Backend.allCases)
    func chunkValidation(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(20)
        let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: 20)
        expectError(.notFound) { try h.put(Fixtures.alice, 99, 0, h.chunk(data, 0)) }
        expectError(.notFound) { try h.put(Fixtures.alice, 0, 0, h.chunk(data, 0)) }
        expectError(.unauthorized) { try h.put(Fixtures.bob, session, 0, h.chunk(data, 0)) }
        expectError(.invalidArgument("chunk_index_out_of_range: chunk index 3 out of range (expected < 3)")) {
            try h.put(Fixtures.alice, session, 3, [1, 2, 3, 4])
        }
        expectError(.invalidArgument("chunk_too_large: chunk 0 has 9 bytes; the limit is 8")) {
            try h.put(Fixtures.alice, session, 0, Array(repeating: 1, count: 9))
        }
        expectError(.invalidArgument("chunk_size_mismatch: chunk 1 has 4 bytes; expected 8")) {
            try h.put(Fixtures.alice, session, 1, [1, 2, 3, 4])
        }
        expectError(.invalidArgument("chunk_size_mismatch: chunk 2 has 8 bytes; expected 4")) {
            try h.put(Fixtures.alice, session, 2, h.chunk(data, 1))
        }
        #expect(h.backend.pendingUploads.first?.hashedChunks == 0)
        try h.put(Fixtures.alice, session, 2, h.chunk(data, 2))
        try h.put(Fixtures.alice, session, 2, h.chunk(data, 2))  // same bytes again: fine
        expectError(.conflict("chunk_conflict: chunk 2 was already received with different bytes")) {
            try h.put(Fixtures.alice, session, 2, [0, 0, 0, 0])
        }
        try h.put(Fixtures.alice, session, 0, h.chunk(data, 0))
        try h.put(Fixtures.alice, session, 1, h.chunk(data, 1))
        #expect(try h.finish(Fixtures.alice, session, data).size == 20)
        expectError(.notFound) { try h.put(Fixtures.alice, session, 0, h.chunk(data, 0)) }
    }

    /// Retried begin: same session, unchanged; other metadata: Conflict; works at the cap; after finish
    /// the key opens a new session.
    @Test(arguments: Backend.allCases)
    func idempotentBegin(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let first = try h.begin(Fixtures.alice, capsule: capsule, bytes: 16, idem: "k1")
        let second = try h.begin(Fixtures.alice, capsule: capsule, bytes: 16, idem: "k2")
        let third = try h.begin(Fixtures.alice, capsule: capsule, bytes: 16, idem: "k3")
        #expect([first, second, third] == [1, 2, 3])
        #expect(try h.begin(Fixtures.alice, capsule: capsule, bytes: 16, idem: "k1") == first)  // at the cap
        expectError(.resourceExhausted) { try h.begin(Fixtures.alice, capsule: capsule, bytes: 16, idem: "k4") }
        expectError(
            .conflict(
                "idempotency_conflict: session 1 was begun with this idempotency key and other metadata or "
                    + "expected_chunks"
            )
        ) { try h.begin(Fixtures.alice, capsule: capsule, bytes: 15, idem: "k1") }
        // The cap is per (capsule, caller): bob on his own capsule, bob as a controller of alice's capsule
        // and alice on another capsule of hers are not affected.
        let bobs = try h.capsule(for: Fixtures.bob)
        #expect(try h.begin(Fixtures.bob, capsule: bobs, bytes: 16, idem: "k1") == 4)
        try h.backend.capsuleAddController(
            caller: Fixtures.alice, capsuleId: capsule, controller: Fixtures.bob, now: h.now)
        #expect(try h.begin(Fixtures.bob, capsule: capsule, bytes: 16, idem: "k1") == 5)
        let other = try h.backend.capsulesCreate(
            caller: Fixtures.alice, subject: .principal(Fixtures.carol), now: h.now)
        #expect(try h.begin(Fixtures.alice, capsule: other.id, bytes: 16, idem: "k4") == 6)
        expectError(.resourceExhausted) { try h.begin(Fixtures.alice, capsule: capsule, bytes: 16, idem: "k4") }
        // Finish releases the key.
        let data = Fixtures.content(16)
        try h.put(Fixtures.alice, first, 0, h.chunk(data, 0))
        try h.put(Fixtures.alice, first, 1, h.chunk(data, 1))
        _ = try h.finish(Fixtures.alice, first, data)
        #expect(try h.begin(Fixtures.alice, capsule: capsule, bytes: 16, idem: "k1") == 7)
    }

    /// `memories_list` pages ascending by memory number, with a cursor.
    @Test(arguments: Backend.allCases)
    func memoriesListPagination(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        for index in 0..<12 {
            _ = try h.upload(Fixtures.alice, capsule: capsule, Fixtures.content(3 + index), idem: "u\(index)")
        }
        var ids: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try h.backend.memoriesList(caller: Fixtures.alice, capsuleId: capsule, cursor: cursor, limit: 5)
            ids += page.items.map(\.id)
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil
        #expect(pages == 3)
        #expect(ids == (1...12).map { "mem_\($0)" })
        let tail = try h.backend.memoriesList(caller: Fixtures.alice, capsuleId: capsule, cursor: "mem_10", limit: 5)
        #expect(tail.items.map(\.id) == ["mem_11", "mem_12"])
        #expect(tail.nextCursor == nil)
        let exact = try h.backend.memoriesList(caller: Fixtures.alice, capsuleId: capsule, cursor: "mem_6", limit: 6)
        #expect(exact.items.count == 6)
        #expect(exact.nextCursor == nil)
        let capped = try h.backend.memoriesList(caller: Fixtures.alice, capsuleId: capsule, cursor: nil, limit: 1_000)
        #expect(capped.items.count == 12)
        expectError(.invalidArgument("invalid_limit: limit must be 1 to 100, got 0")) {
            try h.backend.memoriesList(caller: Fixtures.alice, capsuleId: capsule, cursor: nil, limit: 0)
        }
        expectError(.invalidArgument("invalid_cursor: \"blob_3\" is not a memory id")) {
            try h.backend.memoriesList(caller: Fixtures.alice, capsuleId: capsule, cursor: "blob_3", limit: nil)
        }
        expectError(.notFound) {
            try h.backend.memoriesList(caller: Fixtures.alice, capsuleId: "capsule_9", cursor: nil, limit: nil)
        }
        expectError(.unauthorized) {
            try h.backend.memoriesList(caller: Fixtures.bob, capsuleId: capsule, cursor: nil, limit: nil)
        }
        expectError(.notFound) { try h.backend.memoriesRead(caller: Fixtures.alice, memoryId: "mem_13") }
        expectError(.notFound) { try h.backend.memoriesRead(caller: Fixtures.alice, memoryId: "memory") }
        expectError(.unauthorized) { try h.backend.memoriesRead(caller: Fixtures.bob, memoryId: "mem_1") }
    }

    /// Blob reads: locators, ACL, the single-read limit, chunk reads, delete.
    @Test(arguments: Backend.allCases)
    func blobEndpoints(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let big = Fixtures.content(300)  // over the 256-byte single-read limit of the test configuration
        let result = try h.upload(Fixtures.alice, capsule: capsule, big, idem: "big")
        #expect(result.blobId == "blob_1")
        expectError(
            .invalidArgument(
                "blob_too_large: blob_1 has 300 bytes; blob_read returns at most 256, use blob_read_chunk (38 chunks)"
            )
        ) { try h.backend.blobRead(caller: Fixtures.alice, locator: "blob_1", storage: h.storage) }
        var joined: [UInt8] = []
        let meta = try h.backend.blobGetMeta(caller: Fixtures.alice, locator: "blob_1")
        #expect(meta == BlobMeta(size: 300, chunkCount: 38))
        for index in 0..<meta.chunkCount {
            joined += try h.backend.blobReadChunk(
                caller: Fixtures.alice, locator: "blob_1", index: index, storage: h.storage)
        }
        #expect(joined == big)
        expectError(.invalidArgument("chunk_index_out_of_range: blob_1 has 38 chunks, got index 38")) {
            try h.backend.blobReadChunk(caller: Fixtures.alice, locator: "blob_1", index: 38, storage: h.storage)
        }
        for bad in ["blob", "blob_", "blob_-1", "blob_01", "blob_x", "BLOB_1", "blob_18446744073709551616", ""] {
            expectError(.invalidArgument("invalid_locator: \"\(bad)\" is not blob_<decimal u64>")) {
                try h.backend.blobGetMeta(caller: Fixtures.alice, locator: bad)
            }
        }
        expectError(.notFound) { try h.backend.blobGetMeta(caller: Fixtures.alice, locator: "blob_2") }
        expectError(.notFound) {
            try h.backend.blobRead(caller: Fixtures.alice, locator: "blob_18446744073709551615", storage: h.storage)
        }
        expectError(.unauthorized) { try h.backend.blobGetMeta(caller: Fixtures.bob, locator: "blob_1") }
        expectError(.unauthorized) { try h.backend.blobDelete(caller: Fixtures.bob, locator: "blob_1") }
        #expect(try h.backend.blobDelete(caller: Fixtures.alice, locator: "blob_1") == "Blob blob_1 deleted")
        #expect(h.backend.records.allocatedBytes == 0)
        expectError(.notFound) { try h.backend.blobRead(caller: Fixtures.alice, locator: "blob_1", storage: h.storage) }
        // The number is not reused.
        #expect(try h.upload(Fixtures.alice, capsule: capsule, Fixtures.content(5), idem: "next").blobId == "blob_2")
    }

    /// `capsules_create` returns the caller's existing self-capsule; `capsules_read_basic` describes it.
    @Test(arguments: Backend.allCases)
    func capsules(_ kind: Backend) throws {
        var h = try Harness(kind)
        let created = try h.backend.capsulesCreate(caller: Fixtures.alice, subject: nil, now: h.now)
        #expect(created.id == "capsule_1")
        #expect(created.subject == .principal(Fixtures.alice))
        #expect(created.owners == [Pair(.principal(Fixtures.alice), OwnerState(lastActivityAt: h.now, since: h.now))])
        #expect(created.controllers.isEmpty && created.memories.isEmpty)
        h.now += 5
        #expect(try h.backend.capsulesCreate(caller: Fixtures.alice, subject: nil, now: h.now) == created)
        #expect(
            try h.backend.capsulesCreate(caller: Fixtures.alice, subject: .principal(Fixtures.alice), now: h.now)
                == created)
        let other = try h.backend.capsulesCreate(caller: Fixtures.alice, subject: .opaque("grandma"), now: h.now)
        #expect(other.id == "capsule_2")
        expectError(.unauthorized) {
            try h.backend.capsulesCreate(caller: Fixtures.anonymous, subject: nil, now: h.now)
        }
        let info = try h.backend.capsulesReadBasic(caller: Fixtures.alice, capsuleId: nil)
        #expect(info.capsuleId == "capsule_1" && info.isSelfCapsule && info.isOwner && !info.isController)
        let grandma = try h.backend.capsulesReadBasic(caller: Fixtures.alice, capsuleId: "capsule_2")
        #expect(!grandma.isSelfCapsule && grandma.isOwner && grandma.subject == .opaque("grandma"))
        expectError(.notFound) { try h.backend.capsulesReadBasic(caller: Fixtures.bob, capsuleId: nil) }
        expectError(.unauthorized) { try h.backend.capsulesReadBasic(caller: Fixtures.bob, capsuleId: "capsule_1") }
        expectError(.unauthorized) { try h.backend.capsulesReadBasic(caller: Fixtures.anonymous, capsuleId: nil) }
        expectError(.notFound) { try h.backend.capsulesReadBasic(caller: Fixtures.alice, capsuleId: "capsule_3") }
        expectError(.unauthorized) {
            try h.backend.capsuleAddController(
                caller: Fixtures.bob, capsuleId: "capsule_1", controller: Fixtures.bob, now: h.now)
        }
        try h.backend.capsuleAddController(
            caller: Fixtures.alice, capsuleId: "capsule_1", controller: Fixtures.bob, now: h.now)
        let asController = try h.backend.capsulesReadBasic(caller: Fixtures.bob, capsuleId: "capsule_1")
        #expect(asController.isController && !asController.isOwner && !asController.isSelfCapsule)
        let config = h.backend.uploadConfig
        #expect(config.inlineMax == 32_768 && config.chunkSize == 8 && config.inlineBudgetPerCapsule == 32_768)
        #expect(config == h.backend.configuration.uploadConfig)
    }

    /// `sessions_list`, `sessions_stats`, `sessions_clear_all`, `sessions_cleanup_expired`.
    @Test(arguments: Backend.allCases)
    func sessionsAdmin(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(12)
        let first = try h.begin(Fixtures.alice, capsule: capsule, bytes: 12, idem: "a")
        try h.put(Fixtures.alice, first, 1, h.chunk(data, 1))
        let start = h.now
        h.now += 10
        _ = try h.begin(Fixtures.alice, capsule: capsule, bytes: 30, idem: "b")
        let alice = Fixtures.alice.text
        #expect(
            h.backend.sessionsList(now: h.now)
                == "Found 2 sessions:\n"
                + "Session 1: caller=\(alice), capsule=capsule_1, status=Pending, created=\(start), chunks=1/2, "
                + "expires=\(start + 1_000)\n"
                + "Session 2: caller=\(alice), capsule=capsule_1, status=Pending, created=\(start + 10), chunks=0/4, "
                + "expires=\(start + 1_010)\n"
        )
        #expect(
            h.backend.sessionsStats == "Total sessions: 2, Pending: 2, Committed: 0, Aborted: 0, Expired: 0, Cleared: 0"
        )
        h.now = start + 1_000  // session 1 is past its TTL, not yet swept: listed as Expired
        #expect(
            h.backend.sessionsList(now: h.now).contains("Session 1: caller=\(alice), capsule=capsule_1, status=Expired")
        )
        #expect(h.backend.sessionsCleanupExpired(now: h.now) == "Cleaned up 1 expired sessions")
        #expect(h.backend.sessionsCleanupExpired(now: h.now) == "Cleaned up 0 expired sessions")
        #expect(h.backend.sessionsClearAll(now: h.now) == "Cleared 1 sessions")
        #expect(h.backend.sessionsList(now: h.now) == "Found 0 sessions:\n")
        #expect(
            h.backend.sessionsStats == "Total sessions: 2, Pending: 0, Committed: 0, Aborted: 0, Expired: 1, Cleared: 1"
        )
        #expect(h.backend.records.allocatedBytes == 0)
        // Ids keep counting after a clear.
        #expect(try h.begin(Fixtures.alice, capsule: capsule, bytes: 12, idem: "a") == 3)
    }

    /// A storage that cannot grow: begin fails with ResourceExhausted and changes nothing.
    @Test(arguments: Backend.allCases)
    func storageExhaustion(_ kind: Backend) throws {
        var h = try Harness(kind, configuration: UploadConfiguration(chunkSize: 65_536, maxChunks: 8), maxPages: 3)
        let capsule = try h.capsule(for: Fixtures.alice)
        let fits = try h.begin(Fixtures.alice, capsule: capsule, bytes: 2 * 65_536, idem: "fits")
        expectError(.resourceExhausted) { try h.begin(Fixtures.alice, capsule: capsule, bytes: 10, idem: "full") }
        #expect(h.backend.pendingUploads.map(\.sessionId) == [fits])
        #expect(h.backend.records.allocatedBytes == 2 * 65_536)
        try h.abort(Fixtures.alice, fits)
        #expect(try h.begin(Fixtures.alice, capsule: capsule, bytes: 10, idem: "full") == 2)
    }
}
