// Sources/Uploads/Compat/SessionCompat.swift - the old SessionCompat API over the session engine, defects fixed

package import Candid
package import Sessions
import PersistentCollections

/// futura's `SessionCompat` shim: the API the old upload service used, over ``SessionService``, with a
/// meta map, an idempotency map and a sink factory. One time unit throughout: nanoseconds.
///
/// | Swift | futura (`session/compat.rs`) | difference |
/// |---|---|---|
/// | ``init(service:sinkFactory:)`` | `new(sink_factory)` | takes the engine (to restore one) |
/// | ``findPending(capsuleId:caller:idempotencyKey:)`` | `find_pending` | |
/// | ``create(_:_:now:)`` | `create` | `bytes_expected` = metadata `bytes`, never 0 (defect 1) |
/// | ``get(_:)`` | `get` | the meta, not `Result<Option<_>>` |
/// | ``update(_:_:)`` | `update` | |
/// | ``putChunk(_:index:bytes:now:storage:)`` | `put_chunk` | takes the storage; stored or duplicate |
/// | ``verifyChunksComplete(_:chunkCount:)`` | `verify_chunks_complete` | names the missing chunks |
/// | ``countActiveFor(capsuleId:caller:)`` | `count_active_for` | counts open sessions only |
/// | ``finish(_:now:)`` | `finish` | called by the upload service at commit |
/// | ``abort(_:)`` | `abort` | also drops the meta and idempotency entry |
/// | ``cleanup(_:)`` | `cleanup` | also ends the engine's session (defect 11) |
/// | ``cleanupExpiredSessions(now:)`` | `cleanup_expired_sessions` | engine TTL, ns (defect 6) |
/// | ``cleanupExpiredSessionsForCaller(capsuleId:caller:expiry:now:)`` | `cleanup_expired_sessions_for_caller` | ns |
/// | ``listUploadSessions()`` | `list_upload_sessions` | ascending by id |
/// | ``listAllSessions()`` | `list_all_sessions` | ascending by id |
/// | ``stats`` | `total_session_count`, `session_count_by_status` | counts that add up (defect 12) |
/// | ``clearAll()`` | `clear_all_sessions` | returns the metas, to free their pages |
/// | ``isChunkReceived(_:index:)``, ``missingChunks(_:)`` | none | for the out-of-order hash (defect 4) |
///
/// The expiry calls take and compare nanoseconds against the last activity (futura compared milliseconds
/// with a nanosecond creation time, so nothing ever expired) and return the removed metas, so the caller
/// frees their pages and hashes. A duplicate chunk is reported, not refused: the caller compares its bytes
/// with the stored ones (same bytes: success; other bytes: `Conflict`). futura's sinks wrote to a global
/// stable map; here stable memory is passed to each message, so the factory names where a session's
/// chunks go (its blob region) and each put writes there in the storage of the call.
package struct SessionCompat: Sendable {
    /// The session engine.
    package private(set) var service: SessionService
    var metas: PersistentMap<UInt64, UploadSessionMeta> = [:]
    var idem: PersistentMap<IdemKey, UInt64> = [:]
    let sinkFactory: @Sendable (UploadSessionMeta) throws(UploadError) -> BlobRegion

    struct IdemKey: Hashable, Comparable, Sendable {
        var capsuleId: String
        var caller: Principal
        var idem: String

        static func < (lhs: IdemKey, rhs: IdemKey) -> Bool {
            (lhs.capsuleId, lhs.caller, lhs.idem) < (rhs.capsuleId, rhs.caller, rhs.idem)
        }
    }

    /// A shim over `service` (empty for a fresh install); `sinkFactory` gives the region of the storage
    /// that a session's chunks go to, which ``putChunk(_:index:bytes:now:storage:)`` writes in the storage
    /// of the call.
    package init(
        service: SessionService,
        sinkFactory: @escaping @Sendable (UploadSessionMeta) throws(UploadError) -> BlobRegion
    ) {
        self.service = service
        self.sinkFactory = sinkFactory
    }

    /// The open session begun by `caller` on `capsuleId` with `idempotencyKey`, if any.
    package func findPending(capsuleId: String, caller: Principal, idempotencyKey: String) -> UInt64? {
        idem[IdemKey(capsuleId: capsuleId, caller: caller, idem: idempotencyKey)]
    }

    /// Opens session `sessionId` in the engine (spec from the meta: chunk size, `bytes_expected` from the
    /// asset metadata, owner from (capsule, caller)) and records the meta and idempotency entry.
    ///
    /// - Throws: `InvalidArgument` ("Session already exists") for an id in use; the engine's errors.
    package mutating func create(_ sessionId: UInt64, _ meta: UploadSessionMeta, now: UInt64) throws(UploadError) {
        guard metas[sessionId] == nil else { throw .invalidArgument("Session already exists") }
        let spec = SessionSpec(
            chunkSize: meta.chunkSize, bytesExpected: meta.assetMetadata.base.bytes, idempotencyKey: meta.idem,
            owner: meta.owner
        )
        do {
            try service.begin(id: SessionId(sessionId), spec, now: now)
        } catch {
            throw UploadError(error)
        }
        metas[sessionId] = meta
        idem[IdemKey(capsuleId: meta.capsuleId, caller: meta.caller, idem: meta.idem)] = sessionId
    }

    /// The meta of session `sessionId`.
    package func get(_ sessionId: UInt64) -> UploadSessionMeta? { metas[sessionId] }

    /// Replaces the meta of an open session.
    ///
    /// - Throws: `NotFound` when the engine has no such session.
    package mutating func update(_ sessionId: UInt64, _ meta: UploadSessionMeta) throws(UploadError) {
        guard service.session(SessionId(sessionId)) != nil, metas[sessionId] != nil else { throw .notFound }
        metas[sessionId] = meta
    }

    /// Stores a chunk through the engine into the region the factory gives for the session, in `storage`.
    ///
    /// - Returns: ``PutOutcome/duplicate`` when the index was received before (nothing written).
    /// - Throws: `NotFound` (no meta), the factory's error, the engine's errors.
    package mutating func putChunk(
        _ sessionId: UInt64,
        index: UInt32,
        bytes: [UInt8],
        now: UInt64,
        storage: inout some BlobStorage
    ) throws(UploadError) -> PutOutcome {
        guard let meta = metas[sessionId] else { throw .notFound }
        return try service.putChunk(
            SessionId(sessionId), index: index, bytes: bytes, owner: meta.owner, now: now,
            into: try sinkFactory(meta), of: &storage
        )
    }

    /// Whether chunk `index` of the session is stored (`false` for unknown sessions and indexes).
    package func isChunkReceived(_ sessionId: UInt64, index: UInt32) -> Bool {
        (try? service.isReceived(SessionId(sessionId), index: index)) ?? false
    }

    /// The chunks the session still needs, ascending.
    ///
    /// - Throws: `NotFound`.
    package func missingChunks(_ sessionId: UInt64) throws(UploadError) -> [UInt32] {
        do {
            return try service.missingChunks(SessionId(sessionId))
        } catch {
            throw UploadError(error)
        }
    }

    /// Checks that all `chunkCount` chunks arrived.
    ///
    /// - Throws: `NotFound`; `InvalidArgument` ("incomplete: missing K of N chunks: …").
    package func verifyChunksComplete(_ sessionId: UInt64, chunkCount: UInt32) throws(UploadError) {
        try UploadRecords.checkComplete(missing: try missingChunks(sessionId), count: chunkCount)
    }

    /// How many pending sessions `caller` has on `capsuleId`.
    package func countActiveFor(capsuleId: String, caller: Principal) -> Int {
        service.count(owner: UploadRecords.ownerBytes(capsuleId: capsuleId, caller: caller))
    }

    /// Finishes the engine's session (every chunk must be in). The meta stays until ``cleanup(_:)``.
    ///
    /// - Throws: `NotFound`, the engine's errors.
    package mutating func finish(_ sessionId: UInt64, now: UInt64) throws(UploadError) {
        guard let meta = metas[sessionId] else { throw .notFound }
        do {
            try service.finish(SessionId(sessionId), owner: meta.owner, now: now)
        } catch {
            throw UploadError(error)
        }
    }

    /// Aborts the engine's session and drops the meta and idempotency entry.
    ///
    /// - Throws: `NotFound`.
    package mutating func abort(_ sessionId: UInt64) throws(UploadError) {
        guard let meta = metas[sessionId] else { throw .notFound }
        do {
            try service.abort(SessionId(sessionId), owner: meta.owner)
        } catch {
            throw UploadError(error)
        }
        forget(meta)
    }

    /// Drops the meta and idempotency entry, and ends the engine's session if it is still open (futura left
    /// it behind: defect 11).
    package mutating func cleanup(_ sessionId: UInt64) {
        guard let meta = metas[sessionId] else { return }
        if service.session(SessionId(sessionId)) != nil {
            _ = try? service.abort(SessionId(sessionId), owner: meta.owner)
        }
        forget(meta)
    }

    /// Expires, through the engine's TTL (`now >= lastSeen + ttl`, nanoseconds), every session that ran out.
    ///
    /// - Returns: Their metas, ascending by id, so the caller can free their pages and hashes.
    package mutating func cleanupExpiredSessions(now: UInt64) -> [UploadSessionMeta] {
        var removed: [UploadSessionMeta] = []
        for closed in service.tickTTL(now: now) {
            guard let meta = metas[closed.id.rawValue] else { continue }
            forget(meta)
            removed.append(meta)
        }
        return removed
    }

    /// Expires `caller`'s sessions on `capsuleId` idle for at least `expiry` nanoseconds
    /// (`now - lastSeen >= expiry`), after the engine's own TTL sweep (which covers every caller).
    ///
    /// - Returns: Every meta removed, ascending by id.
    package mutating func cleanupExpiredSessionsForCaller(
        capsuleId: String,
        caller: Principal,
        expiry: UInt64,
        now: UInt64
    ) -> [UploadSessionMeta] {
        var removed = cleanupExpiredSessions(now: now)
        for meta in listUploadSessions() where meta.capsuleId == capsuleId && meta.caller == caller {
            guard let info = service.session(SessionId(meta.sessionId)), now >= info.lastSeen,
                now - info.lastSeen >= expiry
            else { continue }
            _ = try? service.abort(SessionId(meta.sessionId), owner: meta.owner)
            forget(meta)
            removed.append(meta)
        }
        return removed.sorted { $0.sessionId < $1.sessionId }
    }

    /// Every meta, ascending by session id.
    package func listUploadSessions() -> [UploadSessionMeta] {
        metas.values
    }

    /// Every open engine session, ascending by id.
    package func listAllSessions() -> [SessionInfo] { service.list() }

    /// The engine's counters.
    package var stats: SessionStats { service.stats }

    /// Ends every session and drops every meta and idempotency entry.
    ///
    /// - Returns: The metas, ascending by id.
    package mutating func clearAll() -> [UploadSessionMeta] {
        service.clearAll()
        let all = listUploadSessions()
        metas = [:]
        idem = [:]
        return all
    }

    private mutating func forget(_ meta: UploadSessionMeta) {
        metas[meta.sessionId] = nil
        idem[IdemKey(capsuleId: meta.capsuleId, caller: meta.caller, idem: meta.idem)] = nil
    }
}

extension SessionCompat: Equatable {
    /// Equal when the engines, metas and idempotency maps are (the sink factory is not compared).
    package static func == (lhs: SessionCompat, rhs: SessionCompat) -> Bool {
        lhs.service == rhs.service && lhs.metas == rhs.metas && lhs.idem == rhs.idem
    }
}
