// Sources/Uploads/Domain/Memory.swift - Memory, its metadata and assets, and the listing Page

public import Candid

/// `MemoryType`.
public enum MemoryType: Codable, Hashable, Sendable, CaseIterable, CandidNamed {
    case note, image, document, audio, video

    public static let candidName = "MemoryType"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case note = "Note"
        case image = "Image"
        case document = "Document"
        case audio = "Audio"
        case video = "Video"
    }
}

/// `SharingStatus`.
public enum SharingStatus: Codable, Hashable, Sendable, CaseIterable, CandidNamed {
    case shared, `private`, `public`

    public static let candidName = "SharingStatus"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case shared = "Shared"
        case `private` = "Private"
        case `public` = "Public"
    }
}

/// `MemoryMetadata`.
public struct MemoryMetadata: Codable, Hashable, Sendable, CandidNamed {
    public var title: String?
    public var updatedAt: UInt64
    public var sharingStatus: SharingStatus
    public var dateOfMemory: UInt64?
    public var memoryType: MemoryType
    public var tags: [String]
    public var contentType: String
    public var peopleInMemory: [String]?
    public var databaseStorageEdges: [DatabaseHosting]
    public var description: String?
    public var createdAt: UInt64
    public var createdBy: String?
    public var totalSize: UInt64
    public var parentFolderId: String?
    public var assetCount: UInt32
    public var deletedAt: UInt64?
    public var sharedCount: UInt32
    public var fileCreatedAt: UInt64?
    public var location: String?
    public var memoryNotes: String?
    public var uploadedAt: UInt64

    public static let candidName = "MemoryMetadata"

    /// Metadata with every field given.
    public init(
        title: String?,
        updatedAt: UInt64,
        sharingStatus: SharingStatus,
        dateOfMemory: UInt64?,
        memoryType: MemoryType,
        tags: [String],
        contentType: String,
        peopleInMemory: [String]?,
        databaseStorageEdges: [DatabaseHosting],
        description: String?,
        createdAt: UInt64,
        createdBy: String?,
        totalSize: UInt64,
        parentFolderId: String?,
        assetCount: UInt32,
        deletedAt: UInt64?,
        sharedCount: UInt32,
        fileCreatedAt: UInt64?,
        location: String?,
        memoryNotes: String?,
        uploadedAt: UInt64
    ) {
        self.title = title
        self.updatedAt = updatedAt
        self.sharingStatus = sharingStatus
        self.dateOfMemory = dateOfMemory
        self.memoryType = memoryType
        self.tags = tags
        self.contentType = contentType
        self.peopleInMemory = peopleInMemory
        self.databaseStorageEdges = databaseStorageEdges
        self.description = description
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.totalSize = totalSize
        self.parentFolderId = parentFolderId
        self.assetCount = assetCount
        self.deletedAt = deletedAt
        self.sharedCount = sharedCount
        self.fileCreatedAt = fileCreatedAt
        self.location = location
        self.memoryNotes = memoryNotes
        self.uploadedAt = uploadedAt
    }

    enum CodingKeys: String, CodingKey {
        case title, tags, description, location
        case updatedAt = "updated_at"
        case sharingStatus = "sharing_status"
        case dateOfMemory = "date_of_memory"
        case memoryType = "memory_type"
        case contentType = "content_type"
        case peopleInMemory = "people_in_memory"
        case databaseStorageEdges = "database_storage_edges"
        case createdAt = "created_at"
        case createdBy = "created_by"
        case totalSize = "total_size"
        case parentFolderId = "parent_folder_id"
        case assetCount = "asset_count"
        case deletedAt = "deleted_at"
        case sharedCount = "shared_count"
        case fileCreatedAt = "file_created_at"
        case memoryNotes = "memory_notes"
        case uploadedAt = "uploaded_at"
    }
}

/// `MemoryAssetInline`: an asset whose bytes live in the memory record.
public struct MemoryAssetInline: Codable, Hashable, Sendable, CandidNamed {
    public var metadata: AssetMetadata
    public var bytes: [UInt8]
    public var assetId: String

    public static let candidName = "MemoryAssetInline"

    /// An inline asset.
    public init(metadata: AssetMetadata, bytes: [UInt8], assetId: String) {
        self.metadata = metadata
        self.bytes = bytes
        self.assetId = assetId
    }

    enum CodingKeys: String, CodingKey {
        case metadata, bytes
        case assetId = "asset_id"
    }
}

/// `MemoryAssetBlobInternal`: an asset stored as a blob of this canister.
public struct MemoryAssetBlobInternal: Codable, Hashable, Sendable, CandidNamed {
    public var metadata: AssetMetadata
    public var blobRef: BlobRef
    public var assetId: String

    public static let candidName = "MemoryAssetBlobInternal"

    /// A blob asset.
    public init(metadata: AssetMetadata, blobRef: BlobRef, assetId: String) {
        self.metadata = metadata
        self.blobRef = blobRef
        self.assetId = assetId
    }

    enum CodingKeys: String, CodingKey {
        case metadata
        case blobRef = "blob_ref"
        case assetId = "asset_id"
    }
}

/// `MemoryAssetBlobExternal`: an asset stored elsewhere.
public struct MemoryAssetBlobExternal: Codable, Hashable, Sendable, CandidNamed {
    public var url: String?
    public var metadata: AssetMetadata
    public var storageKey: String
    public var assetId: String
    public var location: BlobHosting

    public static let candidName = "MemoryAssetBlobExternal"

    /// An external asset.
    public init(url: String?, metadata: AssetMetadata, storageKey: String, assetId: String, location: BlobHosting) {
        self.url = url
        self.metadata = metadata
        self.storageKey = storageKey
        self.assetId = assetId
        self.location = location
    }

    enum CodingKeys: String, CodingKey {
        case url, metadata, location
        case storageKey = "storage_key"
        case assetId = "asset_id"
    }
}

/// `Memory`: one memory of a capsule and its assets.
public struct Memory: Codable, Hashable, Sendable, CandidNamed {
    public var id: String
    public var inlineAssets: [MemoryAssetInline]
    public var capsuleId: String
    public var metadata: MemoryMetadata
    public var blobInternalAssets: [MemoryAssetBlobInternal]
    public var blobExternalAssets: [MemoryAssetBlobExternal]
    public var accessEntries: [AccessEntry]

    public static let candidName = "Memory"

    /// A memory.
    public init(
        id: String,
        inlineAssets: [MemoryAssetInline],
        capsuleId: String,
        metadata: MemoryMetadata,
        blobInternalAssets: [MemoryAssetBlobInternal],
        blobExternalAssets: [MemoryAssetBlobExternal],
        accessEntries: [AccessEntry]
    ) {
        self.id = id
        self.inlineAssets = inlineAssets
        self.capsuleId = capsuleId
        self.metadata = metadata
        self.blobInternalAssets = blobInternalAssets
        self.blobExternalAssets = blobExternalAssets
        self.accessEntries = accessEntries
    }

    enum CodingKeys: String, CodingKey {
        case id, metadata
        case inlineAssets = "inline_assets"
        case capsuleId = "capsule_id"
        case blobInternalAssets = "blob_internal_assets"
        case blobExternalAssets = "blob_external_assets"
        case accessEntries = "access_entries"
    }
}

/// `AssetKind`.
public enum AssetKind: Codable, Hashable, Sendable, CaseIterable, CandidNamed {
    case display, original, thumbnail

    public static let candidName = "AssetKind"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case display = "Display"
        case original = "Original"
        case thumbnail = "Thumbnail"
    }
}

/// `AssetLink`: a signed link to one asset (never produced here: uploads are read with `blob_read`).
public struct AssetLink: Codable, Hashable, Sendable, CandidNamed {
    public var height: UInt32?
    public var assetKind: AssetKind
    public var token: String
    public var etag: String?
    public var path: String
    public var contentType: String
    public var bytes: UInt64?
    public var assetId: String
    public var width: UInt32?
    public var expiresAtNs: CandidNat

    public static let candidName = "AssetLink"

    /// A link.
    public init(
        height: UInt32?,
        assetKind: AssetKind,
        token: String,
        etag: String?,
        path: String,
        contentType: String,
        bytes: UInt64?,
        assetId: String,
        width: UInt32?,
        expiresAtNs: CandidNat
    ) {
        self.height = height
        self.assetKind = assetKind
        self.token = token
        self.etag = etag
        self.path = path
        self.contentType = contentType
        self.bytes = bytes
        self.assetId = assetId
        self.width = width
        self.expiresAtNs = expiresAtNs
    }

    enum CodingKeys: String, CodingKey {
        case height, token, etag, path, bytes, width
        case assetKind = "asset_kind"
        case contentType = "content_type"
        case assetId = "asset_id"
        case expiresAtNs = "expires_at_ns"
    }
}

/// `AssetLinks`.
public struct AssetLinks: Codable, Hashable, Sendable, CandidNamed {
    public var thumbnail: AssetLink?
    public var display: AssetLink?
    public var original: AssetLink?

    public static let candidName = "AssetLinks"

    /// Links (all `nil` by default).
    public init(thumbnail: AssetLink? = nil, display: AssetLink? = nil, original: AssetLink? = nil) {
        self.thumbnail = thumbnail
        self.display = display
        self.original = original
    }
}

/// `MemoryHeader`: a memory as `memories_list` shows it.
public struct MemoryHeader: Codable, Hashable, Sendable, CandidNamed {
    public var id: String
    public var title: String?
    public var updatedAt: UInt64
    public var sharingStatus: SharingStatus
    public var capsuleId: String
    public var memoryType: MemoryType
    public var name: String
    public var assets: AssetLinks
    public var size: UInt64
    public var tags: [String]
    public var databaseStorageEdges: [DatabaseHosting]
    public var description: String?
    public var createdAt: UInt64
    public var parentFolderId: String?
    public var assetCount: UInt32
    public var placeholderData: String?
    public var sharedCount: UInt32

    public static let candidName = "MemoryHeader"

    /// A header.
    public init(
        id: String,
        title: String?,
        updatedAt: UInt64,
        sharingStatus: SharingStatus,
        capsuleId: String,
        memoryType: MemoryType,
        name: String,
        assets: AssetLinks,
        size: UInt64,
        tags: [String],
        databaseStorageEdges: [DatabaseHosting],
        description: String?,
        createdAt: UInt64,
        parentFolderId: String?,
        assetCount: UInt32,
        placeholderData: String?,
        sharedCount: UInt32
    ) {
        self.id = id
        self.title = title
        self.updatedAt = updatedAt
        self.sharingStatus = sharingStatus
        self.capsuleId = capsuleId
        self.memoryType = memoryType
        self.name = name
        self.assets = assets
        self.size = size
        self.tags = tags
        self.databaseStorageEdges = databaseStorageEdges
        self.description = description
        self.createdAt = createdAt
        self.parentFolderId = parentFolderId
        self.assetCount = assetCount
        self.placeholderData = placeholderData
        self.sharedCount = sharedCount
    }

    enum CodingKeys: String, CodingKey {
        case id, title, name, assets, size, tags, description
        case updatedAt = "updated_at"
        case sharingStatus = "sharing_status"
        case capsuleId = "capsule_id"
        case memoryType = "memory_type"
        case databaseStorageEdges = "database_storage_edges"
        case createdAt = "created_at"
        case parentFolderId = "parent_folder_id"
        case assetCount = "asset_count"
        case placeholderData = "placeholder_data"
        case sharedCount = "shared_count"
    }
}

/// `Page`: one page of `memories_list`; `next_cursor` is the last id shown when more follow.
public struct Page: Codable, Hashable, Sendable, CandidNamed {
    public var nextCursor: String?
    public var items: [MemoryHeader]

    public static let candidName = "Page"

    /// A page.
    public init(nextCursor: String?, items: [MemoryHeader]) {
        self.nextCursor = nextCursor
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }
}
