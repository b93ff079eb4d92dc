// Tests/UploadsTests/StorageTests.swift - region allocator, in-memory storage, blob sink, identifiers

import Sessions
import Testing

@testable import Uploads
import TestSupport

/// Unit tests of the storage layer both backends share (no backend involved).
@Suite("Storage layer")
struct StorageTests {
    @Test func allocatorReusesAndCoalesces() {
        var allocator = RegionAllocator(base: 100)
        let a = allocator.allocate(10)
        let b = allocator.allocate(20)
        let c = allocator.allocate(30)
        #expect(
            [a, b, c] == [
                BlobRegion(offset: 100, length: 10), BlobRegion(offset: 110, length: 20),
                BlobRegion(offset: 130, length: 30),
            ])
        #expect(allocator.end == 160 && allocator.allocatedBytes == 60)
        allocator.release(a)
        #expect(allocator.free == [a])
        allocator.release(b)
        #expect(allocator.free == [BlobRegion(offset: 100, length: 30)])  // merged with a
        let d = allocator.allocate(25)  // first fit in the hole
        #expect(d == BlobRegion(offset: 100, length: 25))
        #expect(allocator.free == [BlobRegion(offset: 125, length: 5)])
        allocator.release(c)  // reaches the end: lowers it, merging the 5-byte hole
        #expect(allocator.end == 125 && allocator.free.isEmpty)
        allocator.release(d)
        #expect(allocator.end == 100 && allocator.free.isEmpty && allocator.allocatedBytes == 0)
        #expect(allocator.isConsistent)
    }

    @Test func allocatorRandomSequenceStaysConsistent() {
        var rng = SplitMix64(seed: 42)
        var allocator = RegionAllocator(base: 65_536)
        var live: [BlobRegion] = []
        for step in 0..<2_000 {
            if live.isEmpty || Int.random(in: 0..<3, using: &rng) > 0 {
                live.append(allocator.allocate(UInt64.random(in: 1...500, using: &rng)))
            } else {
                allocator.release(live.remove(at: Int.random(in: 0..<live.count, using: &rng)))
            }
            #expect(allocator.isConsistent, "seed 42, step \(step)")
            #expect(allocator.allocatedBytes == live.reduce(0) { $0 + $1.length }, "seed 42, step \(step)")
            // Sorting every live region is the costly check (quadratic over the run in a debug build): every
            // step early on, where the layouts are most varied, then every 50th.
            if step < 200 || step % 50 == 0 {
                let sorted = live.sorted()
                let disjoint = zip(sorted, sorted.dropFirst()).allSatisfy { $0.end <= $1.offset }
                #expect(disjoint, "seed 42, step \(step)")
                if !disjoint { return }
            }
        }
        for region in live { allocator.release(region) }
        #expect(allocator.end == 65_536 && allocator.free.isEmpty)
    }

    @Test func inMemoryStorageGrowsByPagesUpToItsLimit() {
        var storage = InMemoryStorage(maxPages: 3)
        #expect(storage.pageCount == 0 && storage.byteCount == 0)
        #expect(storage.grow(by: 2) == 0)
        #expect(storage.grow(by: 2) == nil)
        #expect(storage.pageCount == 2)
        let fits = storage.ensureCapacity(3 * 65_536)
        let overflows = storage.ensureCapacity(3 * 65_536 + 1)
        #expect(fits && !overflows)
        storage.write(offset: 65_535, [1, 2, 3])
        #expect(storage.read(offset: 65_534, count: 5) == [0, 1, 2, 3, 0])
    }

    @Test func aPutStaysInItsRegion() throws {
        var storage = InMemoryStorage()
        _ = storage.grow(by: 1)
        let region = BlobRegion(offset: 100, length: 10)
        var sink = RegionSink(storage: storage, region: region)
        let outcome = [
            Self.refuses { try sink.write(at: 6, [7, 8, 9, 10]) },
            Self.refuses { try sink.write(at: 7, [1, 2, 3, 4]) },
            Self.refuses { try sink.write(at: 11, []) },
        ]
        #expect(outcome == [false, true, true])
        #expect(sink.storage.read(offset: 105, count: 7) == [0, 7, 8, 9, 10, 0, 0])
    }

    @Test func inMemoryStorageLendsItsBytes() {
        var storage = InMemoryStorage()
        _ = storage.grow(by: 1)
        storage.write(offset: 10, [1, 2, 3])
        var spans: [[UInt8]] = []
        storage.forEachSpan(offset: 9, count: 5) { spans.append(Array($0)) }
        #expect(spans == [[0, 1, 2, 3, 0]])
        #expect(storage.read(offset: 9, count: 5) == [0, 1, 2, 3, 0])
        #expect(storage.holds([1, 2, 3], at: 10))
        #expect(!storage.holds([1, 2, 4], at: 10))
    }

    static func refuses(_ body: () throws -> Void) -> Bool {
        do {
            try body()
            return false
        } catch {
            return true
        }
    }

    @Test func identifiersAreCanonicalDecimals() {
        #expect(Identifier.blob.text(42) == "blob_42")
        #expect(Identifier.memory.number(in: "mem_7") == 7)
        #expect(Identifier.capsule.number(in: "capsule_0") == 0)
        #expect(Identifier.blob.number(in: "blob_18446744073709551615") == UInt64.max)
        for bad in ["blob_", "blob_007", "blob_+1", "blob_1 ", "mem_1", "blob_18446744073709551616", "blob_1e3"] {
            #expect(Identifier.blob.number(in: bad) == nil, "\(bad)")
        }
    }
}
