// Sources/canister-bench/Benchmarks+Uploads.swift - the 21.8 MB upload through the replica, as Candid bytes

import Candid
import CanisterRuntime
import Foundation
import Hashing
import Sessions
import UploadCanister
import Uploads

extension Benchmark {
    /// The upload speed target, and what the real canister did.
    static let uploadTarget = SpeedTarget.atLeast(
        megabytesPerSecond: 200,
        note: "for context, the real canister took 33.4 s for this 21.8 MB upload on a local dfx replica: "
            + "0.62 MB/s in futura's MiB-based figure (futura-notes §4)"
    )

    /// The memory target of an upload through the replica: the blob held once, chunks never buffered.
    static let uploadMemoryTarget = MemoryTarget(
        bytes: UploadFile.size, factor: 4, runs: 3,
        note: "the blob is held once in stable memory and the session layer never buffers chunks, so 3 "
            + "uploads of the 21.8 MB file one after another (each blob deleted, its region reused) may raise "
            + "the peak at most 4× the file above the process after set-up, which already holds the client's "
            + "copy of the file"
    )

    /// The 21.8 MB upload on the direct backend: begin, 13 put_chunk, finish (then blob_delete, so that
    /// every sample writes into the same stable memory), all as Candid bytes through the replica.
    static var uploadDirect21MB: Benchmark {
        .measured(
            "upload-direct-21mb",
            measures: "21.8 MB upload through the replica, direct backend: uploads_begin, 13 × uploads_put_chunk, "
                + "uploads_finish, blob_delete, all encoded and decoded as Candid",
            target: uploadTarget,
            memory: uploadMemoryTarget
        ) { try uploadBody(.direct) }
    }

    /// The same upload on the compat backend, compared with the direct one.
    static var uploadCompat21MB: Benchmark {
        .measured(
            "upload-compat-21mb",
            measures: "the same upload on the compat backend (through the SessionCompat shim)",
            references: ["upload-direct-21mb"],
            target: uploadTarget,
            memory: uploadMemoryTarget
        ) { try uploadBody(.compat) }
    }

    /// A replica without a call log and an upload canister with futura's limits.
    static func installUploads(_ backend: UploadCanister.Backend) async throws -> (Replica, Principal) {
        var configuration = ReplicaConfiguration()
        configuration.recordsCalls = false
        let replica = Replica(configuration: configuration)
        let canister = try await UploadCanister.install(
            on: replica, backend: backend, controllers: [BenchPrincipals.controller]
        )
        return (replica, canister)
    }

    /// Set-up: the canister, a capsule and the file; the body uploads the file once and deletes its blob.
    static func uploadBody(_ backend: UploadCanister.Backend) throws -> () throws -> Int {
        let client = BenchPrincipals.client
        let (replica, canister) = try blockingAwait { try await installUploads(backend) }
        let capsule: String = try blockingAwait {
            let reply = try await replica.update(
                canister, "capsules_create", PersonRef?.none, caller: client, returning: UploadResult<Capsule>.self
            )
            guard case .ok(let capsule) = reply else { throw BenchError("capsules_create: \(reply)") }
            return capsule.id
        }
        let file = UploadFile()
        let chunkTypes: [CandidType] = [.nat64, .nat32, .blob]
        var sample = 0
        return {
            sample += 1
            let idem = "bench-\(sample)"
            try blockingAwait {
                let begin = try await replica.update(
                    canister, method: "uploads_begin",
                    argument: try Candid.encodeArguments(capsule, file.metadata, UInt32(file.chunkCount), idem),
                    caller: client
                ).get()
                guard case .ok(let session) = try Candid.decodeArguments(begin, as: UploadResult<UInt64>.self) else {
                    throw BenchError("uploads_begin failed")
                }
                for index in 0 ..< file.chunkCount {
                    let argument = try Candid.encode(
                        [.nat64(session), .nat32(UInt32(index)), .blob(file.chunk(index))], as: chunkTypes
                    )
                    let reply = try await replica.update(
                        canister, method: "uploads_put_chunk", argument: argument, caller: client
                    ).get()
                    guard case .ok = try Candid.decodeArguments(reply, as: UnitResult.self) else {
                        throw BenchError("uploads_put_chunk \(index) failed")
                    }
                }
                let finish = try await replica.update(
                    canister, method: "uploads_finish",
                    argument: try Candid.encodeArguments(session, file.sha256, UInt64(file.bytes.count)),
                    caller: client
                ).get()
                let finished = try Candid.decodeArguments(finish, as: UploadResult<UploadFinishResult>.self)
                guard case .ok(let result) = finished, result.size == UInt64(file.bytes.count),
                    result.checksumSha256 == file.sha256
                else { throw BenchError("uploads_finish failed: \(finished)") }
                let delete = try await replica.update(
                    canister, method: "blob_delete", argument: try Candid.encodeArguments(result.blobId), caller: client
                ).get()
                guard case .ok = try Candid.decodeArguments(delete, as: UploadResult<String>.self) else {
                    throw BenchError("blob_delete failed")
                }
            }
            return file.bytes.count
        }
    }
}

/// futura's 21 MB test image: 21,827,484 pseudo-random bytes (futura-notes §4), 12 chunks of 1.8 MB and
/// one of 227,484, with its SHA-256 and its asset metadata.
struct UploadFile {
    /// The file's length in bytes.
    static let size = 21_827_484

    let bytes: [UInt8]
    let sha256: [UInt8]
    let chunkSize = Int(UploadConfiguration.default.chunkSize)
    let metadata: AssetMetadata

    init() {
        bytes = Self.pseudoRandomBytes(count: Self.size, seed: 0x5550_4C4F_4144)
        sha256 = SHA256.hash(bytes)
        metadata = AssetMetadata.image(
            ImageAssetMetadata(
                base: AssetMetadataBase(name: "avocado_big_21mb.jpg", mimeType: "image/jpeg", bytes: UInt64(Self.size))
            )
        )
    }

    /// `count` bytes from a 64-bit linear congruential generator: the same bytes every run.
    static func pseudoRandomBytes(count: Int, seed: UInt64) -> [UInt8] {
        var random = seed
        return (0 ..< count).map { _ in
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: random >> 56)
        }
    }

    var chunkCount: Int { Int(SessionSpec.chunkCount(bytes: UInt64(bytes.count), chunkSize: UInt32(chunkSize))) }

    /// A copy of chunk `index`, as a client would send it.
    func chunk(_ index: Int) -> [UInt8] {
        let start = index * chunkSize
        return Array(bytes[start ..< min(start + chunkSize, bytes.count)])
    }
}
