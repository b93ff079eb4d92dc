// Tests/CanisterRuntimeTests/InjectedFaultTests.swift - a trap injected after a handler rolls the message back

import Candid
import Testing
@testable import CanisterRuntime

@Suite struct InjectedFaultTests {
    @Test func theChosenUpdateTrapsAfterItsHandlerAndEverythingItChangedRollsBack() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        #expect(await replica.update(id, method: "write_stable", argument: le(0) + [1, 2, 3]) == .success(le(1)))
        #expect(replica.updateMessagesRun == 1)
        let before = try await Fingerprint(replica, id)

        // Message 1 writes stable memory (growing it) and message 2 changes the heap: both trap.
        replica.injectFaults(InjectedFaults(trapAfterHandler: [1, 2]))
        let write = await replica.update(id, method: "write_stable", argument: le(70_000) + [9])
        let inc = await replica.update(id, method: "inc", argument: [])
        for (result, number, method) in [(write, 1, "write_stable"), (inc, 2, "inc")] {
            #expect(
                result == .failure(Reject(
                    code: .canisterError, errorCode: .canisterCalledTrap,
                    message: "Error from Canister \(id): Canister called `ic0.trap` with message: 'injected trap "
                        + "after the handler of update message \(number) (\(method)) ran'."
                ))
            )
        }
        #expect(try await Fingerprint(replica, id) == before)

        // Queries are not counted; message 3 is not in the plan and commits.
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(0)))
        #expect(await replica.update(id, method: "inc", argument: []) == .success(le(1)))
        #expect(replica.updateMessagesRun == 4)
    }

    @Test func aHandlerThatRejectsOrTrapsByItselfIsLeftAlone() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        replica.injectFaults(InjectedFaults(trapAfterHandler: [0, 1]))
        let rejected = await replica.update(id, method: "inc_then_reject", argument: [])
        #expect(rejected.failure?.code == .canisterReject)
        let trapped = await replica.update(id, method: "inc_then_trap", argument: [])
        #expect(trapped.failure?.message.contains("boom") == true)
        // The reject kept its change, as without a plan.
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(1)))
        // An empty plan injects nothing.
        replica.injectFaults(InjectedFaults())
        #expect(await replica.update(id, method: "inc", argument: []) == .success(le(2)))
    }

    @Test func stableMemoriesAreEqualByContentAPageNeverWrittenEqualingZeros() async throws {
        func memory(after writes: [(UInt64, [UInt8])]) async throws -> StableMemoryView {
            let replica = Replica()
            let id = try await installRawCounter(on: replica)
            for (offset, bytes) in writes {
                _ = try await replica.update(id, method: "write_stable", argument: le(offset) + bytes).get()
            }
            return try await replica.stableMemory(of: id)
        }
        let page = UInt64(StableMemory.pageSize)
        let sparse = try await memory(after: [(page, [1])])
        let zeros = try await memory(after: [(0, [0]), (page, [1])])
        #expect(sparse == zeros)
        #expect(sparse != (try await memory(after: [(0, [2]), (page, [1])])))
        #expect(sparse != (try await memory(after: [(page, [1, 1])])))
        #expect(sparse != (try await memory(after: [(2 * page, [1])])))
    }
}
