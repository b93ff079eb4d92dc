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
}
