// Tests/CanisterRuntimeTests/CounterTests.swift - the typed example canister through real Candid bytes

import Candid
import Testing
@testable import CanisterRuntime

@Suite struct CounterTests {
    let alice = Principals.alice
    let config = Counter.Config(start: 5, label: "main")

    func installed() async throws -> (Replica, Principal) {
        let replica = Replica()
        let id = try await replica.install(Counter.self, argument: config, controllers: [alice])
        return (replica, id)
    }

    @Test func canisterIdsHaveTheICForm() async throws {
        let (replica, id) = try await installed()
        #expect(id.text == "rrkah-fqaaa-aaaaa-aaaaq-cai")
        #expect(replica.createCanister(controllers: []).text == "ryjl3-tyaaa-aaaaa-aaaba-cai")
        #expect(canisterPrincipal(index: 0).text == "rwlgt-iiaaa-aaaaa-aaaaa-cai")
    }

    @Test func typedCalls() async throws {
        let (replica, id) = try await installed()
        #expect(try await replica.update(id, "inc", caller: alice, returning: UInt64.self) == 6)
        #expect(try await replica.update(id, "add", UInt64(10), returning: UInt64.self) == 16)
        #expect(try await replica.query(id, "get", returning: UInt64.self) == 16)
        let (count, label) = try await replica.query(id, "pair", returning: UInt64.self, String.self)
        #expect(count == 16 && label == "main")
        try await replica.update(id, "set_label", String?.none)
        #expect(try await replica.query(id, "pair", returning: UInt64.self, String.self).1 == "unnamed")
        #expect(try await replica.query(id, "controllers", returning: [Principal].self) == [alice])
    }

    @Test func rawCallsCarryCandidBytes() async throws {
        let (replica, id) = try await installed()
        let reply = try await replica.update(id, method: "add", argument: Candid.encodeArguments(UInt64(1))).get()
        #expect(reply == Array("DIDL".utf8) + [0, 1, 0x78, 6, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func whoamiReturnsTheCaller() async throws {
        let (replica, id) = try await installed()
        let asAlice = try await replica.query(id, "whoami", caller: alice, returning: Principal.self)
        let anonymous = try await replica.query(id, "whoami", returning: Principal.self)
        #expect(asAlice == alice)
        #expect(anonymous == Principal.anonymous)
        #expect(Principal.anonymous.text == "2vxsx-fae")
    }

    @Test func argumentsThatDoNotDecodeAreRejectedAndChangeNothing() async throws {
        let (replica, id) = try await installed()
        let text = try Candid.encodeArguments("ten")
        let reject = await replica.update(id, method: "add", argument: text).failure
        #expect(reject?.code == .canisterError)
        #expect(reject?.errorCode == .canisterCalledTrap)
        let prefix = "Error from Canister \(id): Canister called `ic0.trap` with message: "
            + "'failed to decode call arguments: "
        #expect(reject?.message.hasPrefix(prefix) == true, "\(reject?.message ?? "")")
        #expect(reject?.message.contains("typeMismatch") == true, "\(reject?.message ?? "")")
        let garbage = await replica.update(id, method: "add", argument: [1, 2, 3]).failure
        #expect(garbage?.errorCode == .canisterCalledTrap)
        #expect(garbage?.message.hasPrefix(prefix) == true)
        #expect(try await replica.query(id, "get", returning: UInt64.self) == 5)
        #expect(try await replica.stableMemory(of: id).pageCount == 0)
        // Typed calls surface the reject as an error.
        let thrown = await #expect(throws: Reject.self) {
            try await replica.update(id, "add", "ten", returning: UInt64.self)
        }
        #expect(thrown?.errorCode == .canisterCalledTrap)
    }

    @Test func argumentsAreDecodedAtTheEndpointLimits() async throws {
        let (replica, id) = try await installed()
        // An extra 20_000-byte blob: skipping it costs 20_000 units, over the endpoint's skipping quota of
        // 10_000 but well within the defaults, which a plain decode uses.
        let message = try Candid.encode([.nat64(1), .blob([UInt8](repeating: 7, count: 20_000))])
        #expect(try Candid.decodeArguments(message, as: UInt64.self) == 1)
        let reject = try #require(await replica.update(id, method: "add", argument: message).failure)
        #expect(reject.code == .canisterError && reject.errorCode == .canisterCalledTrap)
        #expect(reject.message.contains("the skipping quota of 10000 units is used up"), "\(reject.message)")
        #expect(try await replica.query(id, "get", returning: UInt64.self) == 5)
        let small = try Candid.encode([.nat64(1), .blob([UInt8](repeating: 7, count: 1_000))])
        #expect(try await replica.update(id, method: "add", argument: small).get().count > 0)
    }

    @Test func trapRollsBack() async throws {
        let (replica, id) = try await installed()
        let error = await #expect(throws: Reject.self) {
            try await replica.update(id, "inc_then_trap", returning: UInt64.self)
        }
        #expect(error?.message == "Error from Canister \(id): Canister called `ic0.trap` with message: 'inc undone'.")
        #expect(try await replica.query(id, "get", returning: UInt64.self) == 5)
    }

    @Test func stableMemoryAndUpgradeWithANewArgument() async throws {
        let (replica, id) = try await installed()
        let pages = try await replica.update(id, "save", UInt64(65_535), [UInt8]([1, 2, 3]), returning: UInt64.self)
        #expect(pages == 2)
        let loaded = try await replica.query(id, "load", UInt64(65_534), UInt64(5), returning: [UInt8].self)
        #expect(loaded == [0, 1, 2, 3, 0])
        _ = try await replica.update(id, "add", UInt64(37), returning: UInt64.self)
        try await replica.upgrade(id, to: Counter.self, argument: Counter.Config(start: 0, label: "upgraded"))
        let (count, label) = try await replica.query(id, "pair", returning: UInt64.self, String.self)
        #expect(count == 42 && label == "upgraded")
        let kept = try await replica.query(id, "load", UInt64(65_535), UInt64(3), returning: [UInt8].self)
        #expect(kept == [1, 2, 3])
    }

    @Test func timersThroughTick() async throws {
        let (replica, id) = try await installed()
        #expect(try await replica.update(id, "schedule", UInt64(60), UInt64(100), returning: UInt64.self) == 1)
        try replica.advance(by: .seconds(59))
        #expect(await replica.tick() == 0)
        try replica.advance(by: .seconds(1))
        #expect(await replica.tick() == 1)
        #expect(try await replica.query(id, "get", returning: UInt64.self) == 105)
    }

    @Test func recordsVariantsAndResults() async throws {
        let (replica, id) = try await installed()
        _ = try await replica.update(id, "inc", returning: UInt64.self)
        let snapshot = try await replica.query(id, "snapshot", caller: alice, returning: Counter.Snapshot.self)
        #expect(snapshot == Counter.Snapshot(count: 6, label: "main", caller: alice, history: [6]))
        let accepted = try await replica.update(id, "try_add", UInt64(4), returning: Counter.Outcome.self)
        #expect(accepted == Counter.Outcome.accepted(10))
        let refused = try await replica.update(id, "try_add", UInt64(400), returning: Counter.Outcome.self)
        #expect(refused == Counter.Outcome.refused("400 is over 100"))
        let ok = try await replica.update(
            id, "checked_add", UInt64(1), returning: Result<UInt64, Counter.CounterError>.self
        )
        #expect(ok == .success(11))
        let tooLarge = try await replica.update(
            id, "checked_add", UInt64(101), returning: Result<UInt64, Counter.CounterError>.self
        )
        #expect(tooLarge == .failure(.tooLarge(limit: 100)))
        let tree = try await replica.query(id, "tree", UInt8(2), returning: Counter.Tree.self)
        #expect(tree == Counter.Tree(value: 2, children: [.init(value: 1, children: [.init(value: 0, children: [])])]))
    }

    @Test func installArgumentThatDoesNotDecodeFailsTheInstall() async throws {
        let replica = Replica()
        let id = replica.createCanister(controllers: [alice])
        let error = await #expect(throws: Reject.self) {
            try await replica.install(CanisterModule(Counter.self), on: id, argument: Candid.encodeArguments(UInt64(1)))
        }
        #expect(error?.errorCode == .canisterCalledTrap)
        #expect(error?.message.contains("failed to decode call arguments") == true)
        #expect(await replica.update(id, method: "inc", argument: []).failure?.errorCode == .canisterWasmModuleNotFound)
    }

    @Test func canistersWithoutInstallArgument() async throws {
        let replica = Replica()
        let id = try await replica.install(RawCounter.self, controllers: [alice])
        #expect(replica.callLog.first?.argument == Array("DIDL".utf8) + [0, 0])
        #expect(await replica.update(id, method: "inc", argument: []) == .success(le(1)))
    }
}
