// Tests/CLITests/DispatchTests.swift - the top-level command dispatch of canister-sim

import Testing

@Suite struct DispatchTests {
    @Test func helpListsCommandsAndExitsZero() throws {
        let result = try CLIRunner.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("usage: canister-sim <command> [options]"))
    }

    @Test func noCommandIsAUsageError() throws {
        let result = try CLIRunner.run([])
        #expect(result.status == 2)
    }

    @Test func unknownCommandIsAUsageErrorOnStderr() throws {
        let result = try CLIRunner.run(["frobnicate"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown command 'frobnicate'"))
        #expect(result.stdout.isEmpty)
    }
}

@Suite struct OperandAfterDoubleDashTests {
    @Test func helpAfterDoubleDashIsAFileName() throws {
        let result = try CLIRunner.run(["sha256", "--", "--help"])
        // No file named `--help` in the package root: an error about that file, not the help text.
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--help: error: not_found: no such file"))
    }
}
