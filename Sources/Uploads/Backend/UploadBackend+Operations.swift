// Sources/Uploads/Backend/UploadBackend+Operations.swift - the operations both backends share through the store

public import Candid
import Sessions

extension UploadBackend {
    /// The limits.
    public var configuration: UploadConfiguration { records.configuration }

    /// `sessions_stats`: `Total sessions: T, Pending: P, Committed: C, Aborted: A, Expired: E, Cleared: X`.
    ///
    /// `T` counts every session ever begun and equals `P + C + A + E + X`: pending (open, including ones
    /// past their TTL that the next update call will expire), committed (finished), aborted, expired,
    /// cleared. Fixes defect 12 (Total only grew, Committed was always 0).
    public var sessionsStats: String {
        let stats = sessionStats
        return "Total sessions: \(stats.begun), Pending: \(stats.active), Committed: \(stats.finished), "
            + "Aborted: \(stats.aborted), Expired: \(stats.expired), Cleared: \(stats.cleared)"
    }

    /// `upload_config`.
    public var uploadConfig: UploadConfig { records.uploadConfig }

    /// `capsules_create`; see ``UploadRecords/capsulesCreate(caller:subject:now:)``.
    public mutating func capsulesCreate(
        caller: Principal, subject: PersonRef?, now: UInt64
    ) throws(UploadError)
        -> Capsule
    {
        try records.capsulesCreate(caller: caller, subject: subject, now: now)
    }

    /// `capsules_read_basic`; see ``UploadRecords/capsulesReadBasic(caller:capsuleId:)``.
    public func capsulesReadBasic(caller: Principal, capsuleId: String?) throws(UploadError) -> CapsuleInfo {
        try records.capsulesReadBasic(caller: caller, capsuleId: capsuleId)
    }

    /// Adds a controller to a capsule; see ``UploadRecords/capsuleAddController(caller:capsuleId:controller:now:)``.
    public mutating func capsuleAddController(
        caller: Principal,
        capsuleId: String,
        controller: Principal,
        now: UInt64
    ) throws(UploadError) {
        try records.capsuleAddController(caller: caller, capsuleId: capsuleId, controller: controller, now: now)
    }

    /// `memories_read`; see ``UploadRecords/memoriesRead(caller:memoryId:)``.
    public func memoriesRead(caller: Principal, memoryId: String) throws(UploadError) -> Memory {
        try records.memoriesRead(caller: caller, memoryId: memoryId)
    }

    /// `memories_list`; see ``UploadRecords/memoriesList(caller:capsuleId:cursor:limit:)``.
    public func memoriesList(
        caller: Principal, capsuleId: String, cursor: String?, limit: UInt32?
    )
        throws(UploadError) -> Page
    {
        try records.memoriesList(caller: caller, capsuleId: capsuleId, cursor: cursor, limit: limit)
    }

    /// `blob_get_meta`; see ``UploadRecords/blobGetMeta(caller:locator:)``.
    public func blobGetMeta(caller: Principal, locator: String) throws(UploadError) -> BlobMeta {
        try records.blobGetMeta(caller: caller, locator: locator)
    }

    /// `blob_read`; see ``UploadRecords/blobRead(caller:locator:storage:)``.
    public func blobRead(
        caller: Principal, locator: String, storage: some BlobStorage
    ) throws(UploadError)
        -> [UInt8]
    {
        try records.blobRead(caller: caller, locator: locator, storage: storage)
    }

    /// `blob_read_chunk`; see ``UploadRecords/blobReadChunk(caller:locator:index:storage:)``.
    public func blobReadChunk(
        caller: Principal, locator: String, index: UInt32, storage: some BlobStorage
    )
        throws(UploadError) -> [UInt8]
    {
        try records.blobReadChunk(caller: caller, locator: locator, index: index, storage: storage)
    }

    /// The full capsule with its memories; see ``UploadRecords/capsuleRead(caller:capsuleId:)``.
    public func capsuleRead(caller: Principal, capsuleId: String) throws(UploadError) -> Capsule {
        try records.capsuleRead(caller: caller, capsuleId: capsuleId)
    }

    /// `blob_delete`; see ``UploadRecords/blobDelete(caller:locator:now:)``. `now` stamps the memories that
    /// lose their pointer to the blob (a memory's `updated_at` never goes back, so 0 leaves it).
    public mutating func blobDelete(caller: Principal, locator: String, now: UInt64 = 0) throws(UploadError) -> String {
        try records.blobDelete(caller: caller, locator: locator, now: now)
    }
}

/// One line of `sessions_list`.
struct SessionListEntry {
    var sessionId: UInt64
    var caller: Principal
    var capsuleId: String
    var createdAt: UInt64
    var receivedChunks: UInt32
    var expectedChunks: UInt32
    var expiresAt: UInt64

    /// `Found N sessions:` then, per session ascending by id,
    /// `Session <id>: caller=<principal>, capsule=<id>, status=<Pending|Expired>, created=<ns>,
    /// chunks=<received>/<expected>, expires=<ns>`.
    static func text(_ entries: [SessionListEntry], now: UInt64) -> String {
        var text = "Found \(entries.count) sessions:\n"
        for entry in entries.sorted(by: { $0.sessionId < $1.sessionId }) {
            let status = now >= entry.expiresAt ? "Expired" : "Pending"
            text +=
                "Session \(entry.sessionId): caller=\(entry.caller.text), capsule=\(entry.capsuleId), "
                + "status=\(status), created=\(entry.createdAt), "
                + "chunks=\(entry.receivedChunks)/\(entry.expectedChunks), expires=\(entry.expiresAt)\n"
        }
        return text
    }
}

extension UploadError {
    /// The upload error for a session-engine error. The engine is the one place the chunk rules are
    /// checked, in its order (session, owner, expiry, index, length); a refused chunk gets the texts of
    /// `uploads_put_chunk`, worded from the values the session error carries: `chunk_index_out_of_range`,
    /// then `chunk_too_large` (longer than the chunk size), then `chunk_size_mismatch`.
    init(_ error: SessionError) {
        switch (error.code, error.chunk) {
        case (.indexOutOfRange, let chunk?):
            self = .invalidArgument(
                "chunk_index_out_of_range: chunk index \(chunk.index) out of range (expected < \(chunk.chunkCount))")
        case (.wrongChunkSize, let chunk?) where chunk.length > Int(chunk.chunkSize):
            self = .invalidArgument(
                "chunk_too_large: chunk \(chunk.index) has \(chunk.length) bytes; the limit is \(chunk.chunkSize)")
        case (.wrongChunkSize, let chunk?):
            self = .invalidArgument(
                "chunk_size_mismatch: chunk \(chunk.index) has \(chunk.length) bytes; expected "
                    + "\(chunk.expectedLength ?? 0)")
        default: self.init(code: error)
        }
    }

    private init(code error: SessionError) {
        switch error.code {
        case .notFound, .expired: self = .notFound
        case .notOwner: self = .unauthorized
        case .indexOutOfRange, .wrongChunkSize, .incomplete, .invalidSpec:
            self = .invalidArgument("session_error: \(error.message)")
        case .alreadyExists: self = .conflict("session_error: \(error.message)")
        case .invalidId: self = .resourceExhausted
        default: self = .internal("session_error: \(error.description)")
        }
    }
}
