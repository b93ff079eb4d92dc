// Sources/Replay/ReplayRunner.swift - running a script and what a run reports

import Foundation

/// Settings of a run.
public struct ReplayOptions: Sendable {
    /// The identity the script starts as (ic-repl starts as `anonymous`).
    public var initialIdentity: String
    /// What the run may spend: steps, bytes held by values, calls, value nesting.
    public var budget: ReplayBudget
    /// ``ReplayBudget/steps`` of ``budget``.
    public var maximumSteps: Int {
        get { budget.steps }
        set { budget.steps = newValue }
    }
    /// Deepest nesting of script function calls.
    public var maximumCallDepth: Int
    /// Deepest nesting of `load`.
    public var maximumLoadDepth: Int
    /// Largest `sim.blob` a script may generate, in bytes.
    public var maximumBlobLength: Int
    /// Reads a file for `file(...)` and `load`, given the path resolved against the directory of the
    /// script that names it. The default reads the file system.
    public var readFile: @Sendable (String) throws -> [UInt8]

    /// Options with the defaults above; the limits are generous for real scripts.
    public init(
        initialIdentity: String = ReplayIdentity.anonymousName,
        budget: ReplayBudget = ReplayBudget(),
        maximumCallDepth: Int = 100,
        maximumLoadDepth: Int = 16,
        maximumBlobLength: Int = 1 << 30,
        readFile: @escaping @Sendable (String) throws -> [UInt8] = ReplayOptions.readFromDisk
    ) {
        self.initialIdentity = initialIdentity
        self.budget = budget
        self.maximumCallDepth = maximumCallDepth
        self.maximumLoadDepth = maximumLoadDepth
        self.maximumBlobLength = maximumBlobLength
        self.readFile = readFile
    }

    /// Reads a file's bytes from disk.
    public static let readFromDisk: @Sendable (String) throws -> [UInt8] = { path in
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReplayFileError(path: path)
        }
        return [UInt8](data)
    }

    /// `path` relative to the directory of `file` (absolute paths are kept).
    public static func resolve(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let slash = file.lastIndex(of: "/") else { return path }
        return String(file[...slash]) + path
    }
}

/// A file that could not be read.
public struct ReplayFileError: Error, CustomStringConvertible {
    /// The path that could not be read.
    public var path: String
    public var description: String { "cannot read \(path)" }

    /// The error for `path` (for custom ``ReplayOptions/readFile`` functions).
    public init(path: String) {
        self.path = path
    }
}

/// An assertion that did not hold. The script went on.
public struct ReplayAssertionFailure: Sendable, Hashable, CustomStringConvertible {
    /// Where the `assert` is.
    public var position: SourcePosition
    /// `==`, `~=` or `!=`.
    public var op: ReplayAssertOperator
    /// Both sides as Candid text (typed, large blobs abbreviated).
    public var left: String
    public var right: String
    /// When the `assert` is inside a script function or a `load`ed file: how the script got there,
    /// innermost first.
    public var callers: [ReplayFrame] = []
    /// How many calls the script had made when the assertion failed (so the previous call is the
    /// `callsBefore`-th).
    public var callsBefore: Int = 0

    /// `file:line:column: assertion failed: left == right` (and the callers), then both values on their
    /// own lines.
    public var description: String {
        "\(position): assertion failed: left \(op.rawValue) right\(ReplayFrame.suffix(callers))\n  left:  \(left)\n"
            + "  right: \(right)"
    }
}

/// What a run did.
public struct ReplayResult: Sendable {
    /// Assertions that held.
    public var passed: Int
    /// Assertions that did not hold.
    public var failed: Int
    /// The failed assertions in the order they ran.
    public var failures: [ReplayAssertionFailure]
    /// The error that stopped the script, or `nil` when it ran to the end.
    public var error: ReplayError?
    /// Calls made (including rejected ones).
    public var calls: Int

    /// No error and no failed assertion.
    public var succeeded: Bool { error == nil && failed == 0 }

    /// `12 passed, 1 failed, 30 calls` and the error, if any.
    public var summary: String {
        var text = "\(passed) passed, \(failed) failed, \(calls) calls"
        if let error { text += "; stopped: \(error)" }
        return text
    }
}

/// Runs call scripts.
public enum ReplayRunner {
    /// Parses and runs a script against a host.
    /// - Parameters:
    ///   - source: The script text.
    ///   - path: The script's path: positions name it and `file(...)` / `load` resolve against its directory.
    ///   - host: The replica.
    ///   - options: Limits, the starting identity, file access.
    ///   - observer: Receives every call, identity, time and upgrade event (the recorder).
    /// - Returns: Assertion counts, failures, and the error that stopped the script, if any.
    public static func run(
        script source: String,
        path: String,
        host: some ReplayHost,
        options: ReplayOptions = ReplayOptions(),
        observer: (any ReplayObserver)? = nil
    ) async -> ReplayResult {
        let script: ReplayScript
        do throws(ReplayError) {
            script = try ReplayParser.parse(source, file: path)
        } catch {
            return ReplayResult(passed: 0, failed: 0, failures: [], error: error, calls: 0)
        }
        return await run(script, host: host, options: options, observer: observer)
    }

    /// Runs a script parsed once with ``ReplayParser/parse(_:file:)``, e.g. against several hosts in turn;
    /// see ``run(script:path:host:options:observer:)``. Its ``ReplayScript/file`` is the script's path.
    public static func run(
        _ script: ReplayScript,
        host: some ReplayHost,
        options: ReplayOptions = ReplayOptions(),
        observer: (any ReplayObserver)? = nil
    ) async -> ReplayResult {
        let interpreter = Interpreter(host: host, options: options, observer: observer, file: script.file)
        do throws(ReplayError) {
            try await interpreter.run(script.statements)
        } catch {
            interpreter.stoppingError = error
        }
        return interpreter.result
    }
}
