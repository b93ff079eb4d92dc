// Sources/Uploads/Records/UploadRecords.swift - blobs, catalog and finished uploads: the state both backends share

import Candid
import Sessions
import PersistentCollections

/// A stored blob: where its bytes are and what they are.
struct BlobRecord: Codable, Hashable, Sendable {
    var number: UInt64
    var region: BlobRegion
    /// The blob's length (the region's).
    var size: UInt64
    var sha256: [UInt8]
    /// The capsule the blob was uploaded to; its ACL guards the blob.
    var capsule: UInt64
    /// The chunk length of the upload: `blob_read_chunk` serves chunks of this size.
    var chunkSize: UInt32
    var createdAt: UInt64

    var locator: String { Identifier.blob.text(number) }

    /// `ceil(size / chunkSize)`.
    var chunkCount: UInt32 { UInt32(SessionSpec.chunkCount(bytes: size, chunkSize: chunkSize)) }
}

/// A finished upload, kept so that a retried `uploads_finish` returns the same result (defect 8).
struct FinishedUpload: Codable, Hashable, Sendable {
    var sessionId: UInt64
    var caller: Principal
    /// The `sha256` and `total_len` finish was called with.
    var sha256: [UInt8]
    var totalLength: UInt64
    var result: UploadFinishResult
}

/// Everything an upload backend keeps apart from its sessions: the blob store (regions of a
/// ``BlobStorage`` and their records), the catalog of capsules and memories, the finished uploads, and
/// the counters that name them.
///
/// Both backends own one and mutate it through the same functions, so equal calls leave equal stores.
/// A plain value: the storage is not part of it (each call that reads or writes blob bytes takes the
/// storage), so copying a store snapshots it, as a canister runtime does before each update. Its tables
/// are ``PersistentMap``s, so that copy costs O(1) and a write after it O(log n), not a copy of the table.
public struct UploadRecords: Sendable {
    /// Where the persistence header lives; blob regions start at ``blobAreaStart``.
    package static let headerBytes: UInt64 = BlobStoragePage.size
    /// The first byte a blob may use: page 1 (page 0 holds the persistence header).
    package static let blobAreaStart: UInt64 = headerBytes

    /// The limits.
    package let configuration: UploadConfiguration
    var allocator: RegionAllocator
    var blobs: PersistentMap<UInt64, BlobRecord> = [:]
    var nextBlob: UInt64 = 1
    var catalog = Catalog()
    var finished: PersistentMap<UInt64, FinishedUpload> = [:]
    /// The open sessions per caller, for the per-caller and global budgets (derived, not persisted).
    var ledger = ReservationLedger()

    /// An empty store. The storage is grown when the first region is reserved (the header page with it).
    ///
    /// - Throws: `InvalidArgument` for an unusable configuration.
    package init(configuration: UploadConfiguration) throws(UploadError) {
        try configuration.validate()
        self.configuration = configuration
        self.allocator = RegionAllocator(base: Self.blobAreaStart)
    }

    // MARK: - Regions

    /// Reserves a region for an upload of `length` bytes and grows the storage to cover it.
    ///
    /// - Throws: `ResourceExhausted` when the storage cannot grow (nothing changed).
    mutating func reserve(_ length: UInt64, in storage: inout some BlobStorage) throws(UploadError) -> BlobRegion {
        let region = allocator.allocate(length)
        guard storage.ensureCapacity(allocator.end) else {
            allocator.release(region)
            throw .resourceExhausted
        }
        return region
    }

    /// Frees a region reserved by ``reserve(_:)`` (an aborted, expired or cleared upload, a deleted blob).
    mutating func release(_ region: BlobRegion) {
        allocator.release(region)
    }

    /// Bytes currently held by blobs and in-flight uploads.
    package var allocatedBytes: UInt64 { allocator.allocatedBytes }

    /// How many blobs are stored.
    package var blobCount: Int { blobs.count }

    /// How many memories exist.
    package var memoryCount: Int { catalog.memories.count }

    /// How many capsules exist.
    package var capsuleCount: Int { catalog.capsules.count }
}

extension UploadRecords: Equatable {
    /// Equal when the configuration, every record and every counter are equal (the storage is not read).
    public static func == (lhs: UploadRecords, rhs: UploadRecords) -> Bool {
        lhs.configuration == rhs.configuration && lhs.allocator == rhs.allocator && lhs.blobs == rhs.blobs
            && lhs.nextBlob == rhs.nextBlob && lhs.catalog == rhs.catalog && lhs.finished == rhs.finished
            && lhs.ledger == rhs.ledger
    }
}
