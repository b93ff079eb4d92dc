// Tests/SessionsTests/TableSharingTests.swift - a message after a snapshot copies no session table

import PersistentCollections
@testable import Sessions
import Testing

@Suite struct TableSharingTests {
    /// The engine's tables: after a copy, a stored chunk and a begin touch O(log n) nodes of each table.
    @Test func aChunkAfterACopyDoesNotCopyTheSessionTables() throws {
        var service = SessionService(ttl: 1_000_000)
        for index in 0 ..< 2_000 {
            let owner: [UInt8] = [UInt8(index % 7)]
            _ = try service.begin(spec(chunk: 4, bytes: 8, key: "k\(index)", owner: owner), now: UInt64(index))
        }
        let kept = service
        _ = try service.put(SessionId(1_000), 0, chunk(4), owner: [UInt8(999 % 7)], now: 5_000)
        let bound = PersistentMap<Int, Int>.nodesPerWriteBound(entries: 2_000)
        #expect(service.sessions.nodesNotShared(with: kept.sessions) <= bound)
        #expect(service.expiry.entries.map.nodesNotShared(with: kept.expiry.entries.map) <= 2 * bound)
        #expect(service.idempotency.nodesNotShared(with: kept.idempotency) == 0)
        #expect(kept.session(SessionId(1_000))?.receivedCount == 0)
        #expect(service.session(SessionId(1_000))?.receivedCount == 1)

        let beforeBegin = service
        _ = try service.begin(spec(chunk: 4, bytes: 8, key: "new", owner: [9]), now: 5_000)
        #expect(service.sessions.nodesNotShared(with: beforeBegin.sessions) <= bound)
        #expect(service.idempotency.nodesNotShared(with: beforeBegin.idempotency) <= bound)
        #expect(service.ownerCounts.nodesNotShared(with: beforeBegin.ownerCounts) <= PersistentMap<Int, Int>.nodesPerWriteBound(entries: 8))
        #expect(service.expiry.entries.map.nodesNotShared(with: beforeBegin.expiry.entries.map) <= bound)
    }
}
