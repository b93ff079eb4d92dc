// Sources/Uploads/Compat/CompatUploadService.swift - the old upload service's call structure over SessionCompat

public import Candid
public import Sessions
import PersistentCollections

/// The compat backend: futura's upload service as it called ``SessionCompat`` (find_pending, create,
/// get, put_chunk, verify_chunks_complete, update, cleanup...), with a session counter and a hash map of
/// its own (futura's `SESSION_COUNTER` and `UPLOAD_HASH`), and with every defect of futura-notes §5 fixed.
/// It reaches session state only through the shim.
///
/// Its results and stores equal ``DirectUploadService``'s for every call sequence (the differential tests check
/// it); see ``DirectUploadService`` for the semantics.
public struct CompatUploadService: UploadBackend {
    public var records: UploadRecords
    /// The shim.
    package internal(set) var compat: SessionCompat
    /// futura's `UPLOAD_HASH`: the rolling hash per open session, dropped on finish, abort and expiry.
    var hashes: PersistentMap<UInt64, RollingHash>
    /// futura's `SESSION_COUNTER`, persisted (as the engine's next id) so ids never repeat.
    var nextSessionId: UInt64

    public init(configuration: UploadConfiguration) throws(UploadError) {
        self.records = try UploadRecords(configuration: configuration)
        self.compat = SessionCompat(
            service: SessionService(ttl: configuration.sessionTTL, maxChunks: configuration.maxChunks),
            sinkFactory: Self.sinkFactory
        )
        self.hashes = [:]
        self.nextSessionId = SessionId.first.rawValue
    }

    /// The shim's sink factory: the session's blob region.
    @Sendable static func sinkFactory(_ meta: UploadSessionMeta) throws(UploadError) -> BlobRegion {
        meta.blobRegion
    }

    // MARK: - Uploads

    public mutating func begin(
        caller: Principal,
        capsuleId: String,
        metadata: AssetMetadata,
        expectedChunks: UInt32,
        idempotencyKey: String,
        now: UInt64,
        storage: inout some BlobStorage
    ) throws(UploadError) -> UInt64 {
        removeExpired(now: now)
        let capsule = try records.checkBegin(
            caller: caller, capsuleId: capsuleId, metadata: metadata, expectedChunks: expectedChunks,
            idempotencyKey: idempotencyKey
        )
        if let pending = compat.findPending(capsuleId: capsule.id, caller: caller, idempotencyKey: idempotencyKey),
            let meta = compat.get(pending)
        {
            try records.checkRetry(
                sessionId: pending, metadata: metadata, expectedChunks: expectedChunks,
                original: (meta.assetMetadata, meta.expectedChunks)
            )
            return pending
        }
        release(
            compat.cleanupExpiredSessionsForCaller(
                capsuleId: capsule.id, caller: caller, expiry: records.configuration.sessionTTL, now: now
            )
        )
        try records.checkCap(active: compat.countActiveFor(capsuleId: capsule.id, caller: caller))
        try records.checkBudget(caller: caller, bytes: metadata.base.bytes)
        let region = try records.reserve(metadata.base.bytes, in: &storage)
        let sessionId = nextSessionId
        let meta = UploadSessionMeta(
            sessionId: sessionId, capsuleId: capsule.id, caller: caller, createdAt: now,
            expectedChunks: expectedChunks, status: .pending, chunkCount: expectedChunks, assetMetadata: metadata,
            provisionalMemoryId: "", chunkSize: records.configuration.chunkSize, idem: idempotencyKey, blobId: nil,
            blobRegion: region
        )
        do {
            try compat.create(sessionId, meta, now: now)
        } catch {
            records.release(region)
            throw error
        }
        nextSessionId += 1
        hashes[sessionId] = RollingHash()
        records.ledger.open(sessionId, caller: caller, bytes: metadata.base.bytes)
        return sessionId
    }

    public mutating func putChunk(
        caller: Principal,
        sessionId: UInt64,
        index: UInt32,
        bytes: [UInt8],
        now: UInt64,
        storage: inout some BlobStorage
    ) throws(UploadError) {
        removeExpired(now: now)
        guard let meta = compat.get(sessionId) else { throw .notFound }
        guard meta.caller == caller else { throw .unauthorized }
        guard meta.status == .pending else { throw .invalidArgument("session already committed") }
        let outcome = try compat.putChunk(sessionId, index: index, bytes: bytes, now: now, storage: &storage)
        guard let spec = compat.service.session(SessionId(sessionId))?.spec else { return }
        switch outcome {
        case .duplicate:
            try records.checkDuplicate(index: index, bytes: bytes, spec: spec, region: meta.blobRegion, storage: storage)
        case .stored:
            var hash = hashes[sessionId] ?? RollingHash()
            hash.advance(
                stored: index, bytes: bytes, spec: spec, storage: storage, region: meta.blobRegion,
                isReceived: { compat.isChunkReceived(sessionId, index: $0) }
            )
            hashes[sessionId] = hash
            records.ledger.received(sessionId, bytes: UInt64(bytes.count))
        }
    }

    public mutating func finish(
        caller: Principal,
        sessionId: UInt64,
        sha256: [UInt8],
        totalLength: UInt64,
        now: UInt64
    ) throws(UploadError) -> UploadFinishResult {
        removeExpired(now: now)
        if let done = try records.finishedResult(
            sessionId: sessionId, caller: caller, sha256: sha256, totalLength: totalLength)
        {
            return done
        }
        guard let meta = compat.get(sessionId) else { throw .notFound }
        guard meta.caller == caller else { throw .unauthorized }
        try compat.verifyChunksComplete(sessionId, chunkCount: meta.chunkCount)
        let hash = hashes[sessionId] ?? RollingHash()
        try UploadRecords.checkFinish(
            missing: [], chunkCount: meta.chunkCount, bytes: meta.assetMetadata.base.bytes, totalLength: totalLength,
            computed: hash.digest, expected: sha256
        )
        var committed = meta
        committed.status = .committed(completedAt: now)
        committed.blobId = records.nextBlob
        try compat.update(sessionId, committed)
        do {
            try compat.finish(sessionId, now: now)
        } catch {
            try? compat.update(sessionId, meta)
            throw error
        }
        compat.cleanup(sessionId)
        hashes[sessionId] = nil
        return records.commitUpload(
            sessionId: sessionId, caller: caller, capsuleId: meta.capsuleId, metadata: meta.assetMetadata,
            region: meta.blobRegion, sha256: sha256, now: now
        )
    }

    public mutating func abort(caller: Principal, sessionId: UInt64, now: UInt64) throws(UploadError) {
        removeExpired(now: now)
        guard let meta = compat.get(sessionId) else { throw .notFound }
        guard meta.caller == caller else { throw .unauthorized }
        try compat.abort(sessionId)
        release([meta])
    }

    // MARK: - Sessions admin

    public mutating func sessionsClearAll(now: UInt64) -> String {
        removeExpired(now: now)
        let cleared = compat.clearAll()
        release(cleared)
        return "Cleared \(cleared.count) sessions"
    }

    public mutating func sessionsCleanupExpired(now: UInt64) -> String {
        "Cleaned up \(removeExpired(now: now)) expired sessions"
    }

    public func sessionsList(now: UInt64) -> String {
        let entries = compat.listAllSessions().compactMap { info -> SessionListEntry? in
            guard let meta = compat.get(info.id.rawValue) else { return nil }
            return SessionListEntry(
                sessionId: meta.sessionId, caller: meta.caller, capsuleId: meta.capsuleId, createdAt: meta.createdAt,
                receivedChunks: info.receivedCount, expectedChunks: meta.expectedChunks, expiresAt: info.expiresAt
            )
        }
        return SessionListEntry.text(entries, now: now)
    }

    public var sessionStats: SessionStats { compat.stats }

    /// Expires the sessions whose TTL ran out and frees their hashes and regions.
    @discardableResult
    mutating func removeExpired(now: UInt64) -> Int {
        let expired = compat.cleanupExpiredSessions(now: now)
        release(expired)
        return expired.count
    }

    /// Frees the hashes and regions of sessions the shim removed.
    private mutating func release(_ metas: [UploadSessionMeta]) {
        for meta in metas {
            hashes[meta.sessionId] = nil
            records.ledger.close(meta.sessionId)
            records.release(meta.blobRegion)
        }
    }
}
