// Sources/canister-bench/Benchmarks+Calls.swift - the cost of a call through the replica, and of a rollback

import Candid
import CanisterRuntime
import UploadCanister

extension Benchmark {
    /// The per-call budget.
    static let callTarget = SpeedTarget.atMost(
        microseconds: 20,
        note: "a call through the simulated replica costs at most 20 µs, so a script of thousands of calls "
            + "replays in well under a second"
    )

    /// Calls per sample of the call benchmarks.
    static let callsPerSample = 20_000

    /// `whoami` queries one after another through the replica (encoded argument in, reply bytes checked).
    static var callOverheadWhoami: Benchmark {
        .measured(
            "call-overhead-whoami",
            measures: "`whoami` query on the upload canister through the replica, reply bytes checked, "
                + "20,000 per sample",
            unit: .operations("call"),
            target: callTarget
        ) {
            let (replica, canister) = try blockingAwait { try await installUploads(.direct) }
            let argument = try Candid.encode([])
            let expected = try Candid.encodeArguments(BenchPrincipals.client)
            let calls = callsPerSample
            return {
                try blockingAwait {
                    for _ in 0 ..< calls {
                        let reply = try await replica.query(
                            canister, method: "whoami", argument: argument, caller: BenchPrincipals.client
                        ).get()
                        guard reply == expected else { throw BenchError("whoami replied \(reply)") }
                    }
                }
                return calls
            }
        }
    }

    /// `inc` updates on a small canister: the message bracket (state snapshot, journal, commit) of the
    /// smallest update.
    static var replicaUpdateCounter: Benchmark {
        .measured(
            "replica-update-counter",
            measures: "`inc` update (a counter += 1) on a small canister through the replica, reply decoded, "
                + "20,000 per sample",
            unit: .operations("call"),
            target: .atMost(
                microseconds: 1,
                note: "1,000,000 calls/s for the smallest update: the replica's own cost per call (issue #15)"
            )
        ) {
            let (replica, canister) = try blockingAwait {
                try await installBenchCanister(BenchCanister.self, entries: 16)
            }
            let argument = try Candid.encodeArguments()
            let calls = callsPerSample
            var expected: UInt64 = 0
            return {
                expected = try blockingAwait { [expected] in
                    var count = expected
                    for _ in 0 ..< calls {
                        let reply = try await replica.update(
                            canister, method: "inc", argument: argument, caller: BenchPrincipals.client
                        ).get()
                        count += 1
                        guard try Candid.decodeArguments(reply, as: UInt64.self) == count else {
                            throw BenchError("inc replied \(reply), expected \(count)")
                        }
                    }
                    return count
                }
                return calls
            }
        }
    }

    /// An update that rewrites one key of a 16-entry `PersistentMap`, committed.
    static var commitOneKeySmall: Benchmark {
        .measured(
            "commit-one-key-small",
            measures: "update that rewrites one key of a 16-entry `PersistentMap`, committed, through the replica, "
                + "20,000 per sample",
            unit: .operations("call"),
            target: callTarget
        ) { try oneKeyBody(BenchCanister.self, entries: 16, calls: callsPerSample, trapping: false) }
    }

    /// The same write followed by a trap: the cost of a rollback on a small state.
    static var rollbackOneKeySmall: Benchmark {
        .measured(
            "rollback-one-key-small",
            measures: "the same update, then a trap: the write is rolled back",
            unit: .operations("call"),
            references: ["commit-one-key-small"],
            target: callTarget
        ) { try oneKeyBody(BenchCanister.self, entries: 16, calls: callsPerSample, trapping: true) }
    }

    /// The same one-key write on 100,000 entries, committed: what the write itself costs at that size.
    static var commitOneKey100K: Benchmark {
        .measured(
            "commit-one-key-100k",
            measures: "the one-key write, committed, on a canister holding 100,000 entries",
            unit: .operations("call"),
            target: callTarget
        ) { try oneKeyBody(BenchCanister.self, entries: 100_000, calls: callsPerSample, trapping: false) }
    }

    /// The trapping update on 100,000 entries: a rollback costs what the message touched, not the size of the
    /// state.
    static var rollbackOneKey100K: Benchmark {
        .measured(
            "rollback-one-key-100k",
            measures: "the one-key write then a trap, on a canister holding 100,000 entries",
            unit: .operations("call"),
            references: ["rollback-one-key-small", "commit-one-key-100k"],
            target: .atMost(
                2.0, timesOf: "commit-one-key-100k",
                note: "rollback costs what the message changed, not the size of the state: the runtime keeps the "
                    + "state from before the message (O(1) for a `PersistentMap`, whose write copies its O(log n) "
                    + "path), so on 100,000 entries a trap adds to the write about what it adds on 16 entries "
                    + "(compare rollback-one-key-small with commit-one-key-small); "
                    + "rollback-one-key-100k-dictionary shows the whole copy a `Dictionary` would cost instead"
            )
        ) { try oneKeyBody(BenchCanister.self, entries: 100_000, calls: callsPerSample, trapping: true) }
    }

    /// The contrast: the same trapping update when the 100,000 entries are in a `Dictionary`.
    static var rollbackOneKey100KDictionary: Benchmark {
        .measured(
            "rollback-one-key-100k-dictionary",
            measures: "contrast, no target: the same on 100,000 entries kept in a `Dictionary`, which the first "
                + "write after the runtime's snapshot copies whole; 200 per sample",
            unit: .operations("call"),
            references: ["rollback-one-key-100k"]
        ) { try oneKeyBody(BenchDictionaryCanister.self, entries: 100_000, calls: 200, trapping: true) }
    }

    /// Set-up: a canister of type `C` with `entries` entries (key → key). The body sends `calls` one-key
    /// writes for keys spread over the map: `set_then_trap`, checking each reply is a trap (IC0503), or
    /// `set`, checking each reply; then it checks the last key still maps to itself.
    static func oneKeyBody<C: Canister>(
        _ type: C.Type,
        entries: UInt64,
        calls: Int,
        trapping: Bool
    ) throws -> () throws -> Int where C.InstallArgument == UInt64 {
        let (replica, canister) = try blockingAwait { try await installBenchCanister(type, entries: entries) }
        let keys = (0 ..< 1_024).map { UInt64($0) * entries / 1_024 }
        let arguments = try keys.map { try Candid.encodeArguments($0) }
        let method = trapping ? "set_then_trap" : "set"
        return {
            try blockingAwait {
                for call in 0 ..< calls {
                    let result = await replica.update(
                        canister, method: method, argument: arguments[call % arguments.count],
                        caller: BenchPrincipals.client
                    )
                    switch result {
                    case .failure(let reject) where trapping && reject.errorCode == .canisterCalledTrap:
                        continue
                    case .success(let reply) where !trapping && reply == arguments[call % arguments.count]:
                        continue
                    default:
                        throw BenchError("\(method) replied \(result)")
                    }
                }
                let key = keys[(calls - 1) % keys.count]
                let value = try await replica.query(
                    canister, "get", key, caller: BenchPrincipals.client, returning: UInt64?.self
                )
                guard value == key else {
                    throw BenchError("key \(key) holds \(String(describing: value)) after \(method)")
                }
            }
            return calls
        }
    }
}
