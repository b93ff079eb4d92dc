// Sources/UploadCanister/UploadCanister.swift - the upload backend as a canister on the simulated replica

public import Candid
public import CanisterRuntime
public import Uploads

/// The upload backend as a canister: futura's `uploads_*`, `sessions_*`, `blob_*`, `capsules_*` and
/// `memories_*` endpoints (seed-era signatures) over an ``UploadBackend`` whose blobs live in the
/// canister's stable memory.
///
/// The backend, ``Backend/direct`` or ``Backend/compat``, is chosen at install and may change at every
/// upgrade: `pre_upgrade` persists the whole upload state into stable memory, `post_upgrade` restores
/// it into the backend the upgrade argument names, so uploads in flight finish after the upgrade. A
/// periodic timer expires stale sessions every ``sweepInterval`` of replica time.
///
/// The state is the backend, a plain value; blob bytes are only in stable memory, which each message
/// lends to the backend calls that need it. So the runtime's rollback of a trapped message (keep the old
/// value, undo the journaled pages) covers everything.
///
/// Install it with ``install(on:backend:configuration:admins:controllers:)`` and call it with Candid
/// bytes through the replica; ``UploadCanisterInterface`` gives its `.did`.
public struct UploadCanister: Canister {
    public typealias InstallArgument = InitArg

    /// How often the session sweep runs: every 5 minutes of replica time.
    public static let sweepInterval: Duration = .seconds(300)

    /// The backend serving the calls.
    public internal(set) var backend: any UploadBackend
    /// Which backend ``backend`` is.
    public var backendKind: Backend { Backend(of: backend) }
    /// Principals allowed to call the admin endpoints besides the canister's controllers (sorted).
    public let admins: [Principal]

    // MARK: - Lifecycle

    /// `canister_init`: an empty backend of the chosen kind, and the sweep timer.
    ///
    /// - Throws: ``Trap`` when a limit is 0 (`invalid_configuration`); the install then fails.
    public init(install argument: InitArg, context: inout CallContext) throws {
        let configuration = argument.configuration
        self.backend = try Self.trapping("install") { () throws(UploadError) -> any UploadBackend in
            try argument.backend.make(configuration: configuration)
        }
        self.admins = Array(Set(argument.admins)).sorted()
        try Self.scheduleSweep(&context)
    }

    /// `canister_post_upgrade`: the state `pre_upgrade` persisted, restored into the backend `argument`
    /// names, and the sweep timer again.
    ///
    /// - Throws: ``Trap`` when stable memory holds no valid upload state (`corrupt_snapshot`) or the
    ///   argument changes a persisted limit; the upgrade then fails and the old canister keeps running.
    public init(upgrade argument: InitArg, context: inout CallContext) throws {
        let memory = StableMemoryStorage(reading: context.stableMemory.view)
        let backend = try Self.trapping("post_upgrade") { () throws(UploadError) -> any UploadBackend in
            try argument.backend.restore(from: memory)
        }
        let changes = argument.changes(from: backend.configuration)
        guard changes.isEmpty else {
            throw Trap(
                "post_upgrade: an upgrade keeps the persisted limits; the argument changes "
                    + changes.joined(separator: ", ")
            )
        }
        self.backend = backend
        self.admins = Array(Set(argument.admins)).sorted()
        try Self.scheduleSweep(&context)
    }

    /// `canister_pre_upgrade`: writes the whole upload state into stable memory (the blobs are there
    /// already).
    ///
    /// - Throws: ``Trap`` when the state cannot be encoded or stored; the upgrade then fails.
    public func preUpgrade(context: inout CallContext) throws {
        let backend = self.backend
        try Self.trapping("pre_upgrade") { () throws(UploadError) in
            try StableMemoryStorage.with(&context.stableMemory) { (storage) throws(UploadError) in
                try backend.persist(into: &storage)
            }
        }
    }

    /// Registers the sweep timer, its due time saturating at the end of time: within ``sweepInterval`` of
    /// `UInt64.max` ns the first sweep is due at `UInt64.max`, and at `UInt64.max` itself none is registered
    /// (no later time exists; every update call still expires stale sessions first). So `init` and
    /// `post_upgrade` never trap on the clock.
    private static func scheduleSweep(_ context: inout CallContext) throws {
        let room = UInt64.max - context.time
        guard room > 0 else { return }
        let interval = min(sweepIntervalNanoseconds, room)
        try context.setTimerInterval(every: .nanoseconds(interval)) { (canister: inout UploadCanister, context) in
            canister.sweep(context)
        }
    }

    /// ``sweepInterval`` in nanoseconds.
    static let sweepIntervalNanoseconds: UInt64 = 300_000_000_000

    /// The timer: expires every session whose TTL ran out, freeing its region.
    mutating func sweep(_ context: CallContext) {
        _ = backend.sessionsCleanupExpired(now: context.time)
    }

    /// Runs `body`, turning an ``UploadError`` into a trap that names the hook.
    private static func trapping<R>(_ hook: String, _ body: () throws(UploadError) -> R) throws(Trap) -> R {
        do {
            return try body()
        } catch {
            throw Trap("\(hook): \(error)")
        }
    }

    // MARK: - Running backend operations

    /// Runs an update operation; `body` gets the backend, the message's stable memory as storage, the
    /// caller and the message time.
    mutating func update<R>(
        _ context: inout CallContext,
        _ body: (inout any UploadBackend, inout StableMemoryStorage, Principal, UInt64) -> R
    ) -> R {
        let caller = context.caller
        let now = context.time
        return StableMemoryStorage.with(&context.stableMemory) { storage in body(&backend, &storage, caller, now) }
    }

    /// Runs a read-only operation; `body` gets the backend, the query's stable memory, the caller and the time.
    func query<R>(_ context: QueryContext, _ body: (any UploadBackend, StableMemoryStorage, Principal, UInt64) -> R)
        -> R
    {
        body(backend, StableMemoryStorage(reading: context.stableMemory), context.caller, context.time)
    }

    /// Whether `caller` may call the admin endpoints: a controller of the canister or an admin named at
    /// install; never the anonymous principal.
    func isAdmin(_ caller: Principal, controllers: [Principal]) -> Bool {
        caller != .anonymous && (controllers.contains(caller) || admins.contains(caller))
    }
}
