// Tests/UploadCanisterTests/SquattingLimitTests.swift - the upload canister cannot be squatted (issue #11)

import Candid
import CanisterRuntime
import Hashing
import Testing
import UploadCanister
import Uploads
import TestSupport

/// The `upload_config` reply text of a canister installed with `configuration`: futura's three fields,
/// then every limit.
func uploadConfigText(_ c: UploadConfiguration) -> String {
    "(record { inline_max = \(c.inlineMax) : nat32; chunk_size = \(c.chunkSize) : nat32; "
        + "inline_budget_per_capsule = \(c.inlineBudgetPerCapsule) : nat32; max_chunks = \(c.maxChunks) : nat32; "
        + "max_active_per_caller = \(c.maxActiveSessionsPerCaller) : nat32; session_ttl_ns = \(c.sessionTTL) : nat64; "
        + "max_single_read_bytes = \(c.maxSingleReadBytes) : nat64; "
        + "max_idempotency_key_bytes = \(c.maxIdempotencyKeyBytes) : nat32; "
        + "max_sessions_per_caller = \(c.maxSessionsPerCaller) : nat32; "
        + "max_capsules_per_caller = \(c.maxCapsulesPerCaller) : nat32; "
        + "max_unsent_bytes_per_caller = \(c.maxUnsentBytesPerCaller) : nat64; "
        + "max_unsent_bytes_total = \(c.maxUnsentBytesTotal) : nat64; max_name_bytes = \(c.maxNameBytes) : nat32; "
        + "max_mime_type_bytes = \(c.maxMimeTypeBytes) : nat32; max_text_bytes = \(c.maxTextBytes) : nat32; "
        + "max_tags = \(c.maxTags) : nat32 })"
}

/// The `InvalidArgument` text of a reply, or nil.
func invalidText(_ values: [CandidValue]) -> String? {
    guard values.count == 1, case .variant(let label, let error) = values[0], label == CandidLabel("Err"),
        case .variant(let kind, .text(let message)) = error, kind == CandidLabel("InvalidArgument")
    else { return nil }
    return message
}

@Suite("the upload canister cannot be squatted")
struct SquattingLimitTests {
    @Test("futura's squat: a begin of 16,384 chunks of 1.8 MB is refused by the per-caller unsent budget",
        arguments: bothBackends)
    func sixteenThousandChunks(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend, chunkSize: 1_800_000)
        let capsule = try await h.createCapsule(as: Who.alice)
        let before = try await h.state()
        let bytes = 16_384 * 1_800_000
        try await h.expect(
            "uploads_begin", "(\"\(capsule)\", \(imageMetadata(bytes: bytes)), 16384, \"squat\")", as: Who.alice,
            invalid(
                "unsent_bytes_per_caller_limit: the upload reserves \(bytes) bytes and the caller's open sessions "
                    + "have 0 bytes not sent yet; the limit is 4294967296 (max_unsent_bytes_per_caller)"
            )
        )
        #expect(try await h.state() == before)
        // An upload within the budget begins.
        let fits = 4 * 1024 * 1024 * 1024
        #expect(try await h.begin(capsule: capsule, bytes: fits, idem: "fits", as: Who.alice) == 1)
    }

    @Test("with the budgets raised, stable memory is the bound: ResourceExhausted until an abort frees pages",
        arguments: bothBackends)
    func budgetsRaised(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(
            backend, chunkSize: 1_800_000,
            limits: "; max_unsent_bytes_per_caller = opt \(UInt64.max); max_unsent_bytes_total = opt \(UInt64.max)"
        )
        let capsule = try await h.createCapsule(as: Who.alice)
        let most = 16_383 * 1_800_000 + 1
        let big = "(\"\(capsule)\", \(imageMetadata(bytes: most)), 16384, "
        #expect(try await h.begin(capsule: capsule, bytes: most, idem: "big-1", as: Who.alice) == 1)
        #expect(try await h.begin(capsule: capsule, bytes: most, idem: "big-2", as: Who.alice) == 2)
        try await h.expect("uploads_begin", big + "\"big-3\")", as: Who.alice, err("ResourceExhausted"))
        try await h.expect("uploads_abort", "(1 : nat64)", as: Who.alice, okUnit)
        #expect(try await h.begin(capsule: capsule, bytes: most, idem: "big-3", as: Who.alice) == 3)
    }

    @Test("reserved-but-unsent bytes are bounded per caller and in all; sent bytes free the budget",
        arguments: bothBackends)
    func unsentBudgets(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(
            backend, limits: "; max_unsent_bytes_per_caller = opt 5000; max_unsent_bytes_total = opt 8000"
        )
        let alice = try await h.createCapsule(as: Who.alice)
        let bob = try await h.createCapsule(as: Who.bob)
        let third = try await h.createCapsule(as: Who.admin)
        let data = file(5000)
        let first = try await h.begin(capsule: alice, bytes: 5000, idem: "a1", as: Who.alice)
        let before = try await h.state()
        try await h.expect(
            "uploads_begin", "(\"\(alice)\", \(imageMetadata(bytes: 1)), 1, \"a2\")", as: Who.alice,
            invalid(
                "unsent_bytes_per_caller_limit: the upload reserves 1 bytes and the caller's open sessions have "
                    + "5000 bytes not sent yet; the limit is 5000 (max_unsent_bytes_per_caller)"
            )
        )
        #expect(try await h.state() == before)
        // Two chunks sent: 2,000 bytes of budget come back. Keeping a session alive without sending gains nothing.
        for index in 0 ..< 2 {
            #expect(try await h.put(first, index, Array(data[index * 1000 ..< (index + 1) * 1000]), as: Who.alice)
                == (try putReply(okUnit)))
        }
        #expect(try await h.begin(capsule: alice, bytes: 2000, idem: "a2", as: Who.alice) == 2)
        // Alice holds 5,000 unsent bytes; Bob takes 3,000 more; then the total of 8,000 is reached.
        #expect(try await h.begin(capsule: bob, bytes: 3000, idem: "b1", as: Who.bob) == 3)
        try await h.expect(
            "uploads_begin", "(\"\(third)\", \(imageMetadata(bytes: 1)), 1, \"c1\")", as: Who.admin,
            invalid(
                "unsent_bytes_total_limit: the upload reserves 1 bytes and all open sessions have 8000 bytes not "
                    + "sent yet; the limit is 8000 (max_unsent_bytes_total)"
            )
        )
        // Aborting gives the whole remainder back; finishing does too.
        try await h.expect("uploads_abort", "(3 : nat64)", as: Who.bob, okUnit)
        #expect(try await h.begin(capsule: third, bytes: 3000, idem: "c1", as: Who.admin) == 4)
        for index in 2 ..< 5 {
            _ = try await h.put(first, index, Array(data[index * 1000 ..< (index + 1) * 1000]), as: Who.alice)
        }
        _ = try await h.finish(first, sha256: SHA256.hash(data), length: 5000, as: Who.alice)
        #expect(try await h.begin(capsule: alice, bytes: 3000, idem: "a3", as: Who.alice) == 5)
    }

    @Test("the budgets survive an upgrade that switches backend: the ledger is rebuilt from the uploads",
        arguments: bothBackends)
    func budgetsAcrossUpgrade(backend: UploadCanister.Backend) async throws {
        let limits = "; max_unsent_bytes_per_caller = opt 3000"
        let h = try await Harness.make(backend, limits: limits)
        let capsule = try await h.createCapsule(as: Who.alice)
        let session = try await h.begin(capsule: capsule, bytes: 3000, idem: "a1", as: Who.alice)
        _ = try await h.put(session, 0, file(1000), as: Who.alice)
        try await UpgradeTests.upgrade(h, to: backend == .direct ? .compat : .direct, limits: limits)
        try await h.expect(
            "uploads_begin", "(\"\(capsule)\", \(imageMetadata(bytes: 1001)), 2, \"a2\")", as: Who.alice,
            invalid(
                "unsent_bytes_per_caller_limit: the upload reserves 1001 bytes and the caller's open sessions have "
                    + "2000 bytes not sent yet; the limit is 3000 (max_unsent_bytes_per_caller)"
            )
        )
        #expect(try await h.begin(capsule: capsule, bytes: 1000, idem: "a2", as: Who.alice) == session + 1)
    }

    @Test("open sessions are bounded per caller over all capsules, and capsules per caller", arguments: bothBackends)
    func sessionsAndCapsulesPerCaller(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend, limits: "; max_sessions_per_caller = opt 3; max_capsules_per_caller = opt 2")
        let own = try await h.createCapsule(as: Who.alice)
        let other = try text(
            try field(try ok(try await h.call("capsules_create", "(opt variant { Opaque = \"grandma\" })", as: Who.alice)), "id")
        )
        let before = try await h.state()
        try await h.expect(
            "capsules_create", "(opt variant { Opaque = \"grandpa\" })", as: Who.alice,
            invalid("capsules_per_caller_limit: the caller owns 2 capsules; the limit is 2 (max_capsules_per_caller)")
        )
        #expect(try await h.state() == before)
        // An existing capsule is still returned; another caller still creates its own.
        _ = try await h.createCapsule(as: Who.alice)
        _ = try await h.createCapsule(as: Who.bob)
        _ = try await h.begin(capsule: own, bytes: 10, idem: "1", as: Who.alice)
        _ = try await h.begin(capsule: own, bytes: 10, idem: "2", as: Who.alice)
        _ = try await h.begin(capsule: other, bytes: 10, idem: "3", as: Who.alice)
        let full = try await h.state()
        try await h.expect(
            "uploads_begin", "(\"\(other)\", \(imageMetadata(bytes: 10)), 1, \"4\")", as: Who.alice,
            invalid(
                "sessions_per_caller_limit: the caller has 3 open sessions over all capsules; the limit is 3 "
                    + "(max_sessions_per_caller)"
            )
        )
        #expect(try await h.state() == full)
        // A retry of an open session still returns it at the limit.
        #expect(try await h.begin(capsule: other, bytes: 10, idem: "3", as: Who.alice) == 3)
    }

    static let textCases: [(field: String, metadata: String, message: String)] = [
        (
            "name", metadataText(name: String(repeating: "n", count: 1025)),
            "metadata_too_long: name has 1025 bytes; the limit is 1024 (max_name_bytes)"
        ),
        (
            "mime_type", metadataText(mimeType: String(repeating: "m", count: 256)),
            "metadata_too_long: mime_type has 256 bytes; the limit is 255 (max_mime_type_bytes)"
        ),
        (
            "tags", metadataText(tags: Array(repeating: "t", count: 65)),
            "metadata_too_long: tags has 65 entries; the limit is 64 (max_tags)"
        ),
        (
            "tag", metadataText(tags: ["ok", String(repeating: "t", count: 4097)]),
            "metadata_too_long: tags[1] has 4097 bytes; the limit is 4096 (max_text_bytes)"
        ),
        (
            "description", metadataText(extra: "description = opt \"\(String(repeating: "d", count: 4097))\";"),
            "metadata_too_long: description has 4097 bytes; the limit is 4096 (max_text_bytes)"
        ),
        (
            "exif_data", metadataText(image: "exif_data = opt \"\(String(repeating: "e", count: 4097))\";"),
            "metadata_too_long: exif_data has 4097 bytes; the limit is 4096 (max_text_bytes)"
        ),
        (
            "sha256", metadataText(extra: "sha256 = opt blob \"\(String(repeating: "\\00", count: 4097))\";"),
            "metadata_too_long: sha256 has 4097 bytes; the limit is 4096 (max_text_bytes)"
        ),
    ]

    /// An `Image` metadata text of 10 bytes with the given texts.
    static func metadataText(
        name: String = "photo.jpg",
        mimeType: String = "image/jpeg",
        tags: [String] = [],
        extra: String = "",
        image: String = ""
    ) -> String {
        let tagText = tags.map { "\"\($0)\"" }.joined(separator: "; ")
        return "variant { Image = record { \(image) base = record { name = \"\(name)\"; mime_type = \"\(mimeType)\"; "
            + "bytes = 10; asset_type = variant { Original }; created_at = 0; updated_at = 0; tags = vec { \(tagText) }; "
            + "\(extra) } } }"
    }

    @Test("metadata texts have length limits; the refusal names the field and the limit, never the text",
        arguments: bothBackends)
    func metadataTexts(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let before = try await h.state()
        for (field, metadata, message) in Self.textCases {
            let reply = try await h.call("uploads_begin", "(\"\(capsule)\", \(metadata), 1, \"\(field)\")", as: Who.alice)
            #expect(invalidText(reply) == message, "\(field): \(Candid.printArguments(reply).prefix(300))")
        }
        #expect(try await h.state() == before)
        // At the limits, the upload begins.
        let longest = Self.metadataText(
            name: String(repeating: "n", count: 1024), mimeType: String(repeating: "m", count: 255),
            tags: Array(repeating: String(repeating: "t", count: 4096), count: 64)
        )
        try await h.expect(
            "uploads_begin", "(\"\(capsule)\", \(longest), 1, \"longest\")", as: Who.alice, "(variant { Ok = 1 : nat64 })"
        )
    }

    @Test("futura's 1.36 MB name is refused without being echoed", arguments: bothBackends)
    func hugeName(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let name = String(repeating: "x", count: 1_360_000)
        let reply = try await h.call(
            "uploads_begin", "(\"\(capsule)\", \(imageMetadata(bytes: 10, name: name)), 1, \"huge\")", as: Who.alice
        )
        #expect(invalidText(reply) == "metadata_too_long: name has 1360000 bytes; the limit is 1024 (max_name_bytes)")
    }

    @Test("no reply echoes unbounded input: a long locator or cursor is cut to 64 bytes and its length",
        arguments: bothBackends)
    func boundedEcho(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let long = "é" + String(repeating: "y", count: 1_000_000)
        let shown = "é" + String(repeating: "y", count: 62)
        for method in ["blob_get_meta", "blob_read", "blob_delete"] {
            let reply = try await h.call(method, values: [.text(long)], as: Who.alice)
            #expect(
                invalidText(reply) == "invalid_locator: \"\(shown)…\" (1000002 bytes) is not blob_<decimal u64>",
                "\(method)"
            )
        }
        let cursor = try await h.call(
            "memories_list", values: [.text(capsule), .opt(.text(long)), .opt(nil)], as: Who.alice
        )
        #expect(invalidText(cursor) == "invalid_cursor: \"\(shown)…\" (1000002 bytes) is not a memory id")
        // A short one is still quoted whole.
        try await h.expect("blob_get_meta", "(\"blob_x\")", as: Who.alice, invalid(
            "invalid_locator: \\\"blob_x\\\" is not blob_<decimal u64>"))
    }

    @Test("every limit is settable at install, reported by upload_config and kept by an upgrade",
        arguments: bothBackends)
    func limitsAtInstall(backend: UploadCanister.Backend) async throws {
        let limits =
            "; max_single_read_bytes = opt 5000; max_idempotency_key_bytes = opt 8; max_sessions_per_caller = opt 7; "
            + "max_capsules_per_caller = opt 6; max_unsent_bytes_per_caller = opt 50000; "
            + "max_unsent_bytes_total = opt 90000; max_name_bytes = opt 20; max_mime_type_bytes = opt 30; "
            + "max_text_bytes = opt 40; max_tags = opt 2"
        let h = try await Harness.make(backend, limits: limits)
        let configuration = UploadConfiguration(
            chunkSize: 1000, maxSingleReadBytes: 5000, maxIdempotencyKeyBytes: 8, maxSessionsPerCaller: 7,
            maxCapsulesPerCaller: 6, maxUnsentBytesPerCaller: 50_000, maxUnsentBytesTotal: 90_000, maxNameBytes: 20,
            maxMimeTypeBytes: 30, maxTextBytes: 40, maxTags: 2
        )
        #expect(try await h.replica.state(of: h.canister, as: UploadCanister.self).backend.configuration == configuration)
        try await h.expect("upload_config", as: Who.anonymous, uploadConfigText(configuration))
        let capsule = try await h.createCapsule(as: Who.alice)
        try await h.expect(
            "uploads_begin", "(\"\(capsule)\", \(Self.metadataText(tags: ["a", "b", "c"])), 1, \"k\")", as: Who.alice,
            invalid("metadata_too_long: tags has 3 entries; the limit is 2 (max_tags)")
        )
        try await UpgradeTests.upgrade(h, to: backend)
        try await h.expect("upload_config", as: Who.anonymous, uploadConfigText(configuration))
        do {
            try await UpgradeTests.upgrade(h, to: backend, limits: "; max_tags = opt 3")
            Issue.record("an upgrade changing max_tags was accepted")
        } catch let error as Reject {
            #expect(error.message.contains("changes max_tags (persisted 2, argument 3)"), "\(error.message)")
        }
        // A zero limit is refused at install, naming it.
        let replica = Replica()
        let canister = replica.createCanister(controllers: [Who.controller])
        do {
            try await replica.install(
                CanisterModule(UploadCanister.self), on: canister,
                argument: try Harness.initBytes(Harness.initText(backend, chunkSize: 1000, limits: "; max_name_bytes = opt 0")),
                sender: Who.controller
            )
            Issue.record("an install with max_name_bytes 0 was accepted")
        } catch let error as Reject {
            #expect(error.message.contains("invalid_configuration: max_name_bytes must be > 0"), "\(error.message)")
        }
    }

    @Test("near the end of time the sweep timer saturates: install and upgrades keep working", arguments: bothBackends)
    func timerNearTheEndOfTime(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        try h.replica.setTime(UInt64.max - 299_000_000_000)
        let session = try await h.begin(capsule: capsule, bytes: 20, as: Who.alice)
        for time in [UInt64.max - 299_000_000_000, UInt64.max - 1] {
            try h.replica.setTime(time)
            try await UpgradeTests.upgrade(h, to: backend == .direct ? .compat : .direct)
            try await UpgradeTests.upgrade(h, to: backend)
            _ = await h.replica.tick()
        }
        // The session's deadline saturated at UInt64.max: it is still open one nanosecond before.
        #expect(try await h.put(session, 0, file(20), as: Who.alice) == (try putReply(okUnit)))
        try h.replica.setTime(UInt64.max)
        try await UpgradeTests.upgrade(h, to: backend == .direct ? .compat : .direct)
        _ = await h.replica.tick()
        try await h.expect("uploads_abort", "(\(session) : nat64)", as: Who.alice, err("NotFound"))
        // A canister installed at the end of time works.
        let late = Replica()
        try late.setTime(UInt64.max)
        let canister = late.createCanister(controllers: [Who.controller])
        try await late.install(
            CanisterModule(UploadCanister.self), on: canister,
            argument: try Harness.initBytes(Harness.initText(backend, chunkSize: 1000)), sender: Who.controller
        )
        try await late.upgrade(
            canister, argument: try Harness.initBytes(Harness.initText(backend, chunkSize: 1000)), sender: Who.controller
        )
    }

    @Test("blob_delete removes the memory's pointer: no memory points at a deleted blob", arguments: bothBackends)
    func blobDeleteRemovesPointer(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let kept = try await h.upload(file(1500, seed: 1), capsule: capsule, idem: "kept", as: Who.alice)
        _ = try await h.upload(file(2500, seed: 2), capsule: capsule, idem: "gone", as: Who.alice)
        try h.replica.advance(nanoseconds: 5)
        try await h.expect("blob_delete", "(\"blob_2\")", as: Who.alice, "(variant { Ok = \"Blob blob_2 deleted\" })")
        let memory = try ok(try await h.call("memories_read", "(\"mem_2\")", as: Who.alice))
        #expect(try field(memory, "blob_internal_assets") == .vec([]))
        let metadata = try field(memory, "metadata")
        #expect(try field(metadata, "asset_count") == .nat32(0))
        #expect(try field(metadata, "total_size") == .nat64(0))
        #expect(try field(metadata, "updated_at") == .nat64(startTime + 5))
        // The other memory keeps its blob.
        let first = try ok(try await h.call("memories_read", "(\"mem_1\")", as: Who.alice))
        guard case .vec(let assets) = try field(first, "blob_internal_assets") else {
            Issue.record("no assets")
            return
        }
        #expect(assets.count == 1)
        #expect(try text(try field(kept, "blob_id")) == "blob_1")
        let list = try ok(try await h.call("memories_list", "(\"\(capsule)\", null, null)", as: Who.alice))
        guard case .vec(let items) = try field(list, "items") else {
            Issue.record("no items")
            return
        }
        #expect(try items.map { try field($0, "size") } == [.nat64(1500), .nat64(0)])
    }
}
