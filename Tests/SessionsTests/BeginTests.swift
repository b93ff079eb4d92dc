// Tests/SessionsTests/BeginTests.swift - begin: ids, spec validation, idempotency, owner counts

import Testing
@testable import Sessions

@Suite struct BeginTests {
    @Test func idsStartAtOneAndCount() throws {
        var service = SessionService(ttl: 100)
        #expect(service.nextId == SessionId(1))
        let a = try service.begin(spec(key: "a"), now: 5)
        let b = try service.begin(spec(key: "b"), now: 6)
        #expect(a == SessionId(1) && b == SessionId(2))
        #expect(service.nextId == SessionId(3))
        let info = try #require(service.session(a))
        #expect(info.id == a && info.spec == spec(key: "a") && info.chunkCount == 3)
        #expect(info.createdAt == 5 && info.lastSeen == 5 && info.expiresAt == 105)
        #expect(info.receivedCount == 0 && info.bytesReceived == 0 && info.state == .receiving)
    }

    @Test func chosenIdMovesTheCounterPastIt() throws {
        var service = SessionService(ttl: 100)
        try service.begin(id: SessionId(10), spec(key: "a"), now: 0)
        #expect(service.nextId == SessionId(11))
        #expect(try service.begin(spec(key: "b"), now: 0) == SessionId(11))
        try service.begin(id: SessionId(5), spec(key: "c"), now: 0)
        #expect(service.nextId == SessionId(12))
        #expect(service.list().map(\.id.rawValue) == [5, 10, 11])
    }

    @Test func chosenIdThatExistsIsRejected() throws {
        var service = SessionService(ttl: 100)
        try service.begin(id: SessionId(3), spec(key: "a"), now: 0)
        let before = service
        let error = sessionError { try service.begin(id: SessionId(3), spec(key: "b"), now: 1) }
        #expect(error?.code == .alreadyExists)
        #expect(error?.message == "session 3 already exists")
        #expect(service == before)
    }

    @Test func reservedIdsAndExhaustedCounter() throws {
        var service = SessionService(ttl: 100)
        let zero = sessionError { try service.begin(id: SessionId(0), spec(), now: 0) }
        #expect(zero?.code == .invalidId)
        let max = sessionError { try service.begin(id: SessionId(.max), spec(), now: 0) }
        #expect(max?.code == .invalidId)
        try service.begin(id: SessionId(.max - 1), spec(key: "last"), now: 0)
        #expect(service.nextId == SessionId(.max))
        let before = service
        let exhausted = sessionError { try service.begin(spec(key: "more"), now: 0) }
        #expect(exhausted?.code == .invalidId)
        #expect(service == before)
        #expect(service.stats.begun == 1)
    }

    @Test func invalidSpecs() {
        var service = SessionService(ttl: 100, maxChunks: 4)
        let zeroChunk = sessionError { try service.begin(spec(chunk: 0), now: 0) }
        #expect(zeroChunk?.code == .invalidSpec)
        #expect(zeroChunk?.message == "chunkSize must be > 0, got 0")
        let zeroBytes = sessionError { try service.begin(spec(bytes: 0), now: 0) }
        #expect(zeroBytes?.code == .invalidSpec)
        #expect(zeroBytes?.message == "bytesExpected must be > 0, got 0")
        let tooMany = sessionError { try service.begin(spec(chunk: 4, bytes: 17), now: 0) }
        #expect(tooMany?.code == .invalidSpec)
        #expect(tooMany?.message == "17 bytes in chunks of 4 bytes need 5 chunks; the limit is 4")
        #expect(service == SessionService(ttl: 100, maxChunks: 4))
        #expect(service.nextId == SessionId(1))
        #expect((try? service.begin(spec(chunk: 4, bytes: 16), now: 0)) == SessionId(1))
    }

    @Test func oneLiveSessionPerOwnerAndKey() throws {
        var service = SessionService(ttl: 100)
        let first = try service.begin(spec(key: "k", owner: alice), now: 0)
        let before = service
        let again = sessionError { try service.begin(spec(key: "k", owner: alice), now: 1) }
        #expect(again?.code == .alreadyExists)
        #expect(again?.sessionId == first)
        #expect(again?.message == "the owner already has session 1 with idempotency key \"k\"")
        #expect(service == before)
        // Another owner, or another key, is a different session.
        let bobs = try service.begin(spec(key: "k", owner: bob), now: 0)
        let other = try service.begin(spec(key: "k2", owner: alice), now: 0)
        #expect(service.find(owner: alice, idempotencyKey: "k") == first)
        #expect(service.find(owner: bob, idempotencyKey: "k") == bobs)
        #expect(service.find(owner: alice, idempotencyKey: "k2") == other)
        #expect(service.find(owner: bob, idempotencyKey: "k2") == nil)
        #expect(service.count(owner: alice) == 2 && service.count(owner: bob) == 1 && service.count(owner: []) == 0)
        // Once the session is gone the key is free again, with a fresh id.
        try service.abort(first, owner: alice)
        #expect(service.find(owner: alice, idempotencyKey: "k") == nil)
        #expect(service.count(owner: alice) == 1)
        #expect(try service.begin(spec(key: "k", owner: alice), now: 2) == SessionId(4))
    }

    @Test func queriesOnUnknownSessions() {
        let service = SessionService(ttl: 100)
        #expect(service.session(SessionId(1)) == nil)
        #expect(sessionError { try service.receivedCount(SessionId(1)) }?.code == .notFound)
        #expect(sessionError { try service.missingChunks(SessionId(1)) }?.code == .notFound)
        let isReceived = sessionError { try service.isReceived(SessionId(1), index: 0) }
        #expect(isReceived?.code == .notFound)
        #expect(isReceived?.message == "session 1 not found")
        #expect(service.list().isEmpty)
        #expect(service.stats == SessionStats(active: 0, begun: 0, finished: 0, aborted: 0, expired: 0, cleared: 0))
    }
}
