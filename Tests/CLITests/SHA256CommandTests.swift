// Tests/CLITests/SHA256CommandTests.swift - `canister-sim sha256` behaves like sha256sum

import Foundation
import Testing

@Suite struct SHA256CommandTests {
    @Test func standardInputPrintsDigestAndDash() throws {
        let result = try CLIRunner.run(["sha256", "-"], input: Data("abc".utf8))
        #expect(result.status == 0)
        #expect(result.stdout == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n")
    }

    @Test func filesAndAMissingOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sha256-cli-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let missing = directory.appendingPathComponent("nosuch").path
        let result = try CLIRunner.run(["sha256", empty.path, missing])
        #expect(result.status == 1)
        #expect(result.stdout == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  \(empty.path)\n")
        #expect(result.stderr.contains("\(missing): error: not_found: no such file"))
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try CLIRunner.run(["sha256", "--bogus"])
        #expect(result.status == 2)
    }
}
