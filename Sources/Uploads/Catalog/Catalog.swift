// Sources/Uploads/Catalog/Catalog.swift - capsules, their memories, and the index of memories per capsule

import Candid
import Sessions
import PersistentCollections

/// One owner or controller of a capsule.
struct CapsuleMember: Codable, Hashable, Sendable {
    var principal: Principal
    /// When the principal became owner or controller.
    var since: UInt64
    /// Owners: the last upload or capsule change. Controllers: who granted.
    var lastActivityAt: UInt64
    var grantedBy: Principal?
}

/// A capsule as the catalog keeps it; ``Capsule`` is built from it on the way out.
struct CapsuleRecord: Hashable, Sendable {
    var number: UInt64
    var subject: PersonRef
    var owners: [CapsuleMember]
    var controllers: [CapsuleMember]
    var createdAt: UInt64
    var updatedAt: UInt64
    /// The capsule's memories by number, ascending: the index `memories_list` pages through (shared on
    /// copy, so adding a memory does not copy the capsule's whole list).
    var memoryNumbers: PersistentSet<UInt64>

    var id: String { Identifier.capsule.text(number) }

    func isOwner(_ principal: Principal) -> Bool { owners.contains { $0.principal == principal } }
    func isController(_ principal: Principal) -> Bool { controllers.contains { $0.principal == principal } }

    /// Whether `principal` may upload to, list and read this capsule: an owner or a controller, never the
    /// anonymous principal. One rule for uploads, memories and blobs (futura's differed; defect 13).
    func grantsAccess(to principal: Principal) -> Bool {
        principal != .anonymous && (isOwner(principal) || isController(principal))
    }

    /// Whether the capsule is `principal`'s own: it is about them and they own it.
    func isSelfCapsule(of principal: Principal) -> Bool {
        subject == .principal(principal) && isOwner(principal)
    }
}

extension CapsuleRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case number, subject, owners, controllers, createdAt, updatedAt, memoryNumbers
    }

    /// Decodes the fields; `memoryNumbers` is a `vec nat64`, ascending.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decode(UInt64.self, forKey: .number)
        subject = try container.decode(PersonRef.self, forKey: .subject)
        owners = try container.decode([CapsuleMember].self, forKey: .owners)
        controllers = try container.decode([CapsuleMember].self, forKey: .controllers)
        createdAt = try container.decode(UInt64.self, forKey: .createdAt)
        updatedAt = try container.decode(UInt64.self, forKey: .updatedAt)
        memoryNumbers = PersistentSet(try container.decode([UInt64].self, forKey: .memoryNumbers))
    }

    /// Encodes the fields as the synthesized conformance would, `memoryNumbers` as an ascending array.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(subject, forKey: .subject)
        try container.encode(owners, forKey: .owners)
        try container.encode(controllers, forKey: .controllers)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(Array(memoryNumbers), forKey: .memoryNumbers)
    }
}

/// Capsules and memories, with the counters that name them.
struct Catalog: Hashable, Sendable {
    var capsules: PersistentMap<UInt64, CapsuleRecord> = [:]
    var memories: PersistentMap<UInt64, Memory> = [:]
    var nextCapsule: UInt64 = 1
    var nextMemory: UInt64 = 1
    var nextAsset: UInt64 = 1

    /// The capsule named `id`, or nil (malformed ids are simply unknown).
    func capsule(_ id: String) -> CapsuleRecord? {
        Identifier.capsule.number(in: id).flatMap { capsules[$0] }
    }

    /// The capsule `id`, checked for `caller`'s access.
    ///
    /// - Throws: `NotFound` for an unknown capsule, `Unauthorized` when the caller is not an owner or a
    ///   controller (or is anonymous).
    func accessibleCapsule(_ id: String, caller: Principal) throws(UploadError) -> CapsuleRecord {
        guard let record = capsule(id) else { throw .notFound }
        guard record.grantsAccess(to: caller) else { throw .unauthorized }
        return record
    }

    /// The capsules in ascending number order.
    var sortedCapsules: [CapsuleRecord] { capsules.values }

    /// The caller's capsule about `subject`, if it has one (the lowest number).
    func ownedCapsule(of caller: Principal, about subject: PersonRef) -> CapsuleRecord? {
        capsules.lazy.map(\.value).first { $0.subject == subject && $0.isOwner(caller) }
    }

    /// How many capsules `caller` owns.
    func ownedCount(of caller: Principal) -> Int {
        capsules.lazy.filter { $0.value.isOwner(caller) }.count
    }

    /// Creates a capsule owned by `caller` about `subject`.
    mutating func createCapsule(owner caller: Principal, subject: PersonRef, now: UInt64) -> CapsuleRecord {
        let record = CapsuleRecord(
            number: nextCapsule,
            subject: subject,
            owners: [CapsuleMember(principal: caller, since: now, lastActivityAt: now, grantedBy: nil)],
            controllers: [],
            createdAt: now,
            updatedAt: now,
            memoryNumbers: PersistentSet()
        )
        capsules[record.number] = record
        nextCapsule += 1
        return record
    }

    /// Removes the internal blob assets that point at blob `locator` from the memories of capsule `capsule`
    /// (only that capsule's memories can: an upload's memory is in the capsule its blob belongs to).
    mutating func removeBlobAssets(locator: String, capsule: UInt64, now: UInt64) {
        guard let record = capsules[capsule] else { return }
        for number in record.memoryNumbers {
            guard var memory = memories[number] else { continue }
            let kept = memory.blobInternalAssets.filter { $0.blobRef.locator != locator }
            let removed = memory.blobInternalAssets.filter { $0.blobRef.locator == locator }
            guard !removed.isEmpty else { continue }
            memory.blobInternalAssets = kept
            let bytes = removed.reduce(UInt64(0)) { $0 &+ $1.blobRef.len }
            memory.metadata.assetCount -= min(memory.metadata.assetCount, UInt32(clamping: removed.count))
            memory.metadata.totalSize -= min(memory.metadata.totalSize, bytes)
            memory.metadata.updatedAt = max(memory.metadata.updatedAt, now)
            memories[number] = memory
        }
    }

    /// Adds a memory to its capsule's index and stamps the capsule.
    mutating func insert(_ memory: Memory, number: UInt64, capsule: UInt64, by caller: Principal, now: UInt64) {
        memories[number] = memory
        guard var record = capsules[capsule] else { return }
        record.memoryNumbers.insert(number)
        record.updatedAt = max(record.updatedAt, now)
        if let owner = record.owners.firstIndex(where: { $0.principal == caller }) {
            record.owners[owner].lastActivityAt = max(record.owners[owner].lastActivityAt, now)
        }
        capsules[capsule] = record
    }
}
