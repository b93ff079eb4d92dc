// Tests/CLITests/CLIRunner.swift - runs the built canister-sim binary and captures its streams

import Foundation
import TestSupport
import Testing

/// The outcome of one run of the binary.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLIRunner {
    /// The `canister-sim` binary beside the test bundle (SwiftPM builds it because the test target depends on it).
    static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // Inside an .xctest bundle on some platforms the executable sits deeper; walk up to the products folder.
        while directory.pathComponents.count > 1,
            !FileManager.default.fileExists(atPath: directory.appendingPathComponent("canister-sim").path)
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("canister-sim")
    }

    /// The package root.
    static var packageRoot: URL { PackageFiles.root }

    /// Runs the binary with `arguments`, feeding `input` on standard input, in the package root.
    static func run(_ arguments: [String], input: Data = Data(), binary: URL? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = binary ?? Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        // Drain stderr on another thread while reading stdout, so neither pipe can fill and block the child.
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return CLIResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }
}

/// Hands the stderr bytes from the reader thread back; the DispatchGroup orders the accesses.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

extension CLIRunner {
    /// A fresh, empty directory for one test, named after `name` and this process, removed first if a
    /// previous run left it behind.
    static func scratchDirectory(_ name: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Runs `body` with a fresh scratch directory and removes the directory afterwards.
    static func withScratchDirectory<T>(_ name: String, _ body: (URL) throws -> T) throws -> T {
        let directory = try scratchDirectory(name)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    /// Writes `text` as UTF-8 to `name` in `directory` and returns the file's URL.
    @discardableResult
    static func write(_ text: String, to name: String, in directory: URL) throws -> URL {
        let file = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }
}

extension CLIResult {
    /// Expects a usage error: exit status 2, nothing on standard output, and `message` on standard error.
    func expectUsageError(containing message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == 2, sourceLocation: sourceLocation)
        #expect(stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(stderr.contains(message), "\(stderr)", sourceLocation: sourceLocation)
    }
}
