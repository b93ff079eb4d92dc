// Tests/UploadCanisterTests/SessionsEndpointTests.swift - sessions_* and the sweep timer, on both backends

import Candid
import CanisterRuntime
import Testing
import UploadCanister

@Suite("sessions_* and the sweep timer")
struct SessionsEndpointTests {
    static let ttl: UInt64 = 7_200_000_000_000

    func stats(
        total: Int, pending: Int, committed: Int = 0, aborted: Int = 0, expired: Int = 0, cleared: Int = 0
    ) -> String {
        "(variant { Ok = \"Total sessions: \(total), Pending: \(pending), Committed: \(committed), "
            + "Aborted: \(aborted), Expired: \(expired), Cleared: \(cleared)\" })"
    }

    @Test("sessions_list and sessions_stats answer anyone, the anonymous caller included", arguments: bothBackends)
    func listAndStats(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        try await h.expect("sessions_list", as: Who.anonymous, "(variant { Ok = \"Found 0 sessions:\\n\" })")
        let alices = try await h.createCapsule(as: Who.alice)
        let bobs = try await h.createCapsule(as: Who.bob)
        _ = try await h.begin(capsule: alices, bytes: 2500, as: Who.alice)
        try h.replica.advance(by: .seconds(1))
        let session = try await h.begin(capsule: bobs, bytes: 1000, as: Who.bob)
        _ = try await h.put(session, 0, file(1000), as: Who.bob)
        let list = "(variant { Ok = \"Found 2 sessions:\\n"
            + "Session 1: caller=\(Who.alice.text), capsule=capsule_1, status=Pending, created=\(startTime), "
            + "chunks=0/3, expires=\(startTime + Self.ttl)\\n"
            + "Session 2: caller=\(Who.bob.text), capsule=capsule_2, status=Pending, "
            + "created=\(startTime + 1_000_000_000), "
            + "chunks=1/1, expires=\(startTime + 1_000_000_000 + Self.ttl)\\n\" })"
        for caller in [Who.anonymous, Who.alice, Who.bob, Who.controller] {
            try await h.expect("sessions_list", as: caller, list)
            try await h.expect("sessions_stats", as: caller, stats(total: 2, pending: 2))
        }
        // A session past its TTL shows as Expired until an update call expires it.
        try h.replica.advance(nanoseconds: Self.ttl - 1_000_000_000)
        try await h.expect(
            "sessions_list", as: Who.alice,
            "(variant { Ok = \"Found 2 sessions:\\n"
                + "Session 1: caller=\(Who.alice.text), capsule=capsule_1, status=Expired, created=\(startTime), "
                + "chunks=0/3, expires=\(startTime + Self.ttl)\\n"
                + "Session 2: caller=\(Who.bob.text), capsule=capsule_2, status=Pending, "
                + "created=\(startTime + 1_000_000_000), chunks=1/1, "
                + "expires=\(startTime + 1_000_000_000 + Self.ttl)\\n\" })"
        )
    }

    @Test("sessions_clear_all: controllers and admins only; others and the anonymous caller are Unauthorized",
        arguments: bothBackends)
    func clearAll(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        _ = try await h.begin(capsule: capsule, bytes: 2500, idem: "a", as: Who.alice)
        _ = try await h.begin(capsule: capsule, bytes: 2500, idem: "b", as: Who.alice)
        let before = try await h.state()
        for caller in [Who.alice, Who.bob, Who.anonymous] {
            try await h.expect("sessions_clear_all", as: caller, err("Unauthorized"))
        }
        #expect(try await h.state() == before)
        try await h.expect("sessions_clear_all", as: Who.controller, "(variant { Ok = \"Cleared 2 sessions\" })")
        try await h.expect("sessions_stats", as: Who.alice, stats(total: 2, pending: 0, cleared: 2))
        try await h.expect("sessions_clear_all", as: Who.admin, "(variant { Ok = \"Cleared 0 sessions\" })")
        #expect(try await h.put(1, 0, file(1000), as: Who.alice) == putReply(err("NotFound")))
        // Session ids are never reused after a clear.
        #expect(try await h.begin(capsule: capsule, bytes: 2500, idem: "a", as: Who.alice) == 3)
    }

    @Test("sessions_cleanup_expired: admins only; expires the sessions whose TTL ran out", arguments: bothBackends)
    func cleanupExpired(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let first = try await h.begin(capsule: capsule, bytes: 2500, idem: "a", as: Who.alice)
        try h.replica.advance(by: .seconds(60))
        _ = try await h.begin(capsule: capsule, bytes: 2500, idem: "b", as: Who.alice)
        try h.replica.advance(nanoseconds: Self.ttl - 60_000_000_000)
        let before = try await h.state()
        for caller in [Who.alice, Who.bob, Who.anonymous] {
            try await h.expect("sessions_cleanup_expired", as: caller, err("Unauthorized"))
        }
        #expect(try await h.state() == before)
        try await h.expect(
            "sessions_cleanup_expired", as: Who.admin, "(variant { Ok = \"Cleaned up 1 expired sessions\" })"
        )
        try await h.expect("sessions_stats", as: Who.alice, stats(total: 2, pending: 1, expired: 1))
        #expect(
            try await h.put(first, 0, file(1000), as: Who.alice)
                == Harness.expected("uploads_put_chunk", err("NotFound"))
        )
        try await h.expect(
            "sessions_cleanup_expired", as: Who.controller, "(variant { Ok = \"Cleaned up 0 expired sessions\" })"
        )
    }

    @Test("the sweep timer runs every 5 minutes of replica time and expires stale sessions", arguments: bothBackends)
    func sweepTimer(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        _ = try await h.begin(capsule: capsule, bytes: 2500, as: Who.alice)
        try h.replica.advance(by: .seconds(299))
        #expect(await h.replica.tick() == 0)
        try h.replica.advance(by: .seconds(1))
        #expect(await h.replica.tick() == 1)
        try await h.expect("sessions_stats", as: Who.alice, stats(total: 1, pending: 1))
        try h.replica.advance(nanoseconds: Self.ttl - 300_000_000_000)
        // The TTL ran out, but no message has expired the session yet: queries change nothing.
        try await h.expect("sessions_stats", as: Who.alice, stats(total: 1, pending: 1))
        let before = try await h.state()
        #expect(await h.replica.tick() == 1)
        let sweep = try #require(h.replica.callLog.last)
        #expect(sweep.kind == .timer && sweep.method == "canister_global_timer" && sweep.result == .success([]))
        #expect(sweep.time == startTime + Self.ttl)
        #expect(try await h.state() != before, "the sweep changed nothing")
        try await h.expect("sessions_stats", as: Who.alice, stats(total: 1, pending: 0, expired: 1))
        try await h.expect("sessions_list", as: Who.alice, "(variant { Ok = \"Found 0 sessions:\\n\" })")
        #expect(h.replica.nextTimerDue == startTime + Self.ttl + 300_000_000_000)
    }
}
