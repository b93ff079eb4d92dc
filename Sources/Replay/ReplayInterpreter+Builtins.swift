// Sources/Replay/ReplayInterpreter+Builtins.swift - ic-repl's builtin functions

import Candid

extension Interpreter {
    /// ic-repl builtins that need the network, a shell or files outside the script; not supported.
    static let unsupportedBuiltins: Set<String> = [
        "account", "subaccount", "neuron_account", "replica_url", "read_state", "gzip", "exec", "send",
        "wasm_profiling", "flamegraph", "output", "export", "metadata",
    ]

    /// `f(args)`: a builtin (they come first, as in ic-repl), else a script function.
    func apply(_ name: String, _ expressions: [ReplayExpression], at position: SourcePosition)
        async throws(ReplayError) -> ReplayValue
    {
        switch name {
        case "ite":
            guard expressions.count == 3 else {
                throw error(.builtin, "ite expects (condition, then, else)", at: position)
            }
            let chosen = try await condition(expressions[0], "ite") ? expressions[1] : expressions[2]
            return try await evaluate(chosen)
        case "exist":
            guard expressions.count == 1 else { throw error(.builtin, "exist expects one expression", at: position) }
            do throws(ReplayError) {
                _ = try await evaluate(expressions[0])
                return .bool(true)
            } catch where !Self.isBudget(error) {
                return .bool(false)
            }
        default:
            break
        }
        guard !Self.unsupportedBuiltins.contains(name) else {
            throw error(.unsupported, "the ic-repl builtin \(name) is not supported by canister-sim", at: position)
        }
        var arguments: [ReplayValue] = []
        for expression in expressions { arguments.append(try await evaluate(expression)) }
        if Self.builtinNames.contains(name) { try spend(1, name, at: position) }
        switch name {
        case "file":
            guard arguments.count == 1, case .text(let path) = arguments[0] else {
                throw error(.builtin, "file expects a path text", at: position)
            }
            let bytes = try readFile(ReplayOptions.resolve(path, relativeTo: currentFile), at: position)
            try reserve(bytes: bytes.count, "file(\(ValuePrinter.quoted(path)))", at: position)
            try spend(bytes: bytes.count, "file", at: position)
            return .blob(bytes)
        case "stringify":
            return .text(try stringify(arguments, at: position))
        case "concat":
            return try concat(arguments, at: position)
        case "eq", "neq":
            guard arguments.count == 2 else { throw error(.builtin, "\(name) expects two values", at: position) }
            _ = try measure(arguments[0], name, at: position)
            _ = try measure(arguments[1], name, at: position)
            let equal: Bool
            if arguments[0].isNumber, arguments[1].isNumber {
                equal = ReplayValue.compareNumbers(arguments[0], arguments[1]) == 0
            } else {
                equal = arguments[0] == arguments[1]
            }
            return .bool(name == "eq" ? equal : !equal)
        case "and", "or":
            guard arguments.count == 2, case .bool(let a) = arguments[0], case .bool(let b) = arguments[1] else {
                throw error(.builtin, "\(name) expects two bools", at: position)
            }
            return .bool(name == "and" ? a && b : a || b)
        case "not":
            guard arguments.count == 1, case .bool(let a) = arguments[0] else {
                throw error(.builtin, "not expects a bool", at: position)
            }
            return .bool(!a)
        case "lt", "lte", "gt", "gte":
            guard arguments.count == 2, let order = ReplayValue.compareNumbers(arguments[0], arguments[1]) else {
                throw error(.builtin, "\(name) expects two numbers", at: position)
            }
            switch name {
            case "lt": return .bool(order < 0)
            case "lte": return .bool(order <= 0)
            case "gt": return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case "add", "sub", "mul", "div":
            return try arithmetic(name, arguments, at: position)
        default:
            return try await callFunction(name, arguments, at: position)
        }
    }

    /// `add`, `sub`, `mul`, `div`: float64 when either side is a float, else an untyped integer
    /// (128-bit, overflow is an error; division truncates toward zero).
    func arithmetic(_ name: String, _ arguments: [ReplayValue], at position: SourcePosition) throws(ReplayError)
        -> ReplayValue
    {
        guard arguments.count == 2, arguments[0].isNumber, arguments[1].isNumber else {
            throw error(.builtin, "\(name) expects two numbers", at: position)
        }
        if arguments[0].isFloat || arguments[1].isFloat {
            guard let a = arguments[0].numericDouble, let b = arguments[1].numericDouble else {
                throw error(.builtin, "\(name) expects two numbers", at: position)
            }
            switch name {
            case "add": return .float64(a + b)
            case "sub": return .float64(a - b)
            case "mul": return .float64(a * b)
            default: return .float64(a / b)
            }
        }
        let a = try lift(at: position) { () throws(ValueError) in try arguments[0].integer128() }
        let b = try lift(at: position) { () throws(ValueError) in try arguments[1].integer128() }
        let result: (Int128, Bool)
        switch name {
        case "add": result = a.addingReportingOverflow(b)
        case "sub": result = a.subtractingReportingOverflow(b)
        case "mul": result = a.multipliedReportingOverflow(by: b)
        default:
            guard b != 0 else { throw error(.builtin, "division by zero", at: position) }
            result = a.dividedReportingOverflow(by: b)
        }
        guard !result.1 else { throw error(.limit, "\(name) overflows 128-bit integers", at: position) }
        return .number(String(result.0))
    }

    /// The builtins `apply` runs itself (each a step, plus the work it does).
    static let builtinNames: Set<String> = [
        "file", "stringify", "concat", "eq", "neq", "and", "or", "not", "lt", "lte", "gt", "gte",
        "add", "sub", "mul", "div",
    ]

    /// `stringify(values...)`: texts and principals as they are, other values as untyped Candid text.
    /// The text is at most 4 bytes per estimated byte of the values, and that is charged first.
    func stringify(_ arguments: [ReplayValue], at position: SourcePosition) throws(ReplayError) -> String {
        var estimate = 0
        for argument in arguments {
            let size = try measure(argument, "stringify", at: position)
            estimate += size.bytes
            try spend(bytes: size.bytes, "stringify", at: position)
        }
        try reserve(bytes: estimate.multipliedReportingOverflow(by: 4).partialValue, "stringify", at: position)
        return arguments.map { value in
            switch value {
            case .text(let text): return text
            case .principal(let p): return p.text
            default: return value.text(ReplayPrintOptions(typed: false))
            }
        }.joined()
    }

    /// `concat(a, b)` of two vecs, blobs, texts or records; the result is charged before it is built.
    func concat(_ arguments: [ReplayValue], at position: SourcePosition) throws(ReplayError) -> ReplayValue {
        guard arguments.count == 2 else { throw error(.builtin, "concat expects two values", at: position) }
        func charge(elements: Int = 0, bytes: Int = 0) throws(ReplayError) {
            let total = elements * ReplayBudget.bytesPerElement + bytes
            try reserve(bytes: total, "concat", at: position)
            try spend(elements, "concat", at: position)
            try spend(bytes: bytes, "concat", at: position)
        }
        switch (arguments[0], arguments[1]) {
        case let (.vec(a), .vec(b)): try charge(elements: a.count + b.count)
        case let (.blob(a, _), .blob(b, _)): try charge(bytes: a.count + b.count)
        case let (.text(a), .text(b)): try charge(bytes: a.utf8.count + b.utf8.count)
        case let (.record(a), .record(b)): try charge(elements: a.count + b.count)
        default:
            let count = { (value: ReplayValue) -> Int in
                switch value {
                case .vec(let items): items.count
                case .blob(let bytes, _): bytes.count
                default: 0
                }
            }
            try charge(elements: count(arguments[0]) + count(arguments[1]))
        }
        switch (arguments[0], arguments[1]) {
        case let (.vec(a), .vec(b)): return .vec(a + b)
        case let (.blob(a, _), .blob(b, _)): return .blob(a + b)
        case let (.text(a), .text(b)): return .text(a + b)
        case let (.record(a), .record(b)):
            guard let record = ReplayValue.record(fields: a + b) else {
                throw error(.builtin, "concat: the records share a field", at: position)
            }
            return record
        default:
            if let a = arguments[0].bytes, let b = arguments[1].bytes { return .blob(a + b) }
            throw error(.builtin, "concat expects two vecs, blobs, texts or records, got \(arguments[0].kindName) "
                + "and \(arguments[1].kindName)", at: position)
        }
    }
}
