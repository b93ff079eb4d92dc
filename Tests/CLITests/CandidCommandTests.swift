// Tests/CLITests/CandidCommandTests.swift - `canister-sim candid test | encode | decode`

import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct CandidCommandTests {
    @Test func encodePrintsTheMessageHex() throws {
        let result = try CLIRunner.run(["candid", "encode", "(42 : nat, record { a = \"x\" })"])
        #expect(result.status == 0)
        #expect(result.stdout == "4449444c016c016171027d002a0178\n")
    }

    @Test func encodeAtGivenTypesMatchesTheAnnotatedForm() throws {
        let result = try CLIRunner.run(
            ["candid", "encode", "(42, record { a = \"x\" })", "--types", "(nat, record { a : text })"]
        )
        #expect(result.status == 0)
        #expect(result.stdout == "4449444c016c016171027d002a0178\n")
    }

    @Test func decodeAtTypesNamesTheFields() throws {
        let hex = "4449444c016c016171027d002a0178"
        let untyped = try CLIRunner.run(["candid", "decode", hex])
        #expect(untyped.stdout == "(42 : nat, record { 97 = \"x\" })\n")
        let typed = try CLIRunner.run(["candid", "decode", hex, "--types", "(nat, record { a : text })"])
        #expect(typed.status == 0)
        #expect(typed.stdout == "(42 : nat, record { a = \"x\" })\n")
    }

    @Test func truncatedMessageIsAnErrorWithItsOffset() throws {
        let result = try CLIRunner.run(["candid", "decode", "4449444c00017d"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("canister-sim candid: error: truncated: at byte 7: "), "\(result.stderr)")
    }

    @Test func conformanceFileEndsWithTheCountLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("candid-cli-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("tiny.test.did")
        try Data(
            """
            assert blob "DIDL\\00\\01\\7d\\2a" == "(42)" : (nat) "nat 42";
            assert blob "DIDL\\00\\01\\7d" !: (nat) "truncated nat";
            assert blob "DIDL\\00\\01\\7d\\2a" == "(43)" : (nat) "deliberately wrong";
            """.utf8
        ).write(to: file)
        let result = try CLIRunner.run(["candid", "test", file.path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.last == "2 passed, 1 failed")
        #expect(result.stdout.contains("tiny.test.did:3"))
        #expect(result.stdout.contains("deliberately wrong"))
    }

    // MARK: - Help, exit codes, streams and memory of `candid` and `principal`

    @Test(arguments: [
        (["candid", "--help"], "usage: canister-sim candid test FILE..."),
        (["candid", "test", "--help"], "usage: canister-sim candid test FILE..."),
        (["candid", "encode", "--help"], "usage: canister-sim candid test FILE..."),
        (["candid", "decode", "-h"], "usage: canister-sim candid test FILE..."),
        (["principal", "--help"], "usage: canister-sim principal TEXT"),
        (["principal", "--hex", "04", "--help"], "usage: canister-sim principal TEXT"),
    ])
    func everySubcommandHasHelp(arguments: [String], firstLine: String) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix(firstLine + "\n"))
        #expect(result.stderr == "")
        if arguments[0] == "candid" {
            for word in ["test FILE...", "encode TEXT", "decode HEX", "--types TYPES"] {
                #expect(result.stdout.contains(word), "\(word)")
            }
        }
    }

    @Test(arguments: [
        ["candid"], ["candid", "bogus"], ["candid", "test"], ["candid", "encode"], ["candid", "decode"],
        ["candid", "decode", "4449444c0000", "extra"], ["candid", "encode", "(1)", "--bogus"],
        ["candid", "encode", "(1)", "--types"], ["principal"], ["principal", "--hex"], ["principal", "a", "b"],
    ])
    func usageErrorsExitTwoOnStandardError(arguments: [String]) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("canister-sim \(arguments[0]): "))
        #expect(result.stderr.hasSuffix("Run 'canister-sim \(arguments[0]) --help' for usage.\n"))
    }

    @Test(arguments: [
        (["candid", "decode", "zz"], "canister-sim candid: error: invalid_hex: HEX must be pairs of hexadecimal digits"),
        (["candid", "decode", "4449444c00017d"], "canister-sim candid: error: truncated: at byte 7: argument 1 of 1:"),
        (
            ["candid", "decode", "4449444c00017d2a", "--types", "(text)"],
            "canister-sim candid: error: typeMismatch: at byte 7: argument 1 of 1: a nat value can't decode at type text"
        ),
        (
            ["candid", "decode", "4449444c016c01c1c1cee2047d01000101", "--types", "(record { size : text })"],
            "canister-sim candid: error: typeMismatch: at byte 15 in size: argument 1 of 1:"
        ),
        (
            ["candid", "decode", "4449444c00017d2a", "--types", "(nat"],
            "canister-sim candid: error: syntax: line 1, column 5:"
        ),
        (["candid", "encode", "(1"], "canister-sim candid: error: invalidText: line 1, column 3:"),
        (["candid", "encode", "(-1)", "--types", "(nat)"], "canister-sim candid: error: invalidText: line 1, column 2:"),
        (["candid", "test", "/nonexistent/x.test.did"], "/nonexistent/x.test.did: error: not_found: no such file"),
        (["candid", "test", "/"], "/: error: is_directory: is a directory"),
        (["principal", "a7x7r-cok77-xa"], "canister-sim principal: error: invalidPrincipal: "),
        (["principal", "w7x7rcok77xa"], "canister-sim principal: error: invalidPrincipal: "),
        (["principal", "--hex", "0g"], "canister-sim principal: error: invalid_hex: '0g' is not hex bytes"),
    ])
    func inputErrorsExitOneOnStandardError(arguments: [String], stderrPrefix: String) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty || arguments[1] == "test")
        #expect(result.stderr.hasPrefix(stderrPrefix), "\(result.stderr)")
    }

    @Test func decodePrintsTextThatEncodesBack() throws {
        let types = "(nat, record { a : text; b : opt vec int8 }, variant { ok : blob; err : text }, principal)"
        let text =
            "(42, record { a = \"☃\"; b = opt vec { -1; 2 } }, variant { ok = blob \"\\00\\ff\" }, "
            + "principal \"w7x7r-cok77-xa\")"
        let encoded = try CLIRunner.run(["candid", "encode", text, "--types", types])
        #expect(encoded.status == 0)
        let hex = encoded.stdout.trimmingCharacters(in: .newlines)
        let decoded = try CLIRunner.run(["candid", "decode", hex, "--types", types])
        #expect(decoded.status == 0)
        #expect(
            decoded.stdout
                == "(42 : nat, record { a = \"☃\"; b = opt vec { -1 : int8; 2 : int8 } }, "
                + "variant { ok = blob \"\\00\\ff\" }, principal \"w7x7r-cok77-xa\")\n")
        let again = try CLIRunner.run([
            "candid", "encode", decoded.stdout.trimmingCharacters(in: .newlines), "--types", types,
        ])
        #expect(again.stdout == encoded.stdout)
    }

    @Test func testRunsEveryFileAndEndsWithTheTotals() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("audit-candid-test-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.test.did")
        try Data(
            """
            type List = opt record { head : int; tail : List };
            assert blob "DIDL\\00\\01\\7d\\2a" == "(42)" : (nat) "nat 42";
            assert blob "DIDL\\00\\01\\7d" !: (nat);
            assert "(null)" : (List) "a list";
            """.utf8
        ).write(to: good)
        let bad = directory.appendingPathComponent("bad.test.did")
        try Data("assert blob \"DIDL\\00\\01\\7d\" : (nat) \"truncated\";\nassert oops".utf8).write(to: bad)
        let failing = directory.appendingPathComponent("failing.test.did")
        try Data("\n\nassert blob \"DIDL\\00\\01\\7e\\02\" : (bool);\n".utf8).write(to: failing)
        let result = try CLIRunner.run(["candid", "test", good.path, bad.path, failing.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(bad.path): error: syntax: line 2, column "), "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(
            Array(lines) == [
                "\(good.path): 3 passed, 0 failed",
                "\(failing.path):3: (no description): expected it to decode, but: invalidValue at byte 7: "
                    + "argument 1 of 1: a bool starts with 00 or 01, not 0x02",
                "\(failing.path): 0 passed, 1 failed",
                "3 passed, 1 failed, 1 error",
            ])
        // The good file alone: exit 0, totals last.
        let only = try CLIRunner.run(["candid", "test", good.path])
        #expect(only.status == 0)
        #expect(only.stdout.hasSuffix("\n3 passed, 0 failed\n"))
    }

    @Test(.enabled(if: ConformanceSuite.shouldRun, ConformanceSuite.skipNote))
    func theWholeConformanceSuitePassesThroughTheCLI() throws {
        let suite = try ConformanceSuite.require(ConformanceSuite.directory)
        let names = ["construct", "overshoot", "prim", "reference", "spacebomb", "subtypes"]
        let paths = names.map { suite.appendingPathComponent("\($0).test.did").path }
        let result = try CLIRunner.run(["candid", "test"] + paths)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let counts = ["construct": 164, "overshoot": 10, "prim": 168, "reference": 50, "spacebomb": 17, "subtypes": 58]
        var expected = names.map { "\(suite.path)/\($0).test.did: \(counts[$0] ?? 0) passed, 0 failed" }
        expected.append("467 passed, 0 failed")
        #expect(result.stdout == expected.map { $0 + "\n" }.joined())
    }

    #if os(Linux)
        /// Runs the binary with output discarded; returns its exit code and peak resident memory in KiB.
        static func peakMemory(_ arguments: [String]) throws -> (status: Int32, kibibytes: Int) {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let path = CLIRunner.binary.path
            let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
            let envp: [UnsafeMutablePointer<CChar>?] =
                ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer {
                argv.forEach { free($0) }
                envp.forEach { free($0) }
            }
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
            try #require(spawned == 0, "posix_spawn failed: \(spawned)")
            var status: Int32 = 0
            var usage = rusage()
            let waited = wait4(pid, &status, 0, &usage)
            try #require(waited == pid)
            return ((status >> 8) & 0xff, usage.ru_maxrss)
        }

        @Test func smallHostileMessagesDoNotBlowUpMemory() throws {
            let baseline = try Self.peakMemory(["candid", "decode", "4449444c00017f"])
            #expect(baseline.status == 0)
            // vec null with 12 million elements: 12 bytes, 48 million units (inside the default quota).
            let nulls = try Self.peakMemory(["candid", "decode", "4449444c016d7f010080b6dc05"])
            // 2^40 empty records from a 41-entry type table.
            var tree = "4449444c29"
            for index in 0..<40 {
                tree += "6c0200" + String(format: "%02x", index + 1) + "01" + String(format: "%02x", index + 1)
            }
            tree += "6c000100"
            let records = try Self.peakMemory(["candid", "decode", tree])
            for (name, run) in [("vec null", nulls), ("record tree", records)] {
                #expect(run.status == 1, "\(name)")
                // Decoding them must not cost more than a few MiB over decoding `(null)`.
                #expect(
                    run.kibibytes - baseline.kibibytes < 8 * 1024,
                    "\(name): \(run.kibibytes) KiB vs \(baseline.kibibytes) KiB")
            }
        }
    #endif
}
