// Tests/UploadsTests/SessionCompatTests.swift - the SessionCompat shim's own API (the compat path's layer)

import Candid
import Sessions
import Testing

@testable import Uploads

/// These exercise the shim alone; the compat backend built on it runs every backend test.
@Suite("SessionCompat shim")
struct SessionCompatTests {
    static func meta(
        _ id: UInt64, caller: Principal = Fixtures.alice, idem: String = "k", bytes: UInt64 = 20
    )
        -> UploadSessionMeta
    {
        UploadSessionMeta(
            sessionId: id, capsuleId: "capsule_1", caller: caller, createdAt: 5,
            expectedChunks: UInt32((bytes + 7) / 8),
            status: .pending, chunkCount: UInt32((bytes + 7) / 8), assetMetadata: Fixtures.metadata(bytes: bytes),
            provisionalMemoryId: "", chunkSize: 8, idem: idem, blobId: nil,
            blobRegion: BlobRegion(offset: 65_536, length: bytes)
        )
    }

    /// A shim whose factory puts session `n`'s chunks at `100 × n` of the storage; `refuse` gets no region.
    static func shim(ttl: UInt64 = 1_000, refuse: UInt64? = nil) -> SessionCompat {
        SessionCompat(service: SessionService(ttl: ttl)) {
            (meta: UploadSessionMeta) throws(UploadError) -> BlobRegion in
            if meta.sessionId == refuse { throw .internal("no sink for session \(meta.sessionId)") }
            return BlobRegion(offset: 100 * meta.sessionId, length: meta.assetMetadata.base.bytes)
        }
    }

    static func page() -> InMemoryStorage {
        var storage = InMemoryStorage()
        _ = storage.grow(by: 1)
        return storage
    }

    @Test func createGetUpdateAndFind() throws {
        var shim = Self.shim()
        try shim.create(1, Self.meta(1), now: 5)
        #expect(shim.get(1) == Self.meta(1))
        #expect(shim.get(2) == nil)
        #expect(shim.findPending(capsuleId: "capsule_1", caller: Fixtures.alice, idempotencyKey: "k") == 1)
        #expect(shim.findPending(capsuleId: "capsule_1", caller: Fixtures.bob, idempotencyKey: "k") == nil)
        #expect(shim.countActiveFor(capsuleId: "capsule_1", caller: Fixtures.alice) == 1)
        // bytes_expected is the metadata's byte count, never 0 (defect 1).
        #expect(shim.service.session(SessionId(1))?.spec.bytesExpected == 20)
        expectError(.invalidArgument("Session already exists")) {
            try shim.create(1, Self.meta(1, idem: "other"), now: 5)
        }
        var changed = Self.meta(1)
        changed.blobId = 7
        try shim.update(1, changed)
        #expect(shim.get(1)?.blobId == 7)
        expectError(.notFound) { try shim.update(9, changed) }
        #expect(shim.listUploadSessions().map(\.sessionId) == [1])
        #expect(shim.listAllSessions().map(\.id) == [SessionId(1)])
    }

    @Test func putChunkWritesThroughTheFactorySink() throws {
        var storage = Self.page()
        var shim = Self.shim(refuse: 2)
        try shim.create(1, Self.meta(1), now: 5)
        try shim.create(2, Self.meta(2, idem: "two"), now: 5)
        #expect(
            try shim.putChunk(1, index: 1, bytes: Array(repeating: 1, count: 8), now: 6, storage: &storage) == .stored)
        #expect(try shim.putChunk(1, index: 2, bytes: [1, 2, 3, 4], now: 6, storage: &storage) == .stored)
        #expect(
            try shim.putChunk(1, index: 1, bytes: Array(repeating: 9, count: 8), now: 7, storage: &storage)
                == .duplicate)
        #expect(
            storage.read(offset: 100, count: 21) == Array(repeating: 0, count: 8) + Array(repeating: 1, count: 8) + [
                1, 2, 3, 4, 0,
            ])
        #expect(shim.isChunkReceived(1, index: 1) && !shim.isChunkReceived(1, index: 0))
        expectError(.internal("no sink for session 2")) {
            try shim.putChunk(2, index: 0, bytes: [1], now: 6, storage: &storage)
        }
        expectError(.notFound) { try shim.putChunk(3, index: 0, bytes: [1], now: 6, storage: &storage) }
        #expect(try shim.missingChunks(2) == [0, 1, 2])
        expectError(.invalidArgument("incomplete: missing 1 of 3 chunks: 0")) {
            try shim.verifyChunksComplete(1, chunkCount: 3)
        }
        expectError(.notFound) { try shim.verifyChunksComplete(3, chunkCount: 3) }
        #expect(
            try shim.putChunk(1, index: 0, bytes: Array(repeating: 0, count: 8), now: 6, storage: &storage) == .stored)
        try shim.verifyChunksComplete(1, chunkCount: 3)
        try shim.finish(1, now: 8)
        #expect(shim.service.session(SessionId(1)) == nil)
        #expect(shim.get(1) != nil)  // the meta stays until cleanup, as in futura
        shim.cleanup(1)
        #expect(shim.get(1) == nil)
        #expect(shim.findPending(capsuleId: "capsule_1", caller: Fixtures.alice, idempotencyKey: "k") == nil)
    }

    /// Defect 11 in the shim: cleanup ends the engine's session too; abort drops meta and idempotency entry.
    @Test func cleanupAndAbortLeaveNothingBehind() throws {
        var shim = Self.shim()
        try shim.create(1, Self.meta(1), now: 5)
        try shim.create(2, Self.meta(2, idem: "two"), now: 5)
        shim.cleanup(1)
        #expect(shim.service.session(SessionId(1)) == nil)
        #expect(shim.get(1) == nil)
        try shim.abort(2)
        #expect(shim.service.count == 0 && shim.listUploadSessions().isEmpty)
        #expect(shim.findPending(capsuleId: "capsule_1", caller: Fixtures.alice, idempotencyKey: "two") == nil)
        expectError(.notFound) { try shim.abort(2) }
        #expect(shim.stats == SessionStats(active: 0, begun: 2, finished: 0, aborted: 2, expired: 0, cleared: 0))
    }

    /// Defect 6 in the shim: expiry in nanoseconds against the last activity, never milliseconds against
    /// a nanosecond creation time.
    @Test func defect6_cleanupExpiredSessionsForCallerUsesNanoseconds() throws {
        var shim = Self.shim(ttl: UploadConfiguration.twoHours)
        try shim.create(1, Self.meta(1), now: 1_000)
        try shim.create(2, Self.meta(2, idem: "two"), now: 1_000)
        try shim.create(3, Self.meta(3, caller: Fixtures.bob), now: 1_000)
        var storage = Self.page()
        _ = try shim.putChunk(2, index: 0, bytes: Array(repeating: 1, count: 8), now: 1_500, storage: &storage)
        let expiry: UInt64 = 1_800_000  // 1.8 ms in ns
        #expect(
            shim.cleanupExpiredSessionsForCaller(
                capsuleId: "capsule_1", caller: Fixtures.alice, expiry: expiry, now: 1_000 + expiry - 1
            ).isEmpty)
        let removed = shim.cleanupExpiredSessionsForCaller(
            capsuleId: "capsule_1", caller: Fixtures.alice, expiry: expiry, now: 1_000 + expiry
        )
        #expect(removed.map(\.sessionId) == [1])  // session 2 was active at 1,500
        #expect(shim.listUploadSessions().map(\.sessionId) == [2, 3])  // bob's is not alice's
        // The engine's own TTL (2 h of inactivity) applies to everyone.
        #expect(shim.cleanupExpiredSessions(now: 1_000 + UploadConfiguration.twoHours - 1).isEmpty)
        #expect(shim.cleanupExpiredSessions(now: 1_000 + UploadConfiguration.twoHours).map(\.sessionId) == [3])
        #expect(shim.cleanupExpiredSessions(now: 1_500 + UploadConfiguration.twoHours - 1).isEmpty)
        #expect(shim.cleanupExpiredSessions(now: 1_500 + UploadConfiguration.twoHours).map(\.sessionId) == [2])
        #expect(shim.stats.expired == 2)
    }

    @Test func clearAllReturnsTheMetas() throws {
        var shim = Self.shim()
        try shim.create(4, Self.meta(4), now: 5)
        try shim.create(2, Self.meta(2, idem: "two"), now: 5)
        #expect(shim.clearAll().map(\.sessionId) == [2, 4])
        #expect(shim.service.count == 0 && shim.listUploadSessions().isEmpty)
        #expect(shim.countActiveFor(capsuleId: "capsule_1", caller: Fixtures.alice) == 0)
        try shim.create(5, Self.meta(5), now: 6)  // the idempotency key is free again
        #expect(shim.service.nextId == SessionId(6))
    }
}
