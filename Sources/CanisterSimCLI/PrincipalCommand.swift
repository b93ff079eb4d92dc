// Sources/CanisterSimCLI/PrincipalCommand.swift - `canister-sim principal`: principal text <-> bytes

import Candid

/// Converts a principal between its text form and its bytes, checking either.
enum PrincipalCommand: Command {
    static let name = "principal"
    static let summary = "convert a principal between text and hex bytes"
    static let help = """
        usage: canister-sim principal TEXT
               canister-sim principal --hex HEX

        Prints both forms of a principal on two lines:
          text: w7x7r-cok77-xa
          hex: caffee

        TEXT must be canonical (the checksum matching, a dash after every 5 characters; upper or
        lower case). HEX is 0 to 29 bytes as an even number of hex digits (empty for the management
        canister, aaaaa-aa). An invalid principal is reported on standard error with exit code 1.
        """

    static func run(_ words: [String], tool: CommandLineTool, output: Output) throws -> Int32 {
        let arguments = try Arguments(words, valued: ["hex"])
        let principal: Principal
        if let hexText = arguments.value("hex") {
            guard arguments.positionals.isEmpty else { throw UsageError("give either TEXT or --hex HEX, not both") }
            guard let bytes = bytesFromHex(hexText) else {
                throw CommandError(code: "invalid_hex", "'\(hexText)' is not hex bytes (an even number of 0-9 a-f digits)")
            }
            principal = try checked { try Principal(bytes: bytes) }
        } else {
            guard arguments.positionals.count == 1 else {
                throw UsageError(arguments.positionals.isEmpty ? "missing TEXT or --hex HEX" : "give one principal")
            }
            principal = try checked { try Principal(text: arguments.positionals[0]) }
        }
        output.out("text: " + principal.text)
        output.out("hex: " + hex(principal.bytes))
        return 0
    }

    /// Runs `body`, reporting a CandidError as a command failure with its message.
    private static func checked(_ body: () throws -> Principal) throws -> Principal {
        do {
            return try body()
        } catch let error as CandidError {
            throw CommandError(error)
        }
    }
}
