// Sources/Uploads/Compat/UploadSessionMeta.swift - the per-session record of the old SessionCompat API

package import Candid

/// futura's `UploadSessionMeta`: everything the old upload service read about a session, kept by
/// ``SessionCompat`` beside the session engine. Times are nanoseconds.
package struct UploadSessionMeta: Hashable, Sendable {
    /// The status of an upload session.
    package enum Status: Hashable, Sendable {
        /// Receiving chunks.
        case pending
        /// Finish verified it; `completedAt` in ns. The meta is removed right after (``SessionCompat/cleanup(_:)``).
        case committed(completedAt: UInt64)
    }

    /// `session_id`.
    package var sessionId: UInt64
    /// `capsule_id`.
    package var capsuleId: String
    /// `caller`.
    package var caller: Principal
    /// `created_at`, in nanoseconds.
    package var createdAt: UInt64
    /// `expected_chunks`.
    package var expectedChunks: UInt32
    /// `status`.
    package var status: Status
    /// `chunk_count` (equal to `expected_chunks`; both existed in futura).
    package var chunkCount: UInt32
    /// `asset_metadata` (the 2025-10-01 era field); `bytes` is the session's `bytes_expected` (defect 1).
    package var assetMetadata: AssetMetadata
    /// `provisional_memory_id`: `""`, as futura's `MemoryId::new()` gave; the memory is named at finish.
    package var provisionalMemoryId: String
    /// `chunk_size`.
    package var chunkSize: UInt32
    /// `idem`.
    package var idem: String
    /// `blob_id`: set when the upload committed.
    package var blobId: UInt64?
    /// New here: the region this session's chunks are written to (futura keyed pages by a hash of the
    /// session instead).
    package var blobRegion: BlobRegion

    /// A meta record.
    package init(
        sessionId: UInt64,
        capsuleId: String,
        caller: Principal,
        createdAt: UInt64,
        expectedChunks: UInt32,
        status: Status,
        chunkCount: UInt32,
        assetMetadata: AssetMetadata,
        provisionalMemoryId: String,
        chunkSize: UInt32,
        idem: String,
        blobId: UInt64?,
        blobRegion: BlobRegion
    ) {
        self.sessionId = sessionId
        self.capsuleId = capsuleId
        self.caller = caller
        self.createdAt = createdAt
        self.expectedChunks = expectedChunks
        self.status = status
        self.chunkCount = chunkCount
        self.assetMetadata = assetMetadata
        self.provisionalMemoryId = provisionalMemoryId
        self.chunkSize = chunkSize
        self.idem = idem
        self.blobId = blobId
        self.blobRegion = blobRegion
    }

    /// The engine's owner bytes for this session's (capsule, caller).
    var owner: [UInt8] { UploadRecords.ownerBytes(capsuleId: capsuleId, caller: caller) }
}
