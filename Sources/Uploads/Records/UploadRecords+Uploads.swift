// Sources/Uploads/Records/UploadRecords+Uploads.swift - the upload rules both backends apply, and the commit

import Candid
import Hashing
import Sessions
import PersistentCollections

/// The checks and messages of `uploads_*`, shared by both backends so that equal calls fail equally.
extension UploadRecords {
    /// The session engine's owner bytes for (capsule, caller): the principal's length and bytes, then the
    /// capsule id. Injective, so sessions are counted and deduplicated per (capsule, caller).
    static func ownerBytes(capsuleId: String, caller: Principal) -> [UInt8] {
        [UInt8(caller.bytes.count)] + caller.bytes + Array(capsuleId.utf8)
    }

    /// The argument and access checks of `uploads_begin`, in order, before any state is looked at:
    /// anonymous caller, `expected_chunks` range, idempotency key length, metadata text lengths, metadata
    /// size against `expected_chunks`, then the capsule and its ACL.
    ///
    /// - Returns: The capsule.
    func checkBegin(
        caller: Principal,
        capsuleId: String,
        metadata: AssetMetadata,
        expectedChunks: UInt32,
        idempotencyKey: String
    ) throws(UploadError) -> CapsuleRecord {
        guard caller != .anonymous else { throw .unauthorized }
        guard expectedChunks > 0 else {
            throw .invalidArgument("expected_chunks_zero: expected_chunks must be at least 1")
        }
        guard expectedChunks <= configuration.maxChunks else {
            throw .invalidArgument(
                "expected_chunks_too_large: \(expectedChunks) exceeds the limit of \(configuration.maxChunks)"
            )
        }
        let keyBytes = idempotencyKey.utf8.count
        guard keyBytes <= configuration.maxIdempotencyKeyBytes else {
            throw .invalidArgument(
                "idem_too_long: the idempotency key has \(keyBytes) bytes; the limit is "
                    + "\(configuration.maxIdempotencyKeyBytes)"
            )
        }
        try checkMetadata(metadata)
        let bytes = metadata.base.bytes
        let needed = SessionSpec.chunkCount(bytes: bytes, chunkSize: configuration.chunkSize)
        guard bytes > 0, needed == UInt64(expectedChunks) else {
            throw .invalidArgument(
                "size_mismatch: metadata bytes \(bytes) need \(needed) chunks of \(configuration.chunkSize) bytes; "
                    + "expected_chunks is \(expectedChunks)"
            )
        }
        return try catalog.accessibleCapsule(capsuleId, caller: caller)
    }

    /// The idempotent-begin rule: a retry must repeat the metadata and `expected_chunks`.
    ///
    /// - Throws: `Conflict` ("idempotency_conflict") when they differ.
    func checkRetry(
        sessionId: UInt64,
        metadata: AssetMetadata,
        expectedChunks: UInt32,
        original: (metadata: AssetMetadata, expectedChunks: UInt32)
    ) throws(UploadError) {
        guard original.metadata == metadata, original.expectedChunks == expectedChunks else {
            throw .conflict(
                "idempotency_conflict: session \(sessionId) was begun with this idempotency key and other "
                    + "metadata or expected_chunks"
            )
        }
    }

    /// The per-(capsule, caller) cap.
    ///
    /// - Throws: `ResourceExhausted` when `active` reached ``UploadConfiguration/maxActiveSessionsPerCaller``.
    func checkCap(active: Int) throws(UploadError) {
        guard active < Int(configuration.maxActiveSessionsPerCaller) else { throw .resourceExhausted }
    }

    /// The duplicate-chunk rule: the same bytes again succeed, other bytes are a conflict.
    ///
    /// - Throws: `Conflict` ("chunk_conflict") when `bytes` differ from what chunk `index` holds.
    func checkDuplicate(
        index: UInt32,
        bytes: [UInt8],
        spec: SessionSpec,
        region: BlobRegion,
        storage: some BlobStorage
    ) throws(UploadError) {
        guard storage.holds(bytes, at: region.offset + spec.offset(ofChunk: index)) else {
            throw .conflict("chunk_conflict: chunk \(index) was already received with different bytes")
        }
    }

    /// The checks of `uploads_finish`, in order: every chunk received (naming the missing ones),
    /// `total_len` equal to the metadata's byte count, then the SHA-256 (a hash that is not 32 bytes is
    /// `invalid_hash_length`, naming the length, never echoing the bytes).
    static func checkFinish(
        missing: [UInt32],
        chunkCount: UInt32,
        bytes: UInt64,
        totalLength: UInt64,
        computed: [UInt8],
        expected: [UInt8]
    ) throws(UploadError) {
        try checkComplete(missing: missing, count: chunkCount)
        guard totalLength == bytes else {
            throw .invalidArgument(
                "total_len_mismatch: total_len is \(totalLength), the upload has \(bytes) bytes"
            )
        }
        guard expected.count == 32 else {
            throw .invalidArgument("invalid_hash_length: sha256 must be 32 bytes, got \(expected.count)")
        }
        guard computed == expected else {
            throw .invalidArgument("checksum_mismatch: computed=\(hex(computed)), expected=\(hex(expected))")
        }
    }

    /// The completeness check: no chunk missing.
    ///
    /// - Throws: `InvalidArgument` ("incomplete: missing K of N chunks: i, j, … and M more").
    static func checkComplete(missing: [UInt32], count: UInt32) throws(UploadError) {
        guard missing.isEmpty else {
            let shown = missing.prefix(8).map(String.init).joined(separator: ", ")
            let more = missing.count > 8 ? " and \(missing.count - 8) more" : ""
            throw .invalidArgument("incomplete: missing \(missing.count) of \(count) chunks: \(shown)\(more)")
        }
    }

    /// A finish for a session that already finished: the same result for the same arguments.
    ///
    /// - Returns: `nil` when session `sessionId` never finished.
    /// - Throws: `Unauthorized` for another caller; `Conflict` ("already_finished") for another checksum or
    ///   length.
    func finishedResult(
        sessionId: UInt64,
        caller: Principal,
        sha256: [UInt8],
        totalLength: UInt64
    ) throws(UploadError) -> UploadFinishResult? {
        guard let done = finished[sessionId] else { return nil }
        guard done.caller == caller else { throw .unauthorized }
        guard done.sha256 == sha256, done.totalLength == totalLength else {
            throw .conflict(
                "already_finished: session \(sessionId) finished with total_len \(done.totalLength) and "
                    + "sha256 \(hex(done.sha256))"
            )
        }
        return done.result
    }

    /// Turns a verified upload into a blob, a memory in the capsule's index, and a finished record, all
    /// before finish returns. Blob, memory and asset numbers come from persisted counters.
    mutating func commitUpload(
        sessionId: UInt64,
        caller: Principal,
        capsuleId: String,
        metadata: AssetMetadata,
        region: BlobRegion,
        sha256: [UInt8],
        now: UInt64
    ) -> UploadFinishResult {
        let size = metadata.base.bytes
        let capsule = Identifier.capsule.number(in: capsuleId) ?? 0
        let blob = BlobRecord(
            number: nextBlob, region: region, size: size, sha256: sha256, capsule: capsule,
            chunkSize: configuration.chunkSize, createdAt: now
        )
        blobs[blob.number] = blob
        nextBlob += 1
        ledger.close(sessionId)

        let memoryNumber = catalog.nextMemory
        let asset = MemoryAssetBlobInternal(
            metadata: metadata,
            blobRef: BlobRef(len: size, locator: blob.locator, hash: sha256),
            assetId: Identifier.asset.text(catalog.nextAsset)
        )
        catalog.nextMemory += 1
        catalog.nextAsset += 1
        let memory = Memory(
            id: Identifier.memory.text(memoryNumber),
            inlineAssets: [],
            capsuleId: capsuleId,
            metadata: Self.memoryMetadata(for: metadata, caller: caller, now: now),
            blobInternalAssets: [asset],
            blobExternalAssets: [],
            accessEntries: []
        )
        catalog.insert(memory, number: memoryNumber, capsule: capsule, by: caller, now: now)

        let result = UploadFinishResult(
            checksumSha256: sha256,
            storageLocation: "icp://blob/\(blob.locator)",
            blobId: blob.locator,
            storageBackend: .icp,
            size: size,
            memoryId: memory.id,
            remoteId: nil,
            expiresAt: nil,
            uploadedAt: now
        )
        finished[sessionId] = FinishedUpload(
            sessionId: sessionId, caller: caller, sha256: sha256, totalLength: size, result: result
        )
        return result
    }

    /// The metadata of the memory an upload creates: named, typed and tagged after the asset.
    static func memoryMetadata(for asset: AssetMetadata, caller: Principal, now: UInt64) -> MemoryMetadata {
        let base = asset.base
        return MemoryMetadata(
            title: base.name,
            updatedAt: now,
            sharingStatus: .private,
            dateOfMemory: nil,
            memoryType: asset.memoryType,
            tags: base.tags,
            contentType: base.mimeType,
            peopleInMemory: nil,
            databaseStorageEdges: [.icp],
            description: base.description,
            createdAt: now,
            createdBy: caller.text,
            totalSize: base.bytes,
            parentFolderId: nil,
            assetCount: 1,
            deletedAt: nil,
            sharedCount: 0,
            fileCreatedAt: nil,
            location: nil,
            memoryNotes: nil,
            uploadedAt: now
        )
    }
}
