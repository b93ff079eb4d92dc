// Tests/UploadCanisterTests/InstallArgumentTests.swift - InitArg at install and upgrade, from Candid bytes

import Candid
import CanisterRuntime
import Testing
import UploadCanister
import Uploads

/// Another canister type, to upgrade from: its stable memory holds no upload state.
struct NotAnUploadCanister: Canister {
    init(install _: NoArguments, context: inout CallContext) throws {
        try context.stableMemory.grow(by: 1)
        try context.stableMemory.write(at: 0, Array("not an upload canister".utf8))
    }

    static let methods: [Method<NotAnUploadCanister>] = [
        .query("hello") { (_: NotAnUploadCanister, _: QueryContext) -> String in "hello" },
    ]
}

@Suite("the install argument")
struct InstallArgumentTests {
    /// A canister installed by `Who.controller` from the Candid text of an `InitArg`.
    static func install(_ text: String, chunkSize: Int = 1_800_000) async throws -> Harness {
        let replica = Replica()
        let canister = replica.createCanister(controllers: [Who.controller])
        try await replica.install(
            CanisterModule(UploadCanister.self), on: canister, argument: try Harness.initBytes(text),
            sender: Who.controller
        )
        let state = try await replica.state(of: canister, as: UploadCanister.self)
        return Harness(replica: replica, canister: canister, backend: state.backendKind, chunkSize: chunkSize)
    }

    @Test("null limits take futura's defaults; backend and admins come from the argument", arguments: bothBackends)
    func defaults(backend: UploadCanister.Backend) async throws {
        let h = try await Self.install("(record { backend = variant { \(backend) }; admins = vec {} })")
        let state = try await h.replica.state(of: h.canister, as: UploadCanister.self)
        #expect(state.backendKind == backend)
        #expect(ObjectIdentifier(type(of: state.backend)) == ObjectIdentifier(backend.implementation))
        #expect(state.backend.configuration == .default)
        #expect(state.admins == [])
        try await h.expect("upload_config", as: Who.anonymous, uploadConfigText(.default))
        // No admins besides the controller.
        try await h.expect("sessions_clear_all", as: Who.admin, err("Unauthorized"))
        try await h.expect("sessions_clear_all", as: Who.controller, "(variant { Ok = \"Cleared 0 sessions\" })")
    }

    @Test("every limit of the argument takes effect: chunk_size, max_chunks, max_active_per_caller, session_ttl_ns",
        arguments: bothBackends)
    func limits(backend: UploadCanister.Backend) async throws {
        let h = try await Self.install(
            "(record { backend = variant { \(backend) }; chunk_size = opt 100; max_chunks = opt 3; "
                + "max_active_per_caller = opt 1; session_ttl_ns = opt 1_000_000_000; admins = vec {} })",
            chunkSize: 100
        )
        let state = try await h.replica.state(of: h.canister, as: UploadCanister.self)
        var expected = UploadConfiguration.default
        expected.chunkSize = 100
        expected.maxChunks = 3
        expected.maxActiveSessionsPerCaller = 1
        expected.sessionTTL = 1_000_000_000
        #expect(state.backend.configuration == expected)
        let capsule = try await h.createCapsule(as: Who.alice)
        try await h.expect(
            "uploads_begin", "(\"\(capsule)\", \(imageMetadata(bytes: 400)), 4, \"i\")", as: Who.alice,
            invalid("expected_chunks_too_large: 4 exceeds the limit of 3")
        )
        #expect(try await h.begin(capsule: capsule, bytes: 300, idem: "a", as: Who.alice) == 1)
        try await h.expect(
            "uploads_begin", "(\"\(capsule)\", \(imageMetadata(bytes: 300)), 3, \"b\")", as: Who.alice,
            err("ResourceExhausted")
        )
        try await h.expect(
            "sessions_list", as: Who.alice,
            "(variant { Ok = \"Found 1 sessions:\\nSession 1: caller=\(Who.alice.text), capsule=capsule_1, "
                + "status=Pending, created=\(startTime), chunks=0/3, expires=\(startTime + 1_000_000_000)\\n\" })"
        )
        // After the 1 s TTL the session is gone and the cap is free again.
        try h.replica.advance(by: .seconds(1))
        #expect(try await h.put(1, 0, file(100), as: Who.alice) == putReply(err("NotFound")))
        #expect(try await h.begin(capsule: capsule, bytes: 300, idem: "b", as: Who.alice) == 2)
    }

    @Test("an argument that does not decode, or a zero limit, fails the install; the canister stays empty")
    func refusedInstalls() async throws {
        let replica = Replica()
        let canister = replica.createCanister(controllers: [Who.controller])
        let cases: [(bytes: [UInt8], message: String)] = [
            (try Candid.encode(try Candid.parseArguments("(record { backend = variant { fast } })")),
             "failed to decode call arguments"),
            (try Candid.encode([]), "failed to decode call arguments"),
            ([0xFF], "failed to decode call arguments"),
            (try Harness.initBytes(
                "(record { backend = variant { direct }; chunk_size = opt 0; admins = vec {} })"),
             "install: InvalidArgument: invalid_configuration: chunk_size must be > 0"),
            (try Harness.initBytes(
                "(record { backend = variant { compat }; max_chunks = opt 0; admins = vec {} })"),
             "install: InvalidArgument: invalid_configuration: max_chunks must be > 0"),
            (try Harness.initBytes(
                "(record { backend = variant { direct }; max_active_per_caller = opt 0; admins = vec {} })"),
             "install: InvalidArgument: invalid_configuration: max_active_sessions_per_caller must be > 0"),
            (try Harness.initBytes(
                "(record { backend = variant { direct }; session_ttl_ns = opt 0; admins = vec {} })"),
             "install: InvalidArgument: invalid_configuration: session_ttl must be > 0"),
        ]
        for (bytes, message) in cases {
            do {
                try await replica.install(
                    CanisterModule(UploadCanister.self), on: canister, argument: bytes, sender: Who.controller
                )
                Issue.record("the install with \(message) was accepted")
            } catch let reject as Reject {
                #expect(reject.code == .canisterError, "\(message)")
                #expect(reject.errorCode == .canisterCalledTrap, "\(message)")
                #expect(reject.message.contains("with message: '\(message)"), "\(reject.message)")
            }
            let call = await replica.call(canister, method: "whoami", argument: try Candid.encode([]))
            guard case .failure(let empty) = call else {
                Issue.record("the canister answered after the failed install with \(message)")
                continue
            }
            #expect(empty.errorCode == .canisterWasmModuleNotFound, "\(message)")
            #expect(try await replica.stableMemory(of: canister).pageCount == 0)
            #expect(replica.nextTimerDue == nil)
        }
        // Only a controller installs.
        let good = try Harness.initBytes(Harness.initText(.direct, chunkSize: 1000))
        for sender in [Who.alice, Who.anonymous] {
            await #expect(throws: Reject.self) {
                try await replica.install(CanisterModule(UploadCanister.self), on: canister, argument: good,
                                          sender: sender)
            }
        }
        try await replica.install(CanisterModule(UploadCanister.self), on: canister, argument: good,
                                  sender: Who.controller)
        #expect(replica.nextTimerDue == startTime + 300_000_000_000)
    }

    @Test("the anonymous principal named as an admin is still no admin", arguments: bothBackends)
    func anonymousIsNeverAnAdmin(backend: UploadCanister.Backend) async throws {
        let h = try await Self.install(
            "(record { backend = variant { \(backend) }; admins = vec { principal \"2vxsx-fae\"; "
                + "principal \"\(Who.admin.text)\" } })"
        )
        #expect(try await h.replica.state(of: h.canister, as: UploadCanister.self).admins.contains(.anonymous))
        try await h.expect("sessions_clear_all", as: Who.anonymous, err("Unauthorized"))
        try await h.expect("sessions_cleanup_expired", as: Who.anonymous, err("Unauthorized"))
        try await h.expect("sessions_clear_all", as: Who.admin, "(variant { Ok = \"Cleared 0 sessions\" })")
    }

    @Test("an upgrade replaces the admins with the argument's", arguments: bothBackends)
    func upgradeReplacesAdmins(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let cleaned = "(variant { Ok = \"Cleaned up 0 expired sessions\" })"
        try await h.expect("sessions_cleanup_expired", as: Who.admin, cleaned)
        let bytes = try Harness.initBytes(
            "(record { backend = variant { \(backend) }; admins = vec { principal \"\(Who.bob.text)\" } })"
        )
        try await h.replica.upgrade(h.canister, argument: bytes, sender: Who.controller)
        try await h.expect("sessions_cleanup_expired", as: Who.admin, err("Unauthorized"))
        try await h.expect("sessions_cleanup_expired", as: Who.bob, cleaned)
        try await h.expect("sessions_cleanup_expired", as: Who.controller, cleaned)
    }

    @Test("upgrading another canister type to the upload canister traps with corrupt_snapshot; the old one runs on")
    func upgradeFromAnotherCanister() async throws {
        let replica = Replica()
        let canister = try await replica.install(NotAnUploadCanister.self, controllers: [Who.controller])
        let memory = try await replica.stableMemory(of: canister).bytes
        let bytes = try Harness.initBytes(Harness.initText(.direct, chunkSize: 1000))
        do {
            try await replica.install(
                CanisterModule(UploadCanister.self), on: canister, mode: .upgrade, argument: bytes,
                sender: Who.controller
            )
            Issue.record("the upgrade was accepted")
        } catch let reject as Reject {
            #expect(reject == Reject(
                code: .canisterError, errorCode: .canisterCalledTrap,
                message: "Error from Canister \(canister): Canister called `ic0.trap` with message: "
                    + "'post_upgrade: Internal: corrupt_snapshot: no persistence header'."
            ))
        }
        #expect(try await replica.stableMemory(of: canister).bytes == memory)
        #expect(try await replica.query(canister, "hello", returning: String.self) == "hello")
        #expect(try await replica.interface(of: canister).name == "NotAnUploadCanister")
    }
}
