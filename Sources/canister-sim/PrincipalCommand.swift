// Sources/canister-sim/PrincipalCommand.swift - `canister-sim principal`: principal text <-> bytes

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

    static func run(_ words: [String], output: Output) throws -> Int32 {
        let arguments = try Arguments(words, valued: ["hex"])
        let principal: Principal
        if let hex = arguments.value("hex") {
            guard arguments.positionals.isEmpty else { throw UsageError("give either TEXT or --hex HEX, not both") }
            guard let bytes = decodeHex(hex) else {
                throw CommandError("'\(hex)' is not hex bytes (an even number of 0-9 a-f digits)")
            }
            principal = try checked { try Principal(bytes: bytes) }
        } else {
            guard arguments.positionals.count == 1 else {
                throw UsageError(arguments.positionals.isEmpty ? "missing TEXT or --hex HEX" : "give one principal")
            }
            principal = try checked { try Principal(text: arguments.positionals[0]) }
        }
        output.out("text: " + principal.text)
        output.out("hex: " + principal.bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined())
        return 0
    }

    /// Runs `body`, reporting a CandidError as a command failure with its message.
    private static func checked(_ body: () throws -> Principal) throws -> Principal {
        do {
            return try body()
        } catch let error as CandidError {
            throw CommandError(error.message)
        }
    }

    /// Bytes from hex digits (either case, optional `0x`), or nil.
    static func decodeHex(_ text: String) -> [UInt8]? {
        var digits = Substring(text)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        let scalars = Array(digits.unicodeScalars)
        guard scalars.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < scalars.count {
            guard let high = hexValue(scalars[index]), let low = hexValue(scalars[index + 1])
            else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x30...0x39: return UInt8(scalar.value - 0x30)
        case 0x61...0x66: return UInt8(scalar.value - 0x61 + 10)
        case 0x41...0x46: return UInt8(scalar.value - 0x41 + 10)
        default: return nil
        }
    }
}
