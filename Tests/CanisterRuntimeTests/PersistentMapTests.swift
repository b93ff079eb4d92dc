// Tests/CanisterRuntimeTests/PersistentMapTests.swift - the persistent sorted map

import Testing
@testable import CanisterRuntime

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

    /// Random operations against `Dictionary`, checking contents, order and the AVL invariants.
    @Test func matchesDictionaryModel() {
        let seed: UInt64 = 0x5EED_0001
        var random = SplitMix64(seed: seed)
        var map: PersistentMap<UInt16, UInt32> = [:]
        var model: [UInt16: UInt32] = [:]
        for step in 0..<4_000 {
            let key = UInt16(random.next() % 600)
            if random.next() % 3 == 0 {
                #expect(map.removeValue(forKey: key) == model.removeValue(forKey: key), "seed \(seed) step \(step)")
            } else {
                let value = UInt32(truncatingIfNeeded: random.next())
                #expect(map.updateValue(value, forKey: key) == model.updateValue(value, forKey: key), "seed \(seed)")
            }
            if step % 500 == 0 {
                #expect(map.isValid, "seed \(seed) step \(step)")
            }
        }
        #expect(map.isValid, "seed \(seed)")
        #expect(map.count == model.count, "seed \(seed)")
        #expect(map.map(\.key) == model.keys.sorted(), "seed \(seed)")
        #expect(map.allSatisfy { model[$0.key] == $0.value }, "seed \(seed)")
        #expect(map.height <= 2 * 11, "seed \(seed): height \(map.height) for \(map.count) entries")
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
