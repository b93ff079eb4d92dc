// Tests/ReplayTests/UploadCanisterRuns.swift - scripts run against a real upload canister on a replica

import ExampleCanisters
import Candid
import CanisterRuntime
import Foundation
import TestSupport
import Hashing
import Replay
import Testing
import UploadCanister

/// One run of a script against a fresh upload canister: what it reported and what it did.
struct UploadRun {
    var backend: UploadCanister.Backend
    var result: ReplayResult
    var trace: ReplayTrace
    var replica: Replica
    var canister: Principal
}

/// Runs scripts against the upload canister the way `canister-sim replay` does: a fresh replica, the
/// canister installed as its first canister by `default`, the `.did` with futura's names, `sim.sha256`.
enum UploadCanisterRuns {
    /// `rrkah-fqaaa-aaaaa-aaaaq-cai`, the id scripts import.
    static let canisterText = "rrkah-fqaaa-aaaaa-aaaaq-cai"
    static let controller = ReplayIdentity.principal(named: "default")
    static let sha256 = ReplayBuiltin.blobFunction("sha256", summary: "sha256(blob) -> blob") { SHA256.hash($0) }
    static let interface: Result<ReplayInterface, any Error> = Result {
        try ReplayInterface(didFile: try UploadCanisterInterface.didFile())
    }

    /// The package's `Fixtures/scripts` directory.
    static let fixtures = PackageFiles.root.appendingPathComponent("Fixtures/scripts")

    /// The fixture scripts' file names, sorted (the `lib` helpers are not scripts).
    static var fixtureNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { $0.hasSuffix(".repl") }.sorted()
    }

    /// Runs `source` on a fresh canister installed with `argument` (futura's limits by default).
    static func run(
        _ source: String,
        path: String,
        backend: UploadCanister.Backend,
        argument: UploadCanister.InitArg? = nil,
        options: ReplayOptions = ReplayOptions(),
        observers: [any ReplayObserver] = []
    ) async throws -> UploadRun {
        let replica = Replica(configuration: quietReplica)
        try ExampleCounter.register(on: replica)
        let canister = try await replica.install(
            UploadCanister.self, argument: argument ?? UploadCanister.InitArg(backend: backend),
            controllers: [controller]
        )
        let host = ReplicaReplayHost(
            replica: replica, interfaces: [canister: try interface.get()], builtins: [sha256]
        )
        let trace = ReplayTrace(forwardingTo: observers)
        let result = await ReplayRunner.run(script: source, path: path, host: host, options: options, observer: trace)
        return UploadRun(backend: backend, result: result, trace: trace, replica: replica, canister: canister)
    }

    /// A replica that keeps no call log (fuzzing makes many calls).
    static var quietReplica: ReplicaConfiguration {
        var configuration = ReplicaConfiguration()
        configuration.recordsCalls = false
        return configuration
    }

    /// Runs a fixture file on `backend`.
    static func runFixture(_ name: String, backend: UploadCanister.Backend, observers: [any ReplayObserver] = [])
        async throws -> UploadRun
    {
        let url = fixtures.appendingPathComponent(name)
        let source = try String(contentsOf: url, encoding: .utf8)
        return try await run(source, path: url.path, backend: backend, observers: observers)
    }
}

/// `file:line: ...` lines for every failure and the error of a run, for `#expect` messages.
func describe(_ result: ReplayResult) -> String {
    var lines = [result.summary]
    lines += result.failures.map(\.description)
    return lines.joined(separator: "\n")
}
