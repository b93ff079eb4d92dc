// Tests/SessionsTests/FinishAbortTests.swift - finish, abort, clearAll, stats and list

import Testing
@testable import Sessions

@Suite struct FinishAbortTests {
    @Test func finishRequiresEveryChunkAndNamesTheMissingOnes() throws {
        var service = SessionService(ttl: 100)
        let id = try service.begin(spec(chunk: 4, bytes: 10), now: 0)
        _ = try service.put(id, 1, chunk(4))
        let before = service
        let error = sessionError { try service.finish(id, owner: alice, now: 1) }
        #expect(error?.code == .incomplete)
        #expect(error?.message == "session 1 is missing 2 of 3 chunks: 0, 2")
        #expect(service == before)
        _ = try service.put(id, 0, chunk(4))
        _ = try service.put(id, 2, chunk(2))
        let closed = try service.finish(id, owner: alice, now: 2)
        #expect(closed.reason == .finished && closed.id == id && closed.spec == spec(chunk: 4, bytes: 10))
        #expect(closed.info.bytesReceived == 10 && closed.info.state == .complete)
        #expect(closed.receivedChunks == [0, 1, 2] && closed.isReceived(2))
        #expect(service.session(id) == nil && service.count == 0)
        #expect(service.find(owner: alice, idempotencyKey: "k") == nil)
        #expect(service.stats == SessionStats(active: 0, begun: 1, finished: 1, aborted: 0, expired: 0, cleared: 0))
        // A second finish: the session is gone.
        #expect(sessionError { try service.finish(id, owner: alice, now: 3) }?.code == .notFound)
    }

    @Test func incompleteMessageShowsEightAndACount() throws {
        var service = SessionService(ttl: 100)
        let id = try service.begin(spec(chunk: 1, bytes: 20), now: 0)
        _ = try service.put(id, 3, [7])
        let error = sessionError { try service.finish(id, owner: alice, now: 1) }
        #expect(error?.message == "session 1 is missing 19 of 20 chunks: 0, 1, 2, 4, 5, 6, 7, 8 and 11 more")
        #expect(try service.missingChunks(id) == [0, 1, 2] + Array(4 ..< 20))
    }

    @Test func finishChecksOwnerAndUnknownIds() throws {
        var service = SessionService(ttl: 100)
        let id = try service.begin(spec(chunk: 4, bytes: 4), now: 0)
        _ = try service.put(id, 0, chunk(4))
        let before = service
        #expect(sessionError { try service.finish(id, owner: bob, now: 1) }?.code == .notOwner)
        #expect(sessionError { try service.finish(SessionId(2), owner: alice, now: 1) }?.code == .notFound)
        #expect(service == before)
    }

    @Test func abortRemovesAndReportsWhatWasWritten() throws {
        var service = SessionService(ttl: 100)
        let id = try service.begin(spec(chunk: 4, bytes: 10), now: 0)
        _ = try service.put(id, 2, chunk(2))
        let before = service
        #expect(sessionError { try service.abort(id, owner: bob) }?.code == .notOwner)
        #expect(sessionError { try service.abort(SessionId(5), owner: alice) }?.code == .notFound)
        #expect(service == before)
        let closed = try service.abort(id, owner: alice)
        #expect(closed.reason == .aborted && closed.receivedChunks == [2] && closed.info.bytesReceived == 2)
        #expect(service.count == 0 && service.count(owner: alice) == 0)
        #expect(service.stats.aborted == 1)
        #expect(sessionError { try service.put(id, 0, chunk(4)) }?.code == .notFound)
        #expect(sessionError { try service.abort(id, owner: alice) }?.code == .notFound)
    }

    @Test func clearAllRemovesEverythingButKeepsTheCounter() throws {
        var service = SessionService(ttl: 100)
        let ids = try (0 ..< 3).map { try service.begin(spec(key: "k\($0)", owner: $0 == 1 ? bob : alice), now: 0) }
        _ = try service.put(ids[1], 0, chunk(4), owner: bob)
        let closed = service.clearAll()
        #expect(closed.map(\.id) == ids)
        #expect(closed.map(\.reason) == [.cleared, .cleared, .cleared])
        #expect(closed[1].receivedChunks == [0])
        #expect(service.count == 0 && service.list().isEmpty && service.expiryQueueCount == 0)
        #expect(service.count(owner: alice) == 0 && service.find(owner: bob, idempotencyKey: "k1") == nil)
        #expect(service.stats == SessionStats(active: 0, begun: 3, finished: 0, aborted: 0, expired: 0, cleared: 3))
        #expect(try service.begin(spec(key: "k0"), now: 0) == SessionId(4))
        #expect(service.tickTTL(now: 1_000).map(\.id) == [SessionId(4)])
    }

    @Test func listIsSortedById() throws {
        var service = SessionService(ttl: 100)
        for raw: UInt64 in [40, 3, 17, 1, 99, 2] {
            try service.begin(id: SessionId(raw), spec(key: "k\(raw)"), now: raw)
        }
        #expect(service.list().map(\.id.rawValue) == [1, 2, 3, 17, 40, 99])
        #expect(service.list().map(\.createdAt) == [1, 2, 3, 17, 40, 99])
        #expect(service.stats.active == 6 && service.count(owner: alice) == 6)
    }
}
