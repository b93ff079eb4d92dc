// Tests/ReplayTests/ManagementScriptTests.swift - scripts that deploy through aaaaa-aa and upgrade as themselves

import ExampleCanisters
import Candid
import CanisterRuntime
@testable import Replay
import Testing

@Suite struct ManagementScriptTests {
    private func replica() throws -> Replica {
        let replica = Replica()
        try ExampleCounter.register(on: replica)
        return replica
    }

    @Test func aScriptDeploysCallsStopsAndDeletesThroughTheManagementCanister() async throws {
        let replica = try replica()
        let host = ReplicaReplayHost(replica: replica)
        let result = await ReplayRunner.run(script: """
            import ic = "aaaaa-aa";
            identity alice;
            let id = call ic.provisional_create_canister_with_cycles(record { settings = null; amount = null });
            call ic.canister_status(id);
            assert _.module_hash == (null : opt blob);
            call ic.install_code(record {
              arg = encode (); wasm_module = blob "counter"; mode = variant { install }; canister_id = id.canister_id });
            let status = call ic.canister_status(id);
            assert status.settings ~= record { controllers = vec { alice } };
            assert status.module_hash? == blob "counter";
            let c = id.canister_id;
            call c.inc();
            assert _ == (1 : nat64);
            let logs = call ic.fetch_canister_logs(id);
            assert logs.canister_log_records[0].content == blob "count 1";
            identity bob;
            let refused = fail call ic.stop_canister(id);
            assert refused ~= "IC0512";
            identity alice;
            let unknown = fail call ic.install_code(record {
              arg = encode (); wasm_module = blob "todo"; mode = variant { reinstall }; canister_id = c });
            assert unknown ~= "the registered ones are counter";
            call ic.stop_canister(id);
            let stopped = fail call c.inc();
            assert stopped ~= "IC0508";
            call ic.delete_canister(id);
            let gone = fail call ic.canister_status(id);
            assert gone ~= "IC0301";
            """, path: "deploy.repl", host: host)
        #expect(result.error == nil, "\(String(describing: result.error))")
        #expect(replica.canisterIds.isEmpty)
    }

    @Test func simUpgradeIsSentByTheCurrentIdentityWhenAsked() async throws {
        let replica = try replica()
        let alice = ReplayIdentity.principal(named: "alice")
        let canister = try await replica.install(ExampleCounter.self, controllers: [alice])
        let host = ReplicaReplayHost(replica: replica, upgradesAsCurrentIdentity: true)
        let result = await ReplayRunner.run(script: """
            import c = "\(canister)";
            identity bob;
            let refused = fail sim.upgrade(c);
            assert refused ~= "IC0512";
            identity alice;
            call c.inc();
            sim.upgrade(c);
            call c.inc();
            assert _ == (2 : nat64);
            """, path: "upgrade.repl", host: host)
        #expect(result.error == nil, "\(String(describing: result.error))")
        #expect(replica.callLog.filter { $0.kind == .upgrade }.map(\.caller) == [
            ReplayIdentity.principal(named: "bob"), alice,
        ])
    }
}
