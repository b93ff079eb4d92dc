// Tests/CLITests/VersionAndUsageTests.swift - --version, and usage errors on stderr with exit 2

import Foundation
import Testing

@Suite struct VersionTests {
    @Test func simPrintsItsVersion() throws {
        let result = try CLIRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "canister-sim 0.2.0\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func benchPrintsItsVersion() throws {
        let bench = CLIRunner.binary.deletingLastPathComponent().appendingPathComponent("canister-bench")
        try #require(FileManager.default.fileExists(atPath: bench.path))
        let result = try CLIRunner.run(["--version"], binary: bench)
        #expect(result.status == 0)
        #expect(result.stdout == "canister-bench 0.2.0\n")
    }

    @Test func helpDocumentsVersion() throws {
        let result = try CLIRunner.run(["--help"])
        #expect(result.stdout.contains("--version"))
    }
}

@Suite struct UsageErrorTests {
    @Test func noArgumentsGoesToStderr() throws {
        try CLIRunner.run([]).expectUsageError(containing: "missing command")
    }

    @Test func unknownTopLevelOption() throws {
        try CLIRunner.run(["--frob"]).expectUsageError(containing: "unknown option --frob")
    }

    @Test func unknownOptionOfACommand() throws {
        try CLIRunner.run(["replay", "x.repl", "--frob"]).expectUsageError(containing: "unknown option --frob")
    }

    @Test func missingOperand() throws {
        try CLIRunner.run(["replay"]).expectUsageError(containing: "give at least one script")
    }

    @Test func optionGivenTwice() throws {
        try CLIRunner.run(["replay", "x.repl", "--backend", "direct", "--backend", "compat"])
            .expectUsageError(containing: "--backend given twice")
        try CLIRunner.run(["replay", "x.repl", "--record", "a", "--record=b"])
            .expectUsageError(containing: "--record given twice")
        try CLIRunner.run(["replay", "x.repl", "--verbose", "--verbose"])
            .expectUsageError(containing: "--verbose given twice")
    }
}

@Suite struct PlainErrorTests {
    @Test func missingScriptIsNotFoundOnStderr() throws {
        let result = try CLIRunner.run(["replay", "missing.repl"])
        #expect(result.status == 1)
        #expect(result.stderr == "missing.repl: error: not_found: no such file\n")
        #expect(!result.stdout.contains(": error:"))
    }

    @Test func recordIntoAnUncreatableDirectoryIsAPlainError() throws {
        try CLIRunner.withScratchDirectory("plain") { directory in
            let blocker = try CLIRunner.write("x", to: "file", in: directory)
            let script = try CLIRunner.write("identity alice;\n", to: "a.repl", in: directory)
            let out = blocker.appendingPathComponent("sub").path + "/"
            let result = try CLIRunner.run(["replay", script.path, "--record", out])
            #expect(result.status == 1)
            #expect(
                result.stderr.hasPrefix(out + ": error: io: cannot create the recordings directory: "),
                "\(result.stderr)")
            #expect(!result.stderr.contains("NSCocoaErrorDomain"))
            #expect(!result.stdout.contains("passed, 0 failed"))
        }
    }
}
