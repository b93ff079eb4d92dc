// Tests/CanisterRuntimeTests/EscrowScenario.swift - the double withdrawal as an explorer scenario

import CanisterRuntime
import ExampleCanisters

/// The double-withdrawal scenario: alice deposits 10 and bob 100; alice sends two `withdraw(10)` at once.
/// The invariant: the escrow's ledger balance equals the sum of its deposits.
enum EscrowScenario {
    static func run(fixed: Bool, policy: SchedulePolicy) async -> ScheduleTrial {
        let replica = Replica()
        let scheduler = Scheduler(replica: replica, policy: policy)
        do {
            let (ledger, escrow) = try await EscrowFixture.install(on: replica, fixed: fixed)
            _ = try await scheduler.update(ledger, "mint", escrow, UInt64(110), returning: UInt64.self)
            _ = try await scheduler.update(escrow, "credit", Principals.alice, UInt64(10), returning: UInt64.self)
            _ = try await scheduler.update(escrow, "credit", Principals.bob, UInt64(100), returning: UInt64.self)
            let first = try await scheduler.submit(escrow, "withdraw", UInt64(10), caller: Principals.alice)
            let second = try await scheduler.submit(escrow, "withdraw", UInt64(10), caller: Principals.alice)
            _ = try await scheduler.result(of: first)
            _ = try await scheduler.result(of: second)
            try await scheduler.runUntilIdle()
            let held = try await scheduler.query(ledger, "balance", escrow, returning: UInt64.self)
            let owed = try await scheduler.query(escrow, "total_deposits", returning: UInt64.self)
            let failure = held == owed ? nil : "the escrow holds \(held) on the ledger but owes \(owed)"
            return await scheduler.trial(failure: failure)
        } catch {
            return await scheduler.trial(failure: "the scenario failed: \(error)")
        }
    }
}
