// Tests/CLITests/RecordSafetyTests.swift - --record never loses files

import Foundation
import Testing

@Suite struct RecordSafetyTests {
    let source = "identity alice;\nimport backend = \"rrkah-fqaaa-aaaaa-aaaaq-cai\";\n"

    @Test func recordingOverAnInputIsRefused() throws {
        try CLIRunner.withScratchDirectory("record-input") { directory in
            let script = try CLIRunner.write(source, to: "x.repl", in: directory)
            let result = try CLIRunner.run(["replay", script.path, "--record", script.path, "--force"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("error: exists: the recording would overwrite an input script"))
            #expect(try String(contentsOf: script, encoding: .utf8) == source)
        }
    }

    @Test func existingOutputNeedsForce() throws {
        try CLIRunner.withScratchDirectory("record-force") { directory in
            let script = try CLIRunner.write(source, to: "x.repl", in: directory)
            let out = try CLIRunner.write("keep", to: "out.repl", in: directory)
            let refused = try CLIRunner.run(["replay", script.path, "--record", out.path])
            #expect(refused.status == 1)
            #expect(refused.stderr == out.path + ": error: exists: the recording would overwrite it (use --force)\n")
            #expect(try String(contentsOf: out, encoding: .utf8) == "keep")
            let forced = try CLIRunner.run(["replay", script.path, "--record", out.path, "--force"])
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(try String(contentsOf: out, encoding: .utf8) != "keep")
        }
    }

    @Test func sameFileNamesGetDistinctRecordings() throws {
        try CLIRunner.withScratchDirectory("record-names") { directory in
            for folder in ["a", "b"] {
                let sub = directory.appendingPathComponent(folder)
                try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
                try CLIRunner.write(source + "// \(folder)\n", to: "x.repl", in: sub)
            }
            let out = directory.appendingPathComponent("out")
            let result = try CLIRunner.run([
                "replay", directory.appendingPathComponent("a/x.repl").path,
                directory.appendingPathComponent("b/x.repl").path, "--record", out.path,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("x.repl").path))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("b-x.repl").path))
        }
    }

    @Test func existingRecordingInADirectoryNeedsForce() throws {
        try CLIRunner.withScratchDirectory("record-dir") { directory in
            let script = try CLIRunner.write(source, to: "x.repl", in: directory)
            let out = directory.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let existing = try CLIRunner.write("keep", to: "x.repl", in: out)
            let refused = try CLIRunner.run(["replay", script.path, "--record", out.path])
            #expect(refused.status == 1)
            #expect(
                refused.stderr.contains(existing.path + ": error: exists: the recording would overwrite it (use --force)"))
            #expect(try String(contentsOf: existing, encoding: .utf8) == "keep")
            #expect(!refused.stdout.hasSuffix("0 failed\n"))
        }
    }

    @Test func helpDocumentsForce() throws {
        let result = try CLIRunner.run(["replay", "--help"])
        #expect(result.stdout.contains("--force"))
    }
}
