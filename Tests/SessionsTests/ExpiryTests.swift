// Tests/SessionsTests/ExpiryTests.swift - the sliding TTL and the O(expired) deadline order

import Testing
@testable import Sessions

@Suite struct ExpiryTests {
    @Test func ttlSlidesOnBeginAndStoredChunksAndExpiresAtTheDeadline() throws {
        var service = SessionService(ttl: 100)
        let id = try service.begin(spec(chunk: 4, bytes: 10), now: 0)
        #expect(service.session(id)?.expiresAt == 100)
        _ = try service.put(id, 0, chunk(4), now: 60)
        #expect(service.session(id)?.lastSeen == 60)
        #expect(service.session(id)?.expiresAt == 160)
        #expect(service.tickTTL(now: 159).isEmpty)
        #expect(service.session(id) != nil)
        let expired = service.tickTTL(now: 160)
        #expect(expired.map(\.id) == [id])
        #expect(expired.first?.reason == .expired)
        #expect(expired.first?.receivedChunks == [0])
        #expect(expired.first?.info.lastSeen == 60)
        #expect(expired.first?.spec.owner == alice)
        #expect(service.session(id) == nil && service.find(owner: alice, idempotencyKey: "k") == nil)
        #expect(service.stats == SessionStats(active: 0, begun: 1, finished: 0, aborted: 0, expired: 1, cleared: 0))
        #expect(service.tickTTL(now: 10_000).isEmpty)
    }

    @Test func expiredSessionsRejectPutAndFinishUntilSwept() throws {
        var service = SessionService(ttl: 100)
        let id = try service.begin(spec(chunk: 4, bytes: 4), now: 0)
        _ = try service.put(id, 0, chunk(4), now: 99)
        let before = service
        let put = sessionError { try service.put(id, 0, chunk(4), now: 199) }
        #expect(put?.code == .expired)
        #expect(put?.message == "session 1 expired at 199 ns (now 199 ns)")
        let finish = sessionError { try service.finish(id, owner: alice, now: 300) }
        #expect(finish?.code == .expired)
        #expect(service == before)
        // Still visible until tickTTL, and abort may remove it.
        #expect(service.session(id)?.expiresAt == 199)
        #expect(try service.abort(id, owner: alice).reason == .aborted)
        #expect(service.tickTTL(now: 1_000).isEmpty)
        #expect(service.stats.expired == 0 && service.stats.aborted == 1)
    }

    @Test func ownerIsCheckedBeforeExpiry() throws {
        var service = SessionService(ttl: 10)
        let id = try service.begin(spec(), now: 0)
        let error = sessionError { try service.put(id, 0, chunk(4), owner: bob, now: 50) }
        #expect(error?.code == .notOwner)
    }

    @Test func tickReturnsExactlyTheExpiredSetSortedById() throws {
        var service = SessionService(ttl: 1_000)
        // Session i begins at time 10 × (i mod 7), ids chosen in a scrambled order.
        var deadlines: [SessionId: UInt64] = [:]
        for i: UInt64 in 0 ..< 50 {
            let id = SessionId((i * 37) % 101 + 1)
            let now = 10 * (i % 7)
            try service.begin(id: id, spec(key: "k\(i)"), now: now)
            deadlines[id] = now + 1_000
        }
        // Refresh a few so their deadlines move later.
        for raw: UInt64 in [1, 38, 75] {
            _ = try service.put(SessionId(raw), 0, chunk(4), now: 500)
            deadlines[SessionId(raw)] = 1_500
        }
        for cutoff: UInt64 in [999, 1_000, 1_030, 1_059, 1_060, 1_499, 1_500] {
            let expected = deadlines.filter { $0.value <= cutoff }.map(\.key).sorted()
            for id in expected { deadlines[id] = nil }
            let got = service.tickTTL(now: cutoff).map(\.id)
            #expect(got == expected, "cutoff \(cutoff)")
            #expect(service.list().map(\.id) == deadlines.keys.sorted(), "cutoff \(cutoff)")
        }
        #expect(service.count == 0 && service.stats.expired == 50)
    }

    @Test func tickPopsOnlyTheExpiredEntries() throws {
        var service = SessionService(ttl: 1_000)
        for i: UInt64 in 0 ..< 1_000 { _ = try service.begin(spec(key: "k\(i)"), now: i) }
        #expect(service.expiryQueueCount == 1_000)
        // Three sessions (begun at 0, 1, 2) are due at 1_002: the heap loses exactly three entries.
        #expect(service.tickTTL(now: 1_002).map(\.id.rawValue) == [1, 2, 3])
        #expect(service.expiryQueueCount == 997)
        #expect(service.count == 997)
    }

    @Test func heapStaysBoundedUnderManyPuts() throws {
        var service = SessionService(ttl: 1_000_000, maxChunks: 1 << 16)
        let a = try service.begin(spec(chunk: 1, bytes: 20_000, key: "a"), now: 0)
        let b = try service.begin(spec(chunk: 1, bytes: 20_000, key: "b"), now: 0)
        var maxHeap = 0
        for index: UInt32 in 0 ..< 20_000 {
            let now = UInt64(index) + 1
            _ = try service.put(a, index, [1], now: now)
            _ = try service.put(b, index, [2], now: now)
            maxHeap = max(maxHeap, service.expiryQueueCount)
        }
        // Two live sessions: exactly two deadlines, though 40_000 puts moved one.
        #expect(maxHeap == 2)
        #expect(service.expiryQueueCount == 2)
        #expect(service.tickTTL(now: 1_019_999).isEmpty)
        #expect(service.tickTTL(now: 1_020_000).map(\.id) == [a, b])
        #expect(service.expiryQueueCount == 0)
    }

    @Test func staleEntriesFromRemovedSessionsAreSkipped() throws {
        var service = SessionService(ttl: 100)
        let a = try service.begin(spec(key: "a"), now: 0)
        let b = try service.begin(spec(key: "b"), now: 0)
        try service.abort(a, owner: alice)
        // A new session with a's old id must not be expired by a's stale heap entry.
        try service.begin(id: a, spec(key: "a2"), now: 50)
        #expect(service.tickTTL(now: 100).map(\.id) == [b])
        #expect(service.tickTTL(now: 149).isEmpty)
        #expect(service.tickTTL(now: 150).map(\.id) == [a])
    }

    @Test func aPutAtTheSameTimeOrEarlierDoesNotRewind() throws {
        var service = SessionService(ttl: 100)
        let id = try service.begin(spec(chunk: 1, bytes: 5), now: 50)
        _ = try service.put(id, 0, [1], now: 50)
        #expect(service.expiryQueueCount == 1)
        _ = try service.put(id, 1, [1], now: 20)
        #expect(service.session(id)?.lastSeen == 50)
        #expect(service.session(id)?.expiresAt == 150)
        _ = try service.put(id, 2, [1], now: 70)
        #expect(service.expiryQueueCount == 1)
        #expect(service.session(id)?.expiresAt == 170)
        #expect(service.tickTTL(now: 169).isEmpty)
        #expect(service.tickTTL(now: 170).map(\.id) == [id])
    }

    @Test func deadlineSaturates() throws {
        var service = SessionService(ttl: .max)
        let id = try service.begin(spec(), now: 5)
        #expect(service.session(id)?.expiresAt == .max)
        #expect(service.tickTTL(now: .max - 1).isEmpty)
        _ = try service.put(id, 0, chunk(4), now: .max - 1)
        #expect(service.tickTTL(now: .max).map(\.id) == [id])
    }

    @Test func zeroTtlExpiresAtTheNextTick() throws {
        var service = SessionService(ttl: 0)
        let id = try service.begin(spec(), now: 7)
        #expect(sessionError { try service.put(id, 0, chunk(4), now: 7) }?.code == .expired)
        #expect(service.tickTTL(now: 7).map(\.id) == [id])
    }
}

@Suite struct ClockTests {
    /// The clock overloads read the time from a `SessionClock` and behave exactly as the `now:` calls.
    @Test func aClockGivesTheTimeOfEveryTimedOperation() throws {
        var clock = ManualSessionClock(nanoseconds: 1_000)
        var service = SessionService(ttl: 500)
        var twin = SessionService(ttl: 500)
        let id = try service.begin(spec(chunk: 4, bytes: 8), clock: clock)
        #expect(try twin.begin(spec(chunk: 4, bytes: 8), now: 1_000) == id)
        try service.begin(id: SessionId(9), spec(chunk: 4, bytes: 4, key: "nine"), clock: clock)
        try twin.begin(id: SessionId(9), spec(chunk: 4, bytes: 4, key: "nine"), now: 1_000)
        #expect(service.session(id)?.createdAt == 1_000)
        clock.advance(by: 300)
        var sink = NullSink()
        #expect(try service.putChunk(id, index: 0, bytes: chunk(4), owner: alice, clock: clock, sink: &sink) == .stored)
        _ = try twin.put(id, 0, chunk(4), now: 1_300)
        #expect(service.session(id)?.lastSeen == 1_300 && service.session(id)?.expiresAt == 1_800)
        _ = try service.putChunk(id, index: 1, bytes: chunk(4), owner: alice, clock: clock, sink: &sink)
        _ = try twin.put(id, 1, chunk(4), now: 1_300)
        #expect(try service.finish(id, owner: alice, clock: clock).reason == .finished)
        try twin.finish(id, owner: alice, now: 1_300)
        clock.advance(by: 199)  // 1_499: session 9 (deadline 1_500) is still live
        #expect(service.tickTTL(clock: clock).isEmpty)
        clock.advance(by: 1)
        #expect(service.tickTTL(clock: clock).map(\.id) == [SessionId(9)])
        #expect(twin.tickTTL(now: 1_500).map(\.id) == [SessionId(9)])
        #expect(service == twin)
        clock.advance(by: .max)
        #expect(clock.nanoseconds == .max)
    }
}
