// Tests/CanisterRuntimeTests/RuleTests.swift - each execution rule: the exact reject, and nothing changed

import Candid
import Testing
@testable import CanisterRuntime

/// Everything a message could change on a `RawCounter`: the heap, the stable memory and the pending timers.
struct Fingerprint: Equatable {
    var state: RawCounter
    var stableMemory: [UInt8]
    var nextTimerDue: UInt64?

    init(_ replica: Replica, _ id: Principal) async throws {
        state = try await replica.state(of: id, as: RawCounter.self)
        stableMemory = try await replica.stableMemory(of: id).bytes
        nextTimerDue = replica.nextTimerDue
    }
}

/// One test per rule of the runtime's semantics. Each asserts the exact reject (reject code, IC error code,
/// message) and that the heap, the stable memory and the timers are exactly as before.
@Suite struct RuleTests {
    let start = ReplicaConfiguration.defaultStartTime

    /// A `RawCounter` with count 2, entry 5 → 50, bytes 1, 2, 3 at offset 100 of stable memory (one page),
    /// and a timer due 1 µs from now.
    func populated(_ replica: Replica) async throws -> Principal {
        let id = try await installRawCounter(on: replica, controllers: [Principals.alice])
        #expect(await replica.update(id, method: "inc", argument: []) == .success(le(1)))
        #expect(await replica.update(id, method: "inc", argument: []) == .success(le(2)))
        #expect(await replica.update(id, method: "put", argument: le(5) + le(50)) == .success(le(1)))
        #expect(await replica.update(id, method: "write_stable", argument: le(100) + [1, 2, 3]) == .success(le(1)))
        #expect(await replica.update(id, method: "set_timer", argument: le(1_000) + le(1)) == .success(le(1)))
        let fingerprint = try await Fingerprint(replica, id)
        #expect(fingerprint.state.count == 2 && fingerprint.state.entries == [5: 50])
        #expect(fingerprint.stableMemory.count == 65_536 && fingerprint.stableMemory[100 ..< 103] == [1, 2, 3])
        #expect(fingerprint.nextTimerDue == start + 1_000)
        return id
    }

    static let endings = RawCounter.Ending.allCases

    @Test(arguments: Self.endings)
    func everyTrapKindRollsBackHeapStableMemoryAndTimers(ending: RawCounter.Ending) async throws {
        let replica = Replica()
        let id = try await populated(replica)
        let before = try await Fingerprint(replica, id)
        let result = await replica.update(id, method: "change_then_fail", argument: [ending.rawValue])
        let expected: Reject = switch ending {
        case .explicitTrap:
            Reject(code: .canisterError, errorCode: .canisterCalledTrap,
                   message: "Error from Canister \(id): Canister called `ic0.trap` with message: 'changes undone'.")
        case .thrownError:
            Reject(code: .canisterError, errorCode: .canisterCalledTrap,
                   message: "Error from Canister \(id): Canister called `ic0.trap` with message: 'a Swift error'.")
        case .replyOverLimit:
            Reject(code: .canisterError, errorCode: .canisterContractViolation,
                   message: "Error from Canister \(id): Canister violated contract: ic0.msg_reply_data_append: "
                       + "application payload size (2097153) cannot be larger than 2097152.")
        }
        #expect(result == .failure(expected))
        #expect(try await Fingerprint(replica, id) == before)
        #expect(replica.callLog.last?.result == .failure(expected))
        // The timer the message set does not exist: only the old one runs.
        try replica.advance(nanoseconds: 1_000)
        #expect(await replica.tick() == 1)
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(3)))
    }

    @Test func theSameChangesCommitWhenTheMessageEndsNormally() async throws {
        // The control for the test above: `put` then `write_stable` with the same changes do persist.
        let replica = Replica()
        let id = try await populated(replica)
        let before = try await Fingerprint(replica, id)
        #expect(await replica.update(id, method: "inc", argument: []) == .success(le(3)))
        #expect(await replica.update(id, method: "write_stable", argument: le(0) + [0xEE]) == .success(le(1)))
        let after = try await Fingerprint(replica, id)
        #expect(after.state.count == before.state.count + 1)
        #expect(after.stableMemory[0] == 0xEE && before.stableMemory[0] == 0)
    }

    @Test func aStableMemoryAccessOutOfBoundsTrapsAndRollsBack() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        let before = try await Fingerprint(replica, id)
        let result = await replica.update(id, method: "write_then_out_of_bounds", argument: [])
        #expect(result == .failure(Reject(code: .canisterError, errorCode: .canisterTrapped,
            message: "Error from Canister \(id): Canister trapped: stable memory out of bounds (write of 2 bytes at "
                + "offset 65535; stable memory is 65536 bytes).")))
        #expect(result.failure?.errorCode?.description == "IC0502")
        #expect(try await Fingerprint(replica, id) == before)
    }

    @Test func aQueryNeverPersistsAnything() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        let before = try await Fingerprint(replica, id)
        // The query changed its copy of the state (count 102, 2 entries) and saw one page of stable memory.
        let reply = le(102) + le(2) + le(1)
        #expect(await replica.query(id, method: "query_changes_copy", argument: []) == .success(reply))
        #expect(try await Fingerprint(replica, id) == before)
        // Called as an update, a query method runs as a query: its changes are discarded too.
        #expect(await replica.update(id, method: "query_changes_copy", argument: []) == .success(reply))
        #expect(try await Fingerprint(replica, id) == before)
        // A query that traps or rejects changes nothing either.
        #expect(await replica.query(id, method: "query_trap", argument: []).failure?.errorCode == .canisterCalledTrap)
        #expect(await replica.query(id, method: "query_reject", argument: []).failure?.code == .canisterReject)
        #expect(try await Fingerprint(replica, id) == before)
        // Queries get only a read-only view of stable memory (`QueryContext.stableMemory: StableMemoryView`), so
        // a query cannot write it at all.
    }

    @Test func anUpdateMethodCalledAsAQueryIsRejected() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        let before = try await Fingerprint(replica, id)
        for method in ["inc", "put", "change_then_fail"] {
            let result = await replica.query(id, method: method, argument: le(1) + le(1))
            #expect(result == .failure(Reject(
                code: .canisterError, errorCode: .canisterMethodNotFound,
                message: "Error from Canister \(id): Canister has no query method '\(method)'.")))
            #expect(result.failure?.errorCode?.description == "IC0536")
        }
        #expect(try await Fingerprint(replica, id) == before)
    }

    @Test func anUnknownMethodIsRejected() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        let before = try await Fingerprint(replica, id)
        let update = await replica.update(id, method: "incr", argument: [])
        #expect(update == .failure(Reject(code: .canisterError, errorCode: .canisterMethodNotFound,
            message: "Error from Canister \(id): Canister has no update method 'incr'.")))
        let query = await replica.query(id, method: "gett", argument: [])
        #expect(query == .failure(Reject(code: .canisterError, errorCode: .canisterMethodNotFound,
            message: "Error from Canister \(id): Canister has no query method 'gett'.")))
        // `call` sends an unknown method as an update.
        #expect(await replica.call(id, method: "incr", argument: []) == update)
        #expect(try await Fingerprint(replica, id) == before)
    }

    @Test func anArgumentOverTwoMebibytesIsRefusedBeforeTheCanisterRuns() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        let before = try await Fingerprint(replica, id)
        let argument = le(0) + [UInt8](repeating: 9, count: 2 * 1024 * 1024 - 7)
        let expected = Reject(
            code: .systemFatal, errorCode: nil,
            message: "Request payload of 2097153 bytes is larger than the maximum ingress payload of 2097152 bytes; "
                + "the replica refuses it (HTTP 413) before any canister runs.")
        #expect(await replica.update(id, method: "write_stable", argument: argument) == .failure(expected))
        #expect(await replica.query(id, method: "read_stable", argument: argument) == .failure(expected))
        #expect(await replica.call(id, method: "write_stable", argument: argument) == .failure(expected))
        #expect(try await Fingerprint(replica, id) == before)
        #expect(replica.callLog.suffix(3).map(\.result) == Array(repeating: .failure(expected), count: 3))
    }

    @Test func anArgumentThatDoesNotDecodeIsRejected() async throws {
        let replica = Replica()
        let id = try await replica.install(Counter.self, argument: .init(start: 5, label: "main"))
        _ = try await replica.update(id, "save", UInt64(10), [UInt8]([1, 2]), returning: UInt64.self)
        let state = try await replica.state(of: id, as: Counter.self)
        let memory = try await replica.stableMemory(of: id).bytes
        let prefix = "Error from Canister \(id): Canister called `ic0.trap` with message: "
            + "'failed to decode call arguments: "
        // Not Candid; Candid at the wrong type; the right type with trailing bytes; a missing argument.
        let arguments: [[UInt8]] = [
            [1, 2, 3], try Candid.encodeArguments("ten"), try Candid.encodeArguments(UInt64(1)) + [0],
            try Candid.encodeArguments(UInt64(1)),
        ]
        for (index, bytes) in arguments.enumerated() {
            let method = index == 3 ? "save" : "add"
            let reject = await replica.update(id, method: method, argument: bytes).failure
            #expect(reject?.code == .canisterError, "argument \(index)")
            #expect(reject?.errorCode == .canisterCalledTrap, "argument \(index)")
            #expect(reject?.message.hasPrefix(prefix) == true, "argument \(index): \(reject?.message ?? "")")
            #expect(reject?.message.hasSuffix("'.") == true, "argument \(index): \(reject?.message ?? "")")
        }
        #expect(try await replica.state(of: id, as: Counter.self) == state)
        #expect(try await replica.stableMemory(of: id).bytes == memory)
    }

    @Test func aTrapInPostUpgradeLeavesTheOldCanisterAndItsStableMemory() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        let before = try await Fingerprint(replica, id)
        let error = await #expect(throws: Reject.self) {
            try await replica.install(CanisterModule(BrokenUpgrade.self), on: id, mode: .upgrade, argument: [])
        }
        #expect(error == Reject(code: .canisterError, errorCode: .canisterCalledTrap,
            message: "Error from Canister \(id): Canister called `ic0.trap` with message: 'post_upgrade refuses'."))
        // pre_upgrade wrote the image at page 4 (growing the memory), post_upgrade wrote page 0: all undone.
        #expect(try await Fingerprint(replica, id) == before)
        #expect(try await replica.interface(of: id).name == "RawCounter")
        #expect(await replica.update(id, method: "inc", argument: []) == .success(le(3)))
    }

    @Test func aTrapInPreUpgradeLeavesTheOldCanisterAndItsStableMemory() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        #expect(await replica.update(id, method: "arm_pre_upgrade_trap", argument: [1]) == .success([]))
        let before = try await Fingerprint(replica, id)
        let error = await #expect(throws: Reject.self) { try await replica.upgrade(id, argument: []) }
        #expect(error == Reject(code: .canisterError, errorCode: .canisterCalledTrap,
            message: "Error from Canister \(id): Canister called `ic0.trap` with message: 'pre_upgrade refuses'."))
        // pre_upgrade grew the memory, wrote its image and overwrote bytes 0 and 1 before it trapped: all undone.
        #expect(try await Fingerprint(replica, id) == before)
        #expect(before.stableMemory.count == 65_536)
        #expect(await replica.query(id, method: "upgrades", argument: []) == .success(le(0)))
    }

    @Test func reinstallWipesHeapStableMemoryAndTimers() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        try await replica.install(CanisterModule(RawCounter.self), on: id, mode: .reinstall, argument: [])
        let after = try await Fingerprint(replica, id)
        #expect(after.state == RawCounter())
        #expect(after.stableMemory.isEmpty)
        #expect(after.nextTimerDue == nil)
        #expect(replica.callLog.last?.kind == .reinstall && replica.callLog.last?.result == .success([]))
    }

    @Test func uninstallRemovesCodeStableMemoryAndTimers() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        try await replica.uninstall(id, sender: Principals.alice)
        let reject = Reject(code: .canisterError, errorCode: .canisterWasmModuleNotFound,
            message: "Error from Canister \(id): Attempted to execute a message, but the canister contains no "
                + "Wasm module.")
        #expect(await replica.update(id, method: "inc", argument: []) == .failure(reject))
        #expect(await replica.query(id, method: "get", argument: []) == .failure(reject))
        #expect(try await replica.stableMemory(of: id).bytes.isEmpty)
        #expect(replica.nextTimerDue == nil)
        try replica.advance(nanoseconds: 1_000)
        #expect(await replica.tick() == 0)
        #expect(try await replica.controllers(of: id) == [Principals.alice])
        let state = await #expect(throws: Reject.self) { try await replica.state(of: id, as: RawCounter.self) }
        #expect(state == reject)
    }
}

extension RawCounter {
    /// A fresh instance, as `init` builds it (for comparisons).
    init() {
        count = 0
        entries = [:]
        trail = []
        preUpgradeTraps = false
        upgrades = 0
    }
}
