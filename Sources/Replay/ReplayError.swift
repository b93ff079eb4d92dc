// Sources/Replay/ReplayError.swift - where a script went wrong, and why

/// A place in a script: the file as given to the runner, and a 1-based line and column.
///
/// Columns count Unicode scalars, so a tab or a multi-byte character is one column.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The script's path as the runner was given it (or the path of a `load`ed file).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    /// A position in `file`, 1-based.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// Where a running statement was reached from: a script function's call, or a `load`.
///
/// Errors, failed assertions, calls and upgrades inside a function or a loaded file carry the frames that
/// led to them, innermost first, so a message names the line of the calling script too.
public struct ReplayFrame: Hashable, Sendable, CustomStringConvertible {
    /// What was entered.
    public enum Kind: Hashable, Sendable {
        /// The script function of that name.
        case function(String)
        /// The file `load` ran (the path as resolved).
        case load(String)
    }

    /// What was entered.
    public var kind: Kind
    /// Where the call or the `load` statement is.
    public var position: SourcePosition

    /// A frame.
    public init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind
        self.position = position
    }

    /// `in put_all, called from main.repl:20:1` or `in lib/upload.repl, loaded from main.repl:7:1`.
    public var description: String {
        switch kind {
        case .function(let name): "in \(name), called from \(position)"
        case .load(let file): "in \(file), loaded from \(position)"
        }
    }

    /// ` (in f, called from a.repl:3:1; in g, called from a.repl:9:1)`, or nothing for no frames: what
    /// messages append to a position inside a function or a loaded file.
    public static func suffix(_ frames: [ReplayFrame]) -> String {
        frames.isEmpty ? "" : " (" + frames.map(\.description).joined(separator: "; ") + ")"
    }
}

/// An error that stops a script: it does not parse, or a statement cannot run.
///
/// Assertion failures are not errors: they are counted in ``ReplayResult`` and the script goes on.
/// Equality compares only the code.
public struct ReplayError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure. Open set: new codes are not a breaking change.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: String, Hashable, Sendable {
            case syntax, undefined, typeMismatch, reject, candid, unknownMethod, file, builtin, limit
            case host, unsupported
        }
        fileprivate let backing: Backing
        public var description: String { backing.rawValue }

        /// The script does not parse.
        public static let syntax = Code(backing: .syntax)
        /// A variable, function, canister or builtin is not defined.
        public static let undefined = Code(backing: .undefined)
        /// A value does not have the shape or type an operation needs.
        public static let typeMismatch = Code(backing: .typeMismatch)
        /// A call (or an upgrade) was rejected by the canister or the replica.
        public static let reject = Code(backing: .reject)
        /// Arguments did not encode, or a reply did not decode, at the method's Candid types.
        public static let candid = Code(backing: .candid)
        /// The canister has no method of that name.
        public static let unknownMethod = Code(backing: .unknownMethod)
        /// A file could not be read.
        public static let file = Code(backing: .file)
        /// A builtin was given bad arguments or failed.
        public static let builtin = Code(backing: .builtin)
        /// A limit was reached: the run budget (see ``ReplayError/budget``), recursion depth, `load` nesting,
        /// blob size.
        public static let limit = Code(backing: .limit)
        /// The host failed an operation (time, tick, interface lookup).
        public static let host = Code(backing: .host)
        /// A construct of ic-repl this interpreter does not support (`config`, `call as`, ...).
        public static let unsupported = Code(backing: .unsupported)
    }

    /// What kind of failure.
    public let code: Code
    /// Where it happened.
    public var position: SourcePosition
    /// What was wrong, in words.
    public var message: String
    /// When ``position`` is inside a script function or a `load`ed file: how the script got there,
    /// innermost first (the last frame names a line of the script that was run).
    public var callers: [ReplayFrame]
    /// For a `limit` error of the run budget: the part that would have been overspent.
    public var budget: ReplayBudget.Resource?

    /// An error of `code` at `position`.
    public init(
        _ code: Code,
        at position: SourcePosition,
        _ message: String,
        callers: [ReplayFrame] = [],
        budget: ReplayBudget.Resource? = nil
    ) {
        self.code = code
        self.position = position
        self.message = message
        self.callers = callers
        self.budget = budget
    }

    /// `file:line:column: code: message`, then the ``callers`` in parentheses if there are any:
    /// `lib.repl:4:3: reject: ... (in put_all, called from main.repl:20:1)`.
    public var description: String { "\(position): \(code): \(message)" + ReplayFrame.suffix(callers) }

    public static func == (lhs: ReplayError, rhs: ReplayError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
