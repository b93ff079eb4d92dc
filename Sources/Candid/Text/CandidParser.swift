// Sources/Candid/Text/CandidParser.swift - recursive-descent parser: cursor, errors and type syntax

/// A recursive-descent parser over ``CandidLexer`` tokens. Types are parsed here; values, `.did`
/// files and `.test.did` files are extensions in their own files.
struct CandidParser {
    /// Deepest nesting of types or values the parser accepts (keeps recursion off the stack limit).
    static let maxNesting = 256

    let tokens: [CandidToken]
    let source: [UInt8]
    /// The code of syntax errors: `.invalidText` for values, `.syntax` for types and files.
    let errorCode: CandidError.Code
    /// Definitions annotations in values may refer to.
    var environment: CandidTypeEnvironment
    private(set) var position = 0
    private var nesting = 0

    init(_ text: String, errorCode: CandidError.Code, environment: CandidTypeEnvironment = .init()) throws(CandidError) {
        (tokens, source) = try CandidLexer.tokenize(text, errorCode: errorCode)
        self.errorCode = errorCode
        self.environment = environment
    }

    fileprivate init(tokens: [CandidToken], source: [UInt8]) {
        (self.tokens, self.source, errorCode, environment) = (tokens, source, .syntax, .init())
    }

    // MARK: Cursor

    var current: CandidToken { tokens[position] }
    var kind: CandidToken.Kind { tokens[position].kind }

    func peek(_ ahead: Int) -> CandidToken.Kind {
        tokens[min(position + ahead, tokens.count - 1)].kind
    }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    /// Whether the current token is the keyword or identifier `word`.
    func isWord(_ word: String) -> Bool {
        if case .identifier(word) = kind { return true }
        return false
    }

    /// Consumes `kind` or fails with "expected `what`".
    mutating func expect(_ expected: CandidToken.Kind, _ what: String) throws(CandidError) {
        guard kind == expected else { throw unexpected(expected: what) }
        advance()
    }

    /// Consumes the keyword `word` or fails.
    mutating func expectWord(_ word: String) throws(CandidError) {
        guard isWord(word) else { throw unexpected(expected: "'\(word)'") }
        advance()
    }

    /// Consumes the token if it is `kind`.
    mutating func accept(_ candidate: CandidToken.Kind) -> Bool {
        guard kind == candidate else { return false }
        advance()
        return true
    }

    func error(_ message: String, at offset: Int? = nil) -> CandidError {
        CandidLexer.error(errorCode, at: offset ?? current.offset, in: source, message)
    }

    func unexpected(expected: String) -> CandidError {
        error("expected \(expected), found \(Self.describe(kind))")
    }

    static func describe(_ kind: CandidToken.Kind) -> String {
        switch kind {
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .semicolon: return "';'"
        case .comma: return "','"
        case .dot: return "'.'"
        case .colon: return "':'"
        case .equals: return "'='"
        case .arrow: return "'->'"
        case .equalEqual: return "'=='"
        case .notEqual: return "'!='"
        case .notColon: return "'!:'"
        case .sign(let negative): return negative ? "'-'" : "'+'"
        case .identifier(let name):
            return CandidTextSyntax.keywords.contains(name) ? "keyword '\(name)'" : "identifier '\(name)'"
        case .string: return "a string literal"
        case .decimal(let digits): return "number \(digits)"
        case .hex(let digits): return "number 0x\(digits)"
        case .float(let text): return "number \(text)"
        case .end: return "end of input"
        }
    }

    /// Runs `body` one nesting level deeper, failing past ``maxNesting``.
    mutating func nested<T>(_ body: (inout CandidParser) throws(CandidError) -> T) throws(CandidError) -> T {
        guard nesting < Self.maxNesting else {
            throw CandidLexer.error(
                .depthExceeded, at: current.offset, in: source,
                "nesting deeper than \(Self.maxNesting) levels")
        }
        nesting += 1
        defer { nesting -= 1 }
        return try body(&self)
    }

    // MARK: Names and labels

    /// A string literal's bytes as UTF-8 text.
    func utf8Text(_ bytes: [UInt8], at offset: Int, what: String) throws(CandidError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw error("\(what) is not valid UTF-8", at: offset)
        }
        return text
    }

    /// Whether the current token can start a name: a non-keyword identifier or a string.
    var atName: Bool {
        switch kind {
        case .identifier(let word): return !CandidTextSyntax.keywords.contains(word)
        case .string: return true
        default: return false
        }
    }

    /// `<id> | <text>`.
    mutating func parseName(_ what: String) throws(CandidError) -> String {
        let offset = current.offset
        switch kind {
        case .identifier(let word) where !CandidTextSyntax.keywords.contains(word):
            advance()
            return word
        case .string(let bytes):
            advance()
            return try utf8Text(bytes, at: offset, what: what)
        default:
            throw unexpected(expected: what)
        }
    }

    /// Whether the current token can start a field label: a name or a number.
    var atLabel: Bool {
        switch kind {
        case .decimal, .hex: return true
        default: return atName
        }
    }

    /// A field label: a decimal or hex number below 2^32, or a name (hashed).
    mutating func parseLabel() throws(CandidError) -> CandidLabel {
        let offset = current.offset
        switch kind {
        case .decimal(let digits), .hex(let digits):
            let radix = kind == .decimal(digits) ? 10 : 16
            advance()
            guard let id = UInt32(digits, radix: radix) else {
                throw error("field id \(radix == 16 ? "0x" : "")\(digits) is not below 2^32", at: offset)
            }
            return CandidLabel(id: id)
        default:
            return CandidLabel(try parseName("a field name or number"))
        }
    }

    /// Sorts fields by id and rejects duplicates.
    func sortedUnique<T>(_ fields: [T], label: (T) -> CandidLabel, at offset: Int) throws(CandidError) -> [T] {
        let sorted = fields.enumerated().sorted {
            label($0.element).id != label($1.element).id
                ? label($0.element).id < label($1.element).id : $0.offset < $1.offset
        }.map(\.element)
        for (a, b) in zip(sorted, sorted.dropFirst()) where label(a).id == label(b).id {
            let names = [label(a), label(b)].map(CandidTextSyntax.label).joined(separator: " and ")
            throw error("duplicate field id \(label(a).id) (\(names))", at: offset)
        }
        return sorted
    }

    // MARK: Types

    /// `<datatype>`.
    mutating func parseType() throws(CandidError) -> CandidType {
        try nested { (parser: inout CandidParser) throws(CandidError) in try parser.parseTypeBody() }
    }

    private mutating func parseTypeBody() throws(CandidError) -> CandidType {
        guard case .identifier(let word) = kind else { throw unexpected(expected: "a type") }
        if let primitive = CandidTextSyntax.primitiveTypes[word] {
            advance()
            return primitive
        }
        switch word {
        case "null":
            advance()
            return .null
        case "principal":
            advance()
            return .principal
        case "blob":
            advance()
            return .blob
        case "opt":
            advance()
            return .opt(try parseType())
        case "vec":
            advance()
            return .vec(try parseType())
        case "record":
            advance()
            return .record(try parseRecordFields())
        case "variant":
            advance()
            return .variant(try parseVariantFields())
        case "func":
            advance()
            return .function(try parseFunctionType())
        case "service":
            advance()
            return .service(try parseServiceBody())
        case _ where CandidTextSyntax.keywords.contains(word):
            throw unexpected(expected: "a type")
        default:
            advance()
            return .named(word)
        }
    }

    /// `{ <fieldtype>;* }` of a record: `label : type` or a bare type (tuple field: previous id + 1).
    private mutating func parseRecordFields() throws(CandidError) -> [CandidField] {
        let offset = current.offset
        try expect(.leftBrace, "'{'")
        var fields: [CandidField] = []
        var nextID: UInt32? = 0
        while kind != .rightBrace {
            let fieldOffset = current.offset
            let label: CandidLabel
            if atLabel && peek(1) == .colon {
                label = try parseLabel()
                advance()
            } else {
                guard let id = nextID else { throw error("tuple field id is above 2^32 - 1", at: fieldOffset) }
                label = CandidLabel(id: id)
            }
            fields.append(CandidField(label, try parseType()))
            nextID = label.id == UInt32.max ? nil : label.id + 1
            guard accept(.semicolon) else { break }
        }
        try expect(.rightBrace, "';' or '}'")
        return try sortedUnique(fields, label: \.label, at: offset)
    }

    /// `{ <fieldtype>;* }` of a variant: `label : type` or a bare label (type `null`).
    private mutating func parseVariantFields() throws(CandidError) -> [CandidField] {
        let offset = current.offset
        try expect(.leftBrace, "'{'")
        var fields: [CandidField] = []
        while kind != .rightBrace {
            let label = try parseLabel()
            let type: CandidType = accept(.colon) ? try parseType() : .null
            fields.append(CandidField(label, type))
            guard accept(.semicolon) else { break }
        }
        try expect(.rightBrace, "';' or '}'")
        return try sortedUnique(fields, label: \.label, at: offset)
    }

    /// `( <argtype>,* )` where an argument may be named (`name : type`); names must be unique.
    mutating func parseTupleType() throws(CandidError) -> [CandidType] {
        try expect(.leftParen, "'('")
        var types: [CandidType] = []
        var names: Set<String> = []
        while kind != .rightParen {
            if atName && peek(1) == .colon {
                let offset = current.offset
                let name = try parseName("an argument name")
                guard names.insert(name).inserted else { throw error("duplicate argument name '\(name)'", at: offset) }
                advance()
            }
            types.append(try parseType())
            guard accept(.comma) else { break }
        }
        try expect(.rightParen, "',' or ')'")
        return types
    }

    /// `<tuptype> -> <tuptype> <funcann>*`.
    mutating func parseFunctionType() throws(CandidError) -> CandidFunctionType {
        let arguments = try parseTupleType()
        try expect(.arrow, "'->'")
        let results = try parseTupleType()
        var modes: [CandidFunctionType.Mode] = []
        while case .identifier(let word) = kind {
            let mode: CandidFunctionType.Mode
            switch word {
            case "query": mode = .query
            case "oneway": mode = .oneway
            case "composite_query": mode = .compositeQuery
            default: return CandidFunctionType(arguments: arguments, results: results, modes: modes)
            }
            // As the binary format: at most one annotation, and a oneway function returns nothing.
            guard modes.isEmpty else { throw error("a function has at most one annotation, found a second '\(word)'") }
            guard mode != .oneway || results.isEmpty else {
                throw error("a oneway function has results: its result list must be ()")
            }
            modes.append(mode)
            advance()
        }
        return CandidFunctionType(arguments: arguments, results: results, modes: modes)
    }

    /// `{ <methtype>;* }`: methods `name : (args) -> (results) modes` or `name : TypeName`, sorted by
    /// name in byte order, unique.
    mutating func parseServiceBody() throws(CandidError) -> CandidServiceType {
        let offset = current.offset
        try expect(.leftBrace, "'{'")
        var methods: [CandidServiceType.Method] = []
        while kind != .rightBrace {
            let name = try parseName("a method name")
            try expect(.colon, "':'")
            let type: CandidType
            if kind == .leftParen {
                type = .function(try parseFunctionType())
            } else if case .identifier(let word) = kind, atName, CandidTextSyntax.primitiveTypes[word] == nil {
                advance()
                type = .named(word)
            } else {
                throw unexpected(expected: "a function type '(...) -> (...)' or a type name")
            }
            methods.append(CandidServiceType.Method(name: name, type: type))
            guard accept(.semicolon) else { break }
        }
        try expect(.rightBrace, "';' or '}'")
        methods.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        for (a, b) in zip(methods, methods.dropFirst()) where Array(a.name.utf8) == Array(b.name.utf8) {
            throw error("duplicate method name \(CandidTextSyntax.name(a.name))", at: offset)
        }
        return CandidServiceType(methods: methods)
    }

    /// The whole input is `( <argtype>,* )` or a single type, then the end.
    mutating func parseTypesToEnd() throws(CandidError) -> [CandidType] {
        let types = kind == .leftParen ? try parseTupleType() : [try parseType()]
        guard kind == .end else { throw unexpected(expected: "end of input") }
        return types
    }
}

extension CandidTextSyntax {
    /// Parses the type at byte `offset` of another language's UTF-8 text (Replay's `(e : T)`) and
    /// returns it with the offset of the first token after it. Errors carry `textFault`.
    package static func parseType(in source: [UInt8], at offset: Int) throws(CandidError)
        -> (type: CandidType, end: Int)
    {
        var parser = CandidParser(tokens: CandidLexer.tokenizeEmbedded(source, from: offset), source: source)
        let type = try parser.parseType()
        return (type, parser.current.offset)
    }
}
