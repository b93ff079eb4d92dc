// Sources/ExampleCanisters/LedgerEscrow.swift - a ledger and an escrow whose withdraw awaits a transfer

public import Candid
public import CanisterRuntime

/// A token ledger: balances by principal, a mint, and a transfer from the caller. With ``Escrow``, the
/// fixture of the schedule explorer (Documentation/InterCanister.md).
public struct Ledger: Canister {
    /// The balances by owner.
    public var balances: [Principal: UInt64] = [:]

    /// An empty ledger.
    public init(install _: NoArguments, context: inout CallContext) throws {}

    public static let methods: [Method<Ledger>] = [
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
public struct Escrow: Canister {
    /// The install argument: the ledger, and which `withdraw` to run.
    public struct Setup: Codable, Hashable, Sendable {
        /// The ledger that holds the escrow's tokens.
        public var ledger: Principal
        /// `true` for the withdraw that debits before the await.
        public var fixed: Bool

        /// A setup.
        public init(ledger: Principal, fixed: Bool) {
            self.ledger = ledger
            self.fixed = fixed
        }
    }

    public typealias InstallArgument = Setup

    /// The ledger.
    public var ledger: Principal
    /// Which `withdraw` runs.
    public var fixed: Bool
    /// What the escrow owes, by depositor.
    public var deposits: [Principal: UInt64] = [:]

    /// An escrow with no deposits.
    public init(install setup: Setup, context: inout CallContext) throws {
        ledger = setup.ledger
        fixed = setup.fixed
    }

    public static let methods: [Method<Escrow>] = [
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


/// The explorer's fixture on a fresh replica: the ledger as its first canister (`rrkah-fqaaa-aaaaa-aaaaq-cai`)
/// and the escrow as its second (`ryjl3-tyaaa-aaaaa-aaaba-cai`), both controlled by the anonymous principal.
public enum EscrowFixture {
    /// Installs the pair; `fixed` chooses the escrow's withdraw.
    ///
    /// - Throws: the replica's `Reject` when an install fails.
    public static func install(on replica: Replica, fixed: Bool) async throws -> (ledger: Principal, escrow: Principal) {
        let ledger = try await replica.install(Ledger.self)
        let escrow = try await replica.install(Escrow.self, argument: Escrow.Setup(ledger: ledger, fixed: fixed))
        return (ledger, escrow)
    }
}
