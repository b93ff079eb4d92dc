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

    // MARK: - Line for line like sha256sum

    /// A fresh directory with files whose names need sha256sum's escaping.
    static func makeFiles() throws -> (directory: URL, names: [String]) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("audit-sha256-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files: [(String, Data)] = [
            ("plain.txt", Data("abc".utf8)), ("back\\slash", Data("x".utf8)), ("new\nline", Data("y".utf8)),
            ("cr\rname", Data("z".utf8)), ("sp ace", Data()),
            ("three-million-a", Data(repeating: 0x61, count: 3_000_000)),
        ]
        for (name, data) in files { try data.write(to: directory.appendingPathComponent(name)) }
        return (directory, files.map(\.0))
    }

    @Test func linesMatchSha256sumIncludingEscapedNames() throws {
        let (directory, names) = try Self.makeFiles()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = names.map { directory.appendingPathComponent($0).path }
        let result = try CLIRunner.run(["sha256"] + paths + ["-"], input: Data("abc".utf8))
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let base = directory.path
        let expected = [
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  \(base)/plain.txt",
            "\\2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  \(base)/back\\\\slash",
            "\\a1fce4363854ff888cff4b8e7875d600c2682390412a8cf79b37d0b11148b0fa  \(base)/new\\nline",
            "\\594e519ae499312b29433b7dd8a97ff068defcba9755b6d5d00e84c524d67b06  \(base)/cr\\rname",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  \(base)/sp ace",
            // 3_000_000 bytes: read in 1 MiB pieces, so the digest spans three reads.
            "2a152c894398719c0570f83fac34ac03a0f6e8e474b995c2403aa5434f7b9dd4  \(base)/three-million-a",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -",
        ]
        #expect(result.stdout == expected.map { $0 + "\n" }.joined())
        // Where coreutils is installed, its output is byte for byte the same.
        let sha256sum = URL(fileURLWithPath: "/usr/bin/sha256sum")
        if FileManager.default.isExecutableFile(atPath: sha256sum.path) {
            let process = Process()
            process.executableURL = sha256sum
            process.arguments = paths
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let withoutStandardInput = expected.dropLast().map { $0 + "\n" }.joined()
            #expect(String(decoding: data, as: UTF8.self) == withoutStandardInput)
        }
    }

    @Test func noFileReadsStandardInput() throws {
        let result = try CLIRunner.run(["sha256"], input: Data(repeating: 0x61, count: 1_000_000))
        #expect(result.status == 0)
        #expect(result.stdout == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0  -\n")
    }

    @Test func unreadableFilesGoToStandardErrorAndTheRestAreHashed() throws {
        let (directory, _) = try Self.makeFiles()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("plain.txt").path
        let missing = directory.appendingPathComponent("missing").path
        let result = try CLIRunner.run(["sha256", directory.path, plain, missing])
        #expect(result.status == 1)
        #expect(result.stdout == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  \(plain)\n")
        #expect(
            result.stderr
                == "\(directory.path): error: is_directory: is a directory\n"
                + "\(missing): error: not_found: no such file\n")
    }

    @Test func helpAndUsageErrors() throws {
        for flag in ["--help", "-h"] {
            let help = try CLIRunner.run(["sha256", flag])
            #expect(help.status == 0)
            #expect(help.stdout.hasPrefix("usage: canister-sim sha256 [FILE...]\n"))
            #expect(help.stderr == "")
        }
        let usage = try CLIRunner.run(["sha256", "--bogus"])
        #expect(usage.status == 2)
        #expect(usage.stdout == "")
        #expect(usage.stderr.hasPrefix("canister-sim sha256: unknown option --bogus\n"))
    }
}
