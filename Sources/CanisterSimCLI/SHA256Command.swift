// Sources/CanisterSimCLI/SHA256Command.swift - `canister-sim sha256 FILE...`: digests in sha256sum's format

import Candid
import Foundation
import Hashing

/// Prints `HEX  FILE` for each file, exactly as `sha256sum` does, streaming each file in 1 MiB reads.
enum SHA256Command: Command {
    static let name = "sha256"
    static let summary = "SHA-256 digests of files, in sha256sum's format"
    static let help = """
        usage: canister-sim sha256 [FILE...]

        Prints one line per FILE: the SHA-256 digest in lowercase hex, two spaces, and the name,
        exactly as sha256sum does (a name with a backslash, newline or carriage return is escaped
        and its line starts with a backslash). '-' or no FILE reads standard input.

        A file that cannot be read is reported on standard error as 'FILE: error: CODE: reason'
        (e.g. 'x: error: not_found: no such file'); the others are still
        hashed, and the exit code is 1. Otherwise it is 0.
        """

    /// How much is read at a time.
    static let chunkSize = 1 << 20

    static func run(_ words: [String], tool: CommandLineTool, output: Output) throws -> Int32 {
        let arguments = try Arguments(words)
        let files = arguments.positionals.isEmpty ? ["-"] : arguments.positionals
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var status: Int32 = 0
        for file in files {
            switch digest(of: file, buffer: &buffer) {
            case .success(let digest):
                output.out(line(digest: digest, file: file))
            case .failure(let failure):
                output.err(failure.line(file))
                status = 1
            }
        }
        return status
    }

    /// The digest of a file (or of standard input for `-`), read in `buffer`-sized pieces.
    static func digest(of file: String, buffer: inout [UInt8]) -> Result<[UInt8], ReadFailure> {
        var hasher = SHA256()
        if let failure = readFile(file, buffer: &buffer, {
            hasher.update($0)
            return nil
        }) {
            return .failure(failure)
        }
        return .success(hasher.finalize())
    }

    /// `HEX  FILE`, or sha256sum's escaped form `\HEX  FILE` when the name holds `\`, LF or CR.
    static func line(digest: [UInt8], file: String) -> String {
        guard file.contains(where: { $0 == "\\" || $0 == "\n" || $0 == "\r" }) else {
            return hex(digest) + "  " + file
        }
        var escaped = ""
        for character in file.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return "\\" + hex(digest) + "  " + escaped
    }
}
