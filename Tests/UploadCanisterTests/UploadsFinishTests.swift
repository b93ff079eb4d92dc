// Tests/UploadCanisterTests/UploadsFinishTests.swift - uploads_finish and uploads_abort through the replica

import Candid
import CanisterRuntime
import Hashing
import Testing
import UploadCanister

@Suite("uploads_finish and uploads_abort")
struct UploadsFinishTests {
    @Test("finish writes the blob, the memory and the index; a retry returns the same bytes", arguments: bothBackends)
    func finishAndRetry(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let data = file(2500)
        let session = try await h.begin(capsule: capsule, bytes: 2500, as: Who.alice)
        for (index, chunk) in chunks(data, size: 1000).enumerated() {
            _ = try await h.put(session, index, chunk, as: Who.alice)
        }
        try h.replica.advance(by: .seconds(3))
        let at = startTime + 3_000_000_000
        let reply = try await h.finish(session, sha256: SHA256.hash(data), length: 2500, as: Who.alice)
        let done = finished(blob: 1, memory: 1, size: 2500, sha256: SHA256.hash(data), at: at)
        #expect(try UploadCanisterTests.reply(reply, of: "uploads_finish", is: done))
        try h.replica.advance(by: .seconds(3))
        #expect(try await h.finish(session, sha256: SHA256.hash(data), length: 2500, as: Who.alice) == reply)
        try await h.expect("blob_read", "(\"blob_1\")", as: Who.alice, "(variant { Ok = \(blobText(data)) })")
        try await h.expect(
            "blob_get_meta", "(\"blob_1\")", as: Who.alice,
            "(variant { Ok = record { size = 2500 : nat64; chunk_count = 3 : nat32 } })"
        )
        let memory = try ok(try await h.call("memories_read", "(\"mem_1\")", as: Who.alice))
        #expect(try text(try field(memory, "capsule_id")) == capsule)
        try await h.expect(
            "capsules_read_basic", "(null)", as: Who.alice,
            "(variant { Ok = record { updated_at = \(at); gallery_count = 0; subject = variant { Principal = "
                + "principal \"\(Who.alice.text)\" }; capsule_id = \"capsule_1\"; is_owner = true; created_at = "
                + "\(startTime); bound_to_neon = false; memory_count = 1; connection_count = 0; "
                + "is_self_capsule = true; "
                + "is_controller = false } })"
        )
    }

    @Test("missing chunks, total_len and checksum mismatches are InvalidArgument; the session stays usable",
        arguments: bothBackends)
    func finishErrors(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let data = file(2500)
        let parts = chunks(data, size: 1000)
        let sha = SHA256.hash(data)
        let session = try await h.begin(capsule: capsule, bytes: 2500, as: Who.alice)
        _ = try await h.put(session, 1, parts[1], as: Who.alice)
        var before = try await h.state()
        try await expectFinish(h, session, sha, 2500, invalid("incomplete: missing 2 of 3 chunks: 0, 2"))
        #expect(try await h.state() == before)
        _ = try await h.put(session, 0, parts[0], as: Who.alice)
        _ = try await h.put(session, 2, parts[2], as: Who.alice)
        before = try await h.state()
        try await expectFinish(
            h, session, sha, 2501, invalid("total_len_mismatch: total_len is 2501, the upload has 2500 bytes")
        )
        let wrong = [UInt8](repeating: 0, count: 4)
        try await expectFinish(
            h, session, wrong, 2500,
            invalid("invalid_hash_length: sha256 must be 32 bytes, got 4")
        )
        #expect(try await h.state() == before)
        try await expectFinish(h, session, sha, 2500, finished(blob: 1, memory: 1, size: 2500, sha256: sha))
        try await expectFinish(
            h, session, wrong, 2500,
            err("Conflict = \"already_finished: session 1 finished with total_len 2500 and sha256 \(hex(sha))\"")
        )
    }

    @Test("finish: unknown session NotFound; another caller and the anonymous caller Unauthorized",
        arguments: bothBackends)
    func finishAccess(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let data = file(800)
        let session = try await h.begin(capsule: capsule, bytes: 800, as: Who.alice)
        _ = try await h.put(session, 0, data, as: Who.alice)
        let before = try await h.state()
        try await expectFinish(h, 42, SHA256.hash(data), 800, err("NotFound"), as: Who.alice)
        for caller in [Who.bob, Who.anonymous] {
            try await expectFinish(h, session, SHA256.hash(data), 800, err("Unauthorized"), as: caller)
        }
        #expect(try await h.state() == before)
        let done = finished(blob: 1, memory: 1, size: 800, sha256: SHA256.hash(data))
        try await expectFinish(h, session, SHA256.hash(data), 800, done)
        for caller in [Who.bob, Who.anonymous] {
            try await expectFinish(h, session, SHA256.hash(data), 800, err("Unauthorized"), as: caller)
        }
    }

    @Test("abort frees the session; unknown NotFound; another caller and anonymous Unauthorized",
        arguments: bothBackends)
    func abort(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let session = try await h.begin(capsule: capsule, bytes: 2500, as: Who.alice)
        _ = try await h.put(session, 0, file(1000), as: Who.alice)
        let before = try await h.state()
        try await h.expect("uploads_abort", "(7 : nat64)", as: Who.alice, err("NotFound"))
        for caller in [Who.bob, Who.anonymous, Who.controller] {
            try await h.expect("uploads_abort", "(1 : nat64)", as: caller, err("Unauthorized"))
        }
        #expect(try await h.state() == before)
        try await h.expect("uploads_abort", "(1 : nat64)", as: Who.alice, okUnit)
        try await h.expect("uploads_abort", "(1 : nat64)", as: Who.alice, err("NotFound"))
        #expect(try await h.put(session, 1, file(1000), as: Who.alice) == putReply(err("NotFound")))
        try await h.expect(
            "sessions_stats", as: Who.alice,
            "(variant { Ok = \"Total sessions: 1, Pending: 0, Committed: 0, Aborted: 1, Expired: 0, Cleared: 0\" })"
        )
        // The aborted session's id is not reused.
        #expect(try await h.begin(capsule: capsule, bytes: 2500, as: Who.alice) == 2)
    }

    private func expectFinish(
        _ h: Harness,
        _ session: UInt64,
        _ sha: [UInt8],
        _ length: Int,
        _ expected: String,
        as caller: Principal = Who.alice,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let reply = try await h.finish(session, sha256: sha, length: length, as: caller)
        let got = try Harness.decode("uploads_finish", reply)
        #expect(
            got == (try Harness.expected("uploads_finish", expected)),
            "\(h.backend): finish replied \(Candid.printArguments(got))", sourceLocation: sourceLocation
        )
    }
}
