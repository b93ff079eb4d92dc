// Sources/CanisterRuntime/ManagementCanister.swift - the management canister `aaaaa-aa` and the module registry

public import Candid
import Synchronization

/// A refused ``Replica/register(_:as:)``: the registry is unchanged.
public struct ModuleRegistryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A readable explanation naming the module.
    public let message: String

    public var description: String { message }
}

/// The replica-wide state of the management canister: the registered modules, and per canister what
/// the hosts do not keep (the module it was installed from, its change history, who may read its logs).
struct ManagementState: Sendable {
    /// The most changes `canister_info` keeps per canister (the IC keeps 20).
    static let historyLimit = 20
    /// The most controllers a canister may have (the IC's limit).
    static let controllerLimit = 10
    /// The longest registered module name, in UTF-8 bytes.
    static let moduleNameLimit = 64

    var modules: [String: CanisterModule] = [:]
    var canisters: [Principal: ManagedCanister] = [:]
}

/// What the management canister knows about one canister.
struct ManagedCanister: Sendable {
    /// The `wasm_module` bytes it was installed from (the registered module name), `nil` when empty.
    var moduleBytes: [UInt8]?
    /// Who may fetch its logs: `controllers`, `public`, or the listed principals (and the controllers).
    var logVisibility: CandidValue = .variant(CandidLabel("controllers"), .null)
    /// The most recent changes, oldest first, at most ``ManagementState/historyLimit``.
    var history: [CandidValue] = []
    /// How many changes were ever made (the IC's `total_num_changes` and, here, `canister_version`).
    var totalChanges: UInt64 = 0
}

extension Replica {
    // MARK: - Module registry

    /// Registers a canister type under `name`, so that `install_code` can install it: its `wasm_module`
    /// is the UTF-8 bytes of the name (a script writes `wasm_module = blob "counter"`).
    ///
    /// - Throws: ``ModuleRegistryError`` for an empty name, one longer than 64 bytes, or one already taken.
    public func register(_ module: CanisterModule, as name: String) throws(ModuleRegistryError) {
        guard !name.isEmpty, name.utf8.count <= ManagementState.moduleNameLimit else {
            throw ModuleRegistryError(
                message: "a module name must be 1 to \(ManagementState.moduleNameLimit) bytes, got '\(name)'"
            )
        }
        try management.withLock { (state) throws(ModuleRegistryError) in
            guard state.modules[name] == nil else {
                throw ModuleRegistryError(message: "a module named '\(name)' is already registered")
            }
            state.modules[name] = module
        }
    }

    /// The registered module names, sorted.
    public var registeredModules: [String] {
        management.withLock { $0.modules.keys.sorted() }
    }

    /// The lines a canister logged that its log ring still keeps, oldest first (see `CanisterLog`).
    ///
    /// - Throws: ``Reject`` (IC0301) for an unknown canister.
    public func logs(of canister: Principal) throws(Reject) -> [CanisterLogRecord] {
        try host(canister).canisterLog.records
    }

    /// The kept lines of a canister with an index of at least `index`: what it logged since a record's
    /// index (`index + 1`), e.g. to show the lines a call wrote next to the call.
    ///
    /// - Throws: ``Reject`` (IC0301) for an unknown canister.
    public func logs(of canister: Principal, from index: UInt64) throws(Reject) -> [CanisterLogRecord] {
        try host(canister).canisterLog.records(from: index)
    }

    // MARK: - Calls to aaaaa-aa

    /// Executes a call to the management canister and logs it (canister `aaaaa-aa`).
    func managementCall(_ method: String, argument: [UInt8], caller: Principal, kind: MethodKind) async
        -> CallResult
    {
        let time = kind == .query ? shared.now : shared.messageTime()
        let result: CallResult
        do {
            result = .success(try await executeManagement(method, argument: argument, caller: caller))
        } catch let reject as Reject {
            result = .failure(reject)
        } catch {
            result = .failure(.invalidManagementPayload(method, String(describing: error)))
        }
        shared.record(
            time: time, caller: caller, canister: .managementCanister, method: method, kind: .method(kind),
            argument: argument, result: result
        )
        return result
    }

    /// The kind a management method is declared with (`fetch_canister_logs` is a query).
    func managementKind(of method: String) -> MethodKind {
        ManagementInterface.signature(of: method)?.modes.contains(.query) == true ? .query : .update
    }

    private func executeManagement(_ method: String, argument: [UInt8], caller: Principal) async throws
        -> [UInt8]
    {
        guard let signature = ManagementInterface.signature(of: method),
              let environment = ManagementInterface.didFile?.environment
        else { throw Reject.unknownManagementMethod(method) }
        let decoded: [CandidValue]
        do {
            decoded = try Candid.decode(argument, as: signature.arguments, in: environment)
        } catch {
            throw Reject.invalidManagementPayload(method, "\(error)")
        }
        let request = ManagementRequest(method: method, value: decoded.first ?? .null)
        let results: [CandidValue] = switch method {
        case "create_canister", "provisional_create_canister_with_cycles":
            [try create(request, caller: caller)]
        case "install_code": try await installCode(request, caller: caller)
        case "uninstall_code": try await uninstallCode(request, caller: caller)
        case "canister_status": [try await status(request, caller: caller)]
        case "update_settings": try await updateSettings(request, caller: caller)
        case "stop_canister", "start_canister": try await setStopped(method == "stop_canister", request, caller)
        case "delete_canister": try await delete(request, caller: caller)
        case "canister_info": [try await info(request)]
        case "fetch_canister_logs": [try await fetchLogs(request, caller: caller)]
        default: throw Reject.unknownManagementMethod(method)
        }
        do {
            return try Candid.encode(results, as: signature.results, in: environment)
        } catch {
            throw Reject.invalidManagementPayload(method, "the reply does not encode: \(error)")
        }
    }

    // MARK: - Methods

    private func create(_ request: ManagementRequest, caller: Principal) throws(Reject) -> CandidValue {
        if case .opt(.some(let id))? = request.field("specified_id") {
            throw request.invalid("specified_id \(id) is not supported: ids are assigned in order")
        }
        let settings = request.optionalRecord("settings") ?? .record([])
        let controllers = try request.controllers(in: settings)
        let visibility = try request.logVisibility(in: settings)
        let owners = controllers ?? [caller]
        let id = createCanister(controllers: owners)
        management.withLock { state in
            var canister = ManagedCanister()
            if let visibility { canister.logVisibility = visibility }
            canister.record(time: time, caller: caller, .variant(CandidLabel("creation"), .record([
                CandidRecordField(CandidLabel("controllers"), .vec(owners.sorted().map { .principal($0) }))
            ])))
            state.canisters[id] = canister
        }
        return .record([CandidRecordField(CandidLabel("canister_id"), .principal(id))])
    }

    private func installCode(_ request: ManagementRequest, caller: Principal) async throws -> [CandidValue] {
        let (id, host) = try await controlled(request, caller: caller)
        guard case .blob(let wasm)? = request.field("wasm_module"), case .blob(let arg)? = request.field("arg"),
              case .variant(let modeLabel, let options)? = request.field("mode")
        else { throw request.invalid("expected mode, wasm_module and arg") }
        let name = String(decoding: wasm, as: UTF8.self)
        let module = management.withLock { $0.modules[name] }
        guard let module else { throw Reject.unknownModule(id, name: name, known: registeredModules) }
        let mode: InstallMode
        switch modeLabel {
        case CandidLabel("install"): mode = .install
        case CandidLabel("reinstall"): mode = .reinstall
        default:
            mode = .upgrade
            if case .opt(.some(let flags)) = options,
               case .opt(.some(.bool(true)))? = ManagementRequest.field("skip_pre_upgrade", of: flags)
            {
                throw request.invalid("skip_pre_upgrade = opt true is not supported: pre_upgrade always runs")
            }
        }
        try await host.install(module, mode: mode, argument: arg, sender: caller).get()
        management.withLock { state in
            state.canisters[id, default: ManagedCanister()].moduleBytes = wasm
            state.canisters[id, default: ManagedCanister()].record(
                time: time, caller: caller, .variant(CandidLabel("code_deployment"), .record([
                    CandidRecordField(CandidLabel("mode"), .variant(CandidLabel(mode.rawValue), .null)),
                    CandidRecordField(CandidLabel("module_hash"), .blob(wasm)),
                ]))
            )
        }
        return []
    }

    private func uninstallCode(_ request: ManagementRequest, caller: Principal) async throws -> [CandidValue] {
        let (id, host) = try await controlled(request, caller: caller)
        try await host.uninstall(sender: caller).get()
        management.withLock { state in
            state.canisters[id, default: ManagedCanister()].moduleBytes = nil
            state.canisters[id, default: ManagedCanister()].record(
                time: time, caller: caller, .variant(CandidLabel("code_uninstall"), .null)
            )
        }
        return []
    }

    private func status(_ request: ManagementRequest, caller: Principal) async throws -> CandidValue {
        let (id, host) = try await controlled(request, caller: caller)
        let (stopped, controllers, memory, code) = await host.run { host in
            (host.isStopped, host.controllerList(), host.stableMemoryView().byteCount, host.module())
        }
        let managed = managed(id)
        let hash = managed.moduleHash(installed: code)
        return ManagementRequest.record([
            ("status", .variant(CandidLabel(stopped ? "stopped" : "running"), .null)),
            ("settings", ManagementRequest.record([
                ("controllers", .vec(controllers.map { .principal($0) })),
                ("compute_allocation", .nat(0)),
                ("memory_allocation", .nat(0)),
                ("freezing_threshold", .nat(2_592_000)),
                ("reserved_cycles_limit", .nat(5_000_000_000_000)),
                ("log_visibility", managed.logVisibility),
                ("wasm_memory_limit", .nat(3_221_225_472)),
                ("wasm_memory_threshold", .nat(0)),
            ])),
            ("module_hash", .opt(hash.map { .blob($0) })),
            ("memory_size", .nat(BigInt(memory))),
            ("cycles", .nat(BigInt(UInt64(100_000_000_000_000)))),
            ("reserved_cycles", .nat(0)),
            ("idle_cycles_burned_per_day", .nat(0)),
        ])
    }

    private func updateSettings(_ request: ManagementRequest, caller: Principal) async throws -> [CandidValue] {
        guard case .record? = request.field("settings") else { throw request.invalid("expected settings") }
        let settings = request.field("settings") ?? .null
        let controllers = try request.controllers(in: settings)
        let visibility = try request.logVisibility(in: settings)
        let (id, host) = try await controlled(request, caller: caller)
        if let controllers {
            try await host.setControllers(controllers, sender: caller).get()
        }
        management.withLock { state in
            if let visibility { state.canisters[id, default: ManagedCanister()].logVisibility = visibility }
            if let controllers {
                state.canisters[id, default: ManagedCanister()].record(
                    time: time, caller: caller, .variant(CandidLabel("controllers_change"), .record([
                        CandidRecordField(
                            CandidLabel("controllers"), .vec(Set(controllers).sorted().map { .principal($0) })
                        )
                    ]))
                )
            }
        }
        return []
    }

    private func setStopped(_ stopped: Bool, _ request: ManagementRequest, _ caller: Principal) async throws
        -> [CandidValue]
    {
        let (_, host) = try await controlled(request, caller: caller)
        await host.run { $0.isStopped = stopped }
        return []
    }

    private func delete(_ request: ManagementRequest, caller: Principal) async throws -> [CandidValue] {
        let (id, host) = try await controlled(request, caller: caller)
        // One step on the host, so no start_canister or call can come between the check and the removal.
        guard await host.run({ host in
            guard host.isStopped else { return false }
            host.clearAllTimers()
            self.removeHost(id)
            return true
        }) else { throw Reject.notStopped(id) }
        management.withLock { _ = $0.canisters.removeValue(forKey: id) }
        return []
    }

    private func info(_ request: ManagementRequest) async throws -> CandidValue {
        let id = try request.canisterId()
        let host = try host(id)
        var requested = 0
        if case .opt(.some(.nat64(let count)))? = request.field("num_requested_changes") {
            guard count <= UInt64(ManagementState.historyLimit) else {
                throw request.invalid("num_requested_changes must be at most \(ManagementState.historyLimit)")
            }
            requested = Int(count)
        }
        let (controllers, code) = await host.run { ($0.controllerList(), $0.module()) }
        let managed = managed(id)
        let hash = managed.moduleHash(installed: code)
        return ManagementRequest.record([
            ("total_num_changes", .nat64(managed.totalChanges)),
            ("recent_changes", .vec(Array(managed.history.suffix(requested)))),
            ("module_hash", .opt(hash.map { .blob($0) })),
            ("controllers", .vec(controllers.map { .principal($0) })),
        ])
    }

    private func fetchLogs(_ request: ManagementRequest, caller: Principal) async throws -> CandidValue {
        let id = try request.canisterId()
        let host = try host(id)
        let controllers = await host.run { $0.controllerList() }
        let visibility = managed(id).logVisibility
        let allowed: Bool = switch visibility {
        case .variant(CandidLabel("public"), _): true
        case .variant(CandidLabel("allowed_viewers"), .vec(let viewers)):
            controllers.contains(caller) || viewers.contains(.principal(caller))
        default: controllers.contains(caller)
        }
        guard allowed else { throw Reject.notController(id, operation: "fetch_canister_logs") }
        let records = host.canisterLog.records.map { record in
            ManagementRequest.record([
                ("idx", .nat64(record.index)),
                ("timestamp_nanos", .nat64(record.timestamp)),
                ("content", .blob(record.content)),
            ])
        }
        return ManagementRequest.record([("canister_log_records", .vec(records))])
    }

    /// What the management canister records about a canister (defaults for one made by the Swift API).
    private func managed(_ id: Principal) -> ManagedCanister {
        management.withLock { $0.canisters[id] } ?? ManagedCanister()
    }

    /// The canister the request names and its host, when `caller` controls it.
    ///
    /// - Throws: ``Reject``: IC0408 no `canister_id`, IC0301 no such canister, IC0512 not a controller.
    private func controlled(_ request: ManagementRequest, caller: Principal) async throws(Reject)
        -> (Principal, CanisterHost)
    {
        let id = try request.canisterId()
        let host = try host(id)
        guard await host.controllerList().contains(caller) else {
            throw Reject.notController(id, operation: request.method)
        }
        return (id, host)
    }
}

extension ManagedCanister {
    /// The `module_hash` the IC reports: `nil` when empty, else the `wasm_module` bytes installed from (the
    /// Swift type name for code installed through the Swift API).
    func moduleHash(installed code: CanisterModule?) -> [UInt8]? {
        guard let code else { return nil }
        return moduleBytes ?? Array(code.name.utf8)
    }

    /// Appends a change to the history (dropping the oldest beyond the limit) and counts it.
    mutating func record(time: UInt64, caller: Principal, _ details: CandidValue) {
        totalChanges += 1
        history.append(ManagementRequest.record([
            ("timestamp_nanos", .nat64(time)),
            ("canister_version", .nat64(totalChanges)),
            ("origin", .variant(CandidLabel("from_user"), ManagementRequest.record([("user_id", .principal(caller))]))),
            ("details", details),
        ]))
        if history.count > ManagementState.historyLimit {
            history.removeFirst(history.count - ManagementState.historyLimit)
        }
    }
}

/// A decoded management argument (the first argument's record) and the method it is for.
struct ManagementRequest {
    let method: String
    let value: CandidValue

    /// A record from labelled values.
    static func record(_ fields: [(String, CandidValue)]) -> CandidValue {
        .record(fields.map { CandidRecordField(CandidLabel($0.0), $0.1) })
    }

    /// The field called `name` of a record value.
    static func field(_ name: String, of value: CandidValue) -> CandidValue? {
        guard case .record(let fields) = value else { return nil }
        let label = CandidLabel(name)
        return fields.first { $0.label == label }?.value
    }

    func field(_ name: String) -> CandidValue? {
        Self.field(name, of: value)
    }

    /// The value inside an `opt record` field that is present.
    func optionalRecord(_ name: String) -> CandidValue? {
        guard case .opt(.some(let inner))? = field(name) else { return nil }
        return inner
    }

    func invalid(_ reason: String) -> Reject {
        .invalidManagementPayload(method, reason)
    }

    /// The `canister_id` field.
    func canisterId() throws(Reject) -> Principal {
        guard case .principal(let id)? = field("canister_id") else { throw invalid("expected a canister_id") }
        return id
    }

    /// The `controllers` of a settings record, when given; at most ten.
    func controllers(in settings: CandidValue) throws(Reject) -> [Principal]? {
        guard case .opt(.some(.vec(let values)))? = Self.field("controllers", of: settings) else { return nil }
        guard values.count <= ManagementState.controllerLimit else {
            throw invalid(
                "a canister can have at most \(ManagementState.controllerLimit) controllers, got \(values.count)"
            )
        }
        var controllers: [Principal] = []
        for value in values {
            guard case .principal(let principal) = value else { throw invalid("controllers must be principals") }
            controllers.append(principal)
        }
        return controllers
    }

    /// The `log_visibility` of a settings record, when given; at most ten allowed viewers.
    func logVisibility(in settings: CandidValue) throws(Reject) -> CandidValue? {
        guard case .opt(.some(let visibility))? = Self.field("log_visibility", of: settings) else { return nil }
        if case .variant(_, .vec(let viewers)) = visibility, viewers.count > ManagementState.controllerLimit {
            throw invalid("log_visibility allows at most \(ManagementState.controllerLimit) viewers")
        }
        return visibility
    }
}
