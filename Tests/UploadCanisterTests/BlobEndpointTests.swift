// Tests/UploadCanisterTests/BlobEndpointTests.swift - blob_get_meta, blob_read, blob_read_chunk, blob_delete

import Candid
import CanisterRuntime
import Hashing
import Testing
import UploadCanister

@Suite("blob_*")
struct BlobEndpointTests {
    @Test("meta, whole read and chunked reads give the uploaded bytes", arguments: bothBackends)
    func reads(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let data = file(2500, seed: 11)
        _ = try await h.upload(data, capsule: capsule, as: Who.alice)
        try await h.expect(
            "blob_get_meta", "(\"blob_1\")", as: Who.alice,
            "(variant { Ok = record { size = 2500 : nat64; chunk_count = 3 : nat32 } })"
        )
        try await h.expect("blob_read", "(\"blob_1\")", as: Who.alice, "(variant { Ok = \(blobText(data)) })")
        for (index, chunk) in chunks(data, size: 1000).enumerated() {
            try await h.expect(
                "blob_read_chunk", "(\"blob_1\", \(index) : nat32)", as: Who.alice,
                "(variant { Ok = \(blobText(chunk)) })"
            )
        }
        try await h.expect(
            "blob_read_chunk", "(\"blob_1\", 3 : nat32)", as: Who.alice,
            invalid("chunk_index_out_of_range: blob_1 has 3 chunks, got index 3")
        )
    }

    @Test("a malformed locator is InvalidArgument, an unknown blob NotFound, other callers Unauthorized",
        arguments: bothBackends)
    func readErrors(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        _ = try await h.createCapsule(as: Who.bob)
        _ = try await h.upload(file(500), capsule: capsule, as: Who.alice)
        let calls: [(String, String)] = [
            ("blob_get_meta", ""), ("blob_read", ""), ("blob_read_chunk", ", 0 : nat32"), ("blob_delete", ""),
        ]
        let before = try await h.state()
        for (method, rest) in calls {
            for locator in ["blob_01", "xyz", "blob_", "blob_18446744073709551616"] {
                try await h.expect(
                    method, "(\"\(locator)\"\(rest))", as: Who.alice,
                    invalid("invalid_locator: \\\"\(locator)\\\" is not blob_<decimal u64>")
                )
            }
            try await h.expect(method, "(\"blob_2\"\(rest))", as: Who.alice, err("NotFound"))
            for caller in [Who.bob, Who.anonymous, Who.controller, Who.admin] {
                try await h.expect(method, "(\"blob_1\"\(rest))", as: caller, err("Unauthorized"))
            }
        }
        #expect(try await h.state() == before)
    }

    @Test("blob_read returns a blob of exactly 2 MiB; one byte more is refused, pointing to blob_read_chunk",
        arguments: bothBackends)
    func largeBlob(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend, chunkSize: 1_000_000)
        let capsule = try await h.createCapsule(as: Who.alice)
        let limit = 2 * 1024 * 1024
        let exact = file(limit, seed: 4)
        _ = try await h.upload(exact, capsule: capsule, idem: "exact", as: Who.alice)
        let whole = try await h.call("blob_read", "(\"blob_1\")", as: Who.alice)
        #expect(try blob(try ok(whole)) == exact)

        let data = file(limit + 1, seed: 5)
        _ = try await h.upload(data, capsule: capsule, idem: "over", as: Who.alice)
        let before = try await h.state()
        try await h.expect(
            "blob_read", "(\"blob_2\")", as: Who.alice,
            invalid(
                "blob_too_large: blob_2 has 2097153 bytes; blob_read returns at most 2097152, use blob_read_chunk "
                    + "(3 chunks)"
            )
        )
        #expect(try await h.state() == before)
        var joined: [UInt8] = []
        for index in 0 ..< 3 {
            let reply = try await h.call("blob_read_chunk", "(\"blob_2\", \(index) : nat32)", as: Who.alice)
            joined += try blob(try ok(reply))
        }
        #expect(joined == data)
        #expect(SHA256.hash(joined) == SHA256.hash(data))
    }

    @Test("blob_delete: the capsule owner deletes; afterwards the blob is NotFound, its memory stays",
        arguments: bothBackends)
    func delete(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        _ = try await h.upload(file(1500), capsule: capsule, as: Who.alice)
        try await h.expect("blob_delete", "(\"blob_1\")", as: Who.alice, "(variant { Ok = \"Blob blob_1 deleted\" })")
        for method in ["blob_get_meta", "blob_read", "blob_delete"] {
            try await h.expect(method, "(\"blob_1\")", as: Who.alice, err("NotFound"))
        }
        _ = try ok(try await h.call("memories_read", "(\"mem_1\")", as: Who.alice))
        // The next upload gets a new blob number; the freed region is reused.
        let result = try await h.upload(file(1500, seed: 2), capsule: capsule, idem: "second", as: Who.alice)
        #expect(try text(try field(result, "blob_id")) == "blob_2")
    }
}

func blob(_ value: CandidValue) throws -> [UInt8] {
    guard case .blob(let bytes) = value else { throw HarnessError("expected a blob, got \(value.text.prefix(80))") }
    return bytes
}
