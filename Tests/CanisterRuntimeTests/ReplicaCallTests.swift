// Tests/CanisterRuntimeTests/ReplicaCallTests.swift - calls, rejects and rollback (raw-byte canister)

import Candid
import Testing
@testable import CanisterRuntime

@Suite struct ReplicaCallTests {
    let alice = Principals.alice

    @Test func updatesPersistAndQueriesRead() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        #expect(await replica.update(id, method: "inc", argument: []) == .success(le(1)))
        #expect(await replica.update(id, method: "inc", argument: []) == .success(le(2)))
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(2)))
        #expect(await replica.call(id, method: "get", argument: []) == .success(le(2)))
        #expect(await replica.call(id, method: "inc", argument: []) == .success(le(3)))
    }

    @Test func callerAndSelfAreReported() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        #expect(await replica.query(id, method: "whoami", argument: [], caller: alice) == .success(alice.bytes))
        #expect(await replica.update(id, method: "whoami_update", argument: []) == .success([0x04]))
        #expect(await replica.query(id, method: "self", argument: []) == .success(id.bytes))
        #expect(id.bytes == [0, 0, 0, 0, 0, 0, 0, 1, 1, 1])
        let second = replica.createCanister(controllers: [])
        #expect(second.bytes == [0, 0, 0, 0, 0, 0, 0, 2, 1, 1])
        #expect(replica.canisterIds == [id, second])
    }

    @Test func unknownCanisterIsDestinationInvalid() async {
        let replica = Replica()
        let missing = Principal(unchecked: [0, 0, 0, 0, 0, 0, 0, 9, 1, 1])
        let reject = await replica.update(missing, method: "inc", argument: []).failure
        #expect(reject == Reject(code: .destinationInvalid, errorCode: .canisterNotFound,
                                 message: "Canister \(missing) not found."))
        #expect(await replica.query(missing, method: "get", argument: []).failure?.errorCode == .canisterNotFound)
    }

    @Test func emptyCanisterHasNoModule() async {
        let replica = Replica()
        let id = replica.createCanister(controllers: [alice])
        let reject = await replica.update(id, method: "inc", argument: []).failure
        #expect(reject?.code == .canisterError)
        #expect(reject?.errorCode == .canisterWasmModuleNotFound)
        #expect(reject?.errorCode?.description == "IC0537")
        #expect(reject?.message == "Error from Canister \(id): Attempted to execute a message, but the canister "
            + "contains no Wasm module.")
    }

    @Test func unknownMethodAndWrongKind() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        let unknown = await replica.update(id, method: "nope", argument: []).failure
        #expect(unknown == Reject(code: .canisterError, errorCode: .canisterMethodNotFound,
                                  message: "Error from Canister \(id): Canister has no update method 'nope'."))
        #expect(unknown?.errorCode?.description == "IC0536")
        // An update method is not a query.
        let asQuery = await replica.query(id, method: "inc", argument: []).failure
        #expect(asQuery == Reject(code: .canisterError, errorCode: .canisterMethodNotFound,
                                  message: "Error from Canister \(id): Canister has no query method 'inc'."))
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(0)))
        // A query method called as an update runs, and persists nothing.
        #expect(await replica.update(id, method: "get", argument: []) == .success(le(0)))
    }

    @Test func trapRollsBackHeapAndStableMemory() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        _ = await replica.update(id, method: "inc", argument: [])
        let reject = await replica.update(id, method: "inc_then_trap", argument: []).failure
        #expect(reject == Reject(code: .canisterError, errorCode: .canisterCalledTrap,
            message: "Error from Canister \(id): Canister called `ic0.trap` with message: 'boom'."))
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(1)))
        #expect(await replica.query(id, method: "stable_size", argument: []) == .success(le(0)))
        #expect(try await replica.stableMemory(of: id).byteCount == 0)
    }

    @Test func thrownSwiftErrorIsATrap() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        let reject = await replica.update(id, method: "inc_then_throw", argument: []).failure
        #expect(reject?.code == .canisterError)
        #expect(reject?.errorCode == .canisterCalledTrap)
        #expect(reject?.message
            == "Error from Canister \(id): Canister called `ic0.trap` with message: 'a Swift error'.")
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(0)))
    }

    @Test func explicitRejectKeepsChanges() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        let reject = await replica.update(id, method: "inc_then_reject", argument: []).failure
        #expect(reject == Reject(code: .canisterReject, errorCode: .canisterRejectedMessage, message: "not today"))
        #expect(reject?.errorCode?.description == "IC0406")
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(1)))
        #expect(await replica.query(id, method: "query_reject", argument: []).failure
            == Reject(code: .canisterReject, errorCode: .canisterRejectedMessage, message: "no queries"))
        #expect(await replica.query(id, method: "query_trap", argument: []).failure?.message
            == "Error from Canister \(id): Canister called `ic0.trap` with message: 'query boom'.")
    }

    @Test func stableMemoryOutOfBoundsIsCanisterTrapped() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        let reject = await replica.update(id, method: "read_stable_update", argument: le(10) + le(1)).failure
        #expect(reject?.code == .canisterError)
        #expect(reject?.errorCode == .canisterTrapped)
        #expect(reject?.errorCode?.description == "IC0502")
        #expect(reject?.message == "Error from Canister \(id): Canister trapped: stable memory out of bounds "
            + "(read of 1 bytes at offset 10; stable memory is 0 bytes).")
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(0)))
        let query = await replica.query(id, method: "read_stable", argument: le(0) + le(1)).failure
        #expect(query?.errorCode == .canisterTrapped)
    }

    @Test func stableMemoryGrowsWritesAndHasAMaximum() async throws {
        var configuration = ReplicaConfiguration()
        configuration.maximumStableMemoryPages = 3
        let replica = Replica(configuration: configuration)
        let id = try await installRawCounter(on: replica)
        #expect(await replica.update(id, method: "write_stable", argument: le(65_530) + [1, 2, 3, 4, 5, 6, 7, 8])
            == .success(le(2)))
        #expect(await replica.query(id, method: "read_stable", argument: le(65_529) + le(10))
            == .success([0, 1, 2, 3, 4, 5, 6, 7, 8, 0]))
        #expect(await replica.update(id, method: "grow", argument: le(1)) == .success(le(2)))
        let reject = await replica.update(id, method: "grow", argument: le(1)).failure
        #expect(reject?.errorCode == .canisterCalledTrap)
        #expect(reject?.message == "Error from Canister \(id): Canister called `ic0.trap` with message: "
            + "'stable memory cannot grow by 1 pages: it has 3 of at most 3'.")
        #expect(try await replica.stableMemory(of: id).pageCount == 3)
    }

    @Test func ingressPayloadLimit() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        let limit = 2 * 1024 * 1024
        let atLimit = le(0) + [UInt8](repeating: 1, count: limit - 8)
        #expect(await replica.update(id, method: "write_stable", argument: atLimit) == .success(le(32)))
        let over = le(0) + [UInt8](repeating: 2, count: limit - 7)
        let reject = await replica.update(id, method: "write_stable", argument: over).failure
        #expect(reject == Reject(
            code: .systemFatal, errorCode: nil,
            message: "Request payload of 2097153 bytes is larger than the maximum ingress payload of 2097152 bytes; "
                + "the replica refuses it (HTTP 413) before any canister runs."))
        #expect(await replica.query(id, method: "read_stable", argument: over).failure?.code == .systemFatal)
        #expect(await replica.query(id, method: "read_stable", argument: le(0) + le(2))
            == .success([1, 1]))
    }

    @Test func updateReplyLimitTrapsAndRollsBack() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        let limit = UInt64(2 * 1024 * 1024)
        #expect(await replica.update(id, method: "reply", argument: le(limit)).success?.count == Int(limit))
        let reject = await replica.update(id, method: "reply", argument: le(limit + 1)).failure
        #expect(reject == Reject(
            code: .canisterError, errorCode: .canisterContractViolation,
            message: "Error from Canister \(id): Canister violated contract: ic0.msg_reply_data_append: "
                + "application payload size (2097153) cannot be larger than 2097152."))
        #expect(reject?.errorCode?.description == "IC0504")
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(1)))
    }

    @Test func queryReplyLimitIsThreeMebibytes() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        let limit = UInt64(3 * 1024 * 1024)
        #expect(await replica.query(id, method: "query_reply", argument: le(limit)).success?.count == Int(limit))
        let reject = await replica.query(id, method: "query_reply", argument: le(limit + 1)).failure
        #expect(reject?.errorCode == .canisterContractViolation)
        #expect(reject?.message.hasSuffix("application payload size (3145729) cannot be larger than 3145728.") == true)
        // The same query method called as an update has the update limit.
        let asUpdate = await replica.update(id, method: "query_reply", argument: le(limit)).failure
        #expect(asUpdate?.message.hasSuffix("(3145728) cannot be larger than 2097152.") == true)
    }

    @Test func queriesNeverPersist() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        _ = await replica.update(id, method: "write_stable", argument: le(0) + [7])
        // `read_stable_update` changes the heap; called as a query it is refused, so nothing changes.
        #expect(await replica.query(id, method: "read_stable_update", argument: le(0) + le(1)).failure?.errorCode
            == .canisterMethodNotFound)
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(0)))
        let view = try await replica.stableMemory(of: id)
        #expect(try view.read(at: 0, count: 2) == [7, 0])
    }

    @Test func rejectDescription() {
        let reject = Reject(code: .canisterError, errorCode: .canisterCalledTrap, message: "m")
        #expect(reject.description == "IC0503 (CANISTER_ERROR): m")
        #expect(Reject(code: .systemFatal, errorCode: nil, message: "m").description == "(SYS_FATAL): m")
        #expect(ErrorCode(rawValue: 207).rejectCode == .systemTransient)
        #expect(ErrorCode(rawValue: 999).rejectCode == nil)
        #expect(ErrorCode.canisterNotFound.description == "IC0301")
    }
}
