// Sources/Uploads/Records/UploadRecords+Blobs.swift - blob_get_meta, blob_read, blob_read_chunk, blob_delete

package import Candid
import Sessions
import PersistentCollections

extension UploadRecords {
    /// The blob a locator names.
    ///
    /// - Throws: `InvalidArgument` when the locator is not `blob_<decimal u64>`; `NotFound` when no blob has
    ///   that number (never stored, or deleted).
    func blob(_ locator: String) throws(UploadError) -> BlobRecord {
        guard let number = Identifier.blob.number(in: locator) else {
            throw .invalidArgument("invalid_locator: \(Self.quoted(locator)) is not blob_<decimal u64>")
        }
        guard let record = blobs[number] else { throw .notFound }
        return record
    }

    /// The blob, checked for `caller`'s access to the capsule it was uploaded to.
    func accessibleBlob(_ locator: String, caller: Principal) throws(UploadError) -> BlobRecord {
        let record = try blob(locator)
        guard catalog.capsules[record.capsule]?.grantsAccess(to: caller) == true else { throw .unauthorized }
        return record
    }

    /// `blob_get_meta`: the blob's length and chunk count.
    ///
    /// - Throws: `InvalidArgument` (malformed locator), `NotFound`, `Unauthorized` (not an owner or
    ///   controller of the blob's capsule).
    package func blobGetMeta(caller: Principal, locator: String) throws(UploadError) -> BlobMeta {
        let record = try accessibleBlob(locator, caller: caller)
        return BlobMeta(size: record.size, chunkCount: record.chunkCount)
    }

    /// `blob_read`: the whole blob.
    ///
    /// - Throws: as ``blobGetMeta(caller:locator:)``, and `InvalidArgument` ("blob_too_large") when the blob
    ///   is longer than ``UploadConfiguration/maxSingleReadBytes`` (read it with `blob_read_chunk`).
    package func blobRead(caller: Principal, locator: String, storage: some BlobStorage) throws(UploadError) -> [UInt8]
    {
        let record = try accessibleBlob(locator, caller: caller)
        guard record.size <= configuration.maxSingleReadBytes else {
            throw .invalidArgument(
                "blob_too_large: \(record.locator) has \(record.size) bytes; blob_read returns at most "
                    + "\(configuration.maxSingleReadBytes), use blob_read_chunk (\(record.chunkCount) chunks)"
            )
        }
        return storage.read(offset: record.region.offset, count: Int(record.size))
    }

    /// `blob_read_chunk`: chunk `index` of the blob, as it was uploaded.
    ///
    /// - Throws: as ``blobGetMeta(caller:locator:)``, and `InvalidArgument` ("chunk_index_out_of_range")
    ///   when `index >= chunk_count`.
    package func blobReadChunk(
        caller: Principal,
        locator: String,
        index: UInt32,
        storage: some BlobStorage
    ) throws(UploadError) -> [UInt8] {
        let record = try accessibleBlob(locator, caller: caller)
        guard index < record.chunkCount else {
            throw .invalidArgument(
                "chunk_index_out_of_range: \(record.locator) has \(record.chunkCount) chunks, got index \(index)"
            )
        }
        let start = UInt64(index) * UInt64(record.chunkSize)
        let count = min(UInt64(record.chunkSize), record.size - start)
        return storage.read(offset: record.region.offset + start, count: Int(count))
    }

    /// `blob_delete`: frees the blob's bytes and removes every pointer to it: each memory of the blob's
    /// capsule loses the internal blob asset whose `BlobRef` names the blob (its `asset_count` and
    /// `total_size` drop accordingly, `updated_at` becomes `now`); the memory itself stays. So no memory
    /// points at a blob that is gone. The blob's number is never reused.
    ///
    /// - Returns: `"Blob blob_<n> deleted"`.
    /// - Throws: as ``blobGetMeta(caller:locator:)``.
    package mutating func blobDelete(caller: Principal, locator: String, now: UInt64) throws(UploadError) -> String {
        let record = try accessibleBlob(locator, caller: caller)
        blobs[record.number] = nil
        release(record.region)
        catalog.removeBlobAssets(locator: record.locator, capsule: record.capsule, now: now)
        return "Blob \(record.locator) deleted"
    }

    /// The blob's bytes without an access check or size limit (tools, tests, benchmarks).
    ///
    /// - Throws: `InvalidArgument` (malformed locator), `NotFound`.
    package func blobBytes(_ locator: String, storage: some BlobStorage) throws(UploadError) -> [UInt8] {
        let record = try blob(locator)
        return storage.read(offset: record.region.offset, count: Int(record.size))
    }

    /// The SHA-256 recorded for the blob when its upload finished.
    ///
    /// - Throws: `InvalidArgument` (malformed locator), `NotFound`.
    package func blobSHA256(_ locator: String) throws(UploadError) -> [UInt8] {
        try blob(locator).sha256
    }

    /// Every stored blob's locator, ascending by number.
    package var blobLocators: [String] { blobs.keys.map { Identifier.blob.text($0) } }
}
