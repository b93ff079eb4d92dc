// Tests/PersistentCollectionsTests/PersistentMapTests.swift - the sorted map and set that share nodes on copy

import PersistentCollections
import Testing
import TestSupport

@Suite struct PersistentMapTests {
    @Test func insertLookupRemove() {
        var map: PersistentMap<Int, String> = [3: "c", 1: "a", 2: "b"]
        #expect(map.count == 3)
        #expect(map[2] == "b")
        #expect(map[4] == nil)
        #expect(map.updateValue("B", forKey: 2) == "b")
        #expect(map.removeValue(forKey: 1) == "a")
        #expect(map.removeValue(forKey: 1) == nil)
        #expect(Array(map.keys) == [2, 3])
        #expect(Array(map.values) == ["B", "c"])
        #expect(map.description == "[2: B, 3: c]")
        map[3] = nil
        map[5, default: "x"] += "y"
        #expect(Array(map.keys) == [2, 5])
        #expect(map[5] == "xy")
        map.removeAll()
        #expect(map.isEmpty && map.first == nil && map.last == nil)
    }

    @Test func copiesAreIndependent() {
        var original: PersistentMap<Int, Int> = [:]
        for key in 0..<100 { original[key] = key }
        let snapshot = original
        #expect(snapshot.isIdentical(to: original))
        original[50] = -1
        original[200] = 200
        original[0] = nil
        #expect(!snapshot.isIdentical(to: original))
        #expect(snapshot.count == 100)
        #expect(snapshot[50] == 50 && snapshot[0] == 0 && snapshot[200] == nil)
        #expect(original.count == 100)
        #expect(original[50] == -1 && original[0] == nil && original[200] == 200)
    }

    @Test func orderedQueries() {
        let map = PersistentMap((0..<50).map { ($0 * 2, $0) })  // keys 0, 2, ..., 98
        #expect(map.first?.key == 0 && map.last?.key == 98)
        #expect(map.element(atOffset: 10)?.key == 20)
        #expect(map.element(atOffset: 50) == nil && map.element(atOffset: -1) == nil)
        #expect(map.offset(of: 20) == 10)
        #expect(map.offset(of: 21) == 11)
        #expect(Array(map.elements(from: 91).map(\.key)) == [92, 94, 96, 98])
        #expect(Array(map.elements(from: 200)).isEmpty)
        #expect(map == PersistentMap((0..<50).reversed().map { ($0 * 2, $0) }))
        #expect(map != PersistentMap((0..<49).map { ($0 * 2, $0) }))
    }

    /// Random operations against `Dictionary`, checking contents, order, the returned old values and the
    /// AVL invariants.
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
                #expect(map.updateValue(value, forKey: key) == model.updateValue(value, forKey: key), "seed \(seed)")
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
        #expect(map.first?.key == model.keys.min() && map.last?.key == model.keys.max())
        #expect(map.height <= 2 * 11, "seed \(seed): height \(map.height) for \(map.count) entries")
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

    /// What a runtime does before each update: keep the old value. The write after it must leave the
    /// kept value alone and allocate only the path to the key, not a copy of the map.
    @Test func aWriteAfterACopyAllocatesOnlyAPath() {
        var map = PersistentMap<Int, [UInt8]>()
        for key in 0 ..< 10_000 { map[key] = [UInt8(truncatingIfNeeded: key)] }
        let kept = map
        let bound = PersistentMap<Int, [UInt8]>.nodesPerWriteBound(entries: 10_000)
        map[5_000] = [1, 2, 3]
        #expect(map.nodesNotShared(with: kept) <= bound)
        #expect(kept[5_000] == [UInt8(truncatingIfNeeded: 5_000)])
        map[10_000] = []
        map[17] = nil
        #expect(map.nodesNotShared(with: kept) <= 3 * bound)
        #expect(kept.count == 10_000 && map.count == 10_000)
        #expect(kept[17] != nil && kept[10_000] == nil)
        #expect(kept.isValid && map.isValid)
        // A copy with no write shares everything.
        let copy = map
        #expect(copy.nodesNotShared(with: map) == 0)
        // The bound is far below the size: a Dictionary would have copied all 10,000 entries.
        #expect(bound < 30)
    }

    /// One update on 100,000 entries allocates O(log n) nodes; every other node is shared with the old
    /// version, which stays intact.
    @Test func updateSharesAllButAPath() {
        var map: PersistentMap<Int, Int> = [:]
        for key in 0..<100_000 { map[key] = key }
        #expect(map.height <= 25)
        let before = map
        map[54_321] = -1
        let replaced = map.nodesNotShared(with: before)
        #expect(replaced >= 1 && replaced <= map.height, "replaced \(replaced) nodes, height \(map.height)")
        let afterReplace = map
        map[100_000] = 100_000
        let inserted = map.nodesNotShared(with: afterReplace)
        #expect(inserted >= 1 && inserted <= 2 * map.height, "insert allocated \(inserted) nodes")
        let afterInsert = map
        map[7] = nil
        let removed = map.nodesNotShared(with: afterInsert)
        #expect(removed <= 2 * map.height, "remove allocated \(removed) nodes")
        #expect(before[54_321] == 54_321 && before.count == 100_000 && before[7] == 7)
        #expect(map.count == 100_000 && map[54_321] == -1 && map[7] == nil)
    }
}
