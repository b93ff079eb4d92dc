// Tests/CanisterRuntimeTests/RollbackCostTests.swift - rollback costs what a message changed, not the state size

import Candid
import Testing
@testable import CanisterRuntime

/// 100,000 entries in a persistent map and 1,000 pages of stable memory.
struct BigState: Canister {
    var entries: PersistentMap<UInt64, UInt64> = [:]

    static let size: UInt64 = 100_000

    init(install _: NoArguments, context: inout CallContext) throws {
        for key in 0..<Self.size { entries[key] = key }
        try context.stableMemory.grow(by: 1_000)
    }

    static let methods: [Method<BigState>] = [
        .rawUpdate("set") { state, _, argument in
            state.entries[uint64(argument)] = uint64(argument, at: 8)
            return []
        },
        .rawUpdate("set_then_trap") { state, context, argument in
            state.entries[uint64(argument)] = uint64(argument, at: 8)
            try context.trap("undo")
        },
        // Writes one byte into each of the given pages, then reports how many pages the journal saved.
        .rawUpdate("touch_pages") { _, context, argument in
            for index in stride(from: 0, to: argument.count, by: 8) {
                try context.stableMemory.write(at: uint64(argument, at: index) * 65_536 + 1, [0xAB])
            }
            return le(UInt64(context.stableMemory.journaledPageCount))
        },
        // Fills the first `n` pages with their index (so they hold real 64 KiB buffers).
        .rawUpdate("fill_pages") { _, context, argument in
            for index in 0..<uint64(argument) {
                try context.stableMemory.write(at: index * 65_536, [UInt8](repeating: UInt8(index), count: 65_536))
            }
            return []
        },
        .rawUpdate("touch_pages_then_trap") { _, context, argument in
            for index in stride(from: 0, to: argument.count, by: 8) {
                try context.stableMemory.write(at: uint64(argument, at: index) * 65_536 + 1, [0xCD])
            }
            try context.trap("undo pages")
        },
    ]
}

@Suite struct RollbackCostTests {
    @Test func oneKeyUpdateOnAHundredThousandEntries() async throws {
        let replica = Replica()
        let id = replica.createCanister(controllers: [.anonymous])
        try await replica.install(CanisterModule(BigState.self), on: id, argument: [])
        let before = try await replica.state(of: id, as: BigState.self).entries
        #expect(before.count == 100_000)

        // A committed one-key update allocates at most one root-to-leaf path: the rest is shared.
        #expect(await replica.update(id, method: "set", argument: le(77_777) + le(1)) == .success([]))
        let after = try await replica.state(of: id, as: BigState.self).entries
        let allocated = after.nodesNotShared(with: before)
        #expect(allocated >= 1 && allocated <= after.height, "allocated \(allocated), height \(after.height)")
        #expect(after[77_777] == 1 && before[77_777] == 77_777)

        // A trapping one-key update leaves the very same version in place: nothing copied, nothing changed.
        let reject = await replica.update(id, method: "set_then_trap", argument: le(5) + le(9)).failure
        #expect(reject?.errorCode == .canisterCalledTrap)
        let restored = try await replica.state(of: id, as: BigState.self).entries
        #expect(restored.isIdentical(to: after))
        #expect(restored[5] == 5)
    }

    @Test func stableMemoryJournalHoldsOnlyTouchedPages() async throws {
        let replica = Replica()
        let id = replica.createCanister(controllers: [.anonymous])
        try await replica.install(CanisterModule(BigState.self), on: id, argument: [])
        #expect(try await replica.stableMemory(of: id).pageCount == 1_000)
        // Three writes to two distinct pages of 1,000: the journal saved two pages.
        let touched = le(3) + le(999) + le(3)
        #expect(await replica.update(id, method: "touch_pages", argument: touched) == .success(le(2)))
        let committed = try await replica.stableMemory(of: id)
        #expect(try committed.read(at: 3 * 65_536, count: 3) == [0, 0xAB, 0])
        #expect(try committed.read(at: 999 * 65_536 + 1, count: 1) == [0xAB])

        let reject = await replica.update(id, method: "touch_pages_then_trap", argument: le(3) + le(500)).failure
        #expect(reject?.errorCode == .canisterCalledTrap)
        let restored = try await replica.stableMemory(of: id)
        #expect(try restored.read(at: 3 * 65_536 + 1, count: 1) == [0xAB])
        #expect(try restored.read(at: 500 * 65_536 + 1, count: 1) == [0])
    }

    /// Committing or rolling back a message copies only the pages it wrote: every other page of the memory is
    /// the very same buffer before and after (a runtime that snapshotted or copied the memory would fail this).
    @Test func onlyTouchedPagesAreCopied() async throws {
        let replica = Replica()
        let id = try await replica.install(BigState.self)
        #expect(await replica.update(id, method: "fill_pages", argument: le(64)) == .success([]))
        let before = try await replica.stableMemory(of: id)
        #expect(try before.read(at: 5 * 65_536, count: 2) == [5, 5])

        #expect(await replica.update(id, method: "touch_pages", argument: le(3) + le(40)) == .success(le(2)))
        let committed = try await replica.stableMemory(of: id)
        #expect(Self.samePages(before, committed) == Set(0..<64).subtracting([3, 40]))
        #expect(try committed.read(at: 3 * 65_536, count: 3) == [3, 0xAB, 3])

        let reject = await replica.update(id, method: "touch_pages_then_trap", argument: le(7) + le(63)).failure
        #expect(reject?.errorCode == .canisterCalledTrap)
        let restored = try await replica.stableMemory(of: id)
        // The rollback put back the original buffers of pages 7 and 63, and touched no other page.
        #expect(Self.samePages(committed, restored) == Set(0..<64))
        #expect(try restored.read(at: 63 * 65_536, count: 3) == [63, 63, 63])
    }

    /// The indices of the filled pages (0..<64) that share their buffer between the two views.
    static func samePages(_ a: StableMemoryView, _ b: StableMemoryView) -> Set<Int> {
        func address(_ page: [UInt8]) -> UnsafeRawPointer? {
            page.withUnsafeBytes { $0.baseAddress }
        }
        return Set((0..<64).filter { address(a.storage.pages[$0]) == address(b.storage.pages[$0]) })
    }
}
