// Sources/canister-bench/Benchmarks+DirectUploadService.swift - the same upload on the Uploads backends directly
//
// No replica, no Candid, no stable memory journal: the backend value and an `InMemoryStorage`. Compared
// with upload-*-21mb, this shows what the canister layer (Candid both ways, the replica's message bracket,
// stable memory pages) costs.

import Candid
import CanisterRuntime
import Uploads

extension Benchmark {
    /// The same memory limit as through the replica, with the blob in an `InMemoryStorage` array.
    static let serviceMemoryTarget = MemoryTarget(
        bytes: UploadFile.size, factor: 4, runs: 3,
        note: "the same limit without the replica: the blob is held once, in an `InMemoryStorage` array"
    )

    /// `DirectUploadService` (the session engine used directly) on an in-memory storage.
    static var uploadsDirectService21MB: Benchmark {
        .measured(
            "uploads-direct-service-21mb",
            measures: "the same 21.8 MB upload on `DirectUploadService` directly: no replica, no Candid, "
                + "blob in an `InMemoryStorage`",
            references: ["upload-direct-21mb"],
            target: uploadTarget,
            memory: serviceMemoryTarget
        ) { try serviceUploadBody(DirectUploadService.self) }
    }

    /// `CompatUploadService` (through the `SessionCompat` shim) on an in-memory storage.
    static var uploadsCompatService21MB: Benchmark {
        .measured(
            "uploads-compat-service-21mb",
            measures: "the same upload on `CompatUploadService` directly",
            references: ["uploads-direct-service-21mb", "upload-compat-21mb"],
            target: uploadTarget,
            memory: serviceMemoryTarget
        ) { try serviceUploadBody(CompatUploadService.self) }
    }

    /// Set-up: a backend, its storage, a capsule and the file; the body uploads the file once (begin, every
    /// chunk, finish) and deletes its blob, so every sample reuses the same region.
    static func serviceUploadBody<Backend: UploadBackend>(_ type: Backend.Type) throws -> () throws -> Int {
        let client = BenchPrincipals.client
        let now = ReplicaConfiguration.defaultStartTime
        var backend = try Backend(configuration: .default)
        var storage = InMemoryStorage()
        let capsule = try backend.capsulesCreate(caller: client, subject: nil, now: now)
        let file = UploadFile()
        var sample = 0
        return {
            sample += 1
            let session = try backend.begin(
                caller: client, capsuleId: capsule.id, metadata: file.metadata,
                expectedChunks: UInt32(file.chunkCount), idempotencyKey: "bench-\(sample)", now: now,
                storage: &storage
            )
            for index in 0 ..< file.chunkCount {
                try backend.putChunk(
                    caller: client, sessionId: session, index: UInt32(index), bytes: file.chunk(index), now: now,
                    storage: &storage
                )
            }
            let result = try backend.finish(
                caller: client, sessionId: session, sha256: file.sha256, totalLength: UInt64(file.bytes.count),
                now: now
            )
            guard result.size == UInt64(file.bytes.count), result.checksumSha256 == file.sha256 else {
                throw BenchError("finish returned \(result)")
            }
            _ = try backend.blobDelete(caller: client, locator: result.blobId)
            return file.bytes.count
        }
    }
}
