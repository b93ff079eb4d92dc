// Tests/CanisterRuntimeTests/RawCounter.swift - a canister with raw-byte methods (no Candid needed)

import Candid
@testable import CanisterRuntime

/// A counter and a map, with methods that trap, reject, write stable memory and set timers. Arguments and
/// replies are little-endian `UInt64`s, so the runtime's semantics are testable without the Candid codec.
struct RawCounter: Canister, Equatable {
    var count: UInt64 = 0
    var entries: PersistentMap<UInt64, UInt64> = [:]
    /// The markers of the timers that ran, in the order they ran.
    var trail: [UInt64] = []
    /// When set, `pre_upgrade` traps.
    var preUpgradeTraps = false
    /// How many times `post_upgrade` ran on this lineage (kept across upgrades through the image).
    var upgrades: UInt64 = 0

    /// Where `pre_upgrade` saves the heap: page 4 onwards (the methods write pages 0..<4).
    static let imageOffset = UInt64(4 * StableMemory.pageSize)

    init(install _: NoArguments, context: inout CallContext) throws {}

    init(upgrade _: NoArguments, context: inout CallContext) throws {
        let memory = context.stableMemory
        guard memory.byteCount >= Self.imageOffset + 24 else { return }
        count = try memory.load(UInt64.self, at: Self.imageOffset)
        upgrades = try memory.load(UInt64.self, at: Self.imageOffset + 8) + 1
        let entryCount = try memory.load(UInt64.self, at: Self.imageOffset + 16)
        for index in 0..<entryCount {
            let at = Self.imageOffset + 24 + 16 * index
            entries[try memory.load(UInt64.self, at: at)] = try memory.load(UInt64.self, at: at + 8)
        }
    }

    /// Saves the image; when armed, traps after writing it (so the rollback of its stable memory writes shows).
    func preUpgrade(context: inout CallContext) throws {
        let image = Self.image(count: count, upgrades: upgrades, entries: entries)
        try Self.ensure(bytes: Self.imageOffset + UInt64(image.count), in: &context.stableMemory)
        try context.stableMemory.write(at: Self.imageOffset, image)
        if preUpgradeTraps {
            try context.stableMemory.write(at: 0, [0xFE, 0xFE])
            try context.trap("pre_upgrade refuses")
        }
    }

    /// The bytes `pre_upgrade` writes at ``imageOffset``.
    static func image(count: UInt64, upgrades: UInt64, entries: PersistentMap<UInt64, UInt64>) -> [UInt8] {
        var bytes = le(count) + le(upgrades) + le(UInt64(entries.count))
        for (key, value) in entries { bytes += le(key) + le(value) }
        return bytes
    }

    /// Grows the memory to hold `bytes` bytes.
    static func ensure(bytes: UInt64, in memory: inout StableMemory) throws {
        let pages = (bytes + UInt64(StableMemory.pageSize) - 1) / UInt64(StableMemory.pageSize)
        if memory.pageCount < pages {
            try memory.grow(by: pages - memory.pageCount)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String { "a Swift error" }
    }

    /// How `change_then_fail` ends its message.
    enum Ending: UInt8, CaseIterable, Sendable {
        /// `context.trap`: IC0503.
        case explicitTrap = 0
        /// A Swift error thrown by the handler: IC0503 with the error's description.
        case thrownError = 1
        /// A reply of 2 MiB + 1 bytes: IC0504.
        case replyOverLimit = 2
    }

    static let methods: [Method<RawCounter>] = [
        .rawUpdate("inc") { counter, _, _ in
            counter.count += 1
            return le(counter.count)
        },
        .rawQuery("get") { counter, _, _ in le(counter.count) },
        .rawQuery("whoami") { _, context, _ in context.caller.bytes },
        .rawUpdate("whoami_update") { _, context, _ in context.caller.bytes },
        .rawUpdate("inc_then_trap") { counter, context, _ in
            counter.count += 1
            try context.stableMemory.grow(by: 1)
            try context.stableMemory.write(at: 0, [1, 2, 3])
            try context.trap("boom")
        },
        .rawUpdate("inc_then_throw") { counter, _, _ in
            counter.count += 1
            throw Failure()
        },
        .rawUpdate("inc_then_reject") { counter, context, _ in
            counter.count += 1
            try context.reject("not today")
        },
        // Argument: an `Ending`. Changes the count, an entry and stable memory (an existing page and a new
        // one, and it grows the memory), then fails that way.
        .rawUpdate("change_then_fail") { counter, context, argument in
            counter.count += 1
            counter.entries[7_777] = 1
            counter.trail.append(7_777)
            try RawCounter.ensure(bytes: 3, in: &context.stableMemory)
            try context.stableMemory.write(at: 0, [0xEE, 0xEE, 0xEE])
            try context.stableMemory.grow(by: 1)
            try context.stableMemory.write(at: context.stableMemory.byteCount - 1, [0xEE])
            try context.setTimer(after: .zero) { (counter: inout RawCounter, _: inout CallContext) in
                counter.count += 1_000
            }
            switch Ending(rawValue: argument.first ?? 0) ?? .explicitTrap {
            case .explicitTrap: try context.trap("changes undone")
            case .thrownError: throw Failure()
            case .replyOverLimit: return [UInt8](repeating: 7, count: 2 * 1024 * 1024 + 1)
            }
        },
        // Changes a copy of the state it is given, and reports it: nothing of it may persist.
        .rawQuery("query_changes_copy") { counter, context, _ in
            var copy = counter
            copy.count += 100
            copy.entries[8_888] = 8
            copy.trail.append(8_888)
            return le(copy.count) + le(UInt64(copy.entries.count)) + le(context.stableMemory.pageCount)
        },
        .rawQuery("query_reject") { _, context, _ in try context.reject("no queries") },
        .rawQuery("query_trap") { _, context, _ in try context.trap("query boom") },
        .rawUpdate("put") { counter, _, argument in
            counter.entries[uint64(argument)] = uint64(argument, at: 8)
            return le(UInt64(counter.entries.count))
        },
        .rawUpdate("put_then_trap") { counter, context, argument in
            counter.entries[uint64(argument)] = uint64(argument, at: 8)
            try context.trap("put refused")
        },
        .rawQuery("lookup") { counter, _, argument in
            counter.entries[uint64(argument)].map(le) ?? []
        },
        .rawQuery("entries") { counter, _, _ in
            counter.entries.flatMap { le($0.key) + le($0.value) }
        },
        .rawUpdate("arm_pre_upgrade_trap") { counter, _, argument in
            counter.preUpgradeTraps = argument.first == 1
            return []
        },
        .rawQuery("upgrades") { counter, _, _ in le(counter.upgrades) },
        // Argument: offset (8 bytes) then the bytes to write; grows the memory to fit.
        .rawUpdate("write_stable") { _, context, argument in
            let offset = uint64(argument)
            let bytes = Array(argument.dropFirst(8))
            try RawCounter.ensure(bytes: offset + UInt64(bytes.count), in: &context.stableMemory)
            try context.stableMemory.write(at: offset, bytes)
            return le(context.stableMemory.pageCount)
        },
        .rawUpdate("write_stable_then_trap") { _, context, argument in
            let offset = uint64(argument)
            let bytes = Array(argument.dropFirst(8))
            try RawCounter.ensure(bytes: offset + UInt64(bytes.count), in: &context.stableMemory)
            try context.stableMemory.write(at: offset, bytes)
            try context.trap("write refused")
        },
        // Argument: offset, count.
        .rawQuery("read_stable") { _, context, argument in
            try context.stableMemory.read(at: uint64(argument), count: Int(uint64(argument, at: 8)))
        },
        .rawUpdate("read_stable_update") { counter, context, argument in
            counter.count += 1
            return try context.stableMemory.read(at: uint64(argument), count: Int(uint64(argument, at: 8)))
        },
        // Writes byte 0xEE at offset 0, then writes past the end of stable memory (a runtime fault).
        .rawUpdate("write_then_out_of_bounds") { counter, context, _ in
            counter.count += 1
            try context.stableMemory.write(at: 0, [0xEE])
            try context.stableMemory.write(at: context.stableMemory.byteCount - 1, [1, 2])
            return []
        },
        .rawUpdate("grow") { _, context, argument in
            le(try context.stableMemory.grow(by: uint64(argument)))
        },
        .rawQuery("stable_size") { _, context, _ in le(context.stableMemory.pageCount) },
        // Argument: reply size. Changes state first, so a reply over the limit shows the rollback.
        .rawUpdate("reply") { counter, _, argument in
            counter.count += 1
            return [UInt8](repeating: 7, count: Int(uint64(argument)))
        },
        .rawQuery("query_reply") { _, _, argument in [UInt8](repeating: 7, count: Int(uint64(argument))) },
        .rawQuery("time") { _, context, _ in le(context.time) },
        .rawUpdate("time_twice") { _, context, _ in le(context.time) + le(context.time) },
        .rawQuery("controllers") { _, context, _ in
            context.controllers.flatMap { [UInt8($0.bytes.count)] + $0.bytes }
        },
        .rawQuery("self") { _, context, _ in context.canisterId.bytes },
        // Argument: delay in ns, amount to add when the timer fires.
        .rawUpdate("set_timer") { _, context, argument in
            let amount = uint64(argument, at: 8)
            let timer = try context.setTimer(after: .nanoseconds(Int64(uint64(argument)))) {
                (counter: inout RawCounter, _: inout CallContext) in counter.count += amount
            }
            return le(timer.rawValue)
        },
        .rawUpdate("set_timer_then_trap") { _, context, argument in
            try context.setTimer(after: .nanoseconds(Int64(uint64(argument)))) {
                (counter: inout RawCounter, _: inout CallContext) in counter.count += 1
            }
            try context.trap("no timer after all")
        },
        // Argument: interval in ns; each run adds 1, and the timer clears itself once count reaches 3 runs.
        .rawUpdate("set_periodic") { _, context, argument in
            let timer = try context.setTimerInterval(every: .nanoseconds(Int64(uint64(argument)))) {
                (counter: inout RawCounter, context: inout CallContext) in
                counter.count += 1
                counter.entries[999, default: 0] += 1
                if counter.entries[999] == 3, let me = context.currentTimer { context.clearTimer(me) }
            }
            return le(timer.rawValue)
        },
        // A timer that traps after changing state.
        .rawUpdate("set_trapping_timer") { _, context, argument in
            let timer = try context.setTimer(after: .nanoseconds(Int64(uint64(argument)))) {
                (counter: inout RawCounter, context: inout CallContext) in
                counter.count += 100
                try context.trap("timer boom")
            }
            return le(timer.rawValue)
        },
        .rawUpdate("set_rejecting_timer") { _, context, _ in
            try context.setTimer(after: .zero) { (counter: inout RawCounter, context: inout CallContext) in
                counter.count += 1
                try context.reject("nobody to reject")
            }
            return []
        },
        .rawUpdate("clear_timer") { _, context, argument in
            context.clearTimer(TimerID(rawValue: uint64(argument)))
            return []
        },
        // Argument: delay in ns, marker. The timer appends the marker to `trail`.
        .rawUpdate("set_marker_timer") { _, context, argument in
            let marker = uint64(argument, at: 8)
            let timer = try context.setTimer(after: .nanoseconds(Int64(uint64(argument)))) {
                (counter: inout RawCounter, _: inout CallContext) in counter.trail.append(marker)
            }
            return le(timer.rawValue)
        },
        // Argument: interval in ns, marker. Every run appends the marker to `trail`.
        .rawUpdate("set_marker_periodic") { _, context, argument in
            let marker = uint64(argument, at: 8)
            let timer = try context.setTimerInterval(every: .nanoseconds(Int64(uint64(argument)))) {
                (counter: inout RawCounter, _: inout CallContext) in counter.trail.append(marker)
            }
            return le(timer.rawValue)
        },
        .rawQuery("trail") { counter, _, _ in counter.trail.flatMap(le) },
        .rawUpdate("caller_of_timer") { _, context, argument in
            try context.setTimer(after: .zero) { (counter: inout RawCounter, context: inout CallContext) in
                counter.entries[1_000] = UInt64(context.caller.bytes.count)
                counter.entries[1_001] = context.methodName == "canister_global_timer" ? 1 : 0
            }
            return []
        },
    ]
}

/// Upgrading to this type always fails in `post_upgrade`, after writing stable memory.
struct BrokenUpgrade: Canister {
    init(install _: NoArguments, context: inout CallContext) throws {}

    init(upgrade _: NoArguments, context: inout CallContext) throws {
        try context.stableMemory.grow(by: 2)
        try context.stableMemory.write(at: 0, [9, 9, 9, 9])
        try context.trap("post_upgrade refuses")
    }

    static let methods: [Method<BrokenUpgrade>] = []
}

/// A canister whose `init` traps.
struct FailingInit: Canister {
    init(install _: NoArguments, context: inout CallContext) throws {
        try context.trap("init refuses")
    }

    static let methods: [Method<FailingInit>] = []
}

/// A canister declaring a method twice.
struct DuplicateMethods: Canister {
    init(install _: NoArguments, context: inout CallContext) throws {}

    static let methods: [Method<DuplicateMethods>] = [
        .rawUpdate("a") { _, _, _ in [] },
        .rawQuery("a") { _, _, _ in [] },
    ]
}

/// Installs `RawCounter` on a fresh canister without Candid (empty install argument).
func installRawCounter(on replica: Replica, controllers: [Principal] = [Principals.alice]) async throws -> Principal {
    let id = replica.createCanister(controllers: controllers)
    try await replica.install(CanisterModule(RawCounter.self), on: id, argument: [])
    return id
}

/// A canister with a method whose Swift type has no Candid mapping (an enum without listed cases).
struct UnmappableMethod: Canister {
    enum Opaque: Codable, Sendable {
        case one(UInt8)
    }

    init(install _: NoArguments, context: inout CallContext) throws {}

    static let methods: [Method<UnmappableMethod>] = [
        .query("opaque") { (_: UnmappableMethod, _: QueryContext) -> Opaque in .one(1) },
    ]
}
