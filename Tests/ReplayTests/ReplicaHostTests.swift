// Tests/ReplayTests/ReplicaHostTests.swift - the ReplayHost over the runtime's Replica

import Candid
import CanisterRuntime
import Replay
import Testing
import UploadCanister

@Suite struct ReplicaHostTests {
    static let canisterText = UploadCanisterRuns.canisterText

    /// A replica with an upload canister and a host using the canister's declared interface.
    static func host() async throws -> (ReplicaReplayHost, Principal) {
        let replica = Replica()
        let canister = try await replica.install(
            UploadCanister.self, argument: UploadCanister.InitArg(backend: .direct),
            controllers: [UploadCanisterRuns.controller]
        )
        return (ReplicaReplayHost(replica: replica, builtins: [UploadCanisterRuns.sha256]), canister)
    }

    @Test func theInstalledCanisterHasTheDocumentedId() async throws {
        let (_, canister) = try await Self.host()
        #expect(canister.text == Self.canisterText)
    }

    @Test func theDeclaredInterfaceHasKindsTypesAndInitArguments() async throws {
        let (host, canister) = try await Self.host()
        let interface = try await host.interface(of: canister)
        #expect(interface.methods["whoami"]?.kind == .query)
        #expect(interface.methods["blob_read_chunk"]?.kind == .query)
        #expect(interface.methods["uploads_put_chunk"]?.kind == .update)
        #expect(interface.methods["uploads_put_chunk"]?.arguments == [.nat64, .nat32, .vec(.nat8)])
        #expect(interface.methods.count == 18)
        #expect(interface.initArguments.count == 1)
    }

    @Test func aScriptRunsOnTheDeclaredInterface() async throws {
        let (host, _) = try await Self.host()
        let result = await ReplayRunner.run(script: """
            import backend = "\(Self.canisterText)";
            identity alice;
            call backend.whoami();
            assert _ == alice;
            let c = call backend.capsules_create(null);
            assert c.Ok.id == "capsule_1";
            let digest = sim.sha256(blob "abc");
            assert sim.slice(digest, 0, 8) == blob "\\ba\\78\\16\\bf\\8f\\01\\cf\\ea";
            assert sim.len(digest) == (32 : nat);
            sim.advance(1_000);
            assert sim.time() == (1_767_225_600_000_001_000 : nat64);
            sim.tick();
            identity default;
            sim.upgrade(backend, record { backend = variant { compat }; admins = vec {} });
            identity alice;
            call backend.capsules_read_basic(null);
            assert _ ~= variant { Ok = record { capsule_id = "capsule_1" } };
            """, path: "host.repl", host: host)
        #expect(result.succeeded, "\(describe(result))")
        #expect(result.passed == 6)
        #expect(result.calls == 3)
    }

    @Test func rejectsKeepTheirCodeErrorCodeAndMessage() async throws {
        let (host, canister) = try await Self.host()
        let missing = await host.call(
            canister: canister, method: "nope", caller: .anonymous, argument: try Candid.encode([]), kind: .update
        )
        guard case .failure(let reject) = missing else {
            Issue.record("an unknown method was not rejected")
            return
        }
        #expect(reject.code == .canisterError)
        #expect(reject.errorCode == .canisterMethodNotFound)
        #expect(reject.scriptText.hasPrefix("reject code 5 (CANISTER_ERROR), IC0536: "))
        let garbage = await host.call(
            canister: canister, method: "whoami", caller: .anonymous, argument: [0x44, 0x49], kind: .query
        )
        guard case .failure(let trap) = garbage else {
            Issue.record("undecodable arguments were not rejected")
            return
        }
        #expect(trap.code == .canisterError)
        #expect(trap.errorCode == .canisterCalledTrap)
    }

    @Test func hostFailuresStopTheScriptWithTheirPosition() async throws {
        let (host, _) = try await Self.host()
        let backwards = await ReplayRunner.run(script: "sim.set_time(5);", path: "t.repl", host: host)
        #expect(backwards.error?.code == .host)
        #expect(backwards.error?.position == SourcePosition(file: "t.repl", line: 1, column: 1))
        #expect(backwards.error?.message.contains("before the current time") == true)

        let refused = await ReplayRunner.run(script: """
            import backend = "\(Self.canisterText)";
            identity default;
            let u = fail sim.upgrade(backend, record {
              backend = variant { direct }; chunk_size = opt 7; admins = vec {} });
            assert u ~= "reject code 5 (CANISTER_ERROR), IC0503: ";
            assert u ~= "chunk_size (persisted 1800000, argument 7)";
            sim.upgrade(backend, record { backend = variant { direct }; max_chunks = opt 3; admins = vec {} });
            """, path: "u.repl", host: host)
        #expect(refused.passed == 2)
        #expect(refused.error?.code == .reject)
        #expect(refused.error?.position.line == 7)

        let nobody = await ReplayRunner.run(script: """
            call "rdmx6-jaaaa-aaaaa-aaadq-cai".whoami();
            """, path: "n.repl", host: host)
        #expect(nobody.error?.code == .host)
        // The management canister has an interface (ManagementCanisterTests): an unknown method of it is the
        // script's error, not the host's.
        let management = await ReplayRunner.run(script: """
            call "aaaaa-aa".whoami();
            """, path: "m.repl", host: host)
        #expect(management.error?.code == .unknownMethod)
    }

    @Test func aGivenInterfaceIsUsedInsteadOfTheDeclaredOne() async throws {
        let replica = Replica()
        let canister = try await replica.install(
            UploadCanister.self, argument: UploadCanister.InitArg(backend: .compat), controllers: [.anonymous]
        )
        let only = ReplayInterface(methods: [
            ReplayMethod(name: "whoami", kind: .query, arguments: [], results: [.principal])
        ])
        let host = ReplicaReplayHost(replica: replica, interfaces: [canister: only])
        let result = await ReplayRunner.run(script: """
            import backend = "\(Self.canisterText)";
            call backend.whoami();
            call backend.upload_config();
            """, path: "i.repl", host: host)
        #expect(result.calls == 1)
        #expect(result.error?.code == .unknownMethod)
    }

    @Test func sha256RefusesWhatIsNotABlob() async throws {
        let (host, _) = try await Self.host()
        let result = await ReplayRunner.run(script: "sim.sha256(\"text\");", path: "s.repl", host: host)
        #expect(result.error?.code == .builtin)
        #expect(result.error?.message == "sim.sha256: sha256(blob) -> blob expects a blob, got a text value")
        let two = await ReplayRunner.run(script: "sim.sha256(blob \"a\", blob \"b\");", path: "s.repl", host: host)
        #expect(two.error?.message == "sim.sha256: sha256(blob) -> blob takes 1 argument, got 2")
    }
}
