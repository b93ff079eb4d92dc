// Sources/UploadCanister/UploadCanister+InitArg.swift - the install and upgrade argument

public import Candid
public import Uploads

extension UploadCanister {
    /// Which implementation of the upload backend serves the calls: the one name of a backend, used by the
    /// install argument, the CLI's `--backend direct|compat` and the bench. (Declared here so that clients
    /// of this module need not import `Uploads`.)
    public enum Backend: String, Codable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
        /// ``CompatUploadService``: the old upload service's calls through the `SessionCompat` shim.
        case compat
        /// ``DirectUploadService``: the session engine used directly.
        case direct

        public var description: String { rawValue }

        /// The type that implements this backend: the one place a name meets its implementation.
        package var implementation: any UploadBackend.Type {
            switch self {
            case .direct: DirectUploadService.self
            case .compat: CompatUploadService.self
            }
        }

        /// The kind of `backend`.
        init(of backend: any UploadBackend) {
            let type = ObjectIdentifier(Swift.type(of: backend))
            self = Self.allCases.first { ObjectIdentifier($0.implementation) == type } ?? .direct
        }

        /// A fresh backend of this kind.
        ///
        /// - Throws: `InvalidArgument` for an unusable configuration.
        func make(configuration: UploadConfiguration) throws(UploadError) -> any UploadBackend {
            try implementation.init(configuration: configuration)
        }

        /// A backend of this kind holding the state either kind persisted into `storage` (an upgrade,
        /// possibly switching kind).
        ///
        /// - Throws: `Internal` ("corrupt_snapshot") as ``UploadBackend/restore(from:)``.
        func restore(from storage: some BlobStorage) throws(UploadError) -> any UploadBackend {
            try implementation.restore(from: storage)
        }
    }

    /// The install (and upgrade) argument, `InitArg` in the `.did`:
    ///
    /// ```candid
    /// type InitArg = record {
    ///   backend : variant { compat; direct };
    ///   chunk_size : opt nat32;             // default 1_800_000
    ///   max_chunks : opt nat32;             // default 16_384
    ///   max_active_per_caller : opt nat32;  // default 100
    ///   session_ttl_ns : opt nat64;         // default 7_200_000_000_000 (2 h)
    ///   admins : vec principal;             // admins besides the canister's controllers
    /// };
    /// ```
    ///
    /// At install, `null` limits take futura's defaults. At an upgrade the limits persisted in stable
    /// memory stay: a `null` limit keeps its value, and a given one must equal it (the upgrade traps
    /// otherwise, leaving the old canister running). `backend` and `admins` apply at every install
    /// and upgrade.
    public struct InitArg: Codable, Hashable, Sendable {
        /// The backend to run.
        public var backend: Backend
        /// Length of every chunk but the last, in bytes.
        public var chunkSize: UInt32?
        /// The most chunks one upload may have.
        public var maxChunks: UInt32?
        /// The most sessions one caller may have open on one capsule.
        public var maxActivePerCaller: UInt32?
        /// Nanoseconds a session lives without activity.
        public var sessionTTLNanoseconds: UInt64?
        /// Principals allowed to call the admin endpoints (`sessions_clear_all`, `sessions_cleanup_expired`)
        /// in addition to the canister's controllers.
        public var admins: [Principal]

        /// An argument; `nil` limits mean "the default" (install) or "keep" (upgrade).
        public init(
            backend: Backend,
            chunkSize: UInt32? = nil,
            maxChunks: UInt32? = nil,
            maxActivePerCaller: UInt32? = nil,
            sessionTTLNanoseconds: UInt64? = nil,
            admins: [Principal] = []
        ) {
            self.backend = backend
            self.chunkSize = chunkSize
            self.maxChunks = maxChunks
            self.maxActivePerCaller = maxActivePerCaller
            self.sessionTTLNanoseconds = sessionTTLNanoseconds
            self.admins = admins
        }

        /// An argument that spells out every limit of `configuration`.
        public init(backend: Backend, configuration: UploadConfiguration, admins: [Principal] = []) {
            self.init(
                backend: backend,
                chunkSize: configuration.chunkSize,
                maxChunks: configuration.maxChunks,
                maxActivePerCaller: configuration.maxActiveSessionsPerCaller,
                sessionTTLNanoseconds: configuration.sessionTTL,
                admins: admins
            )
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case backend, admins
            case chunkSize = "chunk_size"
            case maxChunks = "max_chunks"
            case maxActivePerCaller = "max_active_per_caller"
            case sessionTTLNanoseconds = "session_ttl_ns"
        }

        /// The limits of a fresh install: the given ones over futura's defaults.
        public var configuration: UploadConfiguration {
            var configuration = UploadConfiguration.default
            if let chunkSize { configuration.chunkSize = chunkSize }
            if let maxChunks { configuration.maxChunks = maxChunks }
            if let maxActivePerCaller { configuration.maxActiveSessionsPerCaller = maxActivePerCaller }
            if let sessionTTLNanoseconds { configuration.sessionTTL = sessionTTLNanoseconds }
            return configuration
        }

        /// The given limits that differ from `persisted`, as `name (persisted P, argument A)` texts.
        func changes(from persisted: UploadConfiguration) -> [String] {
            let pairs: [(String, UInt64?, UInt64)] = [
                ("chunk_size", chunkSize.map(UInt64.init), UInt64(persisted.chunkSize)),
                ("max_chunks", maxChunks.map(UInt64.init), UInt64(persisted.maxChunks)),
                (
                    "max_active_per_caller", maxActivePerCaller.map(UInt64.init),
                    UInt64(persisted.maxActiveSessionsPerCaller)
                ),
                ("session_ttl_ns", sessionTTLNanoseconds, persisted.sessionTTL),
            ]
            return pairs.compactMap { name, given, kept in
                guard let given, given != kept else { return nil }
                return "\(name) (persisted \(kept), argument \(given))"
            }
        }
    }
}
