// Sources/CanisterRuntime/CanisterHost.swift - one hosted canister: executes its messages one at a time

public import Candid
import Synchronization

/// How `install_code` treats the canister's existing code and state.
public enum InstallMode: String, Hashable, Sendable, CustomStringConvertible {
    /// Install on an empty canister.
    case install
    /// Replace code, heap and stable memory.
    case reinstall
    /// Replace code and heap, keep stable memory: `pre_upgrade`, fresh heap, `post_upgrade`.
    case upgrade

    public var description: String { rawValue }
}

/// The actor that hosts one canister. Every message runs synchronously inside one actor method (no
/// `await` anywhere in a message), so messages to one canister never interleave while different
/// canisters run in parallel.
///
/// Reach it with ``Replica/withCanister(_:_:)`` to run many calls on one canister with a single hop: inside
/// the closure, ``update(_:argument:caller:)`` and ``query(_:argument:caller:)`` are synchronous steps.
///
/// ### Implementation Notes
/// A message works on a copy of the instance (O(1): a retain) and on the stable memory with a journal
/// started; it commits by storing the copy and dropping the journal, and rolls back by keeping the old
/// instance and restoring the journaled pages.
public actor CanisterHost {
    /// The canister's id.
    public nonisolated let id: Principal
    private let shared: ReplicaShared
    private var controllers: [Principal]
    private(set) var instance: (any InstalledCanister)?
    private var stable: StableMemory
    private var timers: [TimerID: LiveTimer] = [:]
    private var nextTimerID: UInt64 = 1
    /// The lines the canister logged (see `CanisterLog.swift`).
    nonisolated let canisterLog = CanisterLog()
    /// Whether `stop_canister` stopped it: calls and timers wait for `start_canister` (IC0508).
    var isStopped = false

    private struct LiveTimer: Sendable {
        var action: any AnyTimerAction
        var interval: UInt64?
        var sequence: UInt64
    }

    init(id: Principal, controllers: [Principal], shared: ReplicaShared) {
        self.id = id
        self.shared = shared
        self.controllers = Self.normalized(controllers)
        self.stable = StableMemory(maximumPages: shared.configuration.maximumStableMemoryPages)
    }

    private static func normalized(_ principals: [Principal]) -> [Principal] {
        Array(Set(principals)).sorted()
    }

    // MARK: - Calls

    /// Executes an update call (see ``Replica/update(_:method:argument:caller:)``).
    public func update(_ method: String, argument: [UInt8], caller: Principal = .anonymous) -> CallResult {
        deliver(method, kind: .update, argument: argument, caller: caller)
    }

    /// Executes a query call (see ``Replica/query(_:method:argument:caller:)``).
    public func query(_ method: String, argument: [UInt8], caller: Principal = .anonymous) -> CallResult {
        deliver(method, kind: .query, argument: argument, caller: caller)
    }

    /// Executes a call as the kind its method is declared with (see ``Replica/call(_:method:argument:caller:)``).
    public func call(_ method: String, argument: [UInt8], caller: Principal = .anonymous) -> CallResult {
        kind(of: method) == .query
            ? query(method, argument: argument, caller: caller)
            : update(method, argument: argument, caller: caller)
    }

    /// The kind of a method, or `nil` when the canister is empty or has no such method.
    public func kind(of method: String) -> MethodKind? {
        instance?.kind(of: method)
    }

    /// Checks the ingress limit, executes an update or query call at the current time, and logs it.
    private func deliver(_ method: String, kind: MethodKind, argument: [UInt8], caller: Principal) -> CallResult {
        let time = kind == .query ? shared.now : shared.messageTime()
        let limit = shared.configuration.maximumIngressPayloadBytes
        let result: CallResult = if argument.count > limit {
            .failure(.payloadTooLarge(size: argument.count, limit: limit))
        } else if isStopped {
            .failure(.stopped(id))
        } else if kind == .query {
            executeQuery(method, argument: argument, caller: caller, time: time)
        } else {
            executeUpdate(method, argument: argument, caller: caller, time: time)
        }
        shared.record(
            time: time, caller: caller, canister: id, method: method, kind: .method(kind), argument: argument,
            result: result
        )
        return result
    }

    /// Runs `body` isolated to this actor.
    func run<Result: Sendable>(_ body: @Sendable (isolated CanisterHost) throws -> Result) rethrows -> Result {
        try body(self)
    }

    private func executeUpdate(_ method: String, argument: [UInt8], caller: Principal, time: UInt64) -> CallResult {
        guard var working = instance else { return .failure(.noModule(id)) }
        guard working.kind(of: method) != nil else {
            return .failure(.methodNotFound(id, method: method, kind: .update))
        }
        var context = beginMessage(caller: caller, time: time, method: method, on: working)
        let injected = shared.faults.withLock { $0.nextUpdate() }
        do {
            let reply = try working.update(method, argument: argument, context: &context)
            try checkReplySize(reply.count, limit: shared.configuration.maximumUpdateReplyBytes)
            if let injected { throw Trap.injected(number: injected, method: method) }
            commit(working, context: &context)
            return .success(reply)
        } catch let rejection as CanisterRejection {
            commit(working, context: &context)
            return .failure(.from(rejection, canister: id))
        } catch {
            rollBack(context: &context)
            canisterLog.appendTrap(error, time: time)
            return .failure(.from(error, canister: id))
        }
    }

    private func executeQuery(_ method: String, argument: [UInt8], caller: Principal, time: UInt64) -> CallResult {
        guard let instance else { return .failure(.noModule(id)) }
        guard instance.kind(of: method) == .query else {
            return .failure(.methodNotFound(id, method: method, kind: .query))
        }
        let context = QueryContext(
            caller: caller, time: time, canisterId: id, controllers: controllers, methodName: method,
            stableMemory: stable.view, logSink: canisterLog
        )
        do {
            let reply = try instance.query(method, argument: argument, context: context)
            try checkReplySize(reply.count, limit: shared.configuration.maximumQueryReplyBytes)
            return .success(reply)
        } catch {
            canisterLog.appendTrap(error, time: time)
            return .failure(.from(error, canister: id))
        }
    }

    private func checkReplySize(_ size: Int, limit: Int) throws(Trap) {
        guard size <= limit else {
            throw Trap(
                errorCode: .canisterContractViolation,
                message: "ic0.msg_reply_data_append: application payload size (\(size)) cannot be larger than \(limit)"
            )
        }
    }

    // MARK: - Message bracket

    /// A context for a message; the stable memory moves into it (so writes do not copy the page table)
    /// with a journal started.
    func beginMessage(
        caller: Principal,
        time: UInt64,
        method: String,
        on canister: any InstalledCanister,
        timer: TimerID? = nil
    ) -> CallContext {
        var memory = stable
        stable = StableMemory(maximumPages: 0)
        memory.beginMessage()
        var context = CallContext(
            caller: caller, time: time, canisterId: id, controllers: controllers, methodName: method,
            currentTimer: timer, stableMemory: memory, canisterType: canister.canisterType,
            canisterTypeName: canister.typeName, nextTimerID: nextTimerID
        )
        context.logSink = canisterLog
        return context
    }

    func commit(_ working: any InstalledCanister, context: inout CallContext) {
        instance = working
        context.stableMemory.commitMessage()
        stable = context.stableMemory
        context.stableMemory = StableMemory(maximumPages: 0)
        nextTimerID = context.nextTimerID
        apply(context.timerChanges)
    }

    func rollBack(context: inout CallContext) {
        context.stableMemory.rollBackMessage()
        stable = context.stableMemory
        context.stableMemory = StableMemory(maximumPages: 0)
    }

    // MARK: - Timers

    private func apply(_ changes: [TimerChange]) {
        for change in changes {
            switch change {
            case .set(let timer, let due, let interval, let action):
                let sequence = shared.timers.withLock { $0.schedule(due: due, canister: id, timer: timer) }
                timers[timer] = LiveTimer(action: action, interval: interval, sequence: sequence)
            case .clear(let timer):
                guard timers.removeValue(forKey: timer) != nil else { continue }
                shared.timers.withLock { $0.remove(canister: id, timer: timer) }
            }
        }
    }

    func clearAllTimers() {
        timers = [:]
        shared.timers.withLock { $0.removeAll(canister: id) }
    }

    /// Runs a due timer as a message from the management canister. Returns whether it ran.
    func runTimer(_ entry: TimerQueue.Entry) -> Bool {
        guard let live = timers[entry.timer], live.sequence == entry.sequence, var working = instance else {
            return false
        }
        guard !isStopped else { return deferTimer(entry) }
        if live.interval == nil {
            timers[entry.timer] = nil
        }
        let time = shared.messageTime()
        let method = "canister_global_timer"
        var context = beginMessage(
            caller: .managementCanister, time: time, method: method, on: working, timer: entry.timer
        )
        let result: CallResult
        do {
            try working.runTimer(live.action, context: &context)
            commit(working, context: &context)
            result = .success([])
        } catch {
            rollBack(context: &context)
            canisterLog.appendTrap(error, time: time)
            result = .failure(.from(Self.noReplyAllowed(error, in: "a timer"), canister: id))
        }
        if let interval = live.interval, timers[entry.timer]?.sequence == live.sequence {
            let (due, overflow) = time.addingReportingOverflow(interval)
            if overflow {
                timers[entry.timer] = nil
            } else {
                let sequence = shared.timers.withLock { $0.schedule(due: due, canister: id, timer: entry.timer) }
                timers[entry.timer]?.sequence = sequence
            }
        }
        shared.record(
            time: time, caller: .managementCanister, canister: id, method: method, kind: .timer, argument: [],
            result: result
        )
        return true
    }

    // MARK: - Management

    func install(
        _ module: CanisterModule,
        mode: InstallMode,
        argument: [UInt8],
        sender: Principal
    ) -> Result<Void, Reject> {
        let time = shared.messageTime()
        let result = executeInstall(module, mode: mode, argument: argument, sender: sender, time: time)
        let kind: CallKind = switch mode {
        case .install: .install
        case .reinstall: .reinstall
        case .upgrade: .upgrade
        }
        shared.record(
            time: time, caller: sender, canister: id, method: "install_code", kind: kind, argument: argument,
            result: result.map { [] }
        )
        return result
    }

    private func executeInstall(
        _ module: CanisterModule,
        mode: InstallMode,
        argument: [UInt8],
        sender: Principal,
        time: UInt64
    ) -> Result<Void, Reject> {
        guard controllers.contains(sender) else { return .failure(.notController(id, operation: "install_code")) }
        if let problem = module.problem() { return .failure(.invalidModule(id, reason: problem)) }
        let old = instance
        switch mode {
        case .install where old != nil: return .failure(.nonEmpty(id))
        case .upgrade where old == nil: return .failure(.noModule(id))
        default: break
        }
        var context: CallContext
        if mode == .upgrade, let old {
            context = beginMessage(caller: sender, time: time, method: "canister_pre_upgrade", on: old)
        } else {
            var fresh = StableMemory(maximumPages: shared.configuration.maximumStableMemoryPages)
            fresh.beginMessage()
            context = CallContext(
                caller: sender, time: time, canisterId: id, controllers: controllers, methodName: "canister_init",
                stableMemory: fresh, canisterType: module.canisterType, canisterTypeName: module.name,
                nextTimerID: nextTimerID
            )
        }
        context.logSink = canisterLog
        do {
            if mode == .upgrade, let old {
                try old.preUpgrade(context: &context)
                context = CallContext(
                    caller: sender, time: time, canisterId: id, controllers: controllers,
                    methodName: "canister_post_upgrade", stableMemory: context.stableMemory,
                    canisterType: module.canisterType, canisterTypeName: module.name,
                    nextTimerID: context.nextTimerID
                )
                context.logSink = canisterLog
            }
            let new = try module.instantiate(mode == .upgrade, argument, &context)
            clearAllTimers()
            commit(new, context: &context)
            return .success(())
        } catch {
            if mode == .upgrade {
                rollBack(context: &context)
            }
            canisterLog.appendTrap(error, time: time)
            return .failure(.from(Self.noReplyAllowed(error, in: "install_code"), canister: id))
        }
    }

    /// A due timer of a stopped canister waits: it is queued again at its due time and runs at the first
    /// ``Replica/tick()`` after `start_canister`.
    private func deferTimer(_ entry: TimerQueue.Entry) -> Bool {
        let sequence = shared.timers.withLock { $0.schedule(due: entry.due, canister: id, timer: entry.timer) }
        timers[entry.timer]?.sequence = sequence
        return false
    }

    /// A reject thrown where no caller waits for a reply (install hooks, timers) is a contract violation.
    private static func noReplyAllowed(_ error: any Error, in place: String) -> any Error {
        guard let rejection = error as? CanisterRejection else { return error }
        return Trap(
            errorCode: .canisterContractViolation,
            message: "ic0.msg_reject cannot be called in \(place): \(rejection.message)"
        )
    }

    func uninstall(sender: Principal) -> Result<Void, Reject> {
        let time = shared.now
        let result: Result<Void, Reject>
        if controllers.contains(sender) {
            instance = nil
            stable = StableMemory(maximumPages: shared.configuration.maximumStableMemoryPages)
            clearAllTimers()
            result = .success(())
        } else {
            result = .failure(.notController(id, operation: "uninstall_code"))
        }
        shared.record(
            time: time, caller: sender, canister: id, method: "uninstall_code", kind: .uninstall, argument: [],
            result: result.map { [] }
        )
        return result
    }

    func controllerList() -> [Principal] {
        controllers
    }

    func setControllers(_ newControllers: [Principal], sender: Principal) -> Result<Void, Reject> {
        guard controllers.contains(sender) else { return .failure(.notController(id, operation: "update_settings")) }
        controllers = Self.normalized(newControllers)
        return .success(())
    }

    // MARK: - Inspection

    func module() -> CanisterModule? {
        instance?.module
    }

    func state<C: Canister>(as type: C.Type) -> C? {
        (instance as? Instance<C>)?.state
    }

    func stableMemoryView() -> StableMemoryView {
        stable.view
    }
}
