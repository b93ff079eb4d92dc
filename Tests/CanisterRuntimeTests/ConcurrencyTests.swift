// Tests/CanisterRuntimeTests/ConcurrencyTests.swift - many tasks, one replica: serialized per canister

import Candid
import Synchronization
import Testing
@testable import CanisterRuntime

/// Counts handlers running at once per canister, to prove messages to one canister never interleave.
struct Probe: Canister {
    var runs: UInt64 = 0

    /// In-flight handlers per canister, and the most ever seen at once.
    static let inFlight = Mutex([Principal: (now: Int, most: Int)]())

    init(install _: NoArguments, context: inout CallContext) throws {}

    static let methods: [Method<Probe>] = [
        .rawUpdate("work") { probe, context, _ in
            let id = context.canisterId
            Probe.inFlight.withLock { table in
                var entry = table[id] ?? (0, 0)
                entry.now += 1
                entry.most = max(entry.most, entry.now)
                table[id] = entry
            }
            var spin: UInt64 = 0
            for step in 0..<2_000 { spin &+= UInt64(step) &* probe.runs }
            probe.runs += 1 + (spin & 0)
            Probe.inFlight.withLock { $0[id]?.now -= 1 }
            return le(probe.runs)
        },
        .rawQuery("runs") { probe, _, _ in le(probe.runs) },
    ]
}

@Suite struct ConcurrencyTests {
    @Test func callsToOneCanisterNeverInterleave() async throws {
        let replica = Replica()
        var ids: [Principal] = []
        for _ in 0..<3 {
            let id = replica.createCanister(controllers: [.anonymous])
            try await replica.install(CanisterModule(Probe.self), on: id, argument: [])
            ids.append(id)
        }
        let canisters = ids
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<60 {
                group.addTask {
                    _ = await replica.update(canisters[task % 3], method: "work", argument: [])
                    _ = await replica.query(canisters[task % 3], method: "runs", argument: [])
                }
            }
        }
        for id in canisters {
            #expect(await replica.query(id, method: "runs", argument: []) == .success(le(20)))
            #expect(Probe.inFlight.withLock { $0[id]?.most } == 1)
        }
        let updates = replica.callLog.filter { $0.kind == .method(.update) }
        #expect(updates.count == 60)
        #expect(Set(replica.callLog.map(\.sequence)).count == replica.callLog.count)
    }

    @Test func clockTimersAndCallsFromManyTasks() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<40 {
                group.addTask {
                    switch task % 4 {
                    case 0: _ = await replica.update(id, method: "set_timer", argument: le(0) + le(1))
                    case 1: try? replica.advance(nanoseconds: 1)
                    case 2: await replica.tick()
                    default: _ = await replica.update(id, method: "put", argument: le(UInt64(task)) + le(1))
                    }
                }
            }
        }
        await replica.tick()
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(10)))
        #expect(replica.time == ReplicaConfiguration.defaultStartTime + 10)
        #expect(try await replica.state(of: id, as: RawCounter.self).entries.count == 10)
    }
}

@Suite struct IsolatedDriverTests {
    @Test func manyCallsInOneHop() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        let replies = try await replica.withCanister(id) { host in
            var replies = (0..<1_000).map { _ in host.update("inc", argument: []) }
            replies.append(host.call("get", argument: []))
            replies.append(host.query("inc", argument: []))
            replies.append(host.update("inc", argument: [UInt8](repeating: 0, count: 2 * 1024 * 1024 + 1)))
            return replies
        }
        #expect(replies[999] == .success(le(1_000)))
        #expect(replies[1_000] == .success(le(1_000)))
        #expect(replies[1_001].failure?.errorCode == .canisterMethodNotFound)
        #expect(replies[1_002].failure?.code == .systemFatal)
        #expect(replica.callLog.filter { $0.kind == .method(.query) }.count == 2)
        let missing = Principal(unchecked: [9])
        let error = await #expect(throws: Reject.self) { try await replica.withCanister(missing) { $0.id } }
        #expect(error?.errorCode == .canisterNotFound)
    }
}
