// Sources/canister-bench/Benchmarks+Uploads.swift - the upload canister through the replica: uploads and calls

import Candid
import CanisterRuntime
import Foundation
import Hashing
import UploadCanister
import Uploads

extension Benchmark {
    /// futura's 21 MB test image, 21,827,484 bytes (futura-notes §4): 12 chunks of 1.8 MB and one of 227,484.
    static let uploadBytes = 21_827_484

    /// The 21 MB upload on the direct backend: begin, 13 put_chunk, finish (then blob_delete, so that
    /// every sample writes into the same stable memory), all as Candid bytes through the replica.
    static var uploadDirect21MB: Benchmark {
        .measured("upload-direct-21mb") { try uploadBody(.direct) }
    }

    /// The same upload on the compat backend, compared with the direct one.
    static var uploadCompat21MB: Benchmark {
        .measured("upload-compat-21mb", reference: "upload-direct-21mb") { try uploadBody(.compat) }
    }

    /// `whoami` queries one after another through the replica (encoded argument in, reply bytes checked).
    /// The figure is thousands of calls per second: the runner prints 10^6 units per second as "MB/s", and
    /// the body counts 1,000 units per call.
    static var callOverheadWhoami: Benchmark {
        .measured("call-overhead-whoami") {
            let (replica, canister) = try blockingAwait { try await installUploads(.direct) }
            let argument = try Candid.encode([])
            let expected = try Candid.encodeArguments(BenchPrincipals.client)
            let calls = 20_000
            return {
                try blockingAwait {
                    for _ in 0 ..< calls {
                        let reply = try await replica.query(
                            canister, method: "whoami", argument: argument, caller: BenchPrincipals.client
                        ).get()
                        guard reply == expected else { throw BenchUploadError("whoami replied \(reply)") }
                    }
                }
                return calls * 1_000
            }
        }
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
                canister, "capsules_create", PersonRef?.none, caller: client, returning: CandidResult<Capsule>.self
            )
            guard case .ok(let capsule) = reply else { throw BenchUploadError("capsules_create: \(reply)") }
            return capsule.id
        }
        var random = UInt64(0x5550_4C4F_4144)
        let file = (0 ..< uploadBytes).map { _ in
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: random >> 56)
        }
        let sha256 = SHA256.hash(file)
        let chunkSize = Int(UploadConfiguration.default.chunkSize)
        let chunkCount = (file.count + chunkSize - 1) / chunkSize
        let metadata = AssetMetadata.image(
            ImageAssetMetadata(base: AssetMetadataBase(name: "avocado_big_21mb.jpg", mimeType: "image/jpeg",
                bytes: UInt64(file.count)))
        )
        let chunkTypes: [CandidType] = [.nat64, .nat32, .blob]
        var sample = 0
        return {
            sample += 1
            let idem = "bench-\(sample)"
            try blockingAwait {
                let begin = try await replica.update(
                    canister, method: "uploads_begin",
                    argument: try Candid.encodeArguments(capsule, metadata, UInt32(chunkCount), idem), caller: client
                ).get()
                guard case .ok(let session) = try Candid.decodeArguments(begin, as: CandidResult<UInt64>.self) else {
                    throw BenchUploadError("uploads_begin failed")
                }
                for index in 0 ..< chunkCount {
                    let start = index * chunkSize
                    let chunk = Array(file[start ..< min(start + chunkSize, file.count)])
                    let argument = try Candid.encode(
                        [.nat64(session), .nat32(UInt32(index)), .blob(chunk)], as: chunkTypes
                    )
                    let reply = try await replica.update(
                        canister, method: "uploads_put_chunk", argument: argument, caller: client
                    ).get()
                    guard case .ok = try Candid.decodeArguments(reply, as: UnitResult.self) else {
                        throw BenchUploadError("uploads_put_chunk \(index) failed")
                    }
                }
                let finish = try await replica.update(
                    canister, method: "uploads_finish",
                    argument: try Candid.encodeArguments(session, sha256, UInt64(file.count)), caller: client
                ).get()
                let finished = try Candid.decodeArguments(finish, as: CandidResult<UploadFinishResult>.self)
                guard case .ok(let result) = finished, result.size == UInt64(file.count),
                    result.checksumSha256 == sha256
                else { throw BenchUploadError("uploads_finish failed") }
                let delete = try await replica.update(
                    canister, method: "blob_delete", argument: try Candid.encodeArguments(result.blobId), caller: client
                ).get()
                guard case .ok = try Candid.decodeArguments(delete, as: CandidResult<String>.self) else {
                    throw BenchUploadError("blob_delete failed")
                }
            }
            return file.count
        }
    }
}

/// The principals of the benchmarks.
enum BenchPrincipals {
    static let client = Principal(unchecked: [UInt8](repeating: 0xBE, count: 10) + [0x01])
    static let controller = Principal(unchecked: [UInt8](repeating: 0xC0, count: 10) + [0x01])
}

struct BenchUploadError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs async work to completion from a synchronous benchmark body: a detached task (so it needs no actor
/// the caller holds) and a semaphore.
func blockingAwait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = BlockingBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do {
            box.result = .success(try await body())
        } catch {
            box.result = .failure(error)
        }
        done.signal()
    }
    done.wait()
    guard let result = box.result else { throw BenchUploadError("the task ended without a result") }
    return try result.get()
}

/// The result slot of ``blockingAwait(_:)``; the semaphore orders the write before the read.
private final class BlockingBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
