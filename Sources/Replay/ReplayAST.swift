// Sources/Replay/ReplayAST.swift - the parsed form of a script

public import Candid

/// A parsed script: its statements in order.
public struct ReplayScript: Sendable {
    /// The top-level statements in source order.
    public var statements: [ReplayStatement]
    /// The file name positions refer to.
    public var file: String
}

/// One statement (ic-repl calls them commands), with the position of its first token.
public struct ReplayStatement: Sendable {
    /// What the statement does.
    public enum Kind: Sendable {
        /// `identity alice;` (a PEM path or HSM record after the name is accepted and ignored).
        case identity(String)
        /// `import backend = "<principal>" (as "file.did")?;` (the `.did` path is ignored).
        case importCanister(name: String, canister: Principal)
        /// `let x = e;`
        case bind(String, ReplayExpression)
        /// An expression on its own: evaluated and bound to `_`.
        case show(ReplayExpression)
        /// `assert a == b;`, `~=`, `!=`.
        case assert(ReplayAssertOperator, ReplayExpression, ReplayExpression)
        /// `function f(x, y) { ... }`
        case function(name: String, parameters: [String], body: [ReplayStatement])
        /// `if c { ... } else { ... }` (the else branch may be omitted).
        case branch(condition: ReplayExpression, then: [ReplayStatement], otherwise: [ReplayStatement])
        /// `while c { ... }`
        case loop(condition: ReplayExpression, body: [ReplayStatement])
        /// `load "other.repl";`
        case load(String)
    }

    /// What the statement does.
    public var kind: Kind
    /// Where its first token is.
    public var position: SourcePosition
}

/// `==`, `~=`, `!=`.
public enum ReplayAssertOperator: String, Sendable {
    case equal = "=="
    case matches = "~="
    case notEqual = "!="
}

/// `canister.method`, where the canister is a variable or a principal text.
public struct ReplayMethodReference: Sendable {
    /// How the canister is named.
    public enum Canister: Sendable, Equatable {
        case variable(String)
        case text(String)
    }
    /// The canister: a variable or a principal text.
    public var canister: Canister
    /// The method name.
    public var method: String
    /// Where the reference starts.
    public var position: SourcePosition

    /// How the script wrote it, for messages.
    var display: String {
        switch canister {
        case .variable(let name): return "\(name).\(method)"
        case .text(let text): return "\"\(text)\".\(method)"
        }
    }
}

/// One step of a path after a variable: `?`, `.name`, `[e]`, `.map(f)`, `.filter(f)`, `.fold(e, f)`, `.size()`.
public enum ReplaySelector: Sendable {
    case option
    case field(CandidLabel)
    case index(ReplayExpression)
    case map(String)
    case filter(String)
    case fold(ReplayExpression, String)
    case size
}

/// An expression with the position of its first token.
public struct ReplayExpression: Sendable {
    /// What the expression computes.
    public indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        /// An integer literal, decimal digits with an optional `-`.
        case number(String)
        case float(Double)
        case text(String)
        case blob([UInt8])
        case opt(ReplayExpression)
        case vec([ReplayExpression])
        case record([(CandidLabel, ReplayExpression)])
        case variant(CandidLabel, ReplayExpression)
        case principal(Principal)
        case service(Principal)
        case function(Principal, String)
        /// `(e : T)`
        case annotated(ReplayExpression, CandidType)
        /// A variable (or `_`) followed by selectors.
        case path(String, [ReplaySelector])
        /// `call c.m(args)`
        case call(ReplayMethodReference, [ReplayExpression])
        /// `par_call [c.m(args), ...]`
        case parallelCall([(ReplayMethodReference, [ReplayExpression])])
        /// `f(args)`: a script function or an ic-repl builtin.
        case apply(String, [ReplayExpression])
        /// `sim.name(args)`: a simulator builtin.
        case simulator(String, [ReplayExpression])
        /// `fail e`
        case fail(ReplayExpression)
        /// `encode c.m(args)` or `encode (args)`
        case encode(ReplayMethodReference?, [ReplayExpression])
        /// `decode (as c.m)? e`
        case decode(ReplayMethodReference?, ReplayExpression)
    }

    /// What the expression computes.
    public var kind: Kind
    /// Where its first token is.
    public var position: SourcePosition
}
