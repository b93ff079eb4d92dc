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
        let result = try CLIRunner.run([])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("missing command"))
    }

    @Test func unknownTopLevelOption() throws {
        let result = try CLIRunner.run(["--frob"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("unknown option --frob"))
    }

    @Test func unknownOptionOfACommand() throws {
        let result = try CLIRunner.run(["replay", "x.repl", "--frob"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("unknown option --frob"))
    }

    @Test func missingOperand() throws {
        let result = try CLIRunner.run(["replay"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("give at least one script"))
    }

    @Test func optionGivenTwice() throws {
        let backend = try CLIRunner.run(["replay", "x.repl", "--backend", "direct", "--backend", "compat"])
        #expect(backend.status == 2)
        #expect(backend.stdout.isEmpty)
        #expect(backend.stderr.contains("--backend given twice"))
        let record = try CLIRunner.run(["replay", "x.repl", "--record", "a", "--record=b"])
        #expect(record.status == 2)
        #expect(record.stderr.contains("--record given twice"))
        let verbose = try CLIRunner.run(["replay", "x.repl", "--verbose", "--verbose"])
        #expect(verbose.status == 2)
        #expect(verbose.stderr.contains("--verbose given twice"))
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
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-plain-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let blocker = directory.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let script = directory.appendingPathComponent("a.repl")
        try Data("identity alice;\n".utf8).write(to: script)
        let out = blocker.appendingPathComponent("sub").path + "/"
        let result = try CLIRunner.run(["replay", script.path, "--record", out])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(out + ": error: io: cannot create the recordings directory: "), "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
        #expect(!result.stdout.contains("passed, 0 failed"))
    }
}
