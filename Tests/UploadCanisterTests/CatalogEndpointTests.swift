// Tests/UploadCanisterTests/CatalogEndpointTests.swift - capsules_*, memories_*, upload_config, whoami

import Candid
import CanisterRuntime
import Hashing
import Testing
import UploadCanister
import Uploads

@Suite("capsules_*, memories_*, upload_config, whoami")
struct CatalogEndpointTests {
    static func capsule(id: String, owner: Principal, subject: String, memories: String = "") -> String {
        "(variant { Ok = record { id = \"\(id)\"; updated_at = \(startTime); has_advanced_settings = false; "
            + "controllers = vec {}; subject = \(subject); owners = vec { record { variant { Principal = principal "
            + "\"\(owner.text)\" }; record { last_activity_at = \(startTime); since = \(startTime) } } }; "
            + "inline_bytes_used = 0; folders = vec {}; created_at = \(startTime); connection_groups = vec {}; "
            + "connections = vec {}; memories = vec {\(memories)}; bound_to_neon = false; galleries = vec {}; "
            + "hosting_preferences = record { backend_hosting = variant { Icp }; database_hosting = variant { Icp }; "
            + "blob_hosting = variant { Icp }; frontend_hosting = variant { Icp } } } })"
    }

    @Test("capsules_create: the caller's self-capsule, once; a capsule about someone else; anonymous Unauthorized",
        arguments: bothBackends)
    func capsulesCreate(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let own = Self.capsule(
            id: "capsule_1", owner: Who.alice, subject: "variant { Principal = principal \"\(Who.alice.text)\" }"
        )
        let first = try await h.expect("capsules_create", "(null)", as: Who.alice, own)
        #expect(try await h.reply("capsules_create", "(null)", as: Who.alice) == first)
        try await h.expect(
            "capsules_create", "(opt variant { Opaque = \"grandma\" })", as: Who.alice,
            Self.capsule(id: "capsule_2", owner: Who.alice, subject: "variant { Opaque = \"grandma\" }")
        )
        let before = try await h.state()
        try await h.expect("capsules_create", "(null)", as: Who.anonymous, err("Unauthorized"))
        #expect(try await h.state() == before)
        // Arguments left out: `()` decodes as `(null)`, the trailing opt filled in.
        #expect(try await h.reply("capsules_create", "()", as: Who.alice) == first)
    }

    @Test("capsules_read_basic: own or named capsule; others Unauthorized; unknown NotFound", arguments: bothBackends)
    func capsulesReadBasic(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        _ = try await h.createCapsule(as: Who.alice)
        let info = "(variant { Ok = record { updated_at = \(startTime); gallery_count = 0; subject = variant { "
            + "Principal = principal \"\(Who.alice.text)\" }; capsule_id = \"capsule_1\"; is_owner = true; "
            + "created_at = \(startTime); bound_to_neon = false; memory_count = 0; connection_count = 0; "
            + "is_self_capsule = true; is_controller = false } })"
        try await h.expect("capsules_read_basic", "(null)", as: Who.alice, info)
        try await h.expect("capsules_read_basic", "(opt \"capsule_1\")", as: Who.alice, info)
        try await h.expect("capsules_read_basic", "(opt \"capsule_9\")", as: Who.alice, err("NotFound"))
        try await h.expect("capsules_read_basic", "(null)", as: Who.bob, err("NotFound"))
        for caller in [Who.bob, Who.anonymous, Who.controller] {
            try await h.expect("capsules_read_basic", "(opt \"capsule_1\")", as: caller, err("Unauthorized"))
        }
        try await h.expect("capsules_read_basic", "(null)", as: Who.anonymous, err("Unauthorized"))
    }

    @Test("memories_read returns the memory finish created; others Unauthorized; unknown NotFound",
        arguments: bothBackends)
    func memoriesRead(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let data = file(800)
        _ = try await h.upload(data, capsule: capsule, as: Who.alice)
        let sha = blobText(SHA256.hash(data))
        let memory = "record { id = \"mem_1\"; inline_assets = vec {}; capsule_id = \"capsule_1\"; metadata = record { "
            + "title = opt \"photo.jpg\"; updated_at = \(startTime); sharing_status = variant { Private }; "
            + "memory_type = variant { Image }; tags = vec {}; content_type = \"image/jpeg\"; "
            + "database_storage_edges = vec { variant { Icp } }; created_at = \(startTime); created_by = opt "
            + "\"\(Who.alice.text)\"; total_size = 800; asset_count = 1; shared_count = 0; "
            + "uploaded_at = \(startTime) }; "
            + "blob_internal_assets = vec { record { metadata = \(imageMetadata(bytes: 800)); blob_ref = record { "
            + "len = 800; locator = \"blob_1\"; hash = opt \(sha) }; asset_id = \"asset_1\" } }; "
            + "blob_external_assets = vec {}; access_entries = vec {} }"
        try await h.expect("memories_read", "(\"mem_1\")", as: Who.alice, "(variant { Ok = \(memory) })")
        for id in ["mem_2", "mem_01", "capsule_1", ""] {
            try await h.expect("memories_read", "(\"\(id)\")", as: Who.alice, err("NotFound"))
        }
        for caller in [Who.bob, Who.anonymous, Who.controller] {
            try await h.expect("memories_read", "(\"mem_1\")", as: caller, err("Unauthorized"))
        }
        try await h.expect(
            "capsules_create", "(null)", as: Who.alice,
            Self.capsule(
                id: "capsule_1", owner: Who.alice, subject: "variant { Principal = principal \"\(Who.alice.text)\" }",
                memories: " record { \"mem_1\"; \(memory) } "
            )
        )
    }

    @Test("memories_list pages by cursor and limit; bad limit or cursor InvalidArgument; access errors",
        arguments: bothBackends)
    func memoriesList(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        for index in 1 ... 3 {
            _ = try await h.upload(file(100 * index), capsule: capsule, idem: "u\(index)", as: Who.alice)
        }
        func ids(_ values: [CandidValue]) throws -> [String] {
            guard case .vec(let items) = try field(try ok(values), "items") else { throw HarnessError("no items") }
            return try items.map { try text(try field($0, "id")) }
        }
        func cursor(_ values: [CandidValue]) throws -> CandidValue { try field(try ok(values), "next_cursor") }
        let all = try await h.call("memories_list", "(\"\(capsule)\", null, null)", as: Who.alice)
        #expect(try ids(all) == ["mem_1", "mem_2", "mem_3"])
        #expect(try cursor(all) == .opt(nil))
        let first = try await h.call("memories_list", "(\"\(capsule)\", null, opt 2)", as: Who.alice)
        #expect(try ids(first) == ["mem_1", "mem_2"])
        #expect(try cursor(first) == .opt(.text("mem_2")))
        let rest = try await h.call("memories_list", "(\"\(capsule)\", opt \"mem_2\", opt 2)", as: Who.alice)
        #expect(try ids(rest) == ["mem_3"])
        #expect(try cursor(rest) == .opt(nil))
        let header = try await h.call("memories_list", "(\"\(capsule)\", opt \"mem_2\", opt 1)", as: Who.alice)
        let item = "record { id = \"mem_3\"; title = opt \"photo.jpg\"; updated_at = \(startTime); sharing_status = "
            + "variant { Private }; capsule_id = \"capsule_1\"; memory_type = variant { Image }; name = \"photo.jpg\"; "
            + "assets = record {}; size = 300; tags = vec {}; database_storage_edges = vec { variant { Icp } }; "
            + "created_at = \(startTime); asset_count = 1; shared_count = 0 }"
        let page = "(variant { Ok = record { items = vec { \(item) } } })"
        #expect(header == (try Harness.expected("memories_list", page)))
        try await h.expect(
            "memories_list", "(\"\(capsule)\", null, opt 0)", as: Who.alice,
            invalid("invalid_limit: limit must be 1 to 100, got 0")
        )
        try await h.expect(
            "memories_list", "(\"\(capsule)\", opt \"x\", null)", as: Who.alice,
            invalid("invalid_cursor: \\\"x\\\" is not a memory id")
        )
        try await h.expect("memories_list", "(\"capsule_7\", null, null)", as: Who.alice, err("NotFound"))
        for caller in [Who.bob, Who.anonymous, Who.controller] {
            try await h.expect("memories_list", "(\"\(capsule)\", null, null)", as: caller, err("Unauthorized"))
        }
    }

    @Test("upload_config and whoami answer anyone", arguments: bothBackends)
    func configAndWhoami(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        for caller in [Who.alice, Who.anonymous] {
            try await h.expect("upload_config", as: caller, uploadConfigText(UploadConfiguration(chunkSize: 1000)))
            try await h.expect("whoami", as: caller, "(principal \"\(caller.text)\")")
        }
        #expect(Who.anonymous.text == "2vxsx-fae")
    }
}
