// Sources/Replay/ReplicaReplayHost.swift - running scripts against the simulated replica

public import Candid
public import CanisterRuntime

/// A ``ReplayHost`` over a `CanisterRuntime` ``Replica``: scripts call the canisters installed on it.
///
/// Interfaces come from each canister's declared methods and types (`Replica.interface(of:)`), unless
/// one is given for the canister at creation (for example futura's `.did` with its type names; the
/// structure, which is what calls are typed at, is the same). Calls go to the replica as raw Candid
/// bytes, a query method as a query and anything else as an update. `sim.advance`, `sim.set_time` and
/// `sim.tick` drive the replica's clock and timers; `sim.upgrade` upgrades a canister to the code it
/// runs, sent by ``upgradeSender`` (the canister's first controller when `nil`).
///
/// ```swift
/// let replica = Replica()
/// let canister = try await replica.install(Counter.self, argument: 5, controllers: [admin])
/// let host = ReplicaReplayHost(replica: replica)
/// let result = await ReplayRunner.run(script: source, path: "counter.repl", host: host)
/// ```
public actor ReplicaReplayHost: ReplayHost {
    /// The replica the calls go to.
    public nonisolated let replica: Replica
    /// The extra `sim.` builtins, e.g. `sha256`.
    public nonisolated let builtins: [ReplayBuiltin]
    /// Who sends `sim.upgrade`; `nil` means the canister's first controller.
    public nonisolated let upgradeSender: Principal?
    /// Whether `sim.upgrade` is sent by the script's current identity (when ``upgradeSender`` is `nil`), so
    /// a non-controller is refused (IC0512) as on the IC.
    public nonisolated let upgradesAsCurrentIdentity: Bool
    /// Interfaces given at creation, and the ones read from the replica so far.
    private var interfaces: [Principal: ReplayInterface]
    private let given: Set<Principal>

    /// A host over `replica`.
    /// - Parameters:
    ///   - replica: The replica with the canisters the scripts call.
    ///   - interfaces: Interfaces to use instead of the canisters' declared ones.
    ///   - builtins: Extra `sim.<name>` builtins.
    ///   - upgradeSender: The controller that sends upgrades; `nil` for each canister's first controller.
    ///   - upgradesAsCurrentIdentity: With no `upgradeSender`, send `sim.upgrade` as the script's current
    ///     identity (the default, as on the IC: a non-controller is refused), or as the first controller.
    public init(
        replica: Replica,
        interfaces: [Principal: ReplayInterface] = [:],
        builtins: [ReplayBuiltin] = [],
        upgradeSender: Principal? = nil,
        upgradesAsCurrentIdentity: Bool = true
    ) {
        self.upgradesAsCurrentIdentity = upgradesAsCurrentIdentity
        self.replica = replica
        self.interfaces = interfaces
        self.given = Set(interfaces.keys)
        self.builtins = builtins
        self.upgradeSender = upgradeSender
    }

    /// The canister's interface: the one given at creation, or its declared one.
    /// - Throws: `Reject` (IC0301 no such canister, IC0537 no code), or `CandidError` when a declared type
    ///   has no Candid mapping.
    public func interface(of canister: Principal) async throws -> ReplayInterface {
        if let known = interfaces[canister] { return known }
        let interface = ReplayInterface(try await replica.interface(of: canister))
        interfaces[canister] = interface
        return interface
    }

    /// Sends the call to the replica as raw bytes; a reject keeps its code, `IC0xxx` code and message.
    public func call(
        canister: Principal,
        method: String,
        caller: Principal,
        argument: [UInt8],
        kind: MethodKind
    ) async -> CallResult {
        switch kind {
        case .query: await replica.query(canister, method: method, argument: argument, caller: caller)
        case .update: await replica.update(canister, method: method, argument: argument, caller: caller)
        }
    }

    /// The replica's clock.
    public func time() async -> UInt64 { replica.time }

    /// Moves the replica's clock forward. - Throws: `TimeError` past 2^64-1 ns.
    public func advanceTime(by nanoseconds: UInt64) async throws {
        try replica.advance(nanoseconds: nanoseconds)
    }

    /// Sets the replica's clock. - Throws: `TimeError` when that is before the current time.
    public func setTime(_ nanoseconds: UInt64) async throws {
        try replica.setTime(nanoseconds)
    }

    /// Runs the timers due now.
    public func tick() async throws {
        await replica.tick()
    }

    /// Upgrades the canister to its current code with the init argument bytes.
    /// - Throws: the replica's `Reject` (a trap in `post_upgrade`, not a controller...).
    public func upgrade(canister: Principal, argument: [UInt8]) async throws {
        try await upgrade(canister: canister, argument: argument, sender: upgradeSender)
    }

    /// Upgrades as the script's current identity when ``upgradesAsCurrentIdentity`` is on.
    public func upgrade(canister: Principal, argument: [UInt8], caller: Principal) async throws {
        let sender = upgradeSender ?? (upgradesAsCurrentIdentity ? caller : nil)
        try await upgrade(canister: canister, argument: argument, sender: sender)
    }

    private func upgrade(canister: Principal, argument: [UInt8], sender: Principal?) async throws {
        interfaces[canister] = given.contains(canister) ? interfaces[canister] : nil
        try await replica.upgrade(canister, argument: argument, sender: sender)
    }
}

extension ReplayInterface {
    /// The interface a runtime canister declares: its methods with their kinds and types, the named types
    /// they use, and the install argument types (what `sim.upgrade` encodes at).
    public init(_ interface: CanisterInterface) {
        self.init(
            methods: interface.methods.map { method in
                ReplayMethod(
                    name: method.name,
                    kind: method.kind,
                    arguments: method.arguments,
                    results: method.results
                )
            },
            environment: interface.environment,
            initArguments: interface.installArguments
        )
    }
}
