// Sources/CanisterRuntime/Canister.swift - the protocol a canister implements

import Candid
// Canister state keeps its large tables in `PersistentMap`s: every user of the runtime gets them.
@_exported import PersistentCollections

/// A canister: its state is the conforming value, its interface the ``methods`` it declares.
///
/// The state must have value semantics (structs, enums, `PersistentMap`, arrays...; no shared mutable
/// classes): the runtime keeps the value from before each update to restore it if the message traps.
/// Large collections should be ``PersistentMap``s, which that snapshot does not copy.
///
/// ```swift
/// struct Counter: Canister {
///     var count: UInt64
///
///     init(install start: UInt64, context: inout CallContext) throws { count = start }
///
///     static let methods: [Method<Counter>] = [
///         .update("inc") { (counter: inout Counter, _: inout CallContext) -> UInt64 in
///             counter.count += 1
///             return counter.count
///         },
///         .query("get") { (counter: Counter, _: QueryContext) -> UInt64 in counter.count },
///     ]
/// }
/// ```
public protocol Canister: Sendable {
    /// The Candid argument of `init` and `post_upgrade` (the `.did`'s `service : (A) -> ...`).
    /// ``NoArguments`` (the default) means none.
    associatedtype InstallArgument: Codable & Sendable = NoArguments

    /// The methods the canister exports. Names must be unique.
    static var methods: [Method<Self>] { get }

    /// Which types the `.did` writes by name; ``CandidNames/automatic`` (the default) names the whole
    /// records and variants of arguments and results after their Swift types.
    static var candidNames: CandidNames { get }

    /// `canister_init`: the initial state. Runs as a message with the installer as caller; a trap fails
    /// the install and leaves the canister as it was.
    init(install argument: InstallArgument, context: inout CallContext) throws

    /// `canister_post_upgrade`: the state after an upgrade, built on a fresh heap. Read what
    /// ``preUpgrade(context:)`` saved from `context.stableMemory`. The default calls
    /// ``init(install:context:)``.
    init(upgrade argument: InstallArgument, context: inout CallContext) throws

    /// `canister_pre_upgrade`: runs on the old state before an upgrade; save what must survive into
    /// stable memory. The default does nothing.
    func preUpgrade(context: inout CallContext) throws
}

extension Canister {
    /// Calls ``init(install:context:)``.
    public init(upgrade argument: InstallArgument, context: inout CallContext) throws {
        try self.init(install: argument, context: &context)
    }

    /// Does nothing.
    public func preUpgrade(context: inout CallContext) throws {}
}

/// The install argument of a canister that takes none: its Candid argument list is empty `()`.
public struct NoArguments: Codable, Hashable, Sendable {
    /// The only value.
    public init() {}
}
