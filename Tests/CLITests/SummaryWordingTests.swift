// Tests/CLITests/SummaryWordingTests.swift - summaries in correct plurals, naming only what happened

import Foundation
import Testing

@Suite struct SummaryWordingTests {
    @Test func oneCallNoUploads() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-wording-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("one.repl")
        let source = "import backend = \"rrkah-fqaaa-aaaaa-aaaaq-cai\";\nlet r = call backend.uploads_abort(7 : nat64);\n"
        try Data(source.utf8).write(to: script)
        let result = try CLIRunner.run(["replay", script.path])
        let output = result.stdout.split(separator: "\n").map(String.init)
        #expect(output.contains { $0.hasPrefix("  compat: 1 call") && !$0.hasPrefix("  compat: 1 calls") }, "\(result.stdout) \(result.stderr)")
        #expect(!result.stdout.contains("0 uploads finished"))
        #expect(!result.stdout.contains("0 chunks stored"))
        #expect(output.contains("  compat and direct: identical replies to the 1 call"), "\(result.stdout)")
    }
}
