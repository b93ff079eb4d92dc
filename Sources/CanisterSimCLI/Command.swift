// Sources/CanisterSimCLI/Command.swift - the subcommand protocol and the argument reader

import Candid
import Foundation

/// One subcommand of the tool. Each lives in its own file and is listed in ``CommandLineTool/commands``.
protocol Command: Sendable {
    /// The word that selects the command, e.g. `candid`.
    static var name: String { get }
    /// One line for the top-level help.
    static var summary: String { get }
    /// The full `--help` text, naming the tool `canister-sim` (``CommandLineTool/named(_:)`` renames it).
    static var help: String { get }
    /// What `--help` adds for the tool's canisters (empty for most commands).
    static func details(for tool: CommandLineTool) -> String
    /// Runs the command. Results go to `output.out`, diagnostics to `output.err`.
    /// - Returns: the exit code (0 success, 1 failure).
    /// - Throws: `UsageError` (exit 2) or `CommandError` (exit 1).
    static func run(_ words: [String], tool: CommandLineTool, output: Output) throws -> Int32
}

extension Command {
    static func details(for tool: CommandLineTool) -> String { "" }
}

/// A usage mistake: unknown flag, missing operand. Exit code 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A failure of the command itself (bad input, failed check), printed as
/// `canister-sim COMMAND: error: CODE: reason`. Exit code 1.
struct CommandError: Error, CustomStringConvertible {
    /// What kind of failure, one word (`invalid_hex`, or a Candid error's code).
    var code: String
    var reason: String

    init(code: String, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// A Candid error: its code, and its position and message as the reason.
    init(_ error: CandidError) {
        code = error.code.description
        var rest = Substring(error.description.dropFirst(code.count))
        if rest.hasPrefix(":") { rest = rest.dropFirst() }
        reason = rest.trimmingCharacters(in: .whitespaces)
    }

    var description: String { "error: \(code): \(reason)" }
}

/// Where a command writes. Tests of the binary read both streams.
final class Output: Sendable {
    func out(_ line: String) { write(line + "\n", to: FileHandle.standardOutput) }
    func err(_ line: String) { write(line + "\n", to: FileHandle.standardError) }
    private func write(_ text: String, to handle: FileHandle) { handle.write(Data(text.utf8)) }
}

/// The arguments of one subcommand: flags with values, boolean flags, and positionals.
///
/// A flag listed in `valued` takes the next word as its value (`--types '(nat)'`) or `--flag=value`;
/// a flag listed in `boolean` takes none. A flag given twice is a usage error. Anything else starting with `--` is a usage error, and
/// `--` ends the flags. `-` alone is a positional (standard input).
struct Arguments {
    private(set) var positionals: [String] = []
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []

    init(_ words: [String], valued: Set<String> = [], boolean: Set<String> = []) throws {
        var index = 0
        var flagsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            if flagsEnded || !word.hasPrefix("--") || word == "-" {
                positionals.append(word)
                continue
            }
            if word == "--" {
                flagsEnded = true
                continue
            }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if valued.contains(name) {
                guard values[name] == nil else { throw UsageError("--\(name) given twice") }
                if let inlineValue {
                    values[name, default: []].append(inlineValue)
                } else {
                    guard index < words.count else { throw UsageError("--\(name) needs a value") }
                    values[name, default: []].append(words[index])
                    index += 1
                }
            } else if boolean.contains(name) || name == "help" {
                guard inlineValue == nil else { throw UsageError("--\(name) takes no value") }
                guard !flags.contains(name) || name == "help" else { throw UsageError("--\(name) given twice") }
                flags.insert(name)
            } else {
                throw UsageError("unknown option --\(name)")
            }
        }
    }

    /// The last value given for a valued flag.
    func value(_ name: String) -> String? { values[name]?.last }
    func has(_ name: String) -> Bool { flags.contains(name) }
}

/// Bytes from hexadecimal digits (either case, an optional `0x` or `0X` prefix), or nil when the text is not
/// pairs of ASCII hex digits.
/// - Parameter ignoringWhitespace: Drop spaces and newlines first (a pasted hex dump).
func bytesFromHex(_ text: String, ignoringWhitespace: Bool = false) -> [UInt8]? {
    var digits = Substring(ignoringWhitespace ? text.filter { !$0.isWhitespace } : text)
    if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
    return try? [UInt8](hex: digits)
}

/// Why a file could not be read, as `PATH: error: CODE: reason` puts it.
struct ReadFailure: Error, Equatable {
    var code: String
    var reason: String

    /// The failure for `errno` value `number`, in plain words.
    init(errno number: Int32) {
        switch number {
        case ENOENT: (code, reason) = ("not_found", "no such file")
        case EACCES: (code, reason) = ("permission_denied", "permission denied")
        case EISDIR: (code, reason) = ("is_directory", "is a directory")
        default: (code, reason) = ("io", String(cString: strerror(number)).lowercased())
        }
    }

    init(code: String, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `PATH: error: CODE: reason`.
    func line(_ path: String) -> String { "\(path): error: \(code): \(reason)" }
}

/// Reads a file (standard input for `-`) in `buffer`-sized pieces, handing each piece to `body`.
/// - Returns: nil when the whole file was read, else why not.
func readFile(
    _ path: String, buffer: inout [UInt8], _ body: (UnsafeRawBufferPointer) -> ReadFailure?
) -> ReadFailure? {
    let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
    guard descriptor >= 0 else { return ReadFailure(errno: errno) }
    defer { if descriptor != STDIN_FILENO { close(descriptor) } }
    return buffer.withUnsafeMutableBytes { chunk in
        while true {
            let count = read(descriptor, chunk.baseAddress, chunk.count)
            if count > 0 {
                if let failure = body(UnsafeRawBufferPointer(rebasing: chunk[0..<count])) { return failure }
            } else if count == 0 {
                return nil
            } else if errno != EINTR {
                return ReadFailure(errno: errno)
            }
        }
    }
}

/// The largest file `readText` reads: a script or a `.test.did` larger than this is refused.
let maximumTextFileBytes = 256 << 20

/// A whole file as UTF-8 text, refused past ``maximumTextFileBytes``.
func readText(_ path: String) -> Result<String, ReadFailure> {
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var bytes: [UInt8] = []
    let failure = readFile(path, buffer: &buffer) { piece in
        guard bytes.count + piece.count <= maximumTextFileBytes else {
            return ReadFailure(code: "too_large", reason: "the file is over \(maximumTextFileBytes >> 20) MiB")
        }
        bytes.append(contentsOf: piece)
        return nil
    }
    if let failure { return .failure(failure) }
    guard let text = String(validating: bytes, as: UTF8.self) else {
        return .failure(ReadFailure(code: "not_utf8", reason: "the file is not UTF-8 text"))
    }
    return .success(text)
}
