// Sources/Uploads/Domain/UploadTypes.swift - Error, UploadFinishResult, StorageBackend, BlobMeta, UploadConfig, BlobRef

/// futura's `Error` variant: what every failing upload, blob, capsule and memory call returns.
///
/// Each case says what was wrong; the text payloads start with a snake_case reason
/// (`checksum_mismatch: computed=…`) followed by the values involved.
public enum UploadError: Error, Codable, Hashable, Sendable, CustomStringConvertible, CandidNamed {
    /// A failure that is not the caller's: a broken invariant or a full store.
    case `internal`(String)
    /// No such session, capsule, memory or blob.
    case notFound
    /// The caller may not do this (anonymous, not the owner or a controller, not the session's caller).
    case unauthorized
    /// An argument is malformed or inconsistent; the text says which and why.
    case invalidArgument(String)
    /// A limit was reached: active sessions per (capsule, caller), or storage.
    case resourceExhausted
    /// The operation exists in futura's interface but not here.
    case notImplemented(String)
    /// The request contradicts the state: a chunk re-sent with other bytes, an idempotency key reused
    /// with other arguments, a finish retried with another checksum.
    case conflict(String)

    public static let candidName = "Error"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case `internal` = "Internal"
        case notFound = "NotFound"
        case unauthorized = "Unauthorized"
        case invalidArgument = "InvalidArgument"
        case resourceExhausted = "ResourceExhausted"
        case notImplemented = "NotImplemented"
        case conflict = "Conflict"
    }

    /// `Case` or `Case: text`.
    public var description: String {
        switch self {
        case .internal(let text): "Internal: \(text)"
        case .notFound: "NotFound"
        case .unauthorized: "Unauthorized"
        case .invalidArgument(let text): "InvalidArgument: \(text)"
        case .resourceExhausted: "ResourceExhausted"
        case .notImplemented(let text): "NotImplemented: \(text)"
        case .conflict(let text): "Conflict: \(text)"
        }
    }

    /// The variant's name, without its text (`InvalidArgument`).
    public var caseName: String {
        switch self {
        case .internal: "Internal"
        case .notFound: "NotFound"
        case .unauthorized: "Unauthorized"
        case .invalidArgument: "InvalidArgument"
        case .resourceExhausted: "ResourceExhausted"
        case .notImplemented: "NotImplemented"
        case .conflict: "Conflict"
        }
    }
}

/// `StorageBackend`.
public enum StorageBackend: Codable, Hashable, Sendable, CaseIterable, CandidNamed {
    case s3, icp, vercelBlob, ipfs, arweave

    public static let candidName = "StorageBackend"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case s3 = "S3"
        case icp = "Icp"
        case vercelBlob = "VercelBlob"
        case ipfs = "Ipfs"
        case arweave = "Arweave"
    }
}

/// `UploadFinishResult`: what a successful `uploads_finish` returns.
public struct UploadFinishResult: Codable, Hashable, Sendable, CandidNamed {
    public var checksumSha256: [UInt8]?
    /// `icp://blob/blob_<n>`.
    public var storageLocation: String
    /// The blob's locator, `blob_<n>`.
    public var blobId: String
    public var storageBackend: StorageBackend
    /// The blob's length in bytes.
    public var size: UInt64
    /// The memory finish created, `mem_<n>`.
    public var memoryId: String
    public var remoteId: String?
    public var expiresAt: UInt64?
    /// When finish ran, in nanoseconds.
    public var uploadedAt: UInt64

    public static let candidName = "UploadFinishResult"

    /// A result.
    public init(
        checksumSha256: [UInt8]?,
        storageLocation: String,
        blobId: String,
        storageBackend: StorageBackend,
        size: UInt64,
        memoryId: String,
        remoteId: String?,
        expiresAt: UInt64?,
        uploadedAt: UInt64
    ) {
        self.checksumSha256 = checksumSha256
        self.storageLocation = storageLocation
        self.blobId = blobId
        self.storageBackend = storageBackend
        self.size = size
        self.memoryId = memoryId
        self.remoteId = remoteId
        self.expiresAt = expiresAt
        self.uploadedAt = uploadedAt
    }

    enum CodingKeys: String, CodingKey {
        case size
        case checksumSha256 = "checksum_sha256"
        case storageLocation = "storage_location"
        case blobId = "blob_id"
        case storageBackend = "storage_backend"
        case memoryId = "memory_id"
        case remoteId = "remote_id"
        case expiresAt = "expires_at"
        case uploadedAt = "uploaded_at"
    }
}

/// `BlobMeta`: a stored blob's length and how many chunks `blob_read_chunk` serves.
public struct BlobMeta: Codable, Hashable, Sendable, CandidNamed {
    public var size: UInt64
    public var chunkCount: UInt32

    public static let candidName = "BlobMeta"

    /// A meta record.
    public init(size: UInt64, chunkCount: UInt32) {
        self.size = size
        self.chunkCount = chunkCount
    }

    enum CodingKeys: String, CodingKey {
        case size
        case chunkCount = "chunk_count"
    }
}

/// `UploadConfig`: what `upload_config` tells clients.
///
/// futura's record has the first three fields; the others follow them and report every limit of the
/// installed ``UploadConfiguration`` under its install-argument name (a client that knows only futura's three
/// fields decodes the reply as before: Candid ignores the extra record fields).
public struct UploadConfig: Codable, Hashable, Sendable, CandidNamed {
    public var inlineMax: UInt32
    public var chunkSize: UInt32
    public var inlineBudgetPerCapsule: UInt32
    public var maxChunks: UInt32
    public var maxActivePerCaller: UInt32
    public var sessionTTLNanoseconds: UInt64
    public var maxSingleReadBytes: UInt64
    public var maxIdempotencyKeyBytes: UInt32
    public var maxSessionsPerCaller: UInt32
    public var maxCapsulesPerCaller: UInt32
    public var maxUnsentBytesPerCaller: UInt64
    public var maxUnsentBytesTotal: UInt64
    public var maxNameBytes: UInt32
    public var maxMimeTypeBytes: UInt32
    public var maxTextBytes: UInt32
    public var maxTags: UInt32

    public static let candidName = "UploadConfig"

    /// What `upload_config` reports for `configuration`: its inline figures, chunk size and every limit.
    public init(_ c: UploadConfiguration) {
        (inlineMax, chunkSize, inlineBudgetPerCapsule) = (c.inlineMax, c.chunkSize, c.inlineBudgetPerCapsule)
        (maxChunks, maxActivePerCaller) = (c.maxChunks, c.maxActiveSessionsPerCaller)
        sessionTTLNanoseconds = c.sessionTTL
        (maxSingleReadBytes, maxIdempotencyKeyBytes) = (c.maxSingleReadBytes, c.maxIdempotencyKeyBytes)
        (maxSessionsPerCaller, maxCapsulesPerCaller) = (c.maxSessionsPerCaller, c.maxCapsulesPerCaller)
        (maxUnsentBytesPerCaller, maxUnsentBytesTotal) = (c.maxUnsentBytesPerCaller, c.maxUnsentBytesTotal)
        (maxNameBytes, maxMimeTypeBytes) = (c.maxNameBytes, c.maxMimeTypeBytes)
        (maxTextBytes, maxTags) = (c.maxTextBytes, c.maxTags)
    }

    enum CodingKeys: String, CodingKey {
        case inlineMax = "inline_max"
        case chunkSize = "chunk_size"
        case inlineBudgetPerCapsule = "inline_budget_per_capsule"
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
}

/// `BlobRef`: how a memory asset points at a stored blob.
public struct BlobRef: Codable, Hashable, Sendable, CandidNamed {
    public var len: UInt64
    /// `blob_<n>`.
    public var locator: String
    public var hash: [UInt8]?

    public static let candidName = "BlobRef"

    /// A reference.
    public init(len: UInt64, locator: String, hash: [UInt8]?) {
        self.len = len
        self.locator = locator
        self.hash = hash
    }
}
