// Tests/UploadCanisterTests/UploadsBeginTests.swift - uploads_begin through the replica, on both backends

import Candid
import CanisterRuntime
import Testing
import UploadCanister

@Suite("uploads_begin")
struct UploadsBeginTests {
    @Test("begin opens sessions 1, 2, ... and a retry with the same key returns the open one", arguments: bothBackends)
    func beginAndRetry(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let args = "(\"\(capsule)\", \(imageMetadata(bytes: 2500)), 3, \"idem-a\")"
        try await h.expect("uploads_begin", args, as: Who.alice, "(variant { Ok = 1 : nat64 })")
        try await h.expect("uploads_begin", args, as: Who.alice, "(variant { Ok = 1 : nat64 })")
        try await h.expect(
            "uploads_begin", "(\"\(capsule)\", \(imageMetadata(bytes: 2500)), 3, \"idem-b\")", as: Who.alice,
            "(variant { Ok = 2 : nat64 })"
        )
        try await h.expect(
            "sessions_stats", as: Who.alice,
            "(variant { Ok = \"Total sessions: 2, Pending: 2, Committed: 0, Aborted: 0, Expired: 0, Cleared: 0\" })"
        )
    }

    @Test("a retry with the same key and other metadata is a Conflict", arguments: bothBackends)
    func retryConflict(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        _ = try await h.begin(capsule: capsule, bytes: 2500, idem: "k", as: Who.alice)
        let before = try await h.state()
        try await h.expect(
            "uploads_begin", "(\"\(capsule)\", \(imageMetadata(bytes: 2400)), 3, \"k\")", as: Who.alice,
            err(
                "Conflict = \"idempotency_conflict: session 1 was begun with this idempotency key and other "
                    + "metadata or expected_chunks\""
            )
        )
        #expect(try await h.state() == before)
    }

    @Test("argument errors: expected_chunks 0 or over max_chunks, metadata size, idempotency key length",
        arguments: bothBackends)
    func argumentErrors(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend, limits: "; max_chunks = opt 4")
        let capsule = try await h.createCapsule(as: Who.alice)
        let before = try await h.state()
        let cases: [(String, String)] = [
            (
                "(\"\(capsule)\", \(imageMetadata(bytes: 2500)), 0, \"i\")",
                invalid("expected_chunks_zero: expected_chunks must be at least 1")
            ),
            (
                "(\"\(capsule)\", \(imageMetadata(bytes: 5000)), 5, \"i\")",
                invalid("expected_chunks_too_large: 5 exceeds the limit of 4")
            ),
            (
                "(\"\(capsule)\", \(imageMetadata(bytes: 2500)), 2, \"i\")",
                invalid("size_mismatch: metadata bytes 2500 need 3 chunks of 1000 bytes; expected_chunks is 2")
            ),
            (
                "(\"\(capsule)\", \(imageMetadata(bytes: 0)), 1, \"i\")",
                invalid("size_mismatch: metadata bytes 0 need 0 chunks of 1000 bytes; expected_chunks is 1")
            ),
            (
                "(\"\(capsule)\", \(imageMetadata(bytes: 100)), 1, \"\(String(repeating: "k", count: 257))\")",
                invalid("idem_too_long: the idempotency key has 257 bytes; the limit is 256")
            ),
        ]
        for (arguments, expected) in cases {
            try await h.expect("uploads_begin", arguments, as: Who.alice, expected)
        }
        #expect(try await h.state() == before)
    }

    @Test("an unknown capsule is NotFound; another caller and the anonymous caller are Unauthorized",
        arguments: bothBackends)
    func accessErrors(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        _ = try await h.createCapsule(as: Who.bob)
        let before = try await h.state()
        try await h.expect(
            "uploads_begin", "(\"capsule_99\", \(imageMetadata(bytes: 10)), 1, \"i\")", as: Who.alice, err("NotFound")
        )
        for caller in [Who.bob, Who.anonymous, Who.controller] {
            try await h.expect(
                "uploads_begin", "(\"\(capsule)\", \(imageMetadata(bytes: 10)), 1, \"i\")", as: caller,
                err("Unauthorized")
            )
        }
        #expect(try await h.state() == before)
    }

    @Test("the per-(capsule, caller) cap gives ResourceExhausted; a retry still succeeds at the cap",
        arguments: bothBackends)
    func cap(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend, limits: "; max_active_per_caller = opt 2")
        let capsule = try await h.createCapsule(as: Who.alice)
        #expect(try await h.begin(capsule: capsule, bytes: 10, idem: "a", as: Who.alice) == 1)
        #expect(try await h.begin(capsule: capsule, bytes: 10, idem: "b", as: Who.alice) == 2)
        let before = try await h.state()
        try await h.expect(
            "uploads_begin", "(\"\(capsule)\", \(imageMetadata(bytes: 10)), 1, \"c\")", as: Who.alice,
            err("ResourceExhausted")
        )
        #expect(try await h.state() == before)
        #expect(try await h.begin(capsule: capsule, bytes: 10, idem: "a", as: Who.alice) == 1)
        try await h.expect("uploads_abort", "(1 : nat64)", as: Who.alice, okUnit)
        #expect(try await h.begin(capsule: capsule, bytes: 10, idem: "c", as: Who.alice) == 3)
    }
}
