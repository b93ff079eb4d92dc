// Tests/UploadsTests/Support.swift - backends, principals, metadata, PRNG and a harness for the Uploads tests

import Candid
import Hashing
import Sessions
import Testing

@testable import Uploads
import TestSupport

/// Which backend a test runs on: every backend test runs on both.
enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case direct, compat

    var description: String { rawValue }

    /// The other one (for differential tests).
    var other: Backend { self == .direct ? .compat : .direct }

    var implementation: any UploadBackend.Type {
        switch self {
        case .direct: DirectUploadService.self
        case .compat: CompatUploadService.self
        }
    }

    func make(configuration: UploadConfiguration) throws -> any UploadBackend {
        try implementation.init(configuration: configuration)
    }

    func restore(from storage: some BlobStorage) throws -> any UploadBackend {
        let backend = try implementation.restore(from: storage)
        #expect(ObjectIdentifier(type(of: backend)) == ObjectIdentifier(implementation))
        return backend
    }

    func make(snapshot: UploadSnapshot, storage: some BlobStorage) throws -> any UploadBackend {
        try implementation.init(snapshot: snapshot, storage: storage)
    }
}

enum Fixtures {
    static let alice = TestPrincipals.alice
    static let bob = TestPrincipals.bob
    static let carol = TestPrincipals.carol
    static let anonymous = TestPrincipals.anonymous

    /// The self-authenticating-shaped principal of `tag` (28 bytes and the 0x02 suffix).
    static func principal(_ tag: UInt8) -> Principal { TestPrincipals.principal(tag) }

    /// Image metadata for `bytes` bytes.
    static func metadata(bytes: UInt64, name: String = "photo.jpg") -> AssetMetadata {
        .image(ImageAssetMetadata(base: AssetMetadataBase(name: name, mimeType: "image/jpeg", bytes: bytes)))
    }

    /// Deterministic content: byte i is (i * 31 + seed) mod 251.
    static func content(_ count: Int, seed: Int = 7) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 31 &+ seed) % 251) }
    }

    /// Small limits so tests stay fast: 8-byte chunks, 64 chunks, 3 sessions per caller, TTL 1,000 ns.
    static let small = UploadConfiguration(
        chunkSize: 8, maxChunks: 64, maxActiveSessionsPerCaller: 3, sessionTTL: 1_000, maxSingleReadBytes: 256
    )
}

/// The outcome of a call, comparable across backends and with a model.
enum Outcome<Value: Equatable>: Equatable, CustomStringConvertible {
    case ok(Value)
    case failed(UploadError)

    init(_ body: () throws -> Value) {
        do { self = .ok(try body()) } catch { self = .failed(error as? UploadError ?? .internal("\(error)")) }
    }

    var error: UploadError? {
        if case .failed(let error) = self { return error }
        return nil
    }

    var value: Value? {
        if case .ok(let value) = self { return value }
        return nil
    }

    var description: String {
        switch self {
        case .ok(let value): "ok(\(value))"
        case .failed(let error): "failed(\(error))"
        }
    }
}

/// Void results as a comparable value.
struct Done: Equatable, CustomStringConvertible {
    var description: String { "()" }
}

/// One backend on its own storage, with a clock the test moves.
struct Harness {
    let kind: Backend
    var storage: InMemoryStorage
    var backend: any UploadBackend
    var now: UInt64 = 1_000_000

    init(_ kind: Backend, configuration: UploadConfiguration = Fixtures.small, maxPages: UInt64 = 65_536) throws {
        self.kind = kind
        self.storage = InMemoryStorage(maxPages: maxPages)
        self.backend = try kind.make(configuration: configuration)
    }

    var configuration: UploadConfiguration { backend.configuration }

    /// Creates (or returns) `owner`'s self-capsule and returns its id.
    mutating func capsule(for owner: Principal) throws -> String {
        try backend.capsulesCreate(caller: owner, subject: nil, now: now).id
    }

    mutating func begin(
        _ caller: Principal,
        capsule: String,
        bytes: Int,
        idem: String = "idem",
        chunks: UInt32? = nil,
        name: String = "photo.jpg"
    ) throws(UploadError) -> UInt64 {
        let size = Int(configuration.chunkSize)
        let expected = chunks ?? UInt32((bytes + size - 1) / size)
        return try backend.begin(
            caller: caller, capsuleId: capsule, metadata: Fixtures.metadata(bytes: UInt64(bytes), name: name),
            expectedChunks: expected, idempotencyKey: idem, now: now, storage: &storage
        )
    }

    /// Chunk `index` of `data` at this harness's chunk size.
    func chunk(_ data: [UInt8], _ index: Int) -> [UInt8] {
        let size = Int(configuration.chunkSize)
        return Array(data[min(index * size, data.count)..<min((index + 1) * size, data.count)])
    }

    func chunkCount(_ data: [UInt8]) -> Int {
        (data.count + Int(configuration.chunkSize) - 1) / Int(configuration.chunkSize)
    }

    mutating func put(_ caller: Principal, _ session: UInt64, _ index: Int, _ bytes: [UInt8]) throws(UploadError) {
        try backend.putChunk(
            caller: caller, sessionId: session, index: UInt32(index), bytes: bytes, now: now, storage: &storage
        )
    }

    mutating func finish(
        _ caller: Principal, _ session: UInt64, _ data: [UInt8]
    ) throws(UploadError)
        -> UploadFinishResult
    {
        try backend.finish(
            caller: caller, sessionId: session, sha256: SHA256.hash(data), totalLength: UInt64(data.count), now: now
        )
    }

    mutating func abort(_ caller: Principal, _ session: UInt64) throws(UploadError) {
        try backend.abort(caller: caller, sessionId: session, now: now)
    }

    /// A whole upload, chunks in order.
    mutating func upload(
        _ caller: Principal, capsule: String, _ data: [UInt8], idem: String
    ) throws(UploadError)
        -> UploadFinishResult
    {
        let session = try begin(caller, capsule: capsule, bytes: data.count, idem: idem)
        for index in 0..<chunkCount(data) { try put(caller, session, index, chunk(data, index)) }
        return try finish(caller, session, data)
    }

    /// Every byte of the storage.
    var storageBytes: [UInt8] { storage.bytes }
}

extension UploadError {
    /// The same case, ignoring the text.
    func sameCase(as other: UploadError) -> Bool { caseName == other.caseName }
}

/// Expects `body` to throw exactly `expected` (case and text).
func expectError<T>(
    _ expected: UploadError,
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> T
) {
    do {
        let value = try body()
        Issue.record(
            "expected \(expected), got success \(value). \(comment?.description ?? "")", sourceLocation: sourceLocation)
    } catch {
        #expect(error as? UploadError == expected, comment, sourceLocation: sourceLocation)
    }
}

/// Expects `body` to throw an error of `expected`'s case whose description starts with `Case: prefix`.
func expectError<T>(
    _ expected: UploadError,
    prefix: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> T
) {
    do {
        let value = try body()
        Issue.record("expected \(expected.caseName) \(prefix)…, got success \(value)", sourceLocation: sourceLocation)
    } catch let error as UploadError {
        #expect(error.sameCase(as: expected), "\(error)", sourceLocation: sourceLocation)
        #expect(
            error.description.hasPrefix("\(expected.caseName): \(prefix)"), "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected an UploadError, got \(error)", sourceLocation: sourceLocation)
    }
}
