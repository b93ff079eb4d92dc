// Sources/Uploads/Backend/UploadBackend.swift - the one interface of the direct and the compat backend

public import Candid
public import Sessions

/// An upload backend: the `uploads_*`, `sessions_*`, `blob_*`, `capsules_*` and `memories_*` operations of
/// the canister.
///
/// Two implementations: ``DirectUploadService`` uses the session engine directly, ``CompatUploadService`` goes
/// through the ``SessionCompat`` shim as futura's code did. For any sequence of calls they return equal
/// results and leave equal stores, and each restores the other's persisted state.
///
/// A backend is a plain `Sendable` value. Blob bytes live in a ``BlobStorage`` that only the calls touching
/// them take as an argument (a canister passes its stable memory), so copying a backend snapshots its
/// state and a runtime can roll a trapped message back by keeping the old value.
///
/// Every operation takes the caller and, where time matters, `now` in nanoseconds; none reads a clock.
/// Every mutating session operation first expires the sessions whose TTL ran out (`now >= lastSeen + ttl`),
/// freeing their regions; apart from that, a call that throws changes nothing.
public protocol UploadBackend: Sendable {
    /// An empty backend (a fresh install, over an empty storage).
    ///
    /// - Throws: `InvalidArgument` for an unusable configuration.
    init(configuration: UploadConfiguration) throws(UploadError)

    /// A backend holding the state of `snapshot` (from either backend). `storage` holds its blobs; it is
    /// only checked to be large enough.
    ///
    /// - Throws: `Internal` ("corrupt_snapshot") when the snapshot is inconsistent.
    init(snapshot: UploadSnapshot, storage: some BlobStorage) throws(UploadError)

    /// The blob records and the catalog. Mutate it only through the operations.
    var records: UploadRecords { get set }

    /// The whole state in the common form both backends persist.
    func snapshot() -> UploadSnapshot

    /// The uploads in flight, ascending by session id, in the common form.
    var pendingUploads: [PendingUploadState] { get }

    /// The session engine's counters.
    var sessionStats: SessionStats { get }

    /// `uploads_begin(capsule_id, asset_metadata, expected_chunks, idem)`: opens an upload session and
    /// reserves its blob region in `storage` (growing it), or returns the open session begun with the same
    /// (capsule, caller, idem).
    mutating func begin(
        caller: Principal,
        capsuleId: String,
        metadata: AssetMetadata,
        expectedChunks: UInt32,
        idempotencyKey: String,
        now: UInt64,
        storage: inout some BlobStorage
    ) throws(UploadError) -> UInt64

    /// `uploads_put_chunk(session_id, chunk_index, bytes)`: writes one chunk into its region of `storage`.
    mutating func putChunk(
        caller: Principal,
        sessionId: UInt64,
        index: UInt32,
        bytes: [UInt8],
        now: UInt64,
        storage: inout some BlobStorage
    ) throws(UploadError)

    /// `uploads_finish(session_id, sha256, total_len)`: verifies the upload and turns it into a blob and a
    /// memory.
    mutating func finish(
        caller: Principal,
        sessionId: UInt64,
        sha256: [UInt8],
        totalLength: UInt64,
        now: UInt64
    ) throws(UploadError) -> UploadFinishResult

    /// `uploads_abort(session_id)`: ends the session and frees everything it held.
    mutating func abort(caller: Principal, sessionId: UInt64, now: UInt64) throws(UploadError)

    /// `sessions_clear_all`: ends every open session (after expiring the stale ones).
    mutating func sessionsClearAll(now: UInt64) -> String

    /// `sessions_cleanup_expired`: expires every session whose TTL ran out.
    mutating func sessionsCleanupExpired(now: UInt64) -> String

    /// `sessions_list`: one line per open session.
    func sessionsList(now: UInt64) -> String
}
