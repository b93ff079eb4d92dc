// Tests/CanisterRuntimeTests/LedgerEscrow.swift - a ledger and an escrow whose withdraw awaits a transfer

import Candid
@testable import CanisterRuntime

/// A token ledger: balances by principal, a mint, and a transfer from the caller.
struct Ledger: Canister {
    var balances: [Principal: UInt64] = [:]

    init(install _: NoArguments, context: inout CallContext) throws {}

    static let methods: [Method<Ledger>] = [
        .update("mint") { (ledger: inout Ledger, _: inout CallContext, to: Principal, amount: UInt64) -> UInt64 in
            ledger.balances[to, default: 0] += amount
            return ledger.balances[to, default: 0]
        },
        // Moves `amount` from the caller to `to`; `false` (and no change) when the caller has less.
        .update("transfer") { (ledger: inout Ledger, context: inout CallContext, to: Principal, amount: UInt64) -> Bool in
            let available = ledger.balances[context.caller, default: 0]
            guard available >= amount else { return false }
            ledger.balances[context.caller] = available - amount
            ledger.balances[to, default: 0] += amount
            return true
        },
        .query("balance") { (ledger: Ledger, _: QueryContext, of: Principal) -> UInt64 in
            ledger.balances[of, default: 0]
        },
    ]
}

/// An escrow that holds deposits on a ledger. Its `withdraw` checks the caller's deposit, awaits the ledger
/// transfer, then debits: the version with `fixed == false` debits the balance it read before the await, so
/// two withdrawals that interleave at the await both pay out (the double withdrawal). The fixed version
/// debits before the await and refunds if the transfer fails.
struct Escrow: Canister {
    struct Setup: Codable, Hashable, Sendable {
        var ledger: Principal
        var fixed: Bool
    }

    typealias InstallArgument = Setup

    var ledger: Principal
    var fixed: Bool
    var deposits: [Principal: UInt64] = [:]

    init(install setup: Setup, context: inout CallContext) throws {
        ledger = setup.ledger
        fixed = setup.fixed
    }

    static let methods: [Method<Escrow>] = [
        // Books a deposit the ledger already holds for the escrow.
        .update("credit") { (escrow: inout Escrow, _: inout CallContext, who: Principal, amount: UInt64) -> UInt64 in
            escrow.deposits[who, default: 0] += amount
            return escrow.deposits[who, default: 0]
        },
        .asyncUpdate("withdraw") { (context: AsyncContext<Escrow>, amount: UInt64) async throws -> Bool in
            let caller = context.caller
            let (ledger, fixed, balance) = (context.state.ledger, context.state.fixed, context.state.deposits[caller, default: 0])
            guard balance >= amount else { return false }
            if fixed {
                context.state.deposits[caller] = balance - amount
                let paid = try await context.call(ledger, "transfer", caller, amount, returning: Bool.self)
                if !paid { context.state.deposits[caller, default: 0] += amount }
                return paid
            }
            let paid = try await context.call(ledger, "transfer", caller, amount, returning: Bool.self)
            if paid { context.state.deposits[caller] = balance - amount }
            return paid
        },
        .query("deposit") { (escrow: Escrow, _: QueryContext, who: Principal) -> UInt64 in
            escrow.deposits[who, default: 0]
        },
        .query("total_deposits") { (escrow: Escrow, _: QueryContext) -> UInt64 in
            escrow.deposits.values.reduce(0, +)
        },
    ]
}

/// The double-withdrawal scenario: alice deposits 10 and bob 100; alice sends two `withdraw(10)` at once.
/// The invariant: the escrow's ledger balance equals the sum of its deposits.
enum EscrowScenario {
    static func run(fixed: Bool, policy: SchedulePolicy) async -> ScheduleTrial {
        let replica = Replica()
        let scheduler = Scheduler(replica: replica, policy: policy)
        do {
            let ledger = try await replica.install(Ledger.self)
            let escrow = try await replica.install(Escrow.self, argument: .init(ledger: ledger, fixed: fixed))
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
