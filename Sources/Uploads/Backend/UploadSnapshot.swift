// Sources/Uploads/Backend/UploadSnapshot.swift - the common persisted form of both backends' state

public import Candid
import Sessions
import PersistentCollections

/// One upload in flight, in the form both backends persist: who, where, what, and the rolling hash.
public struct PendingUploadState: Codable, Hashable, Sendable {
    /// The session engine's id.
    public var sessionId: UInt64
    /// The capsule uploaded to.
    public var capsuleId: String
    /// Who began the upload (the only principal that may put, finish or abort).
    public var caller: Principal
    /// The asset metadata given to begin; `base.bytes` is the upload's length.
    public var metadata: AssetMetadata
    /// The chunk count given to begin.
    public var expectedChunks: UInt32
    /// The idempotency key given to begin.
    public var idempotencyKey: String
    /// When begin ran, in nanoseconds.
    public var createdAt: UInt64
    /// Where the chunks are written.
    public var region: BlobRegion
    /// ``RollingHash/exportedState``.
    public var hashState: [UInt8]
    /// ``RollingHash/hashedChunks``.
    public var hashedChunks: UInt32

    /// A state record.
    public init(
        sessionId: UInt64,
        capsuleId: String,
        caller: Principal,
        metadata: AssetMetadata,
        expectedChunks: UInt32,
        idempotencyKey: String,
        createdAt: UInt64,
        region: BlobRegion,
        hashState: [UInt8],
        hashedChunks: UInt32
    ) {
        self.sessionId = sessionId
        self.capsuleId = capsuleId
        self.caller = caller
        self.metadata = metadata
        self.expectedChunks = expectedChunks
        self.idempotencyKey = idempotencyKey
        self.createdAt = createdAt
        self.region = region
        self.hashState = hashState
        self.hashedChunks = hashedChunks
    }

    /// The rolling hash this record describes.
    func rollingHash() throws(UploadError) -> RollingHash {
        try RollingHash(exportedState: hashState, hashedChunks: hashedChunks)
    }
}

/// The whole state of a backend (sessions, uploads in flight, blobs, catalog, counters), in one form that
/// both backends write and read, so state persisted by one restores into the other.
///
/// Every collection is sorted by id; equal states give equal snapshots and equal bytes.
public struct UploadSnapshot: Codable, Hashable, Sendable {
    /// The version this build writes and reads.
    public static let currentVersion: UInt32 = 1

    /// The format version.
    public var version: UInt32
    /// The limits.
    public var configuration: UploadConfiguration
    /// The session engine, as ``SessionService/serialized()`` gives it.
    public var sessions: [UInt8]
    /// The uploads in flight, ascending by session id.
    public var uploads: [PendingUploadState]
    var records: RecordsState
}

/// The store's records in sorted arrays.
struct RecordsState: Codable, Hashable, Sendable {
    var allocator: RegionAllocator
    var blobs: [BlobRecord]
    var nextBlob: UInt64
    var capsules: [CapsuleRecord]
    var memories: [Memory]
    var nextCapsule: UInt64
    var nextMemory: UInt64
    var nextAsset: UInt64
    var finished: [FinishedUpload]
}

extension UploadRecords {
    /// The records, sorted.
    var state: RecordsState {
        RecordsState(
            allocator: allocator,
            blobs: blobs.values,
            nextBlob: nextBlob,
            capsules: catalog.sortedCapsules,
            memories: catalog.memories.values,
            nextCapsule: catalog.nextCapsule,
            nextMemory: catalog.nextMemory,
            nextAsset: catalog.nextAsset,
            finished: finished.values
        )
    }

    /// A store holding `state`, checked for consistency.
    ///
    /// - Throws: `Internal` ("corrupt_snapshot") naming the inconsistency.
    init(state: RecordsState, configuration: UploadConfiguration, storage: some BlobStorage) throws(UploadError) {
        try configuration.validate()
        func corrupt(_ what: String) -> UploadError { .internal("corrupt_snapshot: \(what)") }
        guard state.allocator.base == Self.blobAreaStart, state.allocator.isConsistent else {
            throw corrupt("the region allocator is inconsistent")
        }
        guard storage.byteCount >= state.allocator.end else {
            throw corrupt("the storage (\(storage.byteCount) bytes) ends before the blob area (\(state.allocator.end))")
        }
        self.configuration = configuration
        self.allocator = state.allocator
        for blob in state.blobs {
            guard blob.number < state.nextBlob, blob.region.end <= state.allocator.end, blobs[blob.number] == nil,
                blob.size == blob.region.length, blob.chunkSize > 0
            else { throw corrupt("blob \(blob.number) is inconsistent") }
            blobs[blob.number] = blob
        }
        nextBlob = state.nextBlob
        for capsule in state.capsules {
            guard capsule.number < state.nextCapsule, catalog.capsules[capsule.number] == nil else {
                throw corrupt("capsule \(capsule.number) is inconsistent")
            }
            catalog.capsules[capsule.number] = capsule
        }
        for memory in state.memories {
            guard let number = Identifier.memory.number(in: memory.id), number < state.nextMemory,
                catalog.memories[number] == nil
            else { throw corrupt("memory \(memory.id) is inconsistent") }
            catalog.memories[number] = memory
        }
        catalog.nextCapsule = state.nextCapsule
        catalog.nextMemory = state.nextMemory
        catalog.nextAsset = state.nextAsset
        for done in state.finished {
            guard finished[done.sessionId] == nil else { throw corrupt("finished session \(done.sessionId) repeats") }
            finished[done.sessionId] = done
        }
    }
}

extension UploadBackend {
    /// Checks that the uploads of a snapshot match its session engine one to one (same ids, owners, idempotency
    /// keys and sizes) and that their regions are inside the blob area.
    static func checkUploads(
        _ uploads: [PendingUploadState], against sessions: SessionService, records: UploadRecords
    )
        throws(UploadError)
    {
        func corrupt(_ what: String) -> UploadError { .internal("corrupt_snapshot: \(what)") }
        guard uploads.count == sessions.count else {
            throw corrupt("\(uploads.count) uploads for \(sessions.count) sessions")
        }
        var previous: UInt64 = 0
        for upload in uploads {
            guard upload.sessionId > previous, let info = sessions.session(SessionId(upload.sessionId)) else {
                throw corrupt("upload \(upload.sessionId) has no session or is out of order")
            }
            previous = upload.sessionId
            let owner = UploadRecords.ownerBytes(capsuleId: upload.capsuleId, caller: upload.caller)
            guard info.spec.owner == owner, info.spec.idempotencyKey == upload.idempotencyKey,
                info.spec.chunkSize == records.configuration.chunkSize,
                info.spec.bytesExpected == upload.metadata.base.bytes, info.spec.chunkCount == upload.expectedChunks,
                upload.region.length == upload.metadata.base.bytes, upload.region.offset >= UploadRecords.blobAreaStart,
                upload.region.end <= records.allocator.end, upload.hashedChunks <= upload.expectedChunks
            else { throw corrupt("upload \(upload.sessionId) does not match its session") }
        }
        // Blobs, uploads in flight and free regions tile the blob area exactly.
        let regions = (records.blobs.values.map(\.region) + uploads.map(\.region) + records.allocator.free).sorted()
        var position = UploadRecords.blobAreaStart
        for region in regions {
            guard region.offset == position else {
                throw corrupt("regions overlap or leave a gap at \(min(position, region.offset))")
            }
            position = region.end
        }
        guard position == records.allocator.end else {
            throw corrupt("regions end at \(position), the allocator at \(records.allocator.end)")
        }
    }

    /// The session engine a snapshot holds.
    static func sessionService(from snapshot: UploadSnapshot) throws(UploadError) -> SessionService {
        guard snapshot.version == UploadSnapshot.currentVersion else {
            throw .internal(
                "corrupt_snapshot: version \(snapshot.version); this build reads \(UploadSnapshot.currentVersion)"
            )
        }
        let service: SessionService
        do {
            service = try SessionService(serialized: snapshot.sessions)
        } catch {
            throw .internal("corrupt_snapshot: the session engine state does not parse: \(error)")
        }
        guard service.ttl == snapshot.configuration.sessionTTL,
            service.maxChunks == snapshot.configuration.maxChunks
        else {
            throw .internal("corrupt_snapshot: the session engine's TTL or chunk limit differs from the configuration")
        }
        return service
    }
}
