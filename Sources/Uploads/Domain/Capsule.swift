// Sources/Uploads/Domain/Capsule.swift - Capsule, CapsuleInfo, PersonRef, owners, controllers, hosting, connections

public import Candid

/// A Candid tuple of two values, `record { A; B }`: fields `0` and `1`.
public struct Pair<First: Codable & Hashable & Sendable, Second: Codable & Hashable & Sendable>:
    Codable, Hashable, Sendable
{
    public var first: First
    public var second: Second

    /// A pair.
    public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    enum CodingKeys: CodingKey {
        case first, second

        var stringValue: String { self == .first ? "0" : "1" }
        var intValue: Int? { self == .first ? 0 : 1 }

        init?(stringValue: String) {
            switch stringValue {
            case "0": self = .first
            case "1": self = .second
            default: return nil
            }
        }

        init?(intValue: Int) {
            switch intValue {
            case 0: self = .first
            case 1: self = .second
            default: return nil
            }
        }
    }
}

/// `PersonRef`: a principal, or an opaque id for someone without one.
public enum PersonRef: Codable, Hashable, Sendable, CandidNamed {
    case opaque(String)
    case principal(Principal)

    public static let candidName = "PersonRef"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case opaque = "Opaque"
        case principal = "Principal"
    }
}

/// `OwnerState`.
public struct OwnerState: Codable, Hashable, Sendable, CandidNamed {
    public var lastActivityAt: UInt64
    public var since: UInt64

    public static let candidName = "OwnerState"

    /// An owner state.
    public init(lastActivityAt: UInt64, since: UInt64) {
        self.lastActivityAt = lastActivityAt
        self.since = since
    }

    enum CodingKeys: String, CodingKey {
        case since
        case lastActivityAt = "last_activity_at"
    }
}

/// `ControllerState`.
public struct ControllerState: Codable, Hashable, Sendable, CandidNamed {
    public var grantedAt: UInt64
    public var grantedBy: PersonRef

    public static let candidName = "ControllerState"

    /// A controller state.
    public init(grantedAt: UInt64, grantedBy: PersonRef) {
        self.grantedAt = grantedAt
        self.grantedBy = grantedBy
    }

    enum CodingKeys: String, CodingKey {
        case grantedAt = "granted_at"
        case grantedBy = "granted_by"
    }
}

/// `BackendHosting` (also the type of `frontend_hosting`).
public enum BackendHosting: Codable, Hashable, Sendable, CaseIterable, CandidNamed {
    case icp, vercel

    public static let candidName = "BackendHosting"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case icp = "Icp"
        case vercel = "Vercel"
    }
}

/// `DatabaseHosting`.
public enum DatabaseHosting: Codable, Hashable, Sendable, CaseIterable, CandidNamed {
    case icp, neon

    public static let candidName = "DatabaseHosting"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case icp = "Icp"
        case neon = "Neon"
    }
}

/// `BlobHosting`.
public enum BlobHosting: Codable, Hashable, Sendable, CaseIterable, CandidNamed {
    case s3, icp, vercelBlob, ipfs, neon, arweave

    public static let candidName = "BlobHosting"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case s3 = "S3"
        case icp = "Icp"
        case vercelBlob = "VercelBlob"
        case ipfs = "Ipfs"
        case neon = "Neon"
        case arweave = "Arweave"
    }
}

/// `HostingPreferences`.
public struct HostingPreferences: Codable, Hashable, Sendable, CandidNamed {
    public var backendHosting: BackendHosting
    public var databaseHosting: DatabaseHosting
    public var blobHosting: BlobHosting
    public var frontendHosting: BackendHosting

    public static let candidName = "HostingPreferences"

    /// Everything on the IC, as a new capsule starts.
    public static let allIcp = HostingPreferences(
        backendHosting: .icp, databaseHosting: .icp, blobHosting: .icp, frontendHosting: .icp
    )

    /// Preferences.
    public init(
        backendHosting: BackendHosting,
        databaseHosting: DatabaseHosting,
        blobHosting: BlobHosting,
        frontendHosting: BackendHosting
    ) {
        self.backendHosting = backendHosting
        self.databaseHosting = databaseHosting
        self.blobHosting = blobHosting
        self.frontendHosting = frontendHosting
    }

    enum CodingKeys: String, CodingKey {
        case backendHosting = "backend_hosting"
        case databaseHosting = "database_hosting"
        case blobHosting = "blob_hosting"
        case frontendHosting = "frontend_hosting"
    }
}

/// `ConnectionStatus`.
public enum ConnectionStatus: Codable, Hashable, Sendable, CaseIterable, CandidNamed {
    case blocked, accepted, revoked, pending

    public static let candidName = "ConnectionStatus"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case blocked = "Blocked"
        case accepted = "Accepted"
        case revoked = "Revoked"
        case pending = "Pending"
    }
}

/// `Connection`.
public struct Connection: Codable, Hashable, Sendable, CandidNamed {
    public var status: ConnectionStatus
    public var updatedAt: UInt64
    public var peer: PersonRef
    public var createdAt: UInt64

    public static let candidName = "Connection"

    /// A connection.
    public init(status: ConnectionStatus, updatedAt: UInt64, peer: PersonRef, createdAt: UInt64) {
        self.status = status
        self.updatedAt = updatedAt
        self.peer = peer
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case status, peer
        case updatedAt = "updated_at"
        case createdAt = "created_at"
    }
}

/// `ConnectionGroup`.
public struct ConnectionGroup: Codable, Hashable, Sendable, CandidNamed {
    public var id: String
    public var updatedAt: UInt64
    public var members: [PersonRef]
    public var name: String
    public var description: String?
    public var createdAt: UInt64

    public static let candidName = "ConnectionGroup"

    /// A group.
    public init(
        id: String, updatedAt: UInt64, members: [PersonRef], name: String, description: String?, createdAt: UInt64
    ) {
        self.id = id
        self.updatedAt = updatedAt
        self.members = members
        self.name = name
        self.description = description
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, members, name, description
        case updatedAt = "updated_at"
        case createdAt = "created_at"
    }
}

/// `Capsule`: a person's container of memories, with its owners and controllers.
public struct Capsule: Codable, Hashable, Sendable, CandidNamed {
    public var id: String
    public var updatedAt: UInt64
    public var hasAdvancedSettings: Bool
    public var controllers: [Pair<PersonRef, ControllerState>]
    public var subject: PersonRef
    public var owners: [Pair<PersonRef, OwnerState>]
    public var inlineBytesUsed: UInt64
    public var folders: [Pair<String, Folder>]
    public var createdAt: UInt64
    public var connectionGroups: [Pair<String, ConnectionGroup>]
    public var connections: [Pair<PersonRef, Connection>]
    public var memories: [Pair<String, Memory>]
    public var boundToNeon: Bool
    public var galleries: [Pair<String, Gallery>]
    public var hostingPreferences: HostingPreferences

    public static let candidName = "Capsule"

    /// A capsule.
    public init(
        id: String,
        updatedAt: UInt64,
        hasAdvancedSettings: Bool,
        controllers: [Pair<PersonRef, ControllerState>],
        subject: PersonRef,
        owners: [Pair<PersonRef, OwnerState>],
        inlineBytesUsed: UInt64,
        folders: [Pair<String, Folder>],
        createdAt: UInt64,
        connectionGroups: [Pair<String, ConnectionGroup>],
        connections: [Pair<PersonRef, Connection>],
        memories: [Pair<String, Memory>],
        boundToNeon: Bool,
        galleries: [Pair<String, Gallery>],
        hostingPreferences: HostingPreferences
    ) {
        self.id = id
        self.updatedAt = updatedAt
        self.hasAdvancedSettings = hasAdvancedSettings
        self.controllers = controllers
        self.subject = subject
        self.owners = owners
        self.inlineBytesUsed = inlineBytesUsed
        self.folders = folders
        self.createdAt = createdAt
        self.connectionGroups = connectionGroups
        self.connections = connections
        self.memories = memories
        self.boundToNeon = boundToNeon
        self.galleries = galleries
        self.hostingPreferences = hostingPreferences
    }

    enum CodingKeys: String, CodingKey {
        case id, controllers, subject, owners, folders, connections, memories, galleries
        case updatedAt = "updated_at"
        case hasAdvancedSettings = "has_advanced_settings"
        case inlineBytesUsed = "inline_bytes_used"
        case createdAt = "created_at"
        case connectionGroups = "connection_groups"
        case boundToNeon = "bound_to_neon"
        case hostingPreferences = "hosting_preferences"
    }
}

/// `CapsuleInfo`: a capsule's summary as the caller sees it.
public struct CapsuleInfo: Codable, Hashable, Sendable, CandidNamed {
    public var updatedAt: UInt64
    public var galleryCount: UInt64
    public var subject: PersonRef
    public var capsuleId: String
    public var isOwner: Bool
    public var createdAt: UInt64
    public var boundToNeon: Bool
    public var memoryCount: UInt64
    public var connectionCount: UInt64
    public var isSelfCapsule: Bool
    public var isController: Bool

    public static let candidName = "CapsuleInfo"

    /// A summary.
    public init(
        updatedAt: UInt64,
        galleryCount: UInt64,
        subject: PersonRef,
        capsuleId: String,
        isOwner: Bool,
        createdAt: UInt64,
        boundToNeon: Bool,
        memoryCount: UInt64,
        connectionCount: UInt64,
        isSelfCapsule: Bool,
        isController: Bool
    ) {
        self.updatedAt = updatedAt
        self.galleryCount = galleryCount
        self.subject = subject
        self.capsuleId = capsuleId
        self.isOwner = isOwner
        self.createdAt = createdAt
        self.boundToNeon = boundToNeon
        self.memoryCount = memoryCount
        self.connectionCount = connectionCount
        self.isSelfCapsule = isSelfCapsule
        self.isController = isController
    }

    enum CodingKeys: String, CodingKey {
        case subject
        case updatedAt = "updated_at"
        case galleryCount = "gallery_count"
        case capsuleId = "capsule_id"
        case isOwner = "is_owner"
        case createdAt = "created_at"
        case boundToNeon = "bound_to_neon"
        case memoryCount = "memory_count"
        case connectionCount = "connection_count"
        case isSelfCapsule = "is_self_capsule"
        case isController = "is_controller"
    }
}
