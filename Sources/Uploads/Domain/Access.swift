// Sources/Uploads/Domain/Access.swift - folders, galleries and access entries (shapes only: never created here)

/// `ResourceRole`.
public enum ResourceRole: Codable, Hashable, Sendable, CaseIterable, CandidNamed {
    case guest, member, superAdmin, admin, owner

    public static let candidName = "ResourceRole"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case guest = "Guest"
        case member = "Member"
        case superAdmin = "SuperAdmin"
        case admin = "Admin"
        case owner = "Owner"
    }
}

/// `GrantSource`.
public enum GrantSource: Codable, Hashable, Sendable, CaseIterable, CandidNamed {
    case magicLink, system, group, user

    public static let candidName = "GrantSource"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case magicLink = "MagicLink"
        case system = "System"
        case group = "Group"
        case user = "User"
    }
}

/// `AccessEvent`.
public enum AccessEvent: Codable, Hashable, Sendable, CandidNamed {
    case capsuleMaturity(UInt32)
    case graduation
    case afterDeath
    case wedding
    case birthday(UInt32)
    case custom(String)
    case connectionCount(UInt32)
    case anniversary(UInt32)

    public static let candidName = "AccessEvent"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case capsuleMaturity = "CapsuleMaturity"
        case graduation = "Graduation"
        case afterDeath = "AfterDeath"
        case wedding = "Wedding"
        case birthday = "Birthday"
        case custom = "Custom"
        case connectionCount = "ConnectionCount"
        case anniversary = "Anniversary"
    }
}

/// `AccessCondition`; the record payloads are labelled associated values (`event`, `accessible_after`,
/// `expires`).
public enum AccessCondition: Codable, Hashable, Sendable, CandidNamed {
    case immediate
    case eventTriggered(event: AccessEvent)
    case scheduled(accessibleAfter: UInt64)
    case expiresAt(expires: UInt64)

    public static let candidName = "AccessCondition"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case immediate = "Immediate"
        case eventTriggered = "EventTriggered"
        case scheduled = "Scheduled"
        case expiresAt = "ExpiresAt"
    }

    enum ScheduledCodingKeys: String, CodingKey {
        case accessibleAfter = "accessible_after"
    }
}

/// `AccessEntry`.
public struct AccessEntry: Codable, Hashable, Sendable, CandidNamed {
    public var id: String
    public var isPublic: Bool
    public var updatedAt: UInt64
    public var role: ResourceRole
    public var sourceId: String?
    public var createdAt: UInt64
    public var personRef: PersonRef?
    public var invitedByPersonRef: PersonRef?
    public var grantSource: GrantSource
    public var permMask: UInt32
    public var condition: AccessCondition

    public static let candidName = "AccessEntry"

    /// An entry.
    public init(
        id: String,
        isPublic: Bool,
        updatedAt: UInt64,
        role: ResourceRole,
        sourceId: String?,
        createdAt: UInt64,
        personRef: PersonRef?,
        invitedByPersonRef: PersonRef?,
        grantSource: GrantSource,
        permMask: UInt32,
        condition: AccessCondition
    ) {
        self.id = id
        self.isPublic = isPublic
        self.updatedAt = updatedAt
        self.role = role
        self.sourceId = sourceId
        self.createdAt = createdAt
        self.personRef = personRef
        self.invitedByPersonRef = invitedByPersonRef
        self.grantSource = grantSource
        self.permMask = permMask
        self.condition = condition
    }

    enum CodingKeys: String, CodingKey {
        case id, role, condition
        case isPublic = "is_public"
        case updatedAt = "updated_at"
        case sourceId = "source_id"
        case createdAt = "created_at"
        case personRef = "person_ref"
        case invitedByPersonRef = "invited_by_person_ref"
        case grantSource = "grant_source"
        case permMask = "perm_mask"
    }
}

/// `FolderMetadata` (also a gallery's metadata).
public struct FolderMetadata: Codable, Hashable, Sendable, CandidNamed {
    public var totalMemories: UInt32
    public var title: String?
    public var sharingStatus: SharingStatus
    public var storageLocation: [BlobHosting]
    public var name: String
    public var description: String?
    public var sharedCount: UInt32

    public static let candidName = "FolderMetadata"

    /// Folder metadata.
    public init(
        totalMemories: UInt32,
        title: String?,
        sharingStatus: SharingStatus,
        storageLocation: [BlobHosting],
        name: String,
        description: String?,
        sharedCount: UInt32
    ) {
        self.totalMemories = totalMemories
        self.title = title
        self.sharingStatus = sharingStatus
        self.storageLocation = storageLocation
        self.name = name
        self.description = description
        self.sharedCount = sharedCount
    }

    enum CodingKeys: String, CodingKey {
        case title, name, description
        case totalMemories = "total_memories"
        case sharingStatus = "sharing_status"
        case storageLocation = "storage_location"
        case sharedCount = "shared_count"
    }
}

/// `Folder`.
public struct Folder: Codable, Hashable, Sendable, CandidNamed {
    public var id: String
    public var updatedAt: UInt64
    public var capsuleId: String
    public var metadata: FolderMetadata
    public var createdAt: UInt64
    public var accessEntries: [AccessEntry]

    public static let candidName = "Folder"

    /// A folder.
    public init(
        id: String,
        updatedAt: UInt64,
        capsuleId: String,
        metadata: FolderMetadata,
        createdAt: UInt64,
        accessEntries: [AccessEntry]
    ) {
        self.id = id
        self.updatedAt = updatedAt
        self.capsuleId = capsuleId
        self.metadata = metadata
        self.createdAt = createdAt
        self.accessEntries = accessEntries
    }

    enum CodingKeys: String, CodingKey {
        case id, metadata
        case updatedAt = "updated_at"
        case capsuleId = "capsule_id"
        case createdAt = "created_at"
        case accessEntries = "access_entries"
    }
}

/// `GalleryItem`.
public struct GalleryItem: Codable, Hashable, Sendable, CandidNamed {
    public var memoryType: MemoryType
    public var metadata: [Pair<String, String>]
    public var memoryId: String
    public var caption: String?
    public var position: UInt32

    public static let candidName = "GalleryItem"

    /// An item.
    public init(
        memoryType: MemoryType, metadata: [Pair<String, String>], memoryId: String, caption: String?, position: UInt32
    ) {
        self.memoryType = memoryType
        self.metadata = metadata
        self.memoryId = memoryId
        self.caption = caption
        self.position = position
    }

    enum CodingKeys: String, CodingKey {
        case metadata, caption, position
        case memoryType = "memory_type"
        case memoryId = "memory_id"
    }
}

/// `Gallery`.
public struct Gallery: Codable, Hashable, Sendable, CandidNamed {
    public var id: String
    public var updatedAt: UInt64
    public var capsuleId: String
    public var metadata: FolderMetadata
    public var coverMemoryId: String?
    public var createdAt: UInt64
    public var items: [GalleryItem]
    public var accessEntries: [AccessEntry]

    public static let candidName = "Gallery"

    /// A gallery.
    public init(
        id: String,
        updatedAt: UInt64,
        capsuleId: String,
        metadata: FolderMetadata,
        coverMemoryId: String?,
        createdAt: UInt64,
        items: [GalleryItem],
        accessEntries: [AccessEntry]
    ) {
        self.id = id
        self.updatedAt = updatedAt
        self.capsuleId = capsuleId
        self.metadata = metadata
        self.coverMemoryId = coverMemoryId
        self.createdAt = createdAt
        self.items = items
        self.accessEntries = accessEntries
    }

    enum CodingKeys: String, CodingKey {
        case id, metadata, items
        case updatedAt = "updated_at"
        case capsuleId = "capsule_id"
        case coverMemoryId = "cover_memory_id"
        case createdAt = "created_at"
        case accessEntries = "access_entries"
    }
}
