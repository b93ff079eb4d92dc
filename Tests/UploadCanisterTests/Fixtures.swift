// Tests/UploadCanisterTests/Fixtures.swift - metadata texts, deterministic files, and upload steps

import Candid
import CanisterRuntime
import Hashing
import Testing
import UploadCanister
import TestSupport

/// The backends every behavioural test runs on.
let bothBackends: [UploadCanister.Backend] = [.direct, .compat]

/// The replica time at start, in nanoseconds (`ReplicaConfiguration.defaultStartTime`).
let startTime: UInt64 = 1_767_225_600_000_000_000

/// An `Image` metadata text for an upload of `bytes` bytes.
func imageMetadata(bytes: Int, name: String = "photo.jpg") -> String {
    "variant { Image = record { base = record { name = \"\(name)\"; mime_type = \"image/jpeg\"; bytes = \(bytes); "
        + "asset_type = variant { Original }; created_at = 0; updated_at = 0; tags = vec {} } } }"
}

/// `count` deterministic bytes (a seeded PRNG, so files differ by seed).
func file(_ count: Int, seed: UInt64 = 7) -> [UInt8] {
    var random = SplitMix64(seed: seed)
    return random.bytes(count)
}

/// The chunks of `bytes` at `size`.
func chunks(_ bytes: [UInt8], size: Int) -> [[UInt8]] {
    stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0 ..< min($0 + size, bytes.count)]) }
}

/// `blob "\xx..."` for Candid text.
func blobText(_ bytes: [UInt8]) -> String {
    "blob \"" + bytes.map { byte in
        let digits = String(byte, radix: 16)
        return "\\" + (digits.count == 1 ? "0" + digits : digits)
    }.joined() + "\""
}

/// The payload of `variant { Ok = x }`; anything else fails.
func ok(_ values: [CandidValue], sourceLocation: SourceLocation = #_sourceLocation) throws -> CandidValue {
    guard values.count == 1, case .variant(let label, let payload) = values[0], label == CandidLabel("Ok") else {
        throw HarnessError("expected (variant { Ok = ... }), got \(Candid.printArguments(values))")
    }
    return payload
}

/// A record field's value.
func field(_ value: CandidValue, _ name: String) throws -> CandidValue {
    guard case .record(let fields) = value, let field = fields.first(where: { $0.label == CandidLabel(name) }) else {
        throw HarnessError("no field \(name) in \(value.text)")
    }
    return field.value
}

func text(_ value: CandidValue) throws -> String {
    guard case .text(let text) = value else { throw HarnessError("expected text, got \(value.text)") }
    return text
}

func nat64(_ value: CandidValue) throws -> UInt64 {
    guard case .nat64(let number) = value else { throw HarnessError("expected nat64, got \(value.text)") }
    return number
}

extension Harness {
    /// `capsules_create(null)` by `caller`; returns the capsule id.
    func createCapsule(as caller: Principal) async throws -> String {
        try text(try field(try ok(try await call("capsules_create", "(null)", as: caller)), "id"))
    }

    /// `uploads_begin` for `bytes` bytes in `chunks` chunks; returns the session id.
    func begin(
        capsule: String,
        bytes: Int,
        chunks: Int? = nil,
        idem: String = "idem-1",
        as caller: Principal
    ) async throws -> UInt64 {
        let count = chunks ?? (bytes + chunkSize - 1) / chunkSize
        let reply = try await call(
            "uploads_begin", "(\"\(capsule)\", \(imageMetadata(bytes: bytes)), \(count), \"\(idem)\")", as: caller
        )
        return try nat64(try ok(reply))
    }

    /// `uploads_put_chunk(session, index, bytes)`: the decoded reply.
    func put(_ session: UInt64, _ index: Int, _ bytes: [UInt8], as caller: Principal) async throws -> [CandidValue] {
        try await call(
            "uploads_put_chunk", values: [.nat64(session), .nat32(UInt32(index)), .blob(bytes)], as: caller
        )
    }

    /// `uploads_finish(session, sha256, total_len)`: the reply bytes.
    func finish(_ session: UInt64, sha256: [UInt8], length: Int, as caller: Principal) async throws -> [UInt8] {
        try await reply("uploads_finish", values: [.nat64(session), .blob(sha256), .nat64(UInt64(length))], as: caller)
    }

    /// A whole upload by `caller` into `capsule`: begin, every chunk in order, finish. Returns the
    /// `UploadFinishResult` record.
    func upload(_ bytes: [UInt8], capsule: String, idem: String = "idem-1", as caller: Principal) async throws
        -> CandidValue
    {
        let session = try await begin(capsule: capsule, bytes: bytes.count, idem: idem, as: caller)
        for (index, chunk) in chunks(bytes, size: chunkSize).enumerated() {
            let reply = try await put(session, index, chunk, as: caller)
            #expect(reply == (try Self.expected("uploads_put_chunk", "(variant { Ok })")), "chunk \(index)")
        }
        let reply = try await finish(session, sha256: SHA256.hash(bytes), length: bytes.count, as: caller)
        return try ok(try Self.decode("uploads_finish", reply))
    }
}

/// `(variant { Err = variant { <error> } })`.
func err(_ error: String) -> String { "(variant { Err = variant { \(error) } })" }

/// `(variant { Err = variant { InvalidArgument = "<message>" } })`.
func invalid(_ message: String) -> String { err("InvalidArgument = \"\(message)\"") }

/// `(variant { Ok })`.
let okUnit = "(variant { Ok })"

/// The `Result15` text of a successful finish.
func finished(blob: Int, memory: Int, size: Int, sha256: [UInt8], at time: UInt64 = startTime) -> String {
    "(variant { Ok = record { checksum_sha256 = opt \(blobText(sha256)); "
        + "storage_location = \"icp://blob/blob_\(blob)\"; blob_id = \"blob_\(blob)\"; "
        + "storage_backend = variant { Icp }; size = \(size); memory_id = \"mem_\(memory)\"; "
        + "remote_id = null; expires_at = null; uploaded_at = \(time) } })"
}

/// Whether reply bytes of `method` decode to exactly the Candid text `expected`.
func reply(_ bytes: [UInt8], of method: String, is expected: String) throws -> Bool {
    try Harness.decode(method, bytes) == Harness.expected(method, expected)
}

/// The decoded `uploads_put_chunk` reply `text` (to compare `Harness.put` results with).
func putReply(_ text: String) throws -> [CandidValue] {
    try Harness.expected("uploads_put_chunk", text)
}
