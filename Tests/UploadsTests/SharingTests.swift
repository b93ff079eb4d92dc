// Tests/UploadsTests/SharingTests.swift - a message after the runtime's copy does not copy the tables

import Candid
import Hashing
import Sessions
import Testing

@testable import Uploads
import PersistentCollections

/// The canister runtime keeps the backend's value from before each update message, to restore it if the
/// message traps. These tests take that copy, run one message on the backend, and count the table nodes
/// the message allocated (the nodes the kept value does not share): O(log n) per table, never the table.
@Suite("Tables are shared, not copied, by a message after a snapshot")
struct SharingTests {
    /// New nodes one write may allocate in a table of `count` entries.
    static func pathBound(_ count: Int) -> Int { PersistentMap<Int, Int>.nodesPerWriteBound(entries: count) }

    static let configuration = UploadConfiguration(
        chunkSize: 8, maxChunks: 64, maxActiveSessionsPerCaller: 100, sessionTTL: 1_000_000_000,
        maxSingleReadBytes: 256
    )

    /// `uploads` finished uploads by alice, then `open` sessions with one chunk of two received.
    static func busy(_ kind: Backend, uploads: Int, open: Int) throws -> (Harness, capsule: String, open: [UInt64]) {
        var h = try Harness(kind, configuration: configuration)
        let capsule = try h.capsule(for: Fixtures.alice)
        for index in 0..<uploads {
            _ = try h.upload(Fixtures.alice, capsule: capsule, Fixtures.content(5, seed: index), idem: "done-\(index)")
        }
        var sessions: [UInt64] = []
        for index in 0..<open {
            let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: 16, idem: "open-\(index)")
            try h.put(Fixtures.alice, session, 0, Fixtures.content(8, seed: index))
            sessions.append(session)
        }
        return (h, capsule, sessions)
    }

    @Test(arguments: Backend.allCases)
    func aChunkAndAFinishAllocateAPathPerTable(_ kind: Backend) throws {
        var (h, _, open) = try Self.busy(kind, uploads: 600, open: 90)
        let kept = h.backend

        // uploads_put_chunk: the engine's session table and the backend's per-session table.
        let session = open[45]
        try h.put(Fixtures.alice, session, 1, Fixtures.content(8, seed: 1_000))
        let sessionBound = Self.pathBound(90)
        // The engine moves the session and its deadline (out of one place, into another).
        #expect(Self.engineNodes(h.backend, notSharedWith: kept) <= 3 * sessionBound)
        #expect(Self.perSessionNodes(h.backend, notSharedWith: kept) <= sessionBound)
        #expect(h.backend.records.blobs.nodesNotShared(with: kept.records.blobs) == 0)

        // uploads_finish: blobs, memories, finished uploads, the capsule and its memory index.
        let beforeFinish = h.backend
        let data = Fixtures.content(8, seed: 45) + Fixtures.content(8, seed: 1_000)
        let result = try h.finish(Fixtures.alice, session, data)
        #expect(result.blobId == "blob_601" && result.memoryId == "mem_601")
        let records = h.backend.records
        let keptStore = beforeFinish.records
        let tableBound = Self.pathBound(601)
        #expect(records.blobs.nodesNotShared(with: keptStore.blobs) <= tableBound)
        #expect(records.catalog.memories.nodesNotShared(with: keptStore.catalog.memories) <= tableBound)
        #expect(records.finished.nodesNotShared(with: keptStore.finished) <= tableBound)
        #expect(records.catalog.capsules.nodesNotShared(with: keptStore.catalog.capsules) <= Self.pathBound(1))
        let index = try #require(records.catalog.capsules[1]?.memoryNumbers.map)
        let keptIndex = try #require(keptStore.catalog.capsules[1]?.memoryNumbers.map)
        #expect(index.nodesNotShared(with: keptIndex) <= tableBound)
        // The engine removes the session from its tables; the backend its upload (and, compat, meta and
        // idempotency entry).
        #expect(Self.engineNodes(h.backend, notSharedWith: beforeFinish) <= 4 * sessionBound)
        #expect(Self.perSessionNodes(h.backend, notSharedWith: beforeFinish) <= 3 * sessionBound)

        // The kept values are untouched: the runtime can restore them.
        #expect(kept.records.blobCount == 600 && records.blobCount == 601)
        #expect(beforeFinish.pendingUploads.count == 90 && h.backend.pendingUploads.count == 89)
        #expect(kept.pendingUploads.first { $0.sessionId == session }?.hashedChunks == 1)
        #expect(index.count == 601 && keptIndex.count == 600)
        // What a Dictionary would have copied: every entry.
        #expect(tableBound * 20 < 601)
    }

    /// The allocator's free list is shared too: an abort in a fragmented store (45 holes) merges its region
    /// with both neighbours in O(log n) nodes; a begin reuses the first hole that fits.
    @Test(arguments: Backend.allCases)
    func anAbortInAFragmentedStoreAllocatesAPath(_ kind: Backend) throws {
        var (h, capsule, open) = try Self.busy(kind, uploads: 50, open: 90)
        for session in open.enumerated().filter({ $0.offset % 2 == 1 }).map(\.element) {
            try h.abort(Fixtures.alice, session)
        }
        #expect(h.backend.records.allocator.free.count == 44)  // the last one lowered the high-water mark
        let kept = h.backend
        try h.abort(Fixtures.alice, open[10])  // between the holes of open[9] and open[11]
        let holes = h.backend.records.allocator.holes
        #expect(holes.count == 43)
        #expect(holes.nodesNotShared(with: kept.records.allocator.holes) <= 3 * Self.pathBound(44))
        #expect(kept.records.allocator.free.count == 44)
        #expect(h.backend.records.allocatedBytes == kept.records.allocatedBytes - 16)

        let beforeBegin = h.backend
        let session = try h.begin(Fixtures.alice, capsule: capsule, bytes: 16, idem: "reuse")
        let region = try #require(h.backend.pendingUploads.first { $0.sessionId == session }?.region)
        #expect(region.offset == beforeBegin.records.allocator.free.first?.offset)
        #expect(h.backend.records.allocator.holes.nodesNotShared(with: beforeBegin.records.allocator.holes)
            <= 2 * Self.pathBound(43))
    }

    /// The session engine inside either backend.
    static func engine(_ backend: any UploadBackend) -> SessionService? {
        switch backend {
        case let direct as DirectUploadService: direct.sessions
        case let compat as CompatUploadService: compat.compat.service
        default: nil
        }
    }

    /// Nodes of the engine's tables in `backend` that `kept` does not share.
    static func engineNodes(_ backend: any UploadBackend, notSharedWith kept: any UploadBackend) -> Int {
        guard let now = engine(backend), let before = engine(kept) else { return .max }
        return now.nodesNotShared(with: before)
    }

    /// Nodes of what the backend keeps per open session (the direct upload table; the compat meta and
    /// hash tables) that `kept` does not share.
    static func perSessionNodes(_ backend: any UploadBackend, notSharedWith kept: any UploadBackend) -> Int {
        switch (backend, kept) {
        case let (direct as DirectUploadService, keptDirect as DirectUploadService):
            direct.uploads.nodesNotShared(with: keptDirect.uploads)
        case let (compat as CompatUploadService, keptCompat as CompatUploadService):
            compat.hashes.nodesNotShared(with: keptCompat.hashes)
                + compat.compat.metas.nodesNotShared(with: keptCompat.compat.metas)
                + compat.compat.idem.nodesNotShared(with: keptCompat.compat.idem)
        default: .max
        }
    }
}
