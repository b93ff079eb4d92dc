// Tests/CanisterRuntimeTests/StableMemoryTests.swift - pages, bounds and the per-message journal

import Testing
@testable import CanisterRuntime

@Suite struct StableMemoryTests {
    @Test func growReadWrite() throws {
        var memory = StableMemory(maximumPages: 4)
        #expect(memory.pageCount == 0 && memory.byteCount == 0)
        #expect(try memory.grow(by: 2) == 0)
        #expect(memory.byteCount == 131_072)
        #expect(try memory.read(at: 70_000, count: 4) == [0, 0, 0, 0])
        // A write across the page boundary.
        try memory.write(at: 65_534, [1, 2, 3, 4])
        #expect(try memory.read(at: 65_533, count: 6) == [0, 1, 2, 3, 4, 0])
        try memory.store(UInt64(0x0102_0304_0506_0708), at: 8)
        #expect(try memory.read(at: 8, count: 8) == [8, 7, 6, 5, 4, 3, 2, 1])
        #expect(try memory.load(UInt64.self, at: 8) == 0x0102_0304_0506_0708)
        var buffer = [UInt8](repeating: 0xFF, count: 3)
        try buffer.withUnsafeMutableBytes { try memory.read(at: 65_535, into: $0) }
        #expect(buffer == [2, 3, 4])
        try [UInt8]([5, 6]).withUnsafeBytes { try memory.write(at: 131_070, from: $0) }
        #expect(memory.view.bytes.suffix(2) == [5, 6])
        #expect(try memory.grow(by: 2) == 2)
    }

    @Test func spansLendThePagesInPlace() throws {
        var memory = StableMemory(maximumPages: 3)
        try memory.grow(by: 3)
        try memory.write(at: 65_534, [1, 2, 3, 4])
        // Across a written page, into a page never written (lent as zeros) and a third one.
        var spans: [(count: Int, bytes: [UInt8])] = []
        try memory.forEachSpan(at: 65_533, count: 65_536 + 10) { spans.append(($0.count, Array($0.prefix(6)))) }
        #expect(spans.map(\.count) == [3, 65_536, 7])
        #expect(spans[0].bytes == [0, 1, 2])
        #expect(spans[1].bytes == [3, 4, 0, 0, 0, 0])
        var viewed: [UInt8] = []
        try memory.view.forEachSpan(at: 131_071, count: 2) { viewed.append(contentsOf: $0) }
        #expect(viewed == [0, 0])
        var ran = false
        let trap = #expect(throws: Trap.self) { try memory.forEachSpan(at: 196_607, count: 2) { _ in ran = true } }
        #expect(
            trap?.message
                == "stable memory out of bounds (read of 2 bytes at offset 196607; stable memory is 196608 bytes)"
        )
        #expect(!ran)
    }

    @Test func growPastTheMaximumFails() throws {
        var memory = StableMemory(maximumPages: 3)
        try memory.grow(by: 2)
        let error = #expect(throws: StableMemoryError.self) { try memory.grow(by: 2) }
        #expect(error == StableMemoryError(currentPages: 2, requestedPages: 2, maximumPages: 3))
        #expect(error?.description == "stable memory cannot grow by 2 pages: it has 2 of at most 3")
        #expect(memory.pageCount == 2)
        #expect(throws: StableMemoryError.self) { try memory.grow(by: .max) }
        var unlimited = StableMemory(maximumPages: .max)
        #expect(throws: StableMemoryError.self) { try unlimited.grow(by: UInt64(Int.max)) }
        #expect(unlimited.pageCount == 0)
    }

    @Test func outOfBoundsTraps() throws {
        var memory = StableMemory(maximumPages: 2)
        try memory.grow(by: 1)
        let read = #expect(throws: Trap.self) { try memory.read(at: 65_533, count: 4) }
        #expect(read?.errorCode == .canisterTrapped)
        #expect(
            read?.message
                == "stable memory out of bounds (read of 4 bytes at offset 65533; stable memory is 65536 bytes)"
        )
        let write = #expect(throws: Trap.self) { try memory.write(at: .max, [1]) }
        #expect(write?.errorCode == .canisterTrapped)
        #expect(throws: Trap.self) { try memory.read(at: 0, count: -1) }
        #expect(throws: Trap.self) { try memory.load(UInt32.self, at: 65_533) }
        // Zero bytes at the end are in bounds.
        #expect(try memory.read(at: 65_536, count: 0) == [])
        #expect(memory.view.bytes == [UInt8](repeating: 0, count: 65_536))
    }

    @Test func journalRestoresTouchedPagesAndSize() throws {
        var memory = StableMemory(maximumPages: 100)
        try memory.grow(by: 10)
        try memory.write(at: 3 * 65_536, [1, 1, 1])
        let before = memory.view.bytes
        memory.beginMessage()
        try memory.write(at: 3 * 65_536 + 1, [2, 2, 2, 2])
        try memory.write(at: 3 * 65_536 + 2, [3])  // same page again: saved once
        try memory.write(at: 7 * 65_536 - 1, [4, 4])  // spans pages 6 and 7
        try memory.grow(by: 5)
        try memory.write(at: 12 * 65_536, [5])  // a page grown in this message: nothing to save
        #expect(memory.journaledPageCount == 3)
        memory.rollBackMessage()
        #expect(memory.pageCount == 10)
        #expect(memory.view.bytes == before)
        memory.beginMessage()
        try memory.write(at: 0, [6])
        memory.commitMessage()
        #expect(try memory.read(at: 0, count: 1) == [6])
    }

    @Test func viewsAreSnapshots() throws {
        var memory = StableMemory(maximumPages: 4)
        try memory.grow(by: 1)
        try memory.write(at: 0, [1])
        let view = memory.view
        try memory.write(at: 0, [2])
        #expect(try view.read(at: 0, count: 1) == [1])
        #expect(try memory.view.load(UInt8.self, at: 0) == 2)
        #expect(view.pageCount == 1 && view.byteCount == 65_536)
    }

    /// Empty reads from many threads at once: the result must not be built in the shared empty-array storage
    /// (a data race `swift test --sanitize=thread` reported for `bytes` of an empty memory).
    @Test func emptyReadsFromManyTasks() async throws {
        let view = StableMemory(maximumPages: 1).view
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<500).allSatisfy { _ in
                        view.bytes.isEmpty && (try? view.read(at: 0, count: 0)) == []
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }
}
