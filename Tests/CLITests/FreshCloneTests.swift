// Tests/CLITests/FreshCloneTests.swift - the package builds and tests on a clone with nothing beside it

import Foundation
import Testing

/// A stranger's first steps: clone the committed repository into an empty temporary folder (no
/// `../shared`, no `CANDID_TESTSUITE`, no `CI`), then run the README's main job and a focused
/// `swift test` there. It builds the package from scratch (a few minutes on 2 cores), so it runs under
/// `CI` or with `CANISTER_SIM_FRESH_CLONE=1`, and is skipped otherwise.
@Suite(
    "Fresh clone",
    .enabled(
        if: ProcessInfo.processInfo.environment["CI"] != nil
            || ProcessInfo.processInfo.environment["CANISTER_SIM_FRESH_CLONE"] != nil,
        "builds a fresh clone from scratch: set CI or CANISTER_SIM_FRESH_CLONE=1 to run it"
    )
)
struct FreshCloneTests {
    @Test func aCloneWithNothingBesideItBuildsReplaysAndTests() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("canister-sim-fresh-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let clone = folder.appendingPathComponent("canister-sim")
        let log = folder.appendingPathComponent("log.txt")

        let script = """
            set -e
            git clone --quiet "$SOURCE" "$CLONE"
            cd "$CLONE"
            test ! -e ../shared
            swift run canister-sim replay Fixtures/scripts/quick-start.repl
            swift test --filter 'DomainCandidTests|DidShapeTests|MappingFuturaTests|TestFileTests|ConformanceTests'
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        for name in ["CI", "CANDID_TESTSUITE", "CANISTER_SIM_FRESH_CLONE", "CANISTER_SIM_FULL_FUZZ"] {
            environment[name] = nil
        }
        environment["SOURCE"] = CLIRunner.packageRoot.path
        environment["CLONE"] = clone.path
        process.environment = environment
        try Data().write(to: log)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = try String(contentsOf: log, encoding: .utf8)

        #expect(process.terminationStatus == 0, "fresh clone failed:\n\(output.suffix(4_000))")
        #expect(output.contains("passed, 0 failed"), "the replay's summary line is missing")
        #expect(output.contains(" passed after "), "the focused swift test did not report")
        #expect(!output.contains(" failed after "))
    }
}
