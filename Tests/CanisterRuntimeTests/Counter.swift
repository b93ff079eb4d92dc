// Tests/CanisterRuntimeTests/Counter.swift - the example canister, declared once with Swift types

import Candid
@testable import CanisterRuntime

/// The example canister of the module's documentation: a counter with a label, declared with typed
/// methods whose Candid types come from the Swift mapping.
struct Counter: Canister, Equatable {
    struct Config: Codable, Hashable, Sendable {
        var start: UInt64
        var label: String
    }

    struct Snapshot: Codable, Hashable, Sendable {
        var count: UInt64
        var label: String
        var caller: Principal
        var history: [UInt64]
    }

    enum Outcome: Codable, Hashable, Sendable {
        case accepted(UInt64)
        case refused(String)

        enum CodingKeys: CodingKey, CaseIterable {
            case accepted, refused
        }
    }

    enum CounterError: Error, Codable, Hashable, Sendable {
        case tooLarge(limit: UInt64)
        case frozen

        enum CodingKeys: CodingKey, CaseIterable {
            case tooLarge, frozen
        }
    }

    /// A recursive type: it appears in the `.did` as a named definition.
    struct Tree: Codable, Hashable, Sendable {
        var value: UInt64
        var children: [Tree]
    }

    typealias InstallArgument = Config

    var count: UInt64
    var label: String
    var history: PersistentMap<UInt64, UInt64> = [:]

    init(install config: Config, context: inout CallContext) throws {
        count = config.start
        label = config.label
    }

    /// Restores the count `preUpgrade` saved; takes the new label.
    init(upgrade config: Config, context: inout CallContext) throws {
        count = try context.stableMemory.load(UInt64.self, at: 0)
        label = config.label
    }

    func preUpgrade(context: inout CallContext) throws {
        if context.stableMemory.pageCount == 0 { try context.stableMemory.grow(by: 1) }
        try context.stableMemory.store(count, at: 0)
    }

    static let methods: [Method<Counter>] = [
        .update("inc") { (counter: inout Counter, context: inout CallContext) -> UInt64 in
            counter.count += 1
            counter.history[UInt64(counter.history.count)] = counter.count
            return counter.count
        },
        .update("add") { (counter: inout Counter, _: inout CallContext, amount: UInt64) -> UInt64 in
            counter.count += amount
            return counter.count
        },
        .query("get") { (counter: Counter, _: QueryContext) -> UInt64 in counter.count },
        .query("whoami") { (_: Counter, context: QueryContext) -> Principal in context.caller },
        .update("inc_then_trap") { (counter: inout Counter, context: inout CallContext) -> UInt64 in
            counter.count += 1
            try context.trap("inc undone")
        },
        .update("save") { (_: inout Counter, context: inout CallContext, offset: UInt64, bytes: [UInt8]) -> UInt64 in
            let end = offset + UInt64(bytes.count)
            let pages = (end + 65_535) / 65_536
            if context.stableMemory.pageCount < pages {
                try context.stableMemory.grow(by: pages - context.stableMemory.pageCount)
            }
            try context.stableMemory.write(at: offset, bytes)
            return context.stableMemory.pageCount
        },
        .query("load") { (_: Counter, context: QueryContext, offset: UInt64, count: UInt64) -> [UInt8] in
            try context.stableMemory.read(at: offset, count: Int(count))
        },
        .update("schedule") {
            (_: inout Counter, context: inout CallContext, seconds: UInt64, amount: UInt64) -> UInt64 in
            let timer = try context.setTimer(after: .seconds(Int64(seconds))) {
                (counter: inout Counter, _: inout CallContext) in counter.count += amount
            }
            return timer.rawValue
        },
        .query("snapshot") { (counter: Counter, context: QueryContext) -> Snapshot in
            Snapshot(count: counter.count, label: counter.label, caller: context.caller,
                     history: Array(counter.history.values))
        },
        .update("try_add") { (counter: inout Counter, _: inout CallContext, amount: UInt64) -> Outcome in
            guard amount <= 100 else { return .refused("\(amount) is over 100") }
            counter.count += amount
            return .accepted(counter.count)
        },
        .update("checked_add") {
            (counter: inout Counter, _: inout CallContext, amount: UInt64) -> Result<UInt64, CounterError> in
            guard counter.label != "frozen" else { return .failure(.frozen) }
            guard amount <= 100 else { return .failure(.tooLarge(limit: 100)) }
            counter.count += amount
            return .success(counter.count)
        },
        .query("pair") { (counter: Counter, _: QueryContext) -> (UInt64, String) in (counter.count, counter.label) },
        .update("set_label") { (counter: inout Counter, _: inout CallContext, label: String?) in
            counter.label = label ?? "unnamed"
        },
        .query("tree") { (_: Counter, _: QueryContext, depth: UInt8) -> Tree in
            func build(_ level: UInt8) -> Tree {
                Tree(value: UInt64(level), children: level == 0 ? [] : [build(level - 1)])
            }
            return build(depth)
        },
        .query("controllers") { (_: Counter, context: QueryContext) -> [Principal] in context.controllers },
    ]
}
