// Sources/Replay/ReplayInterpreter.swift - running statements

import Candid

/// A script function: dynamically scoped, as in ic-repl. Its value is the `_` its body leaves.
struct FunctionDefinition {
    var parameters: [String]
    var body: [ReplayStatement]
}

/// Runs one script against a host. Not shared between tasks: one run, one interpreter.
final class Interpreter {
    let host: any ReplayHost
    let options: ReplayOptions
    let observer: (any ReplayObserver)?
    /// Host builtins by name.
    let hostBuiltins: [String: ReplayBuiltin]

    var scope = Scope()
    /// The file running now; `file(...)` and `load` resolve against its directory.
    var currentFile: String
    var identityName: String
    var caller: Principal

    var passed = 0
    var failed = 0
    var failures: [ReplayAssertionFailure] = []
    var calls = 0
    var steps = 0
    var callDepth = 0
    var loadDepth = 0
    /// The functions and loads the running statement is inside, outermost first.
    var frames: [ReplayFrame] = []
    /// ``frames`` innermost first: what errors, failures and records carry.
    var callers: [ReplayFrame] { frames.reversed() }
    /// Set by the runner when the script stopped early.
    var stoppingError: ReplayError?
    /// The text `size()` or `[i]` last looked at, with its character boundaries.
    var textBoundaries: (text: String, boundaries: [String.Index])?

    init(host: any ReplayHost, options: ReplayOptions, observer: (any ReplayObserver)?, file: String) {
        self.host = host
        self.options = options
        self.observer = observer
        self.currentFile = file
        self.identityName = options.initialIdentity
        self.caller = ReplayIdentity.principal(named: options.initialIdentity)
        var builtins: [String: ReplayBuiltin] = [:]
        for builtin in host.builtins where builtins[builtin.name] == nil { builtins[builtin.name] = builtin }
        self.hostBuiltins = builtins
        // `ic` is the management canister, as ic-repl predefines it (a script may rebind it).
        scope.bind("ic", .principal(.managementCanister), bytes: 0)
    }

    var result: ReplayResult {
        ReplayResult(passed: passed, failed: failed, failures: failures, error: stoppingError, calls: calls)
    }

    func error(_ code: ReplayError.Code, _ message: String, at position: SourcePosition) -> ReplayError {
        ReplayError(code, at: position, message)
    }

    /// Runs a value operation, giving its error the position.
    func lift<T>(at position: SourcePosition, _ body: () throws(ValueError) -> T) throws(ReplayError) -> T {
        do {
            return try body()
        } catch {
            throw ReplayError(error.code, at: position, error.message)
        }
    }

    func run(_ statements: [ReplayStatement]) async throws(ReplayError) {
        for statement in statements { try await execute(statement) }
    }

    func execute(_ statement: ReplayStatement) async throws(ReplayError) {
        try spend(1, "another statement (an endless loop?)", at: statement.position)
        switch statement.kind {
        case .identity(let name):
            identityName = name
            caller = ReplayIdentity.principal(named: name)
            try bind(name, .principal(caller), at: statement.position)
            observer?.observe(.identity(name: name, principal: caller))
        case .importCanister(let name, let canister):
            try bind(name, .principal(canister), at: statement.position)
            observer?.observe(.importCanister(name: name, canister: canister))
        case .bind(let name, let expression):
            try bind(name, try await evaluate(expression), at: statement.position)
        case .show(let expression):
            try bind("_", try await evaluate(expression), at: statement.position)
        case .assert(let op, let leftExpression, let rightExpression):
            let left = try await evaluate(leftExpression)
            let right = try await evaluate(rightExpression)
            _ = try measure(left, "comparing values", at: statement.position)
            _ = try measure(right, "comparing values", at: statement.position)
            let holds: Bool
            switch op {
            case .equal: holds = left == right
            case .matches: holds = left.matches(right)
            case .notEqual: holds = left != right
            }
            if holds {
                passed += 1
            } else {
                failed += 1
                failures.append(ReplayAssertionFailure(
                    position: statement.position,
                    op: op,
                    left: left.text(.message),
                    right: right.text(.message),
                    callers: callers,
                    callsBefore: calls
                ))
            }
        case .function(let name, let parameters, let body):
            scope.define(name, FunctionDefinition(parameters: parameters, body: body))
        case .branch(let condition, let then, let otherwise):
            if try await self.condition(condition, "if") {
                try await run(then)
            } else {
                try await run(otherwise)
            }
        case .loop(let condition, let body):
            while try await self.condition(condition, "while") {
                try spend(1, "another loop iteration (an endless loop?)", at: statement.position)
                try await run(body)
            }
        case .load(let path):
            try await load(path, at: statement.position)
        }
    }

    /// A condition must be a bool.
    func condition(_ expression: ReplayExpression, _ what: String) async throws(ReplayError) -> Bool {
        let value = try await evaluate(expression)
        guard case .bool(let b) = value else {
            throw error(.typeMismatch, "the \(what) condition is a \(value.kindName) value, not a bool",
                        at: expression.position)
        }
        return b
    }

    /// Runs another script file in the current scope.
    func load(_ path: String, at position: SourcePosition) async throws(ReplayError) {
        guard loadDepth < options.maximumLoadDepth else {
            throw error(.limit, "load nested deeper than \(options.maximumLoadDepth) files (a load loop?)",
                        at: position)
        }
        let resolved = ReplayOptions.resolve(path, relativeTo: currentFile)
        let bytes = try readFile(resolved, at: position)
        guard let source = String(validating: bytes, as: UTF8.self) else {
            throw error(.file, "\(resolved) is not UTF-8 text", at: position)
        }
        try await inFrame(ReplayFrame(.load(resolved), at: position)) { () async throws(ReplayError) in
            let script = try ReplayParser.parse(source, file: resolved)
            let savedFile = currentFile
            currentFile = resolved
            loadDepth += 1
            defer {
                currentFile = savedFile
                loadDepth -= 1
            }
            try await run(script.statements)
        }
    }

    /// Runs `body` inside `frame`: an error that escapes it gets the frame as its next caller (the
    /// frames it already names are further in).
    func inFrame<T>(_ frame: ReplayFrame, _ body: () async throws(ReplayError) -> T) async throws(ReplayError)
        -> T
    {
        frames.append(frame)
        defer { frames.removeLast() }
        do {
            return try await body()
        } catch {
            var error = error
            error.callers.append(frame)
            throw error
        }
    }

    func readFile(_ path: String, at position: SourcePosition) throws(ReplayError) -> [UInt8] {
        do {
            return try options.readFile(path)
        } catch {
            throw self.error(.file, "cannot read \(path): \(error)", at: position)
        }
    }

    /// Calls a script function: arguments bound in a new frame over the caller's scope; returns its `_`.
    func callFunction(_ name: String, _ arguments: [ReplayValue], at position: SourcePosition) async throws(ReplayError)
        -> ReplayValue
    {
        try spend(1, "calling \(name)", at: position)
        guard let function = scope.function(name) else {
            throw error(.undefined, "unknown function \(name)", at: position)
        }
        guard function.parameters.count == arguments.count else {
            throw error(.typeMismatch, "\(name) takes \(function.parameters.count) arguments, got \(arguments.count)",
                        at: position)
        }
        guard callDepth < options.maximumCallDepth else {
            throw error(.limit, "function calls nested deeper than \(options.maximumCallDepth)", at: position)
        }
        scope.push()
        callDepth += 1
        defer {
            callDepth -= 1
            scope.pop()
        }
        for (parameter, argument) in zip(function.parameters, arguments) {
            try bind(parameter, argument, at: position)
        }
        try await inFrame(ReplayFrame(.function(name), at: position)) { () async throws(ReplayError) in
            try await run(function.body)
        }
        return scope.variable("_") ?? .null
    }
}
