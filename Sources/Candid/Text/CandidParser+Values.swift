// Sources/Candid/Text/CandidParser+Values.swift - textual values before they are typed

/// A value as written, before it meets a type: numbers are still untyped (`42` may become a `nat8`
/// or an `int`), floats keep their literal (read directly as `float32` when that is the type).
/// Values that went through an annotation `(v : T)` are `.typed`.
struct RawValue {
    indirect enum Kind {
        case number(BigInt)
        /// The value and its normalized literal with sign (`nil` when it came from a typed float64).
        case float(Double, literal: String?)
        case bool(Bool)
        case null
        case text(String)
        case blob([UInt8])
        case opt(RawValue)
        case vec([RawValue])
        /// Sorted by id, unique.
        case record([RawField])
        case variant(CandidLabel, RawValue)
        case principal(Principal)
        case service(Principal)
        case function(Principal, String)
        /// A value an annotation already typed, with no further structure to annotate
        /// (nat, int, the fixed-width numbers, float32, reserved, and `opt` without a value).
        case typed(CandidValue)
    }

    var kind: Kind
    /// Byte offset of the value's first token, for error positions.
    var offset: Int
}

struct RawField {
    var label: CandidLabel
    var value: RawValue
}

extension RawValue {
    /// The raw form of an already typed value, so that an outer annotation can type it again
    /// (`opt (5 : nat8)` annotated at `opt nat8`).
    init(_ value: CandidValue, offset: Int) {
        self.offset = offset
        switch value {
        case .null: kind = .null
        case .bool(let bool): kind = .bool(bool)
        case .text(let text): kind = .text(text)
        case .blob(let bytes): kind = .blob(bytes)
        case .float64(let double): kind = .float(double, literal: nil)
        case .opt(.some(let inner)): kind = .opt(RawValue(inner, offset: offset))
        case .vec(let items): kind = .vec(items.map { RawValue($0, offset: offset) })
        case .record(let fields):
            kind = .record(fields.map { RawField(label: $0.label, value: RawValue($0.value, offset: offset)) })
        case .variant(let label, let inner): kind = .variant(label, RawValue(inner, offset: offset))
        case .principal(let principal): kind = .principal(principal)
        case .service(let principal): kind = .service(principal)
        case .function(let principal, let method): kind = .function(principal, method)
        case .nat, .int, .nat8, .nat16, .nat32, .nat64, .int8, .int16, .int32, .int64, .float32, .reserved,
            .opt(.none):
            kind = .typed(value)
        }
    }
}

extension CandidParser {
    /// `( <annval>,* )` then the end of input.
    mutating func parseArgumentsToEnd() throws(CandidError) -> [RawValue] {
        try expect(.leftParen, "'(' to start the arguments")
        var values: [RawValue] = []
        while kind != .rightParen {
            values.append(try parseAnnotatedValue())
            guard accept(.comma) else { break }
        }
        try expect(.rightParen, "',' or ')'")
        guard kind == .end else { throw unexpected(expected: "end of input after ')'") }
        return values
    }

    /// `<value>` or `<value> : <datatype>`; an annotation types the value right away.
    mutating func parseAnnotatedValue() throws(CandidError) -> RawValue {
        let value = try parseValue()
        guard accept(.colon) else { return value }
        let typeOffset = current.offset
        let type = try parseType()
        do {
            try environment.checkReferences(in: type)
        } catch {
            throw CandidLexer.error(error.code, at: typeOffset, in: source, error.message)
        }
        let typed = try CandidAnnotator(parser: self).annotate(value, at: type)
        return RawValue(typed, offset: value.offset)
    }

    /// One value.
    mutating func parseValue() throws(CandidError) -> RawValue {
        try nested { (parser: inout CandidParser) throws(CandidError) in try parser.parseValueBody() }
    }

    private mutating func parseValueBody() throws(CandidError) -> RawValue {
        let offset = current.offset
        func raw(_ kind: RawValue.Kind) -> RawValue { RawValue(kind: kind, offset: offset) }
        switch kind {
        case .sign(let negative):
            advance()
            return raw(try parseNumber(negative: negative))
        case .decimal, .hex, .float:
            return raw(try parseNumber(negative: false))
        case .string(let bytes):
            advance()
            return raw(.text(try utf8Text(bytes, at: offset, what: "text")))
        case .leftParen:
            advance()
            let value = try parseAnnotatedValue()
            try expect(.rightParen, "')'")
            return value
        case .identifier(let word):
            return raw(try parseKeywordValue(word, at: offset))
        default:
            throw unexpected(expected: "a value")
        }
    }

    private mutating func parseKeywordValue(_ word: String, at offset: Int) throws(CandidError) -> RawValue.Kind {
        switch word {
        case "true", "false":
            advance()
            return .bool(word == "true")
        case "null":
            advance()
            return .null
        case "nan", "inf":
            return try parseNumber(negative: false)
        case "opt":
            advance()
            return .opt(try parseValue())
        case "vec":
            advance()
            try expect(.leftBrace, "'{' after 'vec'")
            var items: [RawValue] = []
            while kind != .rightBrace {
                items.append(try parseAnnotatedValue())
                guard accept(.semicolon) else { break }
            }
            try expect(.rightBrace, "';' or '}'")
            return .vec(items)
        case "blob":
            advance()
            guard case .string(let bytes) = kind else { throw unexpected(expected: "a string after 'blob'") }
            advance()
            return .blob(bytes)
        case "record":
            advance()
            return .record(try parseRecordValueFields())
        case "variant":
            advance()
            try expect(.leftBrace, "'{' after 'variant'")
            let label = try parseLabel()
            let value = accept(.equals) ? try parseAnnotatedValue() : RawValue(kind: .null, offset: current.offset)
            _ = accept(.semicolon)
            try expect(.rightBrace, "'}' (a variant value has exactly one case)")
            return .variant(label, value)
        case "principal", "service":
            advance()
            let principal = try parsePrincipalText()
            return word == "principal" ? .principal(principal) : .service(principal)
        case "func":
            advance()
            let principal = try parsePrincipalText()
            try expect(.dot, "'.' and a method name")
            return .function(principal, try parseName("a method name"))
        default:
            throw unexpected(expected: "a value")
        }
    }

    /// `"<principal text>"`.
    private mutating func parsePrincipalText() throws(CandidError) -> Principal {
        let offset = current.offset
        guard case .string(let bytes) = kind else { throw unexpected(expected: "a quoted principal") }
        advance()
        let text = try utf8Text(bytes, at: offset, what: "the principal")
        do {
            return try Principal(text: text)
        } catch {
            throw CandidLexer.error(error.code, at: offset, in: source, error.message)
        }
    }

    /// The number after an optional sign: decimal, hex, float, or `nan`/`inf`.
    private mutating func parseNumber(negative: Bool) throws(CandidError) -> RawValue.Kind {
        let sign = negative ? "-" : ""
        switch kind {
        case .decimal(let digits), .hex(let digits):
            let radix = kind == .decimal(digits) ? 10 : 16
            if radix == 10, digits.utf8.count > BigInt.maximumDecimalDigits {
                throw error(
                    "a decimal literal of \(digits.utf8.count) digits is over the limit of "
                        + "\(BigInt.maximumDecimalDigits); write a number this large in hex (0x...)",
                    at: current.offset)
            }
            advance()
            guard let magnitude = BigInt(digits, radix: radix) else { throw unexpected(expected: "a number") }
            return .number(negative ? -magnitude : magnitude)
        case .float(let literal):
            guard let value = Double(sign + literal) else { throw unexpected(expected: "a number") }
            advance()
            return .float(value, literal: sign + literal)
        case .identifier("nan"):
            advance()
            return .float(negative ? -Double.nan : Double.nan, literal: sign + "nan")
        case .identifier("inf"):
            advance()
            return .float(negative ? -Double.infinity : Double.infinity, literal: sign + "inf")
        default:
            throw unexpected(expected: "a number after the sign")
        }
    }

    /// `{ <fieldval>;* }`: `label = value` or a bare value (tuple field: previous id + 1).
    private mutating func parseRecordValueFields() throws(CandidError) -> [RawField] {
        let offset = current.offset
        try expect(.leftBrace, "'{' after 'record'")
        var fields: [RawField] = []
        var nextID: UInt32? = 0
        while kind != .rightBrace {
            let fieldOffset = current.offset
            let label: CandidLabel
            if atLabel && peek(1) == .equals {
                label = try parseLabel()
                advance()
            } else {
                guard let id = nextID else { throw error("tuple field id is above 2^32 - 1", at: fieldOffset) }
                label = CandidLabel(id: id)
            }
            fields.append(RawField(label: label, value: try parseAnnotatedValue()))
            nextID = label.id == UInt32.max ? nil : label.id + 1
            guard accept(.semicolon) else { break }
        }
        try expect(.rightBrace, "';' or '}'")
        return try sortedUnique(fields, label: \.label, at: offset)
    }
}
