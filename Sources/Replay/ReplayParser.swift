// Sources/Replay/ReplayParser.swift - tokens to statements

import Candid

/// Parses call scripts: the ic-repl subset described in Documentation/Scripts.md.
public enum ReplayParser {
    /// Parses a whole script.
    /// - Parameters:
    ///   - source: The script text.
    ///   - file: The name positions refer to (usually the script's path).
    /// - Throws: `ReplayError` with code `.syntax` (or `.unsupported`) and the position of the problem.
    public static func parse(_ source: String, file: String) throws(ReplayError) -> ReplayScript {
        var parser = Parser(tokens: try ReplayLexer.tokenize(source, file: file), source: Array(source.utf8))
        let statements = try parser.statements(closedBy: nil)
        return ReplayScript(statements: statements, file: file)
    }
}

/// A recursive-descent parser over the token array.
struct Parser {
    let tokens: [Token]
    /// The script's UTF-8, which Candid's parser reads types from.
    let source: [UInt8]
    var index = 0
    /// Nesting depth of expressions and blocks, bounded so hostile input cannot overflow the stack.
    var depth = 0
    static let maximumDepth = 200

    init(tokens: [Token], source: [UInt8]) { (self.tokens, self.source) = (tokens, source) }

    var current: Token { tokens[index] }
    var position: SourcePosition { current.position }

    func peek(_ offset: Int) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    func isSymbol(_ symbol: String, _ offset: Int = 0) -> Bool { peek(offset).kind == .symbol(symbol) }
    func isKeyword(_ word: String, _ offset: Int = 0) -> Bool { peek(offset).kind == .keyword(word) }

    func error(_ message: String, at position: SourcePosition? = nil) -> ReplayError {
        ReplayError(.syntax, at: position ?? self.position, message)
    }

    func unexpected(_ expected: String) -> ReplayError {
        error("expected \(expected), found \(current.display)")
    }

    mutating func expectSymbol(_ symbol: String) throws(ReplayError) {
        guard isSymbol(symbol) else { throw unexpected("'\(symbol)'") }
        advance()
    }

    mutating func identifier(_ what: String) throws(ReplayError) -> String {
        guard case .identifier(let name) = current.kind else { throw unexpected(what) }
        advance()
        return name
    }

    /// A text literal that must be valid UTF-8.
    mutating func textLiteral(_ what: String) throws(ReplayError) -> String {
        guard case .text(let bytes) = current.kind else { throw unexpected(what) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw error("text literal is not valid UTF-8")
        }
        advance()
        return text
    }

    /// A principal's textual form, checked.
    mutating func principalLiteral() throws(ReplayError) -> Principal {
        let start = position
        let text = try textLiteral("a principal in quotes")
        do {
            return try Principal(text: text)
        } catch {
            throw self.error("invalid principal \"\(text)\": \(error)", at: start)
        }
    }

    mutating func enter() throws(ReplayError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    mutating func leave() { depth -= 1 }

    // MARK: statements

    /// Statements separated by `;` until `}` (when `closedBy` is `"}"`) or the end of the file.
    /// A `;` after a statement that ends with `}` may be omitted; extra `;` are ignored.
    mutating func statements(closedBy closer: String?) throws(ReplayError) -> [ReplayStatement] {
        var result: [ReplayStatement] = []
        while true {
            while isSymbol(";") { advance() }
            if let closer, isSymbol(closer) { return result }
            if current.kind == .end {
                if closer != nil { throw unexpected("'}'") }
                return result
            }
            let statement = try self.statement()
            result.append(statement)
            if isSymbol(";") {
                advance()
                continue
            }
            if let closer, isSymbol(closer) { return result }
            if current.kind == .end {
                if closer != nil { throw unexpected("'}'") }
                return result
            }
            switch statement.kind {
            case .function, .branch, .loop: continue
            default: throw unexpected("';' after the statement")
            }
        }
    }

    mutating func block() throws(ReplayError) -> [ReplayStatement] {
        try expectSymbol("{")
        try enter()
        let body = try statements(closedBy: "}")
        leave()
        try expectSymbol("}")
        return body
    }

    mutating func statement() throws(ReplayError) -> ReplayStatement {
        let start = position
        let kind: ReplayStatement.Kind
        switch current.kind {
        case .keyword("identity"):
            advance()
            let name = try identifier("an identity name")
            if case .text = current.kind {
                advance()
            } else if isKeyword("record") {
                _ = try expression()
            }
            kind = .identity(name)
        case .keyword("import"):
            advance()
            let name = try identifier("a canister name")
            try expectSymbol("=")
            let canister = try principalLiteral()
            if isKeyword("as") {
                advance()
                _ = try textLiteral("a .did file path")
            }
            kind = .importCanister(name: name, canister: canister)
        case .keyword("let"):
            advance()
            let name = try identifier("a variable name")
            guard name != "sim" else { throw error("'sim' is the simulator namespace and cannot be bound", at: start) }
            try expectSymbol("=")
            kind = .bind(name, try expression())
        case .keyword("assert"):
            advance()
            let left = try expression()
            let op: ReplayAssertOperator
            switch current.kind {
            case .symbol("=="): op = .equal
            case .symbol("~="): op = .matches
            case .symbol("!="): op = .notEqual
            default: throw unexpected("'==', '~=' or '!='")
            }
            advance()
            kind = .assert(op, left, try expression())
        case .keyword("function"):
            advance()
            let name = try identifier("a function name")
            try expectSymbol("(")
            var parameters: [String] = []
            while !isSymbol(")") {
                parameters.append(try identifier("a parameter name"))
                guard isSymbol(",") else { break }
                advance()
            }
            try expectSymbol(")")
            kind = .function(name: name, parameters: parameters, body: try block())
        case .keyword("if"):
            kind = try branch()
        case .keyword("while"):
            advance()
            let condition = try expression()
            kind = .loop(condition: condition, body: try block())
        case .keyword("load"):
            advance()
            kind = .load(try textLiteral("a file path in quotes"))
        case .keyword("config"):
            throw ReplayError(.unsupported, at: start, "'config' (random value generation) is not supported")
        case .keyword("else"):
            throw error("'else' without 'if'")
        default:
            kind = .show(try expression())
        }
        return ReplayStatement(kind: kind, position: start)
    }

    /// `if c { } (else { } | else if ...)?`
    mutating func branch() throws(ReplayError) -> ReplayStatement.Kind {
        advance()
        let condition = try expression()
        let then = try block()
        var otherwise: [ReplayStatement] = []
        if isKeyword("else") {
            advance()
            if isKeyword("if") {
                let start = position
                try enter()
                otherwise = [ReplayStatement(kind: try branch(), position: start)]
                leave()
            } else {
                otherwise = try block()
            }
        }
        return .branch(condition: condition, then: then, otherwise: otherwise)
    }
}
