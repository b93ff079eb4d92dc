// Sources/Candid/Text/CandidLexer.swift - tokens of Candid text, .did and .test.did files

/// One token of Candid text and where it starts.
struct CandidToken: Equatable {
    enum Kind: Equatable {
        case leftParen, rightParen, leftBrace, rightBrace, semicolon, comma, dot, colon, equals, arrow
        /// `==`, `!=`, `!:` (test files).
        case equalEqual, notEqual, notColon
        /// A `+` or `-` before a number.
        case sign(negative: Bool)
        /// `[A-Za-z_][A-Za-z0-9_]*`, keywords included.
        case identifier(String)
        /// A quoted string after escape processing. Bytes, because `\XX` may break UTF-8 (blobs).
        case string([UInt8])
        /// Decimal digits with the underscores removed.
        case decimal(String)
        /// Hex digits after `0x`, underscores removed.
        case hex(String)
        /// A float literal, normalized so that `Double(_:)` reads it (`3.` is `3.0`, `.5` is `0.5`).
        case float(String)
        case end
    }

    var kind: Kind
    /// Byte offset of the first byte in the UTF-8 source.
    var offset: Int
}

/// Splits Candid source into tokens, skipping whitespace, `//` comments and nested `/* */` comments.
///
/// The lexer works on UTF-8 bytes. String literals may hold any bytes (`\ff`); whether they must be
/// valid UTF-8 is decided by the parser (yes for text and names, no for `blob`).
struct CandidLexer {
    let source: [UInt8]
    let errorCode: CandidError.Code
    private var index = 0

    init(_ text: String, errorCode: CandidError.Code) {
        self.init(source: Array(text.utf8), errorCode: errorCode)
    }

    init(source: [UInt8], errorCode: CandidError.Code) {
        self.source = source
        self.errorCode = errorCode
    }

    /// All tokens, ending with `.end`.
    static func tokenize(_ text: String, errorCode: CandidError.Code) throws(CandidError)
        -> (tokens: [CandidToken], source: [UInt8])
    {
        var lexer = CandidLexer(text, errorCode: errorCode)
        var tokens: [CandidToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return (tokens, lexer.source) }
        }
    }

    /// The tokens of a Candid type embedded at byte `offset` of another language's text (Replay's
    /// `(e : T)`): lexing stops after a `)`, `}`, `,` or `;` that closes nothing, or at a character
    /// Candid does not lex, so what follows the type may be any syntax. Ends with `.end`.
    static func tokenizeEmbedded(_ source: [UInt8], from offset: Int) -> [CandidToken] {
        var lexer = CandidLexer(source: source, errorCode: .syntax)
        lexer.index = offset
        var tokens: [CandidToken] = []
        var depth = 0
        var before = offset
        while true {
            try? lexer.skipTrivia()
            before = lexer.index
            guard let token = try? lexer.next() else { break }
            tokens.append(token)
            switch token.kind {
            case .end: return tokens
            case .leftParen, .leftBrace: depth += 1
            case .rightParen, .rightBrace: depth -= 1
            default: break
            }
            if depth < 0 || (depth == 0 && (token.kind == .comma || token.kind == .semicolon)) {
                return tokens + [CandidToken(kind: .end, offset: token.offset)]
            }
        }
        return tokens + [CandidToken(kind: .end, offset: before)]
    }

    /// Line and column (both from 1; the column counts characters, not bytes) of a byte offset.
    static func position(of offset: Int, in source: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in source[..<min(offset, source.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// `line L, column C: message`, as a CandidError of the given code.
    static func error(_ code: CandidError.Code, at offset: Int, in source: [UInt8], _ message: String) -> CandidError {
        let (line, column) = position(of: offset, in: source)
        var error = CandidError(code, "line \(line), column \(column): \(message)")
        error.textFault = (line, column, message)
        return error
    }

    private func error(at offset: Int, _ message: String) -> CandidError {
        CandidLexer.error(errorCode, at: offset, in: source, message)
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        index + ahead < source.count ? source[index + ahead] : nil
    }

    private mutating func next() throws(CandidError) -> CandidToken {
        try skipTrivia()
        let start = index
        guard let byte = peek() else { return CandidToken(kind: .end, offset: start) }
        func single(_ kind: CandidToken.Kind) -> CandidToken {
            index += 1
            return CandidToken(kind: kind, offset: start)
        }
        switch byte {
        case UInt8(ascii: "("): return single(.leftParen)
        case UInt8(ascii: ")"): return single(.rightParen)
        case UInt8(ascii: "{"): return single(.leftBrace)
        case UInt8(ascii: "}"): return single(.rightBrace)
        case UInt8(ascii: ";"): return single(.semicolon)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: ":"): return single(.colon)
        case UInt8(ascii: "+"): return single(.sign(negative: false))
        case UInt8(ascii: "="):
            if peek(1) == UInt8(ascii: "=") {
                index += 2
                return CandidToken(kind: .equalEqual, offset: start)
            }
            return single(.equals)
        case UInt8(ascii: "-"):
            if peek(1) == UInt8(ascii: ">") {
                index += 2
                return CandidToken(kind: .arrow, offset: start)
            }
            return single(.sign(negative: true))
        case UInt8(ascii: "!"):
            if peek(1) == UInt8(ascii: "=") {
                index += 2
                return CandidToken(kind: .notEqual, offset: start)
            }
            if peek(1) == UInt8(ascii: ":") {
                index += 2
                return CandidToken(kind: .notColon, offset: start)
            }
            throw error(at: start, "unexpected character '!' (expected '!=' or '!:')")
        case UInt8(ascii: "."):
            if let next = peek(1), isDigit(next) { return lexNumber() }
            return single(.dot)
        case UInt8(ascii: "\""):
            return CandidToken(kind: .string(try lexString()), offset: start)
        case _ where isDigit(byte):
            return lexNumber()
        case _ where isIdentifierStart(byte):
            while let next = peek(), isIdentifierStart(next) || isDigit(next) { index += 1 }
            let name = String(decoding: source[start..<index], as: UTF8.self)
            return CandidToken(kind: .identifier(name), offset: start)
        default:
            throw error(at: start, "unexpected character \(CandidTextSyntax.describe(scalar(at: start)))")
        }
    }

    /// The scalar whose UTF-8 starts at `offset`.
    private func scalar(at offset: Int) -> Unicode.Scalar {
        var end = offset + 1
        while end < source.count, source[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: source[offset..<end], as: UTF8.self).unicodeScalars.first ?? "?"
    }

    mutating func skipTrivia() throws(CandidError) {
        while let byte = peek() {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                while let next = peek(), next != 0x0A { index += 1 }
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                let start = index
                index += 2
                var depth = 1
                while depth > 0 {
                    guard let next = peek() else { throw error(at: start, "unclosed comment '/*'") }
                    if next == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                        depth -= 1
                        index += 2
                    } else if next == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                        depth += 1
                        index += 2
                    } else {
                        index += 1
                    }
                }
            default:
                return
            }
        }
    }

    // MARK: Numbers

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private func isHexDigit(_ byte: UInt8) -> Bool { hexValue(byte) != nil }
    private func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_")
    }

    /// `[0-9][_0-9]*`, `0x[0-9a-fA-F][_0-9a-fA-F]*`, or a float: `[0-9]*.[0-9]*` with an optional
    /// exponent, or `[0-9]+[eE][+-]?[0-9]+`. Floats have no underscores.
    private mutating func lexNumber() -> CandidToken {
        let start = index
        if peek() == UInt8(ascii: "0"), let x = peek(1), x == UInt8(ascii: "x") || x == UInt8(ascii: "X"),
            let digit = peek(2), isHexDigit(digit)
        {
            index += 2
            while let next = peek(), isHexDigit(next) || next == UInt8(ascii: "_") { index += 1 }
            let digits = source[(start + 2)..<index].filter { $0 != UInt8(ascii: "_") }
            return CandidToken(kind: .hex(String(decoding: digits, as: UTF8.self)), offset: start)
        }
        var sawUnderscore = false
        while let next = peek(), isDigit(next) || next == UInt8(ascii: "_") {
            if next == UInt8(ascii: "_") { sawUnderscore = true }
            index += 1
        }
        let integerPart = String(decoding: source[start..<index].filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        guard !sawUnderscore else { return CandidToken(kind: .decimal(integerPart), offset: start) }
        var isFloat = false
        var fraction = ""
        if peek() == UInt8(ascii: ".") {
            isFloat = true
            index += 1
            let fractionStart = index
            while let next = peek(), isDigit(next) { index += 1 }
            fraction = String(decoding: source[fractionStart..<index], as: UTF8.self)
        }
        var exponent = ""
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var ahead = 1
            var sign = ""
            if let s = peek(1), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
                sign = s == UInt8(ascii: "-") ? "-" : "+"
                ahead = 2
            }
            if let digit = peek(ahead), isDigit(digit) {
                index += ahead
                let digitsStart = index
                while let next = peek(), isDigit(next) { index += 1 }
                exponent = "e" + sign + String(decoding: source[digitsStart..<index], as: UTF8.self)
                isFloat = true
            }
        }
        guard isFloat else { return CandidToken(kind: .decimal(integerPart), offset: start) }
        let whole = integerPart.isEmpty ? "0" : integerPart
        let fractional = fraction.isEmpty ? "0" : fraction
        return CandidToken(kind: .float(whole + "." + fractional + exponent), offset: start)
    }

    // MARK: Strings

    /// The bytes of a string literal, escapes applied (`CandidTextSyntax.decodeEscape`).
    private mutating func lexString() throws(CandidError) -> [UInt8] {
        let start = index
        index += 1
        var bytes: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error(at: start, "unclosed string literal") }
            if byte == UInt8(ascii: "\"") {
                index += 1
                return bytes
            }
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                index += 1
                continue
            }
            do {
                let escape = try CandidTextSyntax.decodeEscape(in: source, at: index, character: scalar(at:))
                bytes += escape.bytes
                index = escape.end
            } catch .unterminated {
                throw error(at: start, "unclosed string literal")
            } catch {
                throw self.error(at: index, error.message)
            }
        }
    }
}
