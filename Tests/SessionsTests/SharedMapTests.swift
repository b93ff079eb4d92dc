// Tests/SessionsTests/PersistentMapTests.swift - the sorted map that shares nodes on copy, and what it saves

import Testing
@testable import Sessions

/// At most this many nodes are new after one insert, update or removal in a tree of `count` entries: the
/// path from the root (an AVL tree of n nodes is at most 1.45 log2(n + 2) high) plus the rotated nodes.
func pathBound(_ count: Int) -> Int {
    var bits = 0
    while (1 << bits) < count + 2 { bits += 1 }
    return 3 * bits / 2 + 4
}

@Suite struct PersistentMapTests {
    @Test func randomOperationsMatchADictionary() {
        let seed: UInt64 = 0x5A7E_D3A9
        var random = SplitMix64(seed: seed)
        var map = PersistentMap<UInt16, UInt32>()
        var model: [UInt16: UInt32] = [:]
        for step in 0 ..< 20_000 {
            let key = UInt16.random(in: 0 ..< 600, using: &random)
            if Int.random(in: 0 ..< 3, using: &random) == 0 {
                #expect(map.removeValue(forKey: key) == model.removeValue(forKey: key), "seed \(seed) step \(step)")
            } else {
                let value = UInt32.random(in: 0 ... .max, using: &random)
                map[key] = value
                model[key] = value
            }
            if step % 997 == 0 {
                #expect(map.isValid, "seed \(seed) step \(step)")
                #expect(map.keys == model.keys.sorted(), "seed \(seed) step \(step)")
            }
        }
        #expect(map.isValid)
        #expect(map.count == model.count)
        #expect(map.keys == model.keys.sorted())
        #expect(map.values == model.keys.sorted().compactMap { model[$0] })
        #expect(map.first?.key == model.keys.min())
        for key: UInt16 in 0 ..< 600 { #expect(map[key] == model[key], "seed \(seed) key \(key)") }
    }

    @Test func entriesAfterAKeyPage() {
        var map = PersistentMap<Int, String>()
        for key in stride(from: 10, through: 100, by: 10) { map[key] = "v\(key)" }
        #expect(map.entries(after: nil, limit: 3).entries.map(\.key) == [10, 20, 30])
        #expect(map.entries(after: nil, limit: 3).more)
        #expect(map.entries(after: 30, limit: 3).entries.map(\.key) == [40, 50, 60])
        #expect(map.entries(after: 35, limit: 2).entries.map(\.value) == ["v40", "v50"])
        #expect(map.entries(after: 70, limit: 3).entries.map(\.key) == [80, 90, 100])
        #expect(!map.entries(after: 70, limit: 3).more)
        #expect(map.entries(after: 100, limit: 3).entries.isEmpty)
        #expect(map.entries(after: 5, limit: 100).entries.count == 10)
        #expect(map.entry(before: 10) == nil)
        #expect(map.entry(before: 11)?.key == 10)
        #expect(map.entry(before: 55)?.value == "v50")
        #expect(map.entry(before: 1_000)?.key == 100)
        var set = PersistentSet([5, 1, 3])
        set.insert(3)
        #expect(Array(set) == [1, 3, 5] && set.count == 3 && set.first == 1)
        #expect(set.elements(after: 1, limit: 1) == ([3], true))
        set.remove(1)
        #expect(Array(set) == [3, 5] && !set.contains(1))
    }

    @Test func equalityIgnoresTheTreeShape() {
        var ascending = PersistentMap<Int, Int>()
        var descending = PersistentMap<Int, Int>()
        for key in 0 ..< 100 { ascending[key] = key * 2 }
        for key in (0 ..< 100).reversed() { descending[key] = key * 2 }
        #expect(ascending == descending)
        #expect(ascending.hashValue == descending.hashValue)
        descending[50] = 0
        #expect(ascending != descending)
        let literal: PersistentMap<String, Int> = ["b": 2, "a": 1]
        #expect(literal.keys == ["a", "b"])
    }

    /// What the runtime does before each update: keep the old value. The write after it must leave the
    /// kept value alone and allocate only the path to the key, not a copy of the map.
    @Test func aWriteAfterACopyAllocatesOnlyAPath() {
        var map = PersistentMap<Int, [UInt8]>()
        for key in 0 ..< 10_000 { map[key] = [UInt8(truncatingIfNeeded: key)] }
        let kept = map
        map[5_000] = [1, 2, 3]
        #expect(map.nodesNotShared(with: kept) <= pathBound(10_000))
        #expect(kept[5_000] == [UInt8(truncatingIfNeeded: 5_000)])
        map[10_000] = []
        map[17] = nil
        #expect(map.nodesNotShared(with: kept) <= 3 * pathBound(10_000))
        #expect(kept.count == 10_000 && map.count == 10_000)
        #expect(kept[17] != nil && kept[10_000] == nil)
        #expect(kept.isValid && map.isValid)
        // A copy with no write shares everything.
        let copy = map
        #expect(copy.nodesNotShared(with: map) == 0)
        // The bound is far below the size: a Dictionary would have copied all 10,000 entries.
        #expect(pathBound(10_000) < 30)
    }

    /// The engine's tables: after a copy, a stored chunk and a begin touch O(log n) nodes of each table.
    @Test func aChunkAfterACopyDoesNotCopyTheSessionTables() throws {
        var service = SessionService(ttl: 1_000_000)
        for index in 0 ..< 2_000 {
            let owner: [UInt8] = [UInt8(index % 7)]
            _ = try service.begin(spec(chunk: 4, bytes: 8, key: "k\(index)", owner: owner), now: UInt64(index))
        }
        let kept = service
        _ = try service.put(SessionId(1_000), 0, chunk(4), owner: [UInt8(999 % 7)], now: 5_000)
        let bound = pathBound(2_000)
        #expect(service.sessions.nodesNotShared(with: kept.sessions) <= bound)
        #expect(service.expiry.entries.map.nodesNotShared(with: kept.expiry.entries.map) <= 2 * bound)
        #expect(service.idempotency.nodesNotShared(with: kept.idempotency) == 0)
        #expect(kept.session(SessionId(1_000))?.receivedCount == 0)
        #expect(service.session(SessionId(1_000))?.receivedCount == 1)

        let beforeBegin = service
        _ = try service.begin(spec(chunk: 4, bytes: 8, key: "new", owner: [9]), now: 5_000)
        #expect(service.sessions.nodesNotShared(with: beforeBegin.sessions) <= bound)
        #expect(service.idempotency.nodesNotShared(with: beforeBegin.idempotency) <= bound)
        #expect(service.ownerCounts.nodesNotShared(with: beforeBegin.ownerCounts) <= pathBound(8))
        #expect(service.expiry.entries.map.nodesNotShared(with: beforeBegin.expiry.entries.map) <= bound)
    }
}
