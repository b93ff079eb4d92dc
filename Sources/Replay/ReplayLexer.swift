// Sources/Replay/ReplayLexer.swift - script text to tokens

import Candid

/// One token of a script.
struct Token: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        case keyword(String)
        /// Decimal digits, underscores removed (hex literals up to 128 bits are converted to decimal;
        /// larger ones are `0x` and lowercase hex digits).
        case decimal(String)
        /// A float literal as written, underscores removed.
        case float(String)
        case bool(Bool)
        /// The bytes of a text literal after escapes (may be invalid UTF-8: `blob "\ff"`).
        case text([UInt8])
        /// `=`, `==`, `~=`, `!=`, `(`, `)`, `[`, `]`, `{`, `}`, `,`, `.`, `;`, `:`, `?`, `->`.
        case symbol(String)
        /// `+` or `-` before a number.
        case sign(Character)
        case end
    }

    var kind: Kind
    var position: SourcePosition
    /// Byte offset of the first byte in the UTF-8 source.
    var offset: Int

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .identifier(let name): return "identifier '\(name)'"
        case .keyword(let word): return "'\(word)'"
        case .decimal(let digits): return "number \(digits)"
        case .float(let text): return "number \(text)"
        case .bool(let b): return "'\(b)'"
        case .text: return "text literal"
        case .symbol(let symbol): return "'\(symbol)'"
        case .sign(let sign): return "'\(sign)'"
        case .end: return "end of file"
        }
    }
}

/// Splits a script into tokens, skipping spaces, `//` and nested `/* */` comments, and a `#!` first line.
struct ReplayLexer {
    /// Words the grammar reserves (as ic-repl does), plus `true` and `false`.
    static let keywords: Set<String> = [
        "null", "opt", "vec", "record", "variant", "func", "service", "oneway", "query", "composite_query",
        "blob", "type", "import", "load", "principal", "call", "par_call", "encode", "decode", "as", "config",
        "assert", "let", "fail", "identity", "function", "while", "if", "else", "true", "false",
    ]

    private let scalars: [Unicode.Scalar]
    private let file: String
    private var index = 0
    private var offset = 0
    private var line = 1
    private var column = 1

    init(source: String, file: String) {
        self.scalars = Array(source.unicodeScalars)
        self.file = file
    }

    /// All tokens, ending with `.end`.
    static func tokenize(_ source: String, file: String) throws(ReplayError) -> [Token] {
        var lexer = ReplayLexer(source: source, file: file)
        return try lexer.run()
    }

    private var position: SourcePosition { SourcePosition(file: file, line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        offset += scalars[index].utf8.count
        index += 1
    }

    private func error(_ message: String, at position: SourcePosition) -> ReplayError {
        ReplayError(.syntax, at: position, message)
    }

    private mutating func run() throws(ReplayError) -> [Token] {
        var tokens: [Token] = []
        if peek() == "#", peek(1) == "!" {
            while let c = peek(), c != "\n" { advance() }
        }
        while true {
            try skipTrivia()
            let (start, startOffset) = (position, offset)
            guard let c = peek() else {
                tokens.append(Token(kind: .end, position: start, offset: startOffset))
                return tokens
            }
            let kind: Token.Kind
            if Self.isLetter(c) {
                kind = word()
            } else if Self.isDigit(c) {
                kind = try number(start)
            } else if c == "\"" {
                kind = .text(try text(start))
            } else {
                kind = try symbol(c, start)
            }
            tokens.append(Token(kind: kind, position: start, offset: startOffset))
        }
    }

    private mutating func skipTrivia() throws(ReplayError) {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                advance()
            } else if c == "/", peek(1) == "/" {
                while let d = peek(), d != "\n" { advance() }
            } else if c == "/", peek(1) == "*" {
                let start = position
                var depth = 0
                repeat {
                    guard let d = peek() else { throw error("unterminated /* comment", at: start) }
                    if d == "/", peek(1) == "*" {
                        depth += 1
                        advance()
                    } else if d == "*", peek(1) == "/" {
                        depth -= 1
                        advance()
                    }
                    advance()
                } while depth > 0
            } else {
                return
            }
        }
    }

    private mutating func word() -> Token.Kind {
        var name = ""
        while let c = peek(), Self.isLetter(c) || Self.isDigit(c) {
            name.unicodeScalars.append(c)
            advance()
        }
        if name == "true" { return .bool(true) }
        if name == "false" { return .bool(false) }
        return Self.keywords.contains(name) ? .keyword(name) : .identifier(name)
    }

    private mutating func number(_ start: SourcePosition) throws(ReplayError) -> Token.Kind {
        if peek() == "0", peek(1) == "x" || peek(1) == "X" {
            advance()
            advance()
            var digits = ""
            while let c = peek(), Self.isHexDigit(c) || c == "_" {
                advance()
                guard c != "_" else { continue }
                if digits == "0" { digits = "" }
                digits.unicodeScalars.append(c)
            }
            guard !digits.isEmpty else { throw error("hex literal has no digits", at: start) }
            // Up to 128 bits become decimal digits (what the 128-bit arithmetic reads); larger stay hex,
            // which the big integers of `nat` and `int` read in linear time.
            if digits.unicodeScalars.count <= 32, let value = UInt128(digits, radix: 16) {
                return .decimal(String(value))
            }
            return .decimal("0x" + digits.lowercased())
        }
        var text = digitRun()
        var isFloat = false
        if peek() == ".", let next = peek(1), Self.isDigit(next) {
            advance()
            text += "." + digitRun()
            isFloat = true
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1)
            let hasSign = sign == "+" || sign == "-"
            if let d = peek(hasSign ? 2 : 1), Self.isDigit(d) {
                advance()
                text += "e"
                if hasSign, let sign {
                    text.unicodeScalars.append(sign)
                    advance()
                }
                text += digitRun()
                isFloat = true
            }
        }
        if let c = peek(), Self.isLetter(c) {
            throw error("a number cannot run into a name ('\(text)\(c)')", at: start)
        }
        return isFloat ? .float(text) : .decimal(text)
    }

    private mutating func digitRun() -> String {
        var text = ""
        while let c = peek(), Self.isDigit(c) || c == "_" {
            if c != "_" { text.unicodeScalars.append(c) }
            advance()
        }
        return text
    }

    private mutating func text(_ start: SourcePosition) throws(ReplayError) -> [UInt8] {
        advance()
        var bytes: [UInt8] = []
        while true {
            guard let c = peek() else { throw error("unterminated text literal", at: start) }
            if c == "\"" {
                advance()
                return bytes
            }
            if c != "\\" {
                bytes.append(contentsOf: Array(String(Character(c)).utf8))
                advance()
                continue
            }
            let escape = position
            do {
                let ascii = scalars.lazy.map { $0.isASCII ? UInt8($0.value) : 0x80 }
                let decoded = try CandidTextSyntax.decodeEscape(in: ascii, at: index) { scalars[$0] }
                bytes += decoded.bytes
                while index < decoded.end { advance() }
            } catch .unterminated {
                throw error("unterminated text literal", at: start)
            } catch {
                throw self.error(error.message, at: escape)
            }
        }
    }

    private mutating func symbol(_ c: Unicode.Scalar, _ start: SourcePosition) throws(ReplayError) -> Token.Kind {
        let next = peek(1)
        let two: String?
        switch (c, next) {
        case ("=", "="): two = "=="
        case ("~", "="): two = "~="
        case ("!", "="): two = "!="
        case ("-", ">"): two = "->"
        default: two = nil
        }
        if let two {
            advance()
            advance()
            return .symbol(two)
        }
        advance()
        switch c {
        case "=", "(", ")", "[", "]", "{", "}", ",", ".", ";", ":", "?": return .symbol(String(Character(c)))
        case "+", "-": return .sign(Character(c))
        default: throw error("unexpected character '\(Character(c))'", at: start)
        }
    }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    private static func isHexDigit(_ c: Unicode.Scalar) -> Bool { hexValue(c) != nil }
}
