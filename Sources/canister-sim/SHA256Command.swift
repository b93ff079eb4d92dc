// Sources/canister-sim/SHA256Command.swift - `canister-sim sha256 FILE...`: digests in sha256sum's format

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

    static func run(_ words: [String], output: Output) throws -> Int32 {
        let arguments = try Arguments(words)
        let files = arguments.positionals.isEmpty ? ["-"] : arguments.positionals
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var status: Int32 = 0
        for file in files {
            switch digest(of: file, buffer: &buffer) {
            case .success(let digest):
                output.out(line(digest: digest, file: file))
            case .failure(let failure):
                output.err("\(file): error: \(failure.code): \(failure.reason)")
                status = 1
            }
        }
        return status
    }

    /// Why a file could not be hashed: the system's words for the errno.
    struct ReadFailure: Error {
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
    }

    /// The digest of a file (or of standard input for `-`), read in `buffer`-sized pieces.
    static func digest(of file: String, buffer: inout [UInt8]) -> Result<[UInt8], ReadFailure> {
        let descriptor = file == "-" ? STDIN_FILENO : open(file, O_RDONLY)
        guard descriptor >= 0 else { return .failure(ReadFailure(errno: errno)) }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }

        var hasher = SHA256()
        let failure: ReadFailure? = buffer.withUnsafeMutableBytes { chunk in
            while true {
                let count = read(descriptor, chunk.baseAddress, chunk.count)
                if count > 0 {
                    hasher.update(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
                } else if count == 0 {
                    return nil
                } else if errno != EINTR {
                    return ReadFailure(errno: errno)
                }
            }
        }
        if let failure { return .failure(failure) }
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
