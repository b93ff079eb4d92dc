// Sources/Uploads/Records/UploadRecords+Catalog.swift - capsules_create, capsules_read_basic, memories_read, memories_list

package import Candid
import Sessions
import PersistentCollections

extension UploadRecords {
    /// `memories_list` returns this many items when no limit is given.
    package static let defaultPageSize: UInt32 = 50
    /// `memories_list` returns at most this many items; a larger limit is lowered to it.
    package static let maxPageSize: UInt32 = 100

    /// `upload_config`.
    package var uploadConfig: UploadConfig { configuration.uploadConfig }

    /// `capsules_create`: the caller's capsule about `subject` (the caller when `nil`), created if the
    /// caller owns none yet; an existing one is returned unchanged.
    ///
    /// Capsule ids are `capsule_<n>` from a persisted counter.
    ///
    /// - Throws: `Unauthorized` for the anonymous principal; `InvalidArgument` ("capsules_per_caller_limit")
    ///   when a new capsule would make the caller own more than ``UploadConfiguration/maxCapsulesPerCaller``.
    package mutating func capsulesCreate(
        caller: Principal, subject: PersonRef?, now: UInt64
    ) throws(UploadError)
        -> Capsule
    {
        guard caller != .anonymous else { throw .unauthorized }
        let about = subject ?? .principal(caller)
        if let existing = catalog.ownedCapsule(of: caller, about: about) { return capsule(existing) }
        let owned = catalog.ownedCount(of: caller)
        guard owned < Int(configuration.maxCapsulesPerCaller) else {
            throw .invalidArgument(
                "capsules_per_caller_limit: the caller owns \(owned) capsules; the limit is "
                    + "\(configuration.maxCapsulesPerCaller) (max_capsules_per_caller)"
            )
        }
        return capsule(catalog.createCapsule(owner: caller, subject: about, now: now))
    }

    /// `capsules_read_basic`: a summary of capsule `id`, or of the caller's self-capsule when `id` is `nil`.
    ///
    /// - Throws: `Unauthorized` (anonymous, or not an owner or controller), `NotFound`.
    package func capsulesReadBasic(caller: Principal, capsuleId id: String?) throws(UploadError) -> CapsuleInfo {
        guard caller != .anonymous else { throw .unauthorized }
        let record: CapsuleRecord
        if let id {
            record = try catalog.accessibleCapsule(id, caller: caller)
        } else {
            guard let own = catalog.ownedCapsule(of: caller, about: .principal(caller)) else { throw .notFound }
            record = own
        }
        return CapsuleInfo(
            updatedAt: record.updatedAt,
            galleryCount: 0,
            subject: record.subject,
            capsuleId: record.id,
            isOwner: record.isOwner(caller),
            createdAt: record.createdAt,
            boundToNeon: false,
            memoryCount: UInt64(record.memoryNumbers.count),
            connectionCount: 0,
            isSelfCapsule: record.isSelfCapsule(of: caller),
            isController: record.isController(caller)
        )
    }

    /// The full capsule `id` with its memories.
    ///
    /// - Throws: `NotFound`, `Unauthorized`.
    package func capsuleRead(caller: Principal, capsuleId id: String) throws(UploadError) -> Capsule {
        capsule(try catalog.accessibleCapsule(id, caller: caller))
    }

    /// Makes `controller` a controller of capsule `id`; only an owner may.
    ///
    /// - Throws: `NotFound`; `Unauthorized` when the caller is not an owner; `InvalidArgument` for the
    ///   anonymous principal as controller. Adding an existing controller changes nothing.
    package mutating func capsuleAddController(
        caller: Principal,
        capsuleId id: String,
        controller: Principal,
        now: UInt64
    ) throws(UploadError) {
        guard var record = catalog.capsule(id) else { throw .notFound }
        guard caller != .anonymous, record.isOwner(caller) else { throw .unauthorized }
        guard controller != .anonymous else {
            throw .invalidArgument("invalid_controller: the anonymous principal cannot control a capsule")
        }
        guard !record.isController(controller) else { return }
        record.controllers.append(
            CapsuleMember(principal: controller, since: now, lastActivityAt: now, grantedBy: caller))
        record.updatedAt = max(record.updatedAt, now)
        catalog.capsules[record.number] = record
    }

    /// `memories_read`: memory `id` with its assets.
    ///
    /// - Throws: `NotFound`; `Unauthorized` when the caller may not read the memory's capsule.
    package func memoriesRead(caller: Principal, memoryId id: String) throws(UploadError) -> Memory {
        guard let number = Identifier.memory.number(in: id), let memory = catalog.memories[number] else {
            throw .notFound
        }
        _ = try catalog.accessibleCapsule(memory.capsuleId, caller: caller)
        return memory
    }

    /// `memories_list`: a page of the capsule's memories, ascending by memory number.
    ///
    /// - Parameters:
    ///   - cursor: `nil` for the first page, else the `next_cursor` of the previous page (a memory id); the
    ///     page starts after it, even if that memory was deleted since.
    ///   - limit: At most this many items: `nil` is ``defaultPageSize``, above ``maxPageSize`` is lowered.
    /// - Returns: The items and, when more follow, `next_cursor` (the last item's id).
    /// - Throws: `NotFound`, `Unauthorized`, `InvalidArgument` for a limit of 0 or a cursor that is not a
    ///   memory id.
    package func memoriesList(
        caller: Principal,
        capsuleId id: String,
        cursor: String?,
        limit: UInt32?
    ) throws(UploadError) -> Page {
        let record = try catalog.accessibleCapsule(id, caller: caller)
        let size = Int(min(limit ?? Self.defaultPageSize, Self.maxPageSize))
        guard size > 0 else {
            throw .invalidArgument("invalid_limit: limit must be 1 to \(Self.maxPageSize), got 0")
        }
        var after: UInt64?
        if let cursor {
            guard let number = Identifier.memory.number(in: cursor) else {
                throw .invalidArgument("invalid_cursor: \(Self.quoted(cursor)) is not a memory id")
            }
            after = number
        }
        let (numbers, more) = record.memoryNumbers.elements(after: after, limit: size)
        let items = numbers.compactMap { catalog.memories[$0].map(header) }
        let next = more ? items.last?.id : nil
        return Page(nextCursor: next, items: items)
    }

    // MARK: - Building the Candid records

    func capsule(_ record: CapsuleRecord) -> Capsule {
        Capsule(
            id: record.id,
            updatedAt: record.updatedAt,
            hasAdvancedSettings: false,
            controllers: record.controllers.map { member in
                Pair(
                    .principal(member.principal),
                    ControllerState(
                        grantedAt: member.since, grantedBy: .principal(member.grantedBy ?? member.principal))
                )
            },
            subject: record.subject,
            owners: record.owners.map { member in
                Pair(
                    .principal(member.principal), OwnerState(lastActivityAt: member.lastActivityAt, since: member.since)
                )
            },
            inlineBytesUsed: 0,
            folders: [],
            createdAt: record.createdAt,
            connectionGroups: [],
            connections: [],
            memories: record.memoryNumbers.compactMap { (number: UInt64) in
                catalog.memories[number].map { Pair($0.id, $0) }
            },
            boundToNeon: false,
            galleries: [],
            hostingPreferences: .allIcp
        )
    }

    func header(_ memory: Memory) -> MemoryHeader {
        let name =
            memory.blobInternalAssets.first?.metadata.base.name
            ?? memory.inlineAssets.first?.metadata.base.name
            ?? memory.metadata.title
            ?? memory.id
        return MemoryHeader(
            id: memory.id,
            title: memory.metadata.title,
            updatedAt: memory.metadata.updatedAt,
            sharingStatus: memory.metadata.sharingStatus,
            capsuleId: memory.capsuleId,
            memoryType: memory.metadata.memoryType,
            name: name,
            assets: AssetLinks(),
            size: memory.metadata.totalSize,
            tags: memory.metadata.tags,
            databaseStorageEdges: memory.metadata.databaseStorageEdges,
            description: memory.metadata.description,
            createdAt: memory.metadata.createdAt,
            parentFolderId: memory.metadata.parentFolderId,
            assetCount: memory.metadata.assetCount,
            placeholderData: nil,
            sharedCount: memory.metadata.sharedCount
        )
    }
}
