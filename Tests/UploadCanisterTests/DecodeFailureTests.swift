// Tests/UploadCanisterTests/DecodeFailureTests.swift - argument bytes that do not decode are rejected, state untouched

import Candid
import CanisterRuntime
import Testing
import UploadCanister

@Suite("arguments that do not decode")
struct DecodeFailureTests {
    /// Every method of the `.did`.
    static let methods = [
        "blob_delete", "blob_get_meta", "blob_read", "blob_read_chunk", "capsules_create", "capsules_read_basic",
        "memories_list", "memories_read", "sessions_cleanup_expired", "sessions_clear_all", "sessions_list",
        "sessions_stats", "upload_config", "uploads_abort", "uploads_begin", "uploads_finish", "uploads_put_chunk",
        "whoami",
    ]

    /// Well-formed Candid at the wrong types, per method with required arguments.
    static let wrongTypes: [(method: String, text: String)] = [
        ("blob_delete", "(42 : nat64)"),
        ("blob_get_meta", "(true)"),
        ("blob_read", "(blob \"\\00\")"),
        ("blob_read_chunk", "(\"blob_1\", \"zero\")"),
        ("memories_list", "(7 : nat32, null, null)"),
        ("memories_read", "(1 : nat8)"),
        ("uploads_abort", "(\"1\")"),
        ("uploads_abort", "(1 : nat32)"),
        ("uploads_begin", "(\"capsule_1\", variant { Picture = record {} }, 1 : nat32, \"i\")"),
        ("uploads_begin", "(\"capsule_1\", variant { Image = record { base = record {} } }, 1 : nat32, \"i\")"),
        ("uploads_begin", "(\"capsule_1\")"),
        ("uploads_finish", "(1 : nat64, \"sha\", 10 : nat64)"),
        ("uploads_put_chunk", "(1 : nat64, 0 : nat32, \"bytes\")"),
        ("uploads_put_chunk", "(1 : int64, 0 : nat32, blob \"\\00\")"),
    ]

    /// A canister with a capsule, a finished upload and an open session: state a bad call could damage.
    static func busyCanister(_ backend: UploadCanister.Backend) async throws -> Harness {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        _ = try await h.upload(file(1500), capsule: capsule, as: Who.alice)
        let session = try await h.begin(capsule: capsule, bytes: 2500, idem: "open", as: Who.alice)
        _ = try await h.put(session, 0, file(1000), as: Who.alice)
        return h
    }

    func expectDecodeTrap(
        _ result: CallResult,
        _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard case .failure(let reject) = result else {
            Issue.record("\(what) was accepted", sourceLocation: sourceLocation)
            return
        }
        #expect(reject.code == .canisterError, "\(what): \(reject)", sourceLocation: sourceLocation)
        #expect(reject.errorCode == .canisterCalledTrap, "\(what): \(reject)", sourceLocation: sourceLocation)
        #expect(
            reject.message.contains("Canister called `ic0.trap` with message: 'failed to decode call arguments"),
            "\(what): \(reject.message)", sourceLocation: sourceLocation
        )
    }

    @Test("bytes that are not a Candid message: IC0503 (CANISTER_ERROR) for every method, nothing changes",
        arguments: bothBackends)
    func notCandid(backend: UploadCanister.Backend) async throws {
        let h = try await Self.busyCanister(backend)
        let before = try await h.state()
        let didl = Array("DIDL".utf8)
        let garbage: [[UInt8]] = [[], [0x00, 0x01, 0x02], didl, didl + [0x00, 0x01, 0x7F, 0x00]]
        for method in Self.methods {
            for bytes in garbage {
                for caller in [Who.alice, Who.controller, Who.anonymous] {
                    expectDecodeTrap(await h.raw(method, bytes, as: caller), "\(method) with \(bytes)")
                }
            }
        }
        #expect(try await h.state() == before)
        try await h.expect("sessions_stats", as: Who.alice,
            "(variant { Ok = \"Total sessions: 2, Pending: 1, Committed: 1, Aborted: 0, Expired: 0, Cleared: 0\" })")
    }

    @Test("Candid at the wrong types: IC0503, nothing changes; the same call with the right types then works",
        arguments: bothBackends)
    func wrongTypes(backend: UploadCanister.Backend) async throws {
        let h = try await Self.busyCanister(backend)
        let before = try await h.state()
        for (method, text) in Self.wrongTypes {
            let bytes = try Candid.encode(try Candid.parseArguments(text))
            expectDecodeTrap(await h.raw(method, bytes, as: Who.alice), "\(method)\(text)")
        }
        #expect(try await h.state() == before)
        #expect(try await h.put(2, 1, file(1000), as: Who.alice) == Harness.expected("uploads_put_chunk", okUnit))
    }

    @Test("an argument over the 2 MiB ingress limit is refused before the canister runs (SYS_FATAL)",
        arguments: bothBackends)
    func oversizedIngress(backend: UploadCanister.Backend) async throws {
        let h = try await Self.busyCanister(backend)
        let before = try await h.state()
        let bytes = try Harness.arguments(
            "uploads_put_chunk", values: [.nat64(2), .nat32(1), .blob([UInt8](repeating: 1, count: 2 * 1024 * 1024))]
        )
        guard case .failure(let reject) = await h.raw("uploads_put_chunk", bytes, as: Who.alice) else {
            Issue.record("a 2 MiB chunk was accepted")
            return
        }
        #expect(reject.code == .systemFatal)
        #expect(reject.errorCode == nil)
        #expect(try await h.state() == before)
    }

    @Test("a method the canister does not have, or an update method called as a query: IC0536, nothing changes",
        arguments: bothBackends)
    func unknownMethod(backend: UploadCanister.Backend) async throws {
        let h = try await Self.busyCanister(backend)
        let before = try await h.state()
        let updates = [
            "blob_delete", "capsules_create", "sessions_cleanup_expired", "sessions_clear_all", "uploads_abort",
            "uploads_begin", "uploads_finish", "uploads_put_chunk",
        ]
        for method in updates {
            let result = await h.replica.query(h.canister, method: method, argument: try Candid.encode([]),
                                               caller: Who.controller)
            #expect(result == .failure(Reject(
                code: .canisterError, errorCode: .canisterMethodNotFound,
                message: "Error from Canister \(h.canister): Canister has no query method '\(method)'.")))
        }
        #expect(updates.count + 10 == Self.methods.count)
        #expect(try await h.state() == before)
        for method in ["uploads_begin_v2", "debug_sha256", "memories_create"] {
            guard case .failure(let reject) = await h.raw(method, try Candid.encode([]), as: Who.alice) else {
                Issue.record("\(method) was accepted")
                continue
            }
            #expect(reject.code == .canisterError)
            #expect(reject.errorCode == .canisterMethodNotFound)
            #expect(reject.message == "Error from Canister \(h.canister): Canister has no update method '\(method)'.")
        }
        #expect(try await h.state() == before)
    }

    @Test("a query method called as an update runs as a query: its reply is the same")
    func queryAsUpdate() async throws {
        let h = try await Harness.make(.direct)
        let bytes = try Harness.arguments("whoami", "()")
        let asUpdate = try await h.replica.update(h.canister, method: "whoami", argument: bytes, caller: Who.bob).get()
        #expect(asUpdate == (try await h.reply("whoami", "()", as: Who.bob)))
    }
}
