// Sources/UploadCanister/UploadCanister+Methods.swift - the endpoints: names, Candid types, handlers

import Candid
public import CanisterRuntime
import Uploads

extension UploadCanister {
    /// Every endpoint. Arguments and results are futura's Candid types (seed-era `uploads_begin` and
    /// `uploads_finish`); a message whose arguments do not decode at them traps (IC0503) before the handler
    /// runs. CANDID.md ("The upload canister") lists each method's arguments, errors and callers.
    public static let methods: [Method<UploadCanister>] = uploadMethods + sessionMethods + blobMethods
        + catalogMethods

    /// futura's type names (``UploadCanisterInterface/namedTypes``), wherever their structures occur.
    public static var candidNames: CandidNames { CandidNames(UploadCanisterInterface.namedTypes) }

    /// `uploads_begin`, `uploads_put_chunk`, `uploads_finish`, `uploads_abort`.
    static var uploadMethods: [Method<UploadCanister>] {
        [
            .update("uploads_begin") {
                (
                    canister: inout UploadCanister, context: inout CallContext, capsuleId: String,
                    metadata: AssetMetadata, expectedChunks: UInt32, idempotencyKey: String
                ) -> UploadResult<UInt64> in
                canister.update(&context) { backend, storage, caller, now in
                    UploadResult { () throws(UploadError) in
                        try backend.begin(
                            caller: caller, capsuleId: capsuleId, metadata: metadata, expectedChunks: expectedChunks,
                            idempotencyKey: idempotencyKey, now: now, storage: &storage
                        )
                    }
                }
            },
            .update("uploads_put_chunk") {
                (
                    canister: inout UploadCanister, context: inout CallContext, sessionId: UInt64, index: UInt32,
                    bytes: [UInt8]
                ) -> UnitResult in
                canister.update(&context) { backend, storage, caller, now in
                    UnitResult { () throws(UploadError) in
                        try backend.putChunk(
                            caller: caller, sessionId: sessionId, index: index, bytes: bytes, now: now,
                            storage: &storage
                        )
                    }
                }
            },
            .update("uploads_finish") {
                (
                    canister: inout UploadCanister, context: inout CallContext, sessionId: UInt64, sha256: [UInt8],
                    totalLength: UInt64
                ) -> UploadResult<UploadFinishResult> in
                canister.update(&context) { backend, _, caller, now in
                    UploadResult { () throws(UploadError) in
                        try backend.finish(
                            caller: caller, sessionId: sessionId, sha256: sha256, totalLength: totalLength, now: now
                        )
                    }
                }
            },
            .update("uploads_abort") {
                (canister: inout UploadCanister, context: inout CallContext, sessionId: UInt64) -> UnitResult in
                canister.update(&context) { backend, _, caller, now in
                    UnitResult { () throws(UploadError) in
                        try backend.abort(caller: caller, sessionId: sessionId, now: now)
                    }
                }
            },
        ]
    }

    /// `sessions_list`, `sessions_stats` (anyone), `sessions_clear_all`, `sessions_cleanup_expired` (admins).
    static var sessionMethods: [Method<UploadCanister>] {
        [
            .query("sessions_list") { (canister: UploadCanister, context: QueryContext) -> UploadResult<String> in
                canister.query(context) { backend, _, _, now in .ok(backend.sessionsList(now: now)) }
            },
            .query("sessions_stats") { (canister: UploadCanister, context: QueryContext) -> UploadResult<String> in
                canister.query(context) { backend, _, _, _ in .ok(backend.sessionsStats) }
            },
            .update("sessions_clear_all") {
                (canister: inout UploadCanister, context: inout CallContext) -> UploadResult<String> in
                guard canister.isAdmin(context.caller, controllers: context.controllers) else {
                    return .err(.unauthorized)
                }
                return canister.update(&context) { backend, _, _, now in .ok(backend.sessionsClearAll(now: now)) }
            },
            .update("sessions_cleanup_expired") {
                (canister: inout UploadCanister, context: inout CallContext) -> UploadResult<String> in
                guard canister.isAdmin(context.caller, controllers: context.controllers) else {
                    return .err(.unauthorized)
                }
                return canister.update(&context) { backend, _, _, now in
                    .ok(backend.sessionsCleanupExpired(now: now))
                }
            },
        ]
    }

    /// `blob_get_meta`, `blob_read`, `blob_read_chunk` (queries) and `blob_delete`.
    static var blobMethods: [Method<UploadCanister>] {
        [
            .query("blob_get_meta") {
                (canister: UploadCanister, context: QueryContext, locator: String) -> UploadResult<BlobMeta> in
                canister.query(context) { backend, _, caller, _ in
                    UploadResult { () throws(UploadError) in try backend.blobGetMeta(caller: caller, locator: locator) }
                }
            },
            .query("blob_read") {
                (canister: UploadCanister, context: QueryContext, locator: String) -> UploadResult<[UInt8]> in
                canister.query(context) { backend, memory, caller, _ in
                    UploadResult { () throws(UploadError) in
                        try backend.blobRead(caller: caller, locator: locator, storage: memory)
                    }
                }
            },
            .query("blob_read_chunk") {
                (canister: UploadCanister, context: QueryContext, locator: String, index: UInt32)
                    -> UploadResult<[UInt8]> in
                canister.query(context) { backend, memory, caller, _ in
                    UploadResult { () throws(UploadError) in
                        try backend.blobReadChunk(caller: caller, locator: locator, index: index, storage: memory)
                    }
                }
            },
            .update("blob_delete") {
                (canister: inout UploadCanister, context: inout CallContext, locator: String) -> UploadResult<String> in
                canister.update(&context) { backend, _, caller, now in
                    UploadResult { () throws(UploadError) in
                        try backend.blobDelete(caller: caller, locator: locator, now: now)
                    }
                }
            },
        ]
    }

    /// `capsules_create`, `capsules_read_basic`, `memories_read`, `memories_list`, `upload_config`, `whoami`.
    static var catalogMethods: [Method<UploadCanister>] {
        [
            .update("capsules_create") {
                (canister: inout UploadCanister, context: inout CallContext, subject: PersonRef?)
                    -> UploadResult<Capsule> in
                canister.update(&context) { backend, _, caller, now in
                    UploadResult { () throws(UploadError) in
                        try backend.capsulesCreate(caller: caller, subject: subject, now: now)
                    }
                }
            },
            .query("capsules_read_basic") {
                (canister: UploadCanister, context: QueryContext, capsuleId: String?) -> UploadResult<CapsuleInfo> in
                canister.query(context) { backend, _, caller, _ in
                    UploadResult { () throws(UploadError) in
                        try backend.capsulesReadBasic(caller: caller, capsuleId: capsuleId)
                    }
                }
            },
            .query("memories_read") {
                (canister: UploadCanister, context: QueryContext, memoryId: String) -> UploadResult<Memory> in
                canister.query(context) { backend, _, caller, _ in
                    UploadResult { () throws(UploadError) in
                        try backend.memoriesRead(caller: caller, memoryId: memoryId)
                    }
                }
            },
            .query("memories_list") {
                (canister: UploadCanister, context: QueryContext, capsuleId: String, cursor: String?, limit: UInt32?)
                    -> UploadResult<Page> in
                canister.query(context) { backend, _, caller, _ in
                    UploadResult { () throws(UploadError) in
                        try backend.memoriesList(caller: caller, capsuleId: capsuleId, cursor: cursor, limit: limit)
                    }
                }
            },
            .query("upload_config") { (canister: UploadCanister, _: QueryContext) -> UploadConfig in
                canister.backend.uploadConfig
            },
            .query("whoami") { (_: UploadCanister, context: QueryContext) -> Principal in context.caller },
        ]
    }
}
