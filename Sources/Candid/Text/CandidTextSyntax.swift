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

// MARK: Escapes

/// Why an escape sequence in a string literal could not be decoded. Each lexer puts `message` into
/// its own error, at the backslash (or, for `unterminated`, reports its unclosed literal).
package enum CandidEscapeFault: Error, Equatable {
    /// The source ends right after the backslash.
    case unterminated
    /// The character after the backslash starts no escape.
    case unknown(Unicode.Scalar)
    /// `\u` without `{`, a hex digit, then hex digits or `_` and `}`; says what was expected.
    case malformedUnicode(expected: String)
    /// `\u{...}` above U+10FFFF or a surrogate.
    case notAScalar

    package var message: String {
        switch self {
        case .unterminated: "unterminated escape"
        case .unknown(let scalar): "unknown escape \\\(CandidTextSyntax.describe(scalar, quoted: false))"
        case .malformedUnicode(let expected): "malformed \\u escape: expected \(expected)"
        case .notAScalar: "\\u escape is not a Unicode scalar value (out of range or a surrogate)"
        }
    }
}

extension CandidTextSyntax {
    /// Decodes the escape whose backslash is at `start`: `\n \r \t \\ \" \'`, `\XX` (one byte) and
    /// `\u{X_XXX}` (a scalar's UTF-8; underscores allowed between hex digits).
    ///
    /// The syntax of escapes is ASCII, so a lexer over scalars may pass any byte from 0x80 for a
    /// non-ASCII scalar; `character` gives the scalar at an index, naming the character of an unknown escape.
    /// - Returns: the decoded bytes and the index just past the escape.
    package static func decodeEscape<Source: RandomAccessCollection<UInt8>>(
        in source: Source, at start: Int, character: (Int) -> Unicode.Scalar
    ) throws(CandidEscapeFault) -> (bytes: [UInt8], end: Int) where Source.Index == Int {
        func peek(_ index: Int) -> UInt8? { index < source.endIndex ? source[index] : nil }
        guard let escaped = peek(start + 1) else { throw .unterminated }
        if let high = hexValue(escaped), let low = peek(start + 2).flatMap(hexValue) {
            return ([high << 4 | low], start + 3)
        }
        switch escaped {
        case UInt8(ascii: "n"): return ([0x0A], start + 2)
        case UInt8(ascii: "r"): return ([0x0D], start + 2)
        case UInt8(ascii: "t"): return ([0x09], start + 2)
        case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): return ([escaped], start + 2)
        case UInt8(ascii: "u"): break
        default: throw .unknown(character(start + 1))
        }
        guard peek(start + 2) == UInt8(ascii: "{"), peek(start + 3).flatMap(hexValue) != nil else {
            throw .malformedUnicode(expected: "'{' and hex digits")
        }
        var index = start + 3
        var value: UInt32 = 0
        var tooLarge = false
        while let next = peek(index), hexValue(next) != nil || next == UInt8(ascii: "_") {
            if let digit = hexValue(next) {
                value = value << 4 | UInt32(digit)
                if value > 0x10FFFF { tooLarge = true }
            }
            index += 1
        }
        guard peek(index) == UInt8(ascii: "}") else {
            throw .malformedUnicode(expected: "'}' after the hex digits")
        }
        guard !tooLarge, let scalar = Unicode.Scalar(value) else { throw .notAScalar }
        return (Array(String(Character(scalar)).utf8), index + 1)
    }

    /// A character for a message: `'x'`, or `U+XXXX` for whitespace and control characters
    /// (`quoted: false` leaves a printable one bare).
    package static func describe(_ scalar: Unicode.Scalar, quoted: Bool = true) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        if scalar.properties.isWhitespace || scalar.value < 0x20 {
            return "U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)"
        }
        return quoted ? "'\(Character(scalar))'" : String(Character(scalar))
    }
}
