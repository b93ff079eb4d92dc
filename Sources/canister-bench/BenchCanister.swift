// Sources/canister-bench/BenchCanister.swift - a small canister for the call and rollback benchmarks

import Candid
import CanisterRuntime

/// A canister with a counter and a `PersistentMap` of `entries` keys (key → key): the smallest update call
/// (`inc`), an update that rewrites one key (`set`), and one that overwrites a key and then traps
/// (`set_then_trap`), so the runtime must roll it back.
struct BenchCanister: Canister {
    /// How many entries the map starts with.
    typealias InstallArgument = UInt64

    var counter: UInt64
    var entries: PersistentMap<UInt64, UInt64>

    init(install count: UInt64, context: inout CallContext) throws {
        counter = 0
        entries = PersistentMap((0 ..< count).lazy.map { ($0, $0) })
    }

    static let methods: [Method<BenchCanister>] = [
        .update("inc") { (canister: inout BenchCanister, _: inout CallContext) -> UInt64 in
            canister.counter += 1
            return canister.counter
        },
        .update("set") { (canister: inout BenchCanister, _: inout CallContext, key: UInt64) -> UInt64 in
            canister.entries[key] = key
            return key
        },
        .update("set_then_trap") { (canister: inout BenchCanister, context: inout CallContext, key: UInt64) -> UInt64 in
            canister.entries[key] = UInt64.max
            try context.trap("set_then_trap always traps")
        },
        .query("get") { (canister: BenchCanister, _: QueryContext, key: UInt64) -> UInt64? in
            canister.entries[key]
        },
    ]

}

/// The same trapping update on a state that keeps its entries in a `Dictionary`: the contrast that shows
/// what `PersistentMap` saves. The runtime keeps the state from before each update, so the first write to
/// the dictionary in a message copies all of it.
struct BenchDictionaryCanister: Canister {
    /// How many entries the dictionary starts with.
    typealias InstallArgument = UInt64

    var entries: [UInt64: UInt64]

    init(install count: UInt64, context: inout CallContext) throws {
        entries = Dictionary(uniqueKeysWithValues: (0 ..< count).lazy.map { ($0, $0) })
    }

    static let methods: [Method<BenchDictionaryCanister>] = [
        .update("set_then_trap") {
            (canister: inout BenchDictionaryCanister, context: inout CallContext, key: UInt64) -> UInt64 in
            canister.entries[key] = UInt64.max
            try context.trap("set_then_trap always traps")
        },
        .query("get") { (canister: BenchDictionaryCanister, _: QueryContext, key: UInt64) -> UInt64? in
            canister.entries[key]
        },
    ]
}

/// A replica without a call log, and a canister of type `C` installed on it with `entries` entries.
func installBenchCanister<C: Canister>(
    _ type: C.Type,
    entries: UInt64
) async throws -> (Replica, Principal) where C.InstallArgument == UInt64 {
    var configuration = ReplicaConfiguration()
    configuration.recordsCalls = false
    let replica = Replica(configuration: configuration)
    let canister = try await replica.install(type, argument: entries, controllers: [BenchPrincipals.controller])
    return (replica, canister)
}
