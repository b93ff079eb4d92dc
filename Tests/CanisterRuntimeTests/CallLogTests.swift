// Tests/CanisterRuntimeTests/CallLogTests.swift - the log of every call

import Candid
import Testing
@testable import CanisterRuntime

@Suite struct CallLogTests {
    @Test func recordsEveryCallInOrder() async throws {
        let replica = Replica()
        let alice = Principals.alice
        let id = try await installRawCounter(on: replica)
        try replica.advance(nanoseconds: 7)
        _ = await replica.update(id, method: "put", argument: le(1) + le(2), caller: alice)
        _ = await replica.query(id, method: "get", argument: [], caller: alice)
        _ = await replica.update(id, method: "inc_then_trap", argument: [])
        _ = await replica.update(id, method: "missing", argument: [9])
        try await replica.upgrade(id, argument: [])
        try await replica.uninstall(id)
        let log = replica.callLog
        #expect(log.map(\.sequence) == Array(0..<7))
        #expect(log.map(\.kind) == [
            .install, .method(.update), .method(.query), .method(.update), .method(.update), .upgrade, .uninstall,
        ])
        #expect(log.map(\.method) == ["install_code", "put", "get", "inc_then_trap", "missing", "install_code",
                                      "uninstall_code"])
        #expect(log[0].time == ReplicaConfiguration.defaultStartTime)
        #expect(log[1] == CallRecord(
            sequence: 1, time: ReplicaConfiguration.defaultStartTime + 7, caller: alice, canister: id,
            method: "put", kind: .method(.update), argument: le(1) + le(2), result: .success(le(1))))
        #expect(log[2].result == .success(le(0)))
        #expect(log[3].result.failure?.errorCode == .canisterCalledTrap)
        #expect(log[4].argument == [9] && log[4].result.failure?.errorCode == .canisterMethodNotFound)
        #expect(log[5].caller == Principals.alice && log[5].result == .success([]))
        replica.clearCallLog()
        #expect(replica.callLog.isEmpty)
        _ = await replica.update(id, method: "inc", argument: [])
        #expect(replica.callLog.map(\.sequence) == [7])
    }

    @Test func refusedAndUnroutableCallsAreLogged() async {
        let replica = Replica()
        let missing = Principal(unchecked: [1])
        _ = await replica.update(missing, method: "m", argument: [])
        _ = await replica.query(missing, method: "m", argument: [UInt8](repeating: 0, count: 2 * 1024 * 1024 + 1))
        let log = replica.callLog
        #expect(log.count == 2)
        #expect(log[0].result.failure?.errorCode == .canisterNotFound)
        #expect(log[1].kind == .method(.query) && log[1].result.failure?.code == .systemFatal)
    }

    @Test func loggingCanBeTurnedOff() async throws {
        var configuration = ReplicaConfiguration()
        configuration.recordsCalls = false
        let replica = Replica(configuration: configuration)
        let id = try await installRawCounter(on: replica)
        _ = await replica.update(id, method: "inc", argument: [])
        #expect(replica.callLog.isEmpty)
    }
}
