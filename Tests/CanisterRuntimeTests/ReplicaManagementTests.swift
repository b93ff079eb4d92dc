// Tests/CanisterRuntimeTests/ReplicaManagementTests.swift - install, upgrade, reinstall, uninstall, controllers

import Candid
import Testing
@testable import CanisterRuntime

@Suite struct ReplicaManagementTests {
    let alice = Principals.alice
    let bob = Principals.bob

    /// Puts count 2, one entry and stable bytes into a fresh `RawCounter`.
    func populated(_ replica: Replica) async throws -> Principal {
        let id = try await installRawCounter(on: replica, controllers: [alice, bob])
        _ = await replica.update(id, method: "inc", argument: [])
        _ = await replica.update(id, method: "inc", argument: [])
        _ = await replica.update(id, method: "put", argument: le(5) + le(50))
        _ = await replica.update(id, method: "write_stable", argument: le(100) + [1, 2, 3])
        return id
    }

    @Test func upgradeKeepsStableMemoryAndRebuildsHeap() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        try await replica.upgrade(id, argument: [], sender: alice)
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(2)))
        #expect(await replica.query(id, method: "entries", argument: []) == .success(le(5) + le(50)))
        #expect(await replica.query(id, method: "upgrades", argument: []) == .success(le(1)))
        #expect(await replica.query(id, method: "read_stable", argument: le(100) + le(3)) == .success([1, 2, 3]))
        let image = try await replica.stableMemory(of: id).read(at: RawCounter.imageOffset, count: 40)
        #expect(image == RawCounter.image(count: 2, upgrades: 0, entries: [5: 50]))
    }

    @Test func trapInPostUpgradeLeavesTheOldCanister() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        let memoryBefore = try await replica.stableMemory(of: id).bytes
        let error = await #expect(throws: Reject.self) {
            try await replica.install(CanisterModule(BrokenUpgrade.self), on: id, mode: .upgrade, argument: [])
        }
        #expect(error == Reject(code: .canisterError, errorCode: .canisterCalledTrap,
            message: "Error from Canister \(id): Canister called `ic0.trap` with message: 'post_upgrade refuses'."))
        // pre_upgrade wrote the image and post_upgrade wrote page 0: both undone.
        #expect(try await replica.stableMemory(of: id).bytes == memoryBefore)
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(2)))
        #expect(await replica.update(id, method: "inc", argument: []) == .success(le(3)))
        #expect(try await replica.interface(of: id).name == "RawCounter")
    }

    @Test func trapInPreUpgradeLeavesTheOldCanister() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        _ = await replica.update(id, method: "arm_pre_upgrade_trap", argument: [1])
        let error = await #expect(throws: Reject.self) { try await replica.upgrade(id, argument: []) }
        #expect(error?.message == "Error from Canister \(id): Canister called `ic0.trap` with message: "
            + "'pre_upgrade refuses'.")
        #expect(await replica.query(id, method: "upgrades", argument: []) == .success(le(0)))
        _ = await replica.update(id, method: "arm_pre_upgrade_trap", argument: [0])
        try await replica.upgrade(id, argument: [])
        #expect(await replica.query(id, method: "upgrades", argument: []) == .success(le(1)))
    }

    @Test func reinstallWipesHeapAndStableMemory() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        try await replica.install(CanisterModule(RawCounter.self), on: id, mode: .reinstall, argument: [])
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(0)))
        #expect(await replica.query(id, method: "entries", argument: []) == .success([]))
        #expect(try await replica.stableMemory(of: id).pageCount == 0)
    }

    @Test func installNeedsAnEmptyCanister() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        let error = await #expect(throws: Reject.self) {
            try await replica.install(CanisterModule(RawCounter.self), on: id, argument: [])
        }
        #expect(error == Reject(code: .canisterError, errorCode: .canisterNonEmpty,
            message: "Canister \(id) cannot be installed because the canister is not empty. "
                + "Try installing with mode='reinstall' instead."))
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(2)))
    }

    @Test func failedInitLeavesTheCanisterEmpty() async throws {
        let replica = Replica()
        let id = replica.createCanister(controllers: [alice])
        let error = await #expect(throws: Reject.self) {
            try await replica.install(CanisterModule(FailingInit.self), on: id, argument: [])
        }
        #expect(error?.message == "Error from Canister \(id): Canister called `ic0.trap` with message: 'init refuses'.")
        #expect(await replica.update(id, method: "inc", argument: []).failure?.errorCode == .canisterWasmModuleNotFound)
        try await replica.install(CanisterModule(RawCounter.self), on: id, argument: [])
        #expect(await replica.update(id, method: "inc", argument: []) == .success(le(1)))
    }

    @Test func upgradeOfAnEmptyCanisterFails() async throws {
        let replica = Replica()
        let id = replica.createCanister(controllers: [alice])
        let error = await #expect(throws: Reject.self) { try await replica.upgrade(id, argument: []) }
        #expect(error?.errorCode == .canisterWasmModuleNotFound)
        let typed = await #expect(throws: Reject.self) {
            try await replica.install(CanisterModule(RawCounter.self), on: id, mode: .upgrade, argument: [])
        }
        #expect(typed?.errorCode == .canisterWasmModuleNotFound)
    }

    @Test func duplicateMethodsAreAnInvalidModule() async throws {
        let replica = Replica()
        let id = replica.createCanister(controllers: [alice])
        let error = await #expect(throws: Reject.self) {
            try await replica.install(CanisterModule(DuplicateMethods.self), on: id, argument: [])
        }
        #expect(error == Reject(code: .canisterError, errorCode: .canisterInvalidWasm,
            message: "Error from Canister \(id): Canister's Wasm module is not valid: "
                + "DuplicateMethods declares 'a' more than once"))
    }

    @Test func unmappableTypesAreAnInvalidModule() async throws {
        let replica = Replica()
        let id = replica.createCanister(controllers: [alice])
        let error = await #expect(throws: Reject.self) {
            try await replica.install(CanisterModule(UnmappableMethod.self), on: id, argument: [])
        }
        #expect(error?.errorCode == .canisterInvalidWasm)
        let prefix = "Error from Canister \(id): Canister's Wasm module is not valid: "
            + "method 'opaque' has no Candid type: "
        #expect(error?.message.hasPrefix(prefix) == true, "\(error?.message ?? "")")
    }

    @Test func onlyControllersManage() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        let carol = Principals.carol
        let upgrade = await #expect(throws: Reject.self) { try await replica.upgrade(id, argument: [], sender: carol) }
        #expect(upgrade == Reject(code: .canisterError, errorCode: .canisterInvalidController,
            message: "Only controllers of canister \(id) can call ic00 method install_code."))
        let uninstall = await #expect(throws: Reject.self) { try await replica.uninstall(id, sender: carol) }
        #expect(uninstall?.message == "Only controllers of canister \(id) can call ic00 method uninstall_code.")
        let settings = await #expect(throws: Reject.self) {
            try await replica.setControllers(of: id, to: [carol], sender: carol)
        }
        #expect(settings?.message == "Only controllers of canister \(id) can call ic00 method update_settings.")
        #expect(try await replica.controllers(of: id) == [alice, bob].sorted())
        try await replica.setControllers(of: id, to: [carol, carol], sender: bob)
        #expect(try await replica.controllers(of: id) == [carol])
        #expect(await replica.query(id, method: "controllers", argument: []) == .success([3] + carol.bytes))
        try await replica.upgrade(id, argument: [], sender: carol)
    }

    @Test func uninstallRemovesCodeAndState() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        try await replica.uninstall(id)
        #expect(await replica.update(id, method: "inc", argument: []).failure?.errorCode == .canisterWasmModuleNotFound)
        #expect(try await replica.stableMemory(of: id).pageCount == 0)
        #expect(try await replica.controllers(of: id) == [alice, bob].sorted())
        try await replica.install(CanisterModule(RawCounter.self), on: id, argument: [])
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(0)))
    }

    @Test func managementOfUnknownCanister() async {
        let replica = Replica()
        let missing = Principal(unchecked: [0, 0, 0, 0, 0, 0, 0, 7, 1, 1])
        let error = await #expect(throws: Reject.self) { try await replica.uninstall(missing) }
        #expect(error?.errorCode == .canisterNotFound)
        #expect(error?.code == .destinationInvalid)
    }

    @Test func stateCanBeInspected() async throws {
        let replica = Replica()
        let id = try await populated(replica)
        let state = try await replica.state(of: id, as: RawCounter.self)
        #expect(state.count == 2 && state.entries == [5: 50])
        let wrongType = await #expect(throws: Reject.self) { try await replica.state(of: id, as: BrokenUpgrade.self) }
        #expect(wrongType?.errorCode == .canisterWasmModuleNotFound)
    }
}
