// Sources/Uploads/Store/UploadConfiguration.swift - the limits chosen at install

/// The limits of an upload backend, chosen at install and persisted with its state.
///
/// The defaults of futura's limits are futura's: 1,800,000-byte chunks, at most 16,384 chunks per upload, at
/// most 100 active sessions per (capsule, caller), sessions expire after 2 h without activity. The limits
/// futura did not have (sessions and capsules per caller across capsules, reserved-but-unsent bytes per
/// caller and in all, metadata text lengths) bound what one caller can hold; Documentation/UploadCanister.md
/// says why each default is what it is.
public struct UploadConfiguration: Codable, Hashable, Sendable {
    /// Length of every chunk but the last, in bytes.
    public var chunkSize: UInt32
    /// The most chunks one upload may have (`expected_chunks` above it is `InvalidArgument`).
    public var maxChunks: UInt32
    /// The most sessions one caller may have open on one capsule (`ResourceExhausted` above it).
    public var maxActiveSessionsPerCaller: UInt32
    /// Nanoseconds a session lives without activity; every stored chunk restarts the clock.
    public var sessionTTL: UInt64
    /// The largest blob `blob_read` returns whole; larger ones are read with `blob_read_chunk`.
    public var maxSingleReadBytes: UInt64
    /// The longest idempotency key accepted, in UTF-8 bytes.
    public var maxIdempotencyKeyBytes: UInt32
    /// `upload_config.inline_max` (reported only: this backend stores every upload as a blob).
    public var inlineMax: UInt32
    /// `upload_config.inline_budget_per_capsule` (reported only).
    public var inlineBudgetPerCapsule: UInt32
    /// The most sessions one caller may have open over all capsules.
    public var maxSessionsPerCaller: UInt32
    /// The most capsules one caller may own.
    public var maxCapsulesPerCaller: UInt32
    /// The most bytes one caller's open sessions may reserve and not have sent yet (the sum over its
    /// sessions of expected minus received bytes); an upload larger than this cannot begin.
    public var maxUnsentBytesPerCaller: UInt64
    /// The most bytes all open sessions together may reserve and not have sent yet.
    public var maxUnsentBytesTotal: UInt64
    /// The longest asset `name`, in UTF-8 bytes.
    public var maxNameBytes: UInt32
    /// The longest asset `mime_type`, in UTF-8 bytes.
    public var maxMimeTypeBytes: UInt32
    /// The longest of every other metadata text (description, url, each tag, codec, ...), in UTF-8 bytes.
    public var maxTextBytes: UInt32
    /// The most tags one asset may have.
    public var maxTags: UInt32

    /// 2 hours in nanoseconds.
    public static let twoHours: UInt64 = 2 * 60 * 60 * 1_000_000_000

    /// The defaults, or the given limits.
    public init(
        chunkSize: UInt32 = 1_800_000,
        maxChunks: UInt32 = 16_384,
        maxActiveSessionsPerCaller: UInt32 = 100,
        sessionTTL: UInt64 = UploadConfiguration.twoHours,
        maxSingleReadBytes: UInt64 = 2 * 1024 * 1024,
        maxIdempotencyKeyBytes: UInt32 = 256,
        inlineMax: UInt32 = 32 * 1024,
        inlineBudgetPerCapsule: UInt32 = 32 * 1024,
        maxSessionsPerCaller: UInt32 = 200,
        maxCapsulesPerCaller: UInt32 = 100,
        maxUnsentBytesPerCaller: UInt64 = 4 * 1024 * 1024 * 1024,
        maxUnsentBytesTotal: UInt64 = 32 * 1024 * 1024 * 1024,
        maxNameBytes: UInt32 = 1024,
        maxMimeTypeBytes: UInt32 = 255,
        maxTextBytes: UInt32 = 4096,
        maxTags: UInt32 = 64
    ) {
        self.chunkSize = chunkSize
        self.maxChunks = maxChunks
        self.maxActiveSessionsPerCaller = maxActiveSessionsPerCaller
        self.sessionTTL = sessionTTL
        self.maxSingleReadBytes = maxSingleReadBytes
        self.maxIdempotencyKeyBytes = maxIdempotencyKeyBytes
        self.inlineMax = inlineMax
        self.inlineBudgetPerCapsule = inlineBudgetPerCapsule
        self.maxSessionsPerCaller = maxSessionsPerCaller
        self.maxCapsulesPerCaller = maxCapsulesPerCaller
        self.maxUnsentBytesPerCaller = maxUnsentBytesPerCaller
        self.maxUnsentBytesTotal = maxUnsentBytesTotal
        self.maxNameBytes = maxNameBytes
        self.maxMimeTypeBytes = maxMimeTypeBytes
        self.maxTextBytes = maxTextBytes
        self.maxTags = maxTags
    }

    /// futura's limits.
    public static let `default` = UploadConfiguration()

    /// Checks that every limit is usable.
    ///
    /// - Throws: `InvalidArgument` naming the first zero limit.
    public func validate() throws(UploadError) {
        let limits: [(String, UInt64)] = [
            ("chunk_size", UInt64(chunkSize)), ("max_chunks", UInt64(maxChunks)),
            ("max_active_sessions_per_caller", UInt64(maxActiveSessionsPerCaller)), ("session_ttl", sessionTTL),
            ("max_sessions_per_caller", UInt64(maxSessionsPerCaller)),
            ("max_capsules_per_caller", UInt64(maxCapsulesPerCaller)),
            ("max_unsent_bytes_per_caller", maxUnsentBytesPerCaller), ("max_unsent_bytes_total", maxUnsentBytesTotal),
            ("max_name_bytes", UInt64(maxNameBytes)), ("max_mime_type_bytes", UInt64(maxMimeTypeBytes)),
        ]
        for (name, value) in limits where value == 0 {
            throw .invalidArgument("invalid_configuration: \(name) must be > 0")
        }
    }

    /// What `upload_config` returns.
    public var uploadConfig: UploadConfig { UploadConfig(self) }
}
