// Sources/Uploads/Direct/DirectUploadService.swift - the direct backend: the session engine plus an upload table

public import Candid
public import Sessions
import PersistentCollections

/// The direct backend: ``SessionService`` keeps the sessions (ids, owner, received chunks, TTL), and the
/// service keeps what only uploads need (capsule, caller, asset metadata, region, rolling hash) in its own
/// table keyed by session id.
///
/// Semantics (the same as ``CompatUploadService``; CANDID.md lists every error):
/// - **begin**: anonymous → `Unauthorized`; `expected_chunks` 0 or above the limit, an idempotency key over
///   the limit, a metadata text over its limit, or metadata `bytes` that do not need exactly
///   `expected_chunks` chunks → `InvalidArgument`; unknown capsule → `NotFound`; not an owner or controller →
///   `Unauthorized`; an open session with the same (capsule, caller, idem) → its id, changing nothing (even
///   at a limit), or `Conflict` if the metadata differs; the per-(capsule, caller) cap reached →
///   `ResourceExhausted`; the caller's sessions over all capsules, its reserved-but-unsent bytes or everyone's
///   over their limits → `InvalidArgument` naming the limit. Then the blob region is reserved
///   (`ResourceExhausted` when stable memory cannot grow).
/// - **put**: unknown session → `NotFound`; another caller → `Unauthorized`; index out of range, chunk over
///   the chunk size, or not exactly its length → `InvalidArgument`; a received index with the same bytes →
///   success, other bytes → `Conflict`. The bit is set after the write; the hash advances over the prefix.
/// - **finish**: a finished session → the same result (same arguments) or `Conflict`; unknown →
///   `NotFound`; another caller → `Unauthorized`; missing chunks, `total_len` or checksum mismatch →
///   `InvalidArgument`, the session staying usable. On success the blob, memory and index are written.
/// - **abort**: unknown → `NotFound`; another caller → `Unauthorized`; else session, hash, idempotency
///   entry and region are freed.
public struct DirectUploadService: UploadBackend {
    public var records: UploadRecords
    /// The session engine.
    public internal(set) var sessions: SessionService
    /// Upload data per session id (shared on copy, like the store's tables).
    var uploads: PersistentMap<UInt64, PendingUpload>

    /// What the service keeps per open session besides the engine's state (which owns the idempotency
    /// key, the times, the chunk size and the byte count).
    struct PendingUpload: Hashable, Sendable {
        var capsuleId: String
        var caller: Principal
        var metadata: AssetMetadata
        var region: BlobRegion
        var hash: RollingHash

        /// The engine's owner bytes for (capsule, caller).
        var owner: [UInt8] { UploadRecords.ownerBytes(capsuleId: capsuleId, caller: caller) }
    }

    public init(configuration: UploadConfiguration) throws(UploadError) {
        self.records = try UploadRecords(configuration: configuration)
        self.sessions = SessionService(ttl: configuration.sessionTTL, maxChunks: configuration.maxChunks)
        self.uploads = [:]
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
        expire(now: now)
        let capsule = try records.checkBegin(
            caller: caller, capsuleId: capsuleId, metadata: metadata, expectedChunks: expectedChunks,
            idempotencyKey: idempotencyKey
        )
        let owner = UploadRecords.ownerBytes(capsuleId: capsule.id, caller: caller)
        if let open = sessions.find(owner: owner, idempotencyKey: idempotencyKey), let upload = uploads[open.rawValue],
            let info = sessions.session(open)
        {
            try records.checkRetry(
                sessionId: open.rawValue, metadata: metadata, expectedChunks: expectedChunks,
                original: (upload.metadata, info.chunkCount)
            )
            return open.rawValue
        }
        try records.checkCap(active: sessions.count(owner: owner))
        try records.checkBudget(caller: caller, bytes: metadata.base.bytes)
        let region = try records.reserve(metadata.base.bytes, in: &storage)
        let spec = SessionSpec(
            chunkSize: records.configuration.chunkSize, bytesExpected: metadata.base.bytes,
            idempotencyKey: idempotencyKey, owner: owner
        )
        let id: SessionId
        do {
            id = try sessions.begin(spec, now: now)
        } catch {
            records.release(region)
            throw UploadError(error)
        }
        uploads[id.rawValue] = PendingUpload(
            capsuleId: capsule.id, caller: caller, metadata: metadata, region: region, hash: RollingHash()
        )
        records.ledger.open(id.rawValue, caller: caller, bytes: metadata.base.bytes)
        return id.rawValue
    }

    public mutating func putChunk(
        caller: Principal,
        sessionId: UInt64,
        index: UInt32,
        bytes: [UInt8],
        now: UInt64,
        storage: inout some BlobStorage
    ) throws(UploadError) {
        expire(now: now)
        guard var upload = uploads[sessionId] else { throw .notFound }
        guard upload.caller == caller else { throw .unauthorized }
        let id = SessionId(sessionId)
        let outcome = try sessions.putChunk(
            id, index: index, bytes: bytes, owner: upload.owner, now: now, into: upload.region, of: &storage
        )
        guard let spec = sessions.session(id)?.spec else { return }
        switch outcome {
        case .duplicate:
            try records.checkDuplicate(index: index, bytes: bytes, spec: spec, region: upload.region, storage: storage)
        case .stored:
            upload.hash.advance(
                stored: index, bytes: bytes, spec: spec, storage: storage, region: upload.region,
                isReceived: { (try? sessions.isReceived(id, index: $0)) ?? false }
            )
            uploads[sessionId] = upload
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
        expire(now: now)
        if let done = try records.finishedResult(
            sessionId: sessionId, caller: caller, sha256: sha256, totalLength: totalLength)
        {
            return done
        }
        guard let upload = uploads[sessionId] else { throw .notFound }
        guard upload.caller == caller else { throw .unauthorized }
        let id = SessionId(sessionId)
        let missing: [UInt32]
        do {
            missing = try sessions.missingChunks(id)
        } catch {
            throw UploadError(error)
        }
        try UploadRecords.checkFinish(
            missing: missing, chunkCount: sessions.session(id)?.chunkCount ?? 0, bytes: upload.metadata.base.bytes,
            totalLength: totalLength, computed: upload.hash.digest, expected: sha256
        )
        do {
            try sessions.finish(id, owner: upload.owner, now: now)
        } catch {
            throw UploadError(error)
        }
        uploads[sessionId] = nil
        return records.commitUpload(
            sessionId: sessionId, caller: caller, capsuleId: upload.capsuleId, metadata: upload.metadata,
            region: upload.region, sha256: sha256, now: now
        )
    }

    public mutating func abort(caller: Principal, sessionId: UInt64, now: UInt64) throws(UploadError) {
        expire(now: now)
        guard let upload = uploads[sessionId] else { throw .notFound }
        guard upload.caller == caller else { throw .unauthorized }
        do {
            try sessions.abort(SessionId(sessionId), owner: upload.owner)
        } catch {
            throw UploadError(error)
        }
        uploads[sessionId] = nil
        records.ledger.close(sessionId)
        records.release(upload.region)
    }

    // MARK: - Sessions admin

    public mutating func sessionsClearAll(now: UInt64) -> String {
        expire(now: now)
        let closed = sessions.clearAll()
        for session in closed { free(session.id.rawValue) }
        return "Cleared \(closed.count) sessions"
    }

    public mutating func sessionsCleanupExpired(now: UInt64) -> String {
        "Cleaned up \(expire(now: now)) expired sessions"
    }

    public func sessionsList(now: UInt64) -> String {
        let entries = sessions.list().compactMap { info -> SessionListEntry? in
            guard let upload = uploads[info.id.rawValue] else { return nil }
            return SessionListEntry(
                sessionId: info.id.rawValue, caller: upload.caller, capsuleId: upload.capsuleId,
                createdAt: info.createdAt, receivedChunks: info.receivedCount, expectedChunks: info.chunkCount,
                expiresAt: info.expiresAt
            )
        }
        return SessionListEntry.text(entries, now: now)
    }

    public var sessionStats: SessionStats { sessions.stats }

    /// Expires every session whose TTL ran out and frees what it held.
    ///
    /// - Returns: How many sessions expired.
    @discardableResult
    mutating func expire(now: UInt64) -> Int {
        let closed = sessions.tickTTL(now: now)
        for session in closed { free(session.id.rawValue) }
        return closed.count
    }

    /// Drops the upload data of a session the engine closed, and frees its region.
    private mutating func free(_ sessionId: UInt64) {
        guard let upload = uploads.removeValue(forKey: sessionId) else { return }
        records.ledger.close(sessionId)
        records.release(upload.region)
    }
}
