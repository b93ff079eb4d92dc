// Sources/Candid/Candid+Text.swift - textual entry points: parsing and printing argument tuples

extension Candid {
    /// Parses a textual argument tuple such as `(42 : nat, record { a = "x" })`, typed at `types` when given.
    ///
    /// Untyped (`types` is `nil`), an integer literal is an `int`, a float literal a `float64`,
    /// `null` the null value, `vec { ... }` a `vec` and `blob "..."` a `.blob`; annotations `(v : T)`
    /// give other types. Typed, each value is annotated at its type (see the documentation of the text
    /// format): numbers take the expected numeric type with a range check, record fields are matched by
    /// id (missing null/opt/reserved fields filled in, extra fields dropped), `vec nat8` values become
    /// `.blob`, and missing trailing arguments of type null, opt or reserved are filled in.
    ///
    /// - Parameters:
    ///   - text: The arguments, in parentheses.
    ///   - types: The expected argument types, or `nil` to keep the literal types.
    ///   - environment: Definitions for names in `types` and in annotations.
    /// - Throws: `CandidError.Code.invalidText` with the line and column of the problem and what was
    ///   expected; `.invalidPrincipal` (with the position) for a bad principal; `.unknownType` for an
    ///   undefined name; `.depthExceeded` past 256 levels of nesting.
    public static func parseArguments(
        _ text: String,
        as types: [CandidType]? = nil,
        in environment: CandidTypeEnvironment = .init()
    ) throws(CandidError) -> [CandidValue] {
        var parser = try CandidParser(text, errorCode: .invalidText, environment: environment)
        let raw = try parser.parseArgumentsToEnd()
        guard let types else { return raw.map(untyped) }
        for type in types { try environment.checkReferences(in: type) }
        let annotator = CandidAnnotator(parser: parser)
        return try annotator.annotateArguments(raw, at: types, endOffset: parser.current.offset)
    }

    /// Parses one textual value, such as `record { a = 1 }`, typed at `type` when given.
    ///
    /// - Throws: as ``parseArguments(_:as:in:)``.
    public static func parseValue(
        _ text: String,
        as type: CandidType? = nil,
        in environment: CandidTypeEnvironment = .init()
    ) throws(CandidError) -> CandidValue {
        var parser = try CandidParser(text, errorCode: .invalidText, environment: environment)
        let raw = try parser.parseAnnotatedValue()
        guard parser.kind == .end else { throw parser.unexpected(expected: "end of input") }
        guard let type else { return untyped(raw) }
        try environment.checkReferences(in: type)
        return try CandidAnnotator(parser: parser).annotate(raw, at: type)
    }

    /// Prints an argument tuple as Candid text: `(42 : nat, record { a = "x" })`.
    ///
    /// Parsing the result untyped gives back exactly `values`; the rule is on ``CandidValue/text``.
    public static func printArguments(_ values: [CandidValue]) -> String {
        "(" + values.map(\.text).joined(separator: ", ") + ")"
    }

    /// The value of an untyped literal: numbers are `int`, floats `float64`.
    private static func untyped(_ raw: RawValue) -> CandidValue {
        switch raw.kind {
        case .number(let number): return .int(number)
        case .float(let value, _): return .float64(value)
        case .bool(let value): return .bool(value)
        case .null: return .null
        case .text(let text): return .text(text)
        case .blob(let bytes): return .blob(bytes)
        case .opt(let inner): return .opt(untyped(inner))
        case .vec(let items): return .vec(items.map(untyped))
        case .record(let fields): return .record(fields.map { CandidRecordField($0.label, untyped($0.value)) })
        case .variant(let label, let inner): return .variant(label, untyped(inner))
        case .principal(let principal): return .principal(principal)
        case .service(let principal): return .service(principal)
        case .function(let principal, let method): return .function(principal, method: method)
        case .typed(let value): return value
        }
    }
}
