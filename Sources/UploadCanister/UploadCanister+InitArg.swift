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
    ///   chunk_size : opt nat32;                   // default 1_800_000
    ///   max_chunks : opt nat32;                   // default 16_384
    ///   max_active_per_caller : opt nat32;        // default 100 (per capsule and caller)
    ///   session_ttl_ns : opt nat64;               // default 7_200_000_000_000 (2 h)
    ///   max_single_read_bytes : opt nat64;        // default 2_097_152
    ///   max_idempotency_key_bytes : opt nat32;    // default 256
    ///   max_sessions_per_caller : opt nat32;      // default 200 (over all capsules)
    ///   max_capsules_per_caller : opt nat32;      // default 100
    ///   max_unsent_bytes_per_caller : opt nat64;  // default 4 GiB
    ///   max_unsent_bytes_total : opt nat64;       // default 32 GiB
    ///   max_name_bytes : opt nat32;               // default 1_024
    ///   max_mime_type_bytes : opt nat32;          // default 255
    ///   max_text_bytes : opt nat32;               // default 4_096
    ///   max_tags : opt nat32;                     // default 64
    ///   admins : vec principal;                   // admins besides the canister's controllers
    /// };
    /// ```
    ///
    /// At install, `null` limits take the defaults. At an upgrade the limits persisted in stable memory
    /// stay: a `null` limit keeps its value, and a given one must equal it (the upgrade traps otherwise,
    /// leaving the old canister running). `backend` and `admins` apply at every install and upgrade.
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
        /// The largest blob `blob_read` returns whole.
        public var maxSingleReadBytes: UInt64?
        /// The longest idempotency key, in UTF-8 bytes.
        public var maxIdempotencyKeyBytes: UInt32?
        /// The most sessions one caller may have open over all capsules.
        public var maxSessionsPerCaller: UInt32?
        /// The most capsules one caller may own.
        public var maxCapsulesPerCaller: UInt32?
        /// The most reserved-but-unsent bytes of one caller's open sessions.
        public var maxUnsentBytesPerCaller: UInt64?
        /// The most reserved-but-unsent bytes of all open sessions.
        public var maxUnsentBytesTotal: UInt64?
        /// The longest asset name, in UTF-8 bytes.
        public var maxNameBytes: UInt32?
        /// The longest asset mime type, in UTF-8 bytes.
        public var maxMimeTypeBytes: UInt32?
        /// The longest other metadata text, in UTF-8 bytes.
        public var maxTextBytes: UInt32?
        /// The most tags of one asset.
        public var maxTags: UInt32?
        /// Principals allowed to call the admin endpoints (`sessions_clear_all`, `sessions_cleanup_expired`)
        /// in addition to the canister's controllers.
        public var admins: [Principal]

        /// An argument; `nil` limits mean "the default" (install) or "keep" (upgrade). The limits not
        /// named here are `nil`; set them on the value.
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

        /// An argument that spells out every limit of `configuration` (the inline figures, which
        /// `upload_config` only reports, keep their defaults).
        public init(backend: Backend, configuration: UploadConfiguration, admins: [Principal] = []) {
            self.init(backend: backend, admins: admins)
            for limit in Self.limits { limit.spell(configuration, &self) }
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case backend, admins
            case chunkSize = "chunk_size"
            case maxChunks = "max_chunks"
            case maxActivePerCaller = "max_active_per_caller"
            case sessionTTLNanoseconds = "session_ttl_ns"
            case maxSingleReadBytes = "max_single_read_bytes"
            case maxIdempotencyKeyBytes = "max_idempotency_key_bytes"
            case maxSessionsPerCaller = "max_sessions_per_caller"
            case maxCapsulesPerCaller = "max_capsules_per_caller"
            case maxUnsentBytesPerCaller = "max_unsent_bytes_per_caller"
            case maxUnsentBytesTotal = "max_unsent_bytes_total"
            case maxNameBytes = "max_name_bytes"
            case maxMimeTypeBytes = "max_mime_type_bytes"
            case maxTextBytes = "max_text_bytes"
            case maxTags = "max_tags"
        }

        /// The limits of a fresh install: the given ones over the defaults.
        public var configuration: UploadConfiguration {
            var configuration = UploadConfiguration.default
            for limit in Self.limits { limit.apply(self, &configuration) }
            return configuration
        }

        /// The given limits that differ from `persisted`, as `name (persisted P, argument A)` texts.
        func changes(from persisted: UploadConfiguration) -> [String] {
            Self.limits.compactMap { limit in
                guard let given = limit.given(self), given != limit.persisted(persisted) else { return nil }
                return "\(limit.name) (persisted \(limit.persisted(persisted)), argument \(given))"
            }
        }

        /// Every limit of the argument, in `.did` order, with the configuration field it sets.
        static var limits: [Limit] {
            [
                Limit("chunk_size", \.chunkSize, \.chunkSize),
                Limit("max_chunks", \.maxChunks, \.maxChunks),
                Limit("max_active_per_caller", \.maxActivePerCaller, \.maxActiveSessionsPerCaller),
                Limit("session_ttl_ns", \.sessionTTLNanoseconds, \.sessionTTL),
                Limit("max_single_read_bytes", \.maxSingleReadBytes, \.maxSingleReadBytes),
                Limit("max_idempotency_key_bytes", \.maxIdempotencyKeyBytes, \.maxIdempotencyKeyBytes),
                Limit("max_sessions_per_caller", \.maxSessionsPerCaller, \.maxSessionsPerCaller),
                Limit("max_capsules_per_caller", \.maxCapsulesPerCaller, \.maxCapsulesPerCaller),
                Limit("max_unsent_bytes_per_caller", \.maxUnsentBytesPerCaller, \.maxUnsentBytesPerCaller),
                Limit("max_unsent_bytes_total", \.maxUnsentBytesTotal, \.maxUnsentBytesTotal),
                Limit("max_name_bytes", \.maxNameBytes, \.maxNameBytes),
                Limit("max_mime_type_bytes", \.maxMimeTypeBytes, \.maxMimeTypeBytes),
                Limit("max_text_bytes", \.maxTextBytes, \.maxTextBytes),
                Limit("max_tags", \.maxTags, \.maxTags),
            ]
        }

        /// One limit: its Candid name, its optional field in the argument and its field in the configuration.
        struct Limit {
            let name: String
            /// The argument's value, widened.
            let given: (InitArg) -> UInt64?
            /// The configuration's value, widened.
            let persisted: (UploadConfiguration) -> UInt64
            /// Sets the configuration's field from the argument's, when given.
            let apply: (InitArg, inout UploadConfiguration) -> Void
            /// Sets the argument's field from the configuration's.
            let spell: (UploadConfiguration, inout InitArg) -> Void

            init<Value: FixedWidthInteger>(
                _ name: String,
                _ argument: WritableKeyPath<InitArg, Value?>,
                _ field: WritableKeyPath<UploadConfiguration, Value>
            ) {
                self.name = name
                given = { $0[keyPath: argument].map { UInt64($0) } }
                persisted = { UInt64($0[keyPath: field]) }
                apply = { source, configuration in
                    if let value = source[keyPath: argument] { configuration[keyPath: field] = value }
                }
                spell = { configuration, target in target[keyPath: argument] = configuration[keyPath: field] }
            }
        }
    }
}
