// Sources/Candid/Text/CandidTextSyntax.swift - keywords, names and string escaping shared by parser and printer

/// Lexical facts of Candid text shared by the parser and the printers (Replay's too, by package access).
package enum CandidTextSyntax {
    /// Words that cannot be used as bare names (they must be quoted: `"query" : ...`).
    static let keywords: Set<String> = [
        "null", "opt", "vec", "record", "variant", "func", "service", "oneway", "query", "composite_query",
        "blob", "type", "import", "principal", "true", "false",
    ]

    /// Primitive type names. They are identifiers, so they may be used as labels (`record { nat : nat }`).
    static let primitiveTypes: [String: CandidType] = [
        "bool": .bool, "nat": .nat, "int": .int,
        "nat8": .nat8, "nat16": .nat16, "nat32": .nat32, "nat64": .nat64,
        "int8": .int8, "int16": .int16, "int32": .int32, "int64": .int64,
        "float32": .float32, "float64": .float64,
        "text": .text, "reserved": .reserved, "empty": .empty,
    ]

    /// Whether `name` can be written without quotes: `[A-Za-z_][A-Za-z0-9_]*` and not a keyword.
    static func isBareName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !keywords.contains(name) else { return false }
        func isLetter(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_")
        }
        return isLetter(first) && name.utf8.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    /// A name as written in Candid text: bare when possible, else a quoted string.
    static func name(_ name: String) -> String {
        isBareName(name) ? name : quoted(name)
    }

    /// A label as written in Candid text: its name when it has one, else its number.
    static func label(_ label: CandidLabel) -> String {
        if let name = label.name { return self.name(name) }
        return String(label.id)
    }

    /// A text value as a quoted Candid string: `"` and `\` escaped, `\n \r \t`, other control
    /// characters (and DEL) as `\u{XX}`; everything else as is.
    package static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Bytes as a quoted Candid string for `blob`: printable ASCII as is (`"` and `\` escaped),
    /// every other byte as `\XX` in lowercase hex.
    static func quotedBytes(_ bytes: [UInt8]) -> String {
        var out = "\""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.append("\\")
                appendHex(byte, to: &out)
            }
        }
        return out + "\""
    }
}
