// Tests/UploadCanisterTests/UploadsChunkTests.swift - uploads_put_chunk through the replica, on both backends

import Candid
import CanisterRuntime
import Hashing
import Testing
import UploadCanister

@Suite("uploads_put_chunk")
struct UploadsChunkTests {
    @Test("chunks in any order, a duplicate with the same bytes succeeds, other bytes are a Conflict",
        arguments: bothBackends)
    func putChunks(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let data = file(2500)
        let parts = chunks(data, size: 1000)
        let session = try await h.begin(capsule: capsule, bytes: 2500, as: Who.alice)
        let ok = try Harness.expected("uploads_put_chunk", okUnit)
        for index in [2, 0, 1, 2] {
            #expect(try await h.put(session, index, parts[index], as: Who.alice) == ok)
        }
        let before = try await h.state()
        var other = parts[0]
        other[0] ^= 0xFF
        #expect(
            try await h.put(session, 0, other, as: Who.alice) == Harness.expected(
                "uploads_put_chunk",
                err("Conflict = \"chunk_conflict: chunk 0 was already received with different bytes\"")
            )
        )
        #expect(try await h.state() == before)
        try await h.expect(
            "sessions_list", as: Who.alice,
            "(variant { Ok = \"Found 1 sessions:\\nSession 1: caller=\(Who.alice.text), capsule=capsule_1, "
                + "status=Pending, created=\(startTime), chunks=3/3, expires=\(startTime + 7_200_000_000_000)\\n\" })"
        )
        let reply = try await h.finish(session, sha256: SHA256.hash(data), length: 2500, as: Who.alice)
        #expect(try UploadCanisterTests.reply(
            reply, of: "uploads_finish", is: finished(blob: 1, memory: 1, size: 2500, sha256: SHA256.hash(data))
        ))
    }

    @Test("index out of range, a chunk over the chunk size, a chunk of the wrong length", arguments: bothBackends)
    func chunkArgumentErrors(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let session = try await h.begin(capsule: capsule, bytes: 2500, as: Who.alice)
        let before = try await h.state()
        let cases: [(Int, Int, String)] = [
            (3, 500, "chunk_index_out_of_range: chunk index 3 out of range (expected < 3)"),
            (0, 1001, "chunk_too_large: chunk 0 has 1001 bytes; the limit is 1000"),
            (0, 999, "chunk_size_mismatch: chunk 0 has 999 bytes; expected 1000"),
            (2, 1000, "chunk_size_mismatch: chunk 2 has 1000 bytes; expected 500"),
            (1, 0, "chunk_size_mismatch: chunk 1 has 0 bytes; expected 1000"),
        ]
        for (index, length, message) in cases {
            let reply = try await h.put(session, index, file(length), as: Who.alice)
            #expect(reply == (try Harness.expected("uploads_put_chunk", invalid(message))), "chunk \(index)")
        }
        #expect(try await h.state() == before)
    }

    @Test("an unknown session is NotFound; another caller and the anonymous caller are Unauthorized",
        arguments: bothBackends)
    func chunkAccessErrors(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let session = try await h.begin(capsule: capsule, bytes: 2500, as: Who.alice)
        let before = try await h.state()
        #expect(
            try await h.put(99, 0, file(1000), as: Who.alice) == Harness.expected("uploads_put_chunk", err("NotFound"))
        )
        for caller in [Who.bob, Who.anonymous, Who.controller] {
            #expect(
                try await h.put(session, 0, file(1000), as: caller)
                    == Harness.expected("uploads_put_chunk", err("Unauthorized"))
            )
        }
        #expect(try await h.state() == before)
    }
}
