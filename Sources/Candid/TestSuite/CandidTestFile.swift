// Sources/Candid/TestSuite/CandidTestFile.swift - the conformance suite's .test.did format

/// A parsed `.test.did` conformance file: type definitions, then assertions.
///
/// ```
/// type Opt = opt Opt;
/// assert blob "DIDL\00\01\7c\ff\00" == "(127)" : (int) "int: leb not overlong when signed";
/// assert "(\"\\u{26_03}\")" == "(\"☃\")" : (text) "text: Unicode escape with underscore";
/// ```
public struct CandidTestFile: Hashable, Sendable {
    /// The file's `type X = ...;` definitions.
    public var environment: CandidTypeEnvironment
    /// The assertions in file order.
    public var assertions: [Assertion]

    /// A test file with these definitions and assertions.
    public init(environment: CandidTypeEnvironment = .init(), assertions: [Assertion] = []) {
        self.environment = environment
        self.assertions = assertions
    }

    /// One side of an assertion.
    public enum Input: Hashable, Sendable {
        /// Candid text, after the file's string unescaping: `"(\"\\u{2603}\")"` in the file is the
        /// text `("\u{2603}")`, whose Candid parse is the text `☃`.
        case text(String)
        /// A binary message: `blob "DIDL\00..."` with each `\XX` decoded to one byte.
        case blob([UInt8])
    }

    /// One `assert ...;` statement.
    public struct Assertion: Hashable, Sendable {
        /// What the assertion claims.
        public enum Kind: Hashable, Sendable {
            /// `assert <input> : (<types>)`: the input decodes (or parses) at the types.
            case decodes
            /// `assert <input> !: (<types>)`: the input must fail at the types.
            case fails
            /// `assert <input> == <input> : (<types>)`: both succeed and the values are equal.
            case equal
            /// `assert <input> != <input> : (<types>)`: both succeed and the values differ.
            case notEqual
        }

        /// The line of the `assert` keyword (from 1).
        public var line: Int
        /// What the assertion claims.
        public var kind: Kind
        /// The first (or only) input.
        public var left: Input
        /// The second input of `==` and `!=`.
        public var right: Input?
        /// The argument types the inputs are decoded or parsed at.
        public var types: [CandidType]
        /// The optional description string at the end.
        public var description: String?

        /// An assertion as the file states it.
        public init(
            line: Int, kind: Kind, left: Input, right: Input? = nil, types: [CandidType], description: String? = nil
        ) {
            self.line = line
            self.kind = kind
            self.left = left
            self.right = right
            self.types = types
            self.description = description
        }
    }

    /// Parses a `.test.did` file: `<def>;* <test>;*` where a test is one of
    /// `assert <input> : (<types>) <desc>?`, `assert <input> !: ...`, `assert <input> == <input> : ...`,
    /// `assert <input> != <input> : ...`, and an input is `"<text>"` or `blob "<bytes>"`.
    ///
    /// - Throws: `CandidError.Code.syntax` with the line and column, `.unsupported` for `import`,
    ///   `.unknownType` for an undefined type name.
    public static func parse(_ text: String) throws(CandidError) -> CandidTestFile {
        var parser = try CandidParser(text, errorCode: .syntax)
        let (environment, _, _) = try parser.parseDefinitions()
        try environment.validate()
        var assertions: [Assertion] = []
        while parser.kind != .end {
            let assertion = try parser.parseAssertion()
            for type in assertion.types { try environment.checkReferences(in: type) }
            assertions.append(assertion)
            guard parser.accept(.semicolon) else { break }
        }
        guard parser.kind == .end else { throw parser.unexpected(expected: "';' or end of input") }
        return CandidTestFile(environment: environment, assertions: assertions)
    }
}

extension CandidParser {
    fileprivate mutating func parseAssertion() throws(CandidError) -> CandidTestFile.Assertion {
        let line = CandidLexer.position(of: current.offset, in: source).line
        try expectWord("assert")
        let left = try parseTestInput()
        var right: CandidTestFile.Input?
        let kind: CandidTestFile.Assertion.Kind
        switch self.kind {
        case .colon: kind = .decodes
        case .notColon: kind = .fails
        case .equalEqual: kind = .equal
        case .notEqual: kind = .notEqual
        default: throw unexpected(expected: "':', '!:', '==' or '!='")
        }
        advance()
        if kind == .equal || kind == .notEqual {
            right = try parseTestInput()
            try expect(.colon, "':'")
        }
        let types = try parseTupleType()
        var description: String?
        if case .string(let bytes) = self.kind {
            description = try utf8Text(bytes, at: current.offset, what: "the description")
            advance()
        }
        return CandidTestFile.Assertion(
            line: line, kind: kind, left: left, right: right, types: types, description: description)
    }

    private mutating func parseTestInput() throws(CandidError) -> CandidTestFile.Input {
        let isBlob = isWord("blob")
        if isBlob { advance() }
        guard case .string(let bytes) = kind else { throw unexpected(expected: "a string or blob input") }
        let offset = current.offset
        advance()
        return isBlob ? .blob(bytes) : .text(try utf8Text(bytes, at: offset, what: "a text input"))
    }
}
