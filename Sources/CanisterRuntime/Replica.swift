// Sources/CanisterRuntime/Replica.swift - the simulated replica: hosts canisters, routes calls, keeps time

public import Candid
import Synchronization

/// A simulated Internet Computer replica that hosts canisters in-process.
///
/// It holds canisters by principal, executes update and query calls with the IC's semantics (atomic,
/// serialized updates; queries that never persist), keeps a clock that moves only when told to, runs
/// timers on ``tick()``, and logs every call.
///
/// Any number of tasks may use one replica at once: calls to one canister never interleave, calls to
/// different canisters run in parallel (each canister is hosted by its own actor).
///
/// ```swift
/// let replica = Replica()
/// let counter = try await replica.install(Counter.self, argument: 5, controllers: [alice])
/// let value = try await replica.update(counter, "inc", caller: alice, returning: UInt64.self)   // 6
/// ```
public final class Replica: Sendable {
    /// The settings the replica was created with.
    public let configuration: ReplicaConfiguration
    let shared: ReplicaShared
    private let registry: Mutex<Registry>
    /// The management canister's modules and per-canister records (see `ManagementCanister.swift`).
    let management = Mutex(ManagementState())

    private struct Registry: Sendable {
        var hosts: [Principal: CanisterHost] = [:]
        var nextIndex: UInt64
    }

    /// A replica with no canisters, its clock at `configuration.startTime`.
    public init(configuration: ReplicaConfiguration = .init()) {
        self.configuration = configuration
        self.shared = ReplicaShared(configuration: configuration)
        self.registry = Mutex(Registry(nextIndex: configuration.firstCanisterIndex))
    }

    /// The ids of all canisters, sorted.
    public var canisterIds: [Principal] {
        registry.withLock { $0.hosts.keys.sorted() }
    }

    func host(_ canister: Principal) throws(Reject) -> CanisterHost {
        guard let host = registry.withLock({ $0.hosts[canister] }) else { throw .canisterNotFound(canister) }
        return host
    }

    /// Forgets a canister (`delete_canister`): calls to its id fail with IC0301 from now on.
    func removeHost(_ canister: Principal) {
        _ = registry.withLock { $0.hosts.removeValue(forKey: canister) }
    }

    // MARK: - Canisters

    /// Creates an empty canister with the next id.
    ///
    /// - Parameter controllers: Who may install, upgrade, uninstall and change settings.
    /// - Returns: The new canister's id: ids are deterministic (see ``ReplicaConfiguration/firstCanisterIndex``).
    public func createCanister(controllers: [Principal]) -> Principal {
        registry.withLock { registry in
            let id = canisterPrincipal(index: registry.nextIndex)
            registry.nextIndex += 1
            registry.hosts[id] = CanisterHost(id: id, controllers: controllers, shared: shared)
            return id
        }
    }

    /// Installs code on a canister (`install_code`).
    ///
    /// - Parameters:
    ///   - module: The canister type to install.
    ///   - canister: The canister.
    ///   - mode: `install` (the canister must be empty), `reinstall` (wipes heap and stable memory) or
    ///     `upgrade` (keeps stable memory; `pre_upgrade`, fresh heap, `post_upgrade`).
    ///   - argument: The Candid install argument bytes (empty bytes stand for `()` when the type takes none).
    ///   - sender: The caller; must be a controller. `nil` means the canister's first controller.
    /// - Throws: ``Reject``: IC0301 unknown canister, IC0512 not a controller, IC0514 install on a non-empty
    ///   canister, IC0537 upgrade of an empty canister, IC0505 invalid declaration, or the trap of `init`,
    ///   `pre_upgrade` or `post_upgrade`. On failure the canister is exactly as before.
    public func install(
        _ module: CanisterModule,
        on canister: Principal,
        mode: InstallMode = .install,
        argument: [UInt8],
        sender: Principal? = nil
    ) async throws {
        let host = try host(canister)
        let sender = await resolve(sender, host: host)
        try await host.install(module, mode: mode, argument: argument, sender: sender).get()
    }

    /// Removes a canister's code, heap, stable memory and timers (`uninstall_code`); it keeps its id and
    /// controllers, and calls to it fail with IC0537 until code is installed again.
    ///
    /// - Throws: ``Reject``: IC0301 unknown canister, IC0512 not a controller.
    public func uninstall(_ canister: Principal, sender: Principal? = nil) async throws {
        let host = try host(canister)
        let sender = await resolve(sender, host: host)
        try await host.uninstall(sender: sender).get()
    }

    /// The controllers of a canister, sorted.
    ///
    /// - Throws: ``Reject``: IC0301 unknown canister.
    public func controllers(of canister: Principal) async throws -> [Principal] {
        try await host(canister).controllerList()
    }

    /// Replaces the controllers of a canister.
    ///
    /// - Throws: ``Reject``: IC0301 unknown canister, IC0512 the sender is not a controller.
    public func setControllers(
        of canister: Principal,
        to controllers: [Principal],
        sender: Principal? = nil
    ) async throws {
        let host = try host(canister)
        let sender = await resolve(sender, host: host)
        try await host.setControllers(controllers, sender: sender).get()
    }

    private func resolve(_ sender: Principal?, host: CanisterHost) async -> Principal {
        if let sender { return sender }
        return await host.controllerList().first ?? .anonymous
    }

    // MARK: - Calls

    /// Sends an update call with raw Candid argument bytes.
    ///
    /// - Returns: The reply bytes, or the ``Reject``: an argument over the ingress limit (code 1), an unknown
    ///   canister (IC0301), an empty canister (IC0537), an unknown method (IC0536), a trap (IC0502/IC0503, the
    ///   message's changes rolled back), a reply over 2 MiB (IC0504, rolled back), or an explicit reject
    ///   (IC0406, changes kept). A query method called this way runs as a query: its changes are discarded.
    public func update(
        _ canister: Principal,
        method: String,
        argument: [UInt8],
        caller: Principal = .anonymous
    ) async -> CallResult {
        await send(canister, method: method, argument: argument, caller: caller, kind: .update)
    }

    /// Sends a query call with raw Candid argument bytes. Nothing the query does persists; calling an update
    /// method this way is rejected (IC0536).
    public func query(
        _ canister: Principal,
        method: String,
        argument: [UInt8],
        caller: Principal = .anonymous
    ) async -> CallResult {
        await send(canister, method: method, argument: argument, caller: caller, kind: .query)
    }

    /// The one path of ``update(_:method:argument:caller:)`` and ``query(_:method:argument:caller:)``: the
    /// ingress limit, the canister's host, and a refusal logged as the kind of call it was.
    func send(
        _ canister: Principal,
        method: String,
        argument: [UInt8],
        caller: Principal,
        kind: MethodKind
    ) async -> CallResult {
        guard argument.count <= configuration.maximumIngressPayloadBytes else {
            return refuse(
                .payloadTooLarge(size: argument.count, limit: configuration.maximumIngressPayloadBytes),
                canister: canister, method: method, kind: kind, argument: argument, caller: caller
            )
        }
        if canister == .managementCanister {
            return await managementCall(method, argument: argument, caller: caller, kind: kind)
        }
        do {
            let target = try host(canister)
            return kind == .query
                ? await target.query(method, argument: argument, caller: caller)
                : await target.update(method, argument: argument, caller: caller)
        } catch {
            return refuse(
                error, canister: canister, method: method, kind: kind, argument: argument, caller: caller
            )
        }
    }

    /// Runs `body` on the actor that hosts a canister: the calls it makes on the host are synchronous steps,
    /// with a single hop in total, and no other message to that canister runs in between.
    ///
    /// ```swift
    /// let replies = try await replica.withCanister(id) { host in
    ///     (0..<1_000).map { _ in host.update("inc", argument: noArguments) }
    /// }
    /// ```
    /// - Throws: ``Reject`` (IC0301) for an unknown canister, or what `body` throws.
    public func withCanister<Result: Sendable>(
        _ canister: Principal,
        _ body: @Sendable (isolated CanisterHost) throws -> Result
    ) async throws -> Result {
        try await host(canister).run(body)
    }

    /// Calls a method as the kind it is declared with, the way `ic-repl`'s `call` does: a query method as a
    /// query, anything else (including an unknown method) as an update.
    public func call(
        _ canister: Principal,
        method: String,
        argument: [UInt8],
        caller: Principal = .anonymous
    ) async -> CallResult {
        if canister == .managementCanister {
            return await send(canister, method: method, argument: argument, caller: caller,
                              kind: managementKind(of: method))
        }
        do {
            return try await host(canister).call(method, argument: argument, caller: caller)
        } catch {
            return refuse(
                error, canister: canister, method: method, kind: .update, argument: argument, caller: caller
            )
        }
    }

    /// Logs and returns a call the replica rejects before it reaches a canister (too large, unknown canister).
    private func refuse(
        _ reject: Reject,
        canister: Principal,
        method: String,
        kind: MethodKind,
        argument: [UInt8],
        caller: Principal
    ) -> CallResult {
        let result = CallResult.failure(reject)
        shared.record(
            time: time, caller: caller, canister: canister, method: method, kind: .method(kind), argument: argument,
            result: result
        )
        return result
    }

    // MARK: - Inspection

    /// The interface of the code installed on a canister.
    ///
    /// - Throws: ``Reject`` (IC0301, IC0537), or `CandidError` when a declared type has no Candid mapping.
    public func interface(of canister: Principal) async throws -> CanisterInterface {
        if canister == .managementCanister { return try ManagementInterface.interface() }
        guard let module = try await host(canister).module() else { throw Reject.noModule(canister) }
        return try module.interface()
    }

    /// A copy of a canister's state (O(1) for value types), for tests.
    ///
    /// - Throws: ``Reject``: IC0301 unknown canister, IC0537 empty canister or a canister of another type.
    public func state<C: Canister>(of canister: Principal, as type: C.Type = C.self) async throws -> C {
        guard let state = try await host(canister).state(as: type) else { throw Reject.noModule(canister) }
        return state
    }

    /// The current contents of a canister's stable memory (O(1): it shares the pages).
    ///
    /// - Throws: ``Reject``: IC0301 unknown canister.
    public func stableMemory(of canister: Principal) async throws -> StableMemoryView {
        try await host(canister).stableMemoryView()
    }

    // MARK: - Call log

    /// Every call executed so far, in the order they finished.
    public var callLog: [CallRecord] {
        shared.log.withLock { $0.records }
    }

    /// Empties the call log; sequence numbers continue.
    public func clearCallLog() {
        shared.log.withLock { $0.records.removeAll() }
    }
}
