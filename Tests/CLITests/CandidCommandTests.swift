// Tests/CLITests/CandidCommandTests.swift - `canister-sim candid test | encode | decode`

import Foundation
import Testing

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
        #expect(result.stderr.contains("truncated at byte 7"))
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

    @Test func missingOperandIsAUsageError() throws {
        let result = try CLIRunner.run(["candid", "encode"])
        #expect(result.status == 2)
    }
}
