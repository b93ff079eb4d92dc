// Sources/Replay/ReplayParser+Expressions.swift - expressions and Candid values with variables

import Candid

extension Parser {
    /// An expression, optionally annotated: `e` or `e : T` (where ic-repl allows `AnnVal`).
    mutating func annotatedExpression() throws(ReplayError) -> ReplayExpression {
        let value = try expression()
        guard isSymbol(":") else { return value }
        advance()
        return ReplayExpression(kind: .annotated(value, try type()), position: value.position)
    }

    mutating func expression() throws(ReplayError) -> ReplayExpression {
        try enter()
        defer { leave() }
        let start = position
        let kind: ReplayExpression.Kind
        switch current.kind {
        case .keyword("call"):
            advance()
            if isKeyword("as") {
                throw ReplayError(.unsupported, at: position,
                                  "'call as' (proxy calls through a wallet) is not supported")
            }
            let method = try methodReference()
            kind = .call(method, try arguments())
        case .keyword("par_call"):
            advance()
            try expectSymbol("[")
            var calls: [(ReplayMethodReference, [ReplayExpression])] = []
            while !isSymbol("]") {
                if isKeyword("call") { advance() }
                let method = try methodReference()
                calls.append((method, try arguments()))
                guard isSymbol(",") else { break }
                advance()
            }
            try expectSymbol("]")
            kind = .parallelCall(calls)
        case .keyword("fail"):
            advance()
            kind = .fail(try expression())
        case .keyword("encode"):
            advance()
            let method = isSymbol("(") ? nil : try methodReference()
            kind = .encode(method, try arguments())
        case .keyword("decode"):
            advance()
            var method: ReplayMethodReference?
            if isKeyword("as") {
                advance()
                method = try methodReference()
            }
            kind = .decode(method, try expression())
        case .identifier(let name):
            advance()
            if name == "sim", isSymbol(".") {
                advance()
                let builtin: String
                switch current.kind {
                case .identifier(let word), .keyword(let word): builtin = word
                default: throw unexpected("a simulator builtin name after 'sim.'")
                }
                advance()
                kind = .simulator(builtin, try arguments())
            } else if isSymbol("(") {
                kind = .apply(name, try arguments())
            } else {
                kind = .path(name, try selectors())
            }
        default:
            kind = try value()
        }
        return ReplayExpression(kind: kind, position: start)
    }

    /// `( e, e, ... )` with an optional trailing comma; each may be annotated.
    mutating func arguments() throws(ReplayError) -> [ReplayExpression] {
        try expectSymbol("(")
        var result: [ReplayExpression] = []
        while !isSymbol(")") {
            result.append(try annotatedExpression())
            guard isSymbol(",") else { break }
            advance()
        }
        try expectSymbol(")")
        return result
    }

    /// A name: an identifier, a keyword used as a name, or a text literal.
    mutating func name(_ what: String) throws(ReplayError) -> String {
        switch current.kind {
        case .identifier(let name), .keyword(let name):
            advance()
            return name
        case .text:
            return try textLiteral(what)
        default:
            throw unexpected(what)
        }
    }

    /// `canister.method`: the canister is a variable or a principal text.
    mutating func methodReference() throws(ReplayError) -> ReplayMethodReference {
        let start = position
        let canister: ReplayMethodReference.Canister
        switch current.kind {
        case .identifier(let name):
            advance()
            canister = .variable(name)
        case .text:
            canister = .text(try textLiteral("a canister"))
        default:
            throw unexpected("a canister name or id before '.method'")
        }
        try expectSymbol(".")
        let method = try name("a method name")
        return ReplayMethodReference(canister: canister, method: method, position: start)
    }

    mutating func selectors() throws(ReplayError) -> [ReplaySelector] {
        var result: [ReplaySelector] = []
        while true {
            if isSymbol("?") {
                advance()
                result.append(.option)
            } else if isSymbol("[") {
                advance()
                result.append(.index(try expression()))
                try expectSymbol("]")
            } else if isSymbol("."), case .identifier(let method) = peek(1).kind, peek(2).kind == .symbol("(") {
                let start = peek(1).position
                advance()
                advance()
                let arguments = try self.arguments()
                result.append(try collectionMethod(method, arguments, at: start))
            } else if isSymbol(".") {
                advance()
                result.append(.field(CandidLabel(try name("a field name after '.'"))))
            } else {
                return result
            }
        }
    }

    /// `.map(f)`, `.filter(f)`, `.fold(init, f)`, `.size()`.
    func collectionMethod(
        _ method: String,
        _ arguments: [ReplayExpression],
        at start: SourcePosition
    ) throws(ReplayError) -> ReplaySelector {
        func functionName(_ expression: ReplayExpression) -> String? {
            if case .path(let name, let selectors) = expression.kind, selectors.isEmpty { return name }
            return nil
        }
        switch (method, arguments.count) {
        case ("map", 1):
            if let name = functionName(arguments[0]) { return .map(name) }
        case ("filter", 1):
            if let name = functionName(arguments[0]) { return .filter(name) }
        case ("fold", 2):
            if let name = functionName(arguments[1]) { return .fold(arguments[0], name) }
        case ("size", 0):
            return .size
        default:
            break
        }
        throw error("unknown method .\(method)(...): expected .map(f), .filter(f), .fold(init, f) or .size()",
                    at: start)
    }

    // MARK: Candid values

    mutating func value() throws(ReplayError) -> ReplayExpression.Kind {
        let start = position
        switch current.kind {
        case .bool(let b):
            advance()
            return .bool(b)
        case .sign, .decimal, .float:
            return try numberLiteral()
        case .text:
            return .text(try textLiteral("text"))
        case .keyword("blob"):
            advance()
            guard case .text(let bytes) = current.kind else { throw unexpected("a text literal after 'blob'") }
            advance()
            return .blob(bytes)
        case .keyword("null"):
            advance()
            return .null
        case .keyword("opt"):
            advance()
            return .opt(try expression())
        case .keyword("vec"):
            advance()
            try expectSymbol("{")
            var items: [ReplayExpression] = []
            while !isSymbol("}") {
                items.append(try annotatedExpression())
                guard isSymbol(";") else { break }
                advance()
            }
            try expectSymbol("}")
            return .vec(items)
        case .keyword("record"):
            advance()
            return .record(try recordFields(start))
        case .keyword("variant"):
            advance()
            try expectSymbol("{")
            let label = try fieldLabel()
            var payload = ReplayExpression(kind: .null, position: position)
            if isSymbol("=") {
                advance()
                payload = try annotatedExpression()
            }
            if isSymbol(";") { advance() }
            try expectSymbol("}")
            return .variant(label, payload)
        case .keyword("principal"):
            advance()
            return .principal(try principalLiteral())
        case .keyword("service"):
            advance()
            return .service(try principalLiteral())
        case .keyword("func"):
            advance()
            let principal = try principalLiteral()
            try expectSymbol(".")
            return .function(principal, try name("a method name"))
        case .symbol("("):
            advance()
            let inner = try annotatedExpression()
            try expectSymbol(")")
            return inner.kind
        default:
            throw unexpected("an expression")
        }
    }

    mutating func numberLiteral() throws(ReplayError) -> ReplayExpression.Kind {
        var negative = false
        if case .sign(let sign) = current.kind {
            negative = sign == "-"
            advance()
        }
        switch current.kind {
        case .decimal(let digits):
            advance()
            return .number(negative ? "-" + digits : digits)
        case .float(let text):
            guard let value = Double(text) else { throw error("invalid float literal \(text)") }
            advance()
            return .float(negative ? -value : value)
        default:
            throw unexpected("a number after the sign")
        }
    }

    /// A label before `=` or `:`: a name, a quoted name or a numeric id (decimal or hex).
    mutating func fieldLabel() throws(ReplayError) -> CandidLabel {
        if case .decimal(let digits) = current.kind {
            guard let id = UInt32(digits) else { throw error("field id \(digits) does not fit 32 bits") }
            advance()
            return CandidLabel(id: id)
        }
        return CandidLabel(try name("a field name"))
    }

    /// Whether the tokens ahead are a label followed by `separator`.
    func isLabel(followedBy separator: String) -> Bool {
        switch current.kind {
        case .identifier, .keyword, .text, .decimal: return isSymbol(separator, 1)
        default: return false
        }
    }

    /// `{ a = e; 1 = e; e; }`: unlabelled fields take the id after the previous field's id.
    mutating func recordFields(_ start: SourcePosition) throws(ReplayError) -> [(CandidLabel, ReplayExpression)] {
        try expectSymbol("{")
        var fields: [(CandidLabel, ReplayExpression)] = []
        var nextID: UInt32 = 0
        while !isSymbol("}") {
            let label: CandidLabel
            if isLabel(followedBy: "=") {
                label = try fieldLabel()
                advance()
            } else {
                label = CandidLabel(id: nextID)
            }
            nextID = label.id &+ 1
            fields.append((label, try annotatedExpression()))
            guard isSymbol(";") else { break }
            advance()
        }
        try expectSymbol("}")
        fields.sort { $0.0.id < $1.0.id }
        for index in fields.indices.dropFirst() where fields[index].0.id == fields[index - 1].0.id {
            throw error("record has the field \(ValuePrinter.label(fields[index].0)) twice", at: start)
        }
        return fields
    }
}
