// Sources/Candid/Text/CandidAnnotator.swift - typing textual values at expected types

/// Types ``RawValue``s, following the reference implementation's text annotation
/// (`annotate_type` with `from_parser = true`):
///
/// - anything at `reserved` is `reserved`;
/// - numbers take the expected numeric type, with a range check (`-1` at `nat` fails); a float literal
///   is `float32` or `float64` as expected; an integer literal is not a float;
/// - `null` (or a typed empty `opt`, or `reserved`) at `opt T` is the empty `opt`; `opt v` at `opt T` is
///   `opt` of v at T; any other value at `opt T` fails (no special opt rule in text);
/// - `blob "..."` and `vec { 1; 2 }` at `vec nat8` are `.blob`;
/// - records take the expected fields in id order; a missing field of type null, opt or reserved is
///   filled in, any other missing field fails; fields the type lacks are dropped;
/// - a variant's case must exist in the type;
/// - an already typed value keeps its type, except that `nat` widens to `int`.
struct CandidAnnotator {
    let environment: CandidTypeEnvironment
    let source: [UInt8]

    init(parser: CandidParser) {
        self.environment = parser.environment
        self.source = parser.source
    }

    /// The values at the argument types; missing trailing arguments of type null, opt or reserved are
    /// filled in. More values than types is an error.
    func annotateArguments(_ values: [RawValue], at types: [CandidType], endOffset: Int) throws(CandidError) -> [CandidValue] {
        guard values.count <= types.count else {
            throw error(at: values[types.count].offset, "expected \(types.count) arguments, found \(values.count)")
        }
        var result: [CandidValue] = []
        for (value, type) in zip(values, types) { result.append(try annotate(value, at: type)) }
        for (index, type) in types.enumerated().dropFirst(values.count) {
            guard let filled = try omittedValue(at: type) else {
                throw error(at: endOffset, "argument \(index + 1) of type \(type) is missing")
            }
            result.append(filled)
        }
        return result
    }

    /// The value of an omitted field or argument: null, an empty opt, or reserved; `nil` otherwise.
    func omittedValue(at type: CandidType) throws(CandidError) -> CandidValue? {
        switch try environment.resolve(type) {
        case .null: return .null
        case .opt: return .opt(nil)
        case .reserved: return .reserved
        default: return nil
        }
    }

    func annotate(_ raw: RawValue, at type: CandidType) throws(CandidError) -> CandidValue {
        let expected = try environment.resolve(type)
        switch (raw.kind, expected) {
        case (_, .reserved):
            return .reserved
        case (.float(_, let literal?), .float32):
            guard let value = Float(literal) else { throw mismatch(raw, type) }
            return .float32(value)
        case (.float(let value, nil), .float32):
            return .float32(Float(value))
        case (.float(let value, _), .float64):
            return .float64(value)
        case (.null, .null):
            return .null
        case (.bool(let value), .bool):
            return .bool(value)
        case (.text(let text), .text):
            return .text(text)
        case (.null, .opt), (.typed(.reserved), .opt), (.typed(.opt(nil)), .opt):
            return .opt(nil)
        case (.opt(let inner), .opt(let innerType)):
            return .opt(try annotate(inner, at: innerType))
        case (.blob(let bytes), .vec(let element)) where try isNat8(element):
            return .blob(bytes)
        case (.vec(let items), .vec(let element)) where try isNat8(element):
            return .blob(try items.map(byte))
        case (.vec(let items), .vec(let element)):
            return .vec(try items.map { (item) throws(CandidError) in try annotate(item, at: element) })
        case (.record(let fields), .record(let expectedFields)):
            return .record(try annotateRecord(fields, at: expectedFields, offset: raw.offset))
        case (.variant(let label, let inner), .variant(let cases)):
            guard let match = cases.first(where: { $0.label.id == label.id }) else {
                throw error(at: raw.offset, "variant case \(CandidTextSyntax.label(label)) is not in the type \(type)")
            }
            return .variant(match.label, try annotate(inner, at: match.type))
        case (.principal(let principal), .principal):
            return .principal(principal)
        case (.service(let principal), .service):
            return .service(principal)
        case (.function(let principal, let method), .function):
            return .function(principal, method: method)
        case (.number(let number), _):
            return try annotateNumber(number, raw: raw, at: expected, named: type)
        case (.typed(let value), _):
            return try annotateTyped(value, raw: raw, at: expected, named: type)
        default:
            throw mismatch(raw, type)
        }
    }

    private func isNat8(_ element: CandidType) throws(CandidError) -> Bool {
        try environment.resolve(element) == .nat8
    }

    /// An element of a `vec` typed as `vec nat8`.
    private func byte(_ raw: RawValue) throws(CandidError) -> UInt8 {
        switch raw.kind {
        case .number(let number):
            guard let byte = number.exactly(UInt8.self) else {
                throw error(at: raw.offset, "\(number) is out of range for nat8")
            }
            return byte
        case .typed(.nat8(let byte)):
            return byte
        default:
            throw mismatch(raw, .nat8)
        }
    }

    private func annotateRecord(_ fields: [RawField], at expected: [CandidField], offset: Int) throws(CandidError)
        -> [CandidRecordField]
    {
        var byID: [UInt32: RawValue] = [:]
        for field in fields { byID[field.label.id] = field.value }
        var result: [CandidRecordField] = []
        for field in expected {
            if let value = byID[field.label.id] {
                result.append(CandidRecordField(field.label, try annotate(value, at: field.type)))
            } else if let filled = try omittedValue(at: field.type) {
                result.append(CandidRecordField(field.label, filled))
            } else {
                throw error(
                    at: offset, "record field \(CandidTextSyntax.label(field.label)) of type \(field.type) is missing")
            }
        }
        return result
    }

    private func annotateNumber(_ number: BigInt, raw: RawValue, at expected: CandidType, named type: CandidType)
        throws(CandidError) -> CandidValue
    {
        func fit<T: FixedWidthInteger>(_: T.Type, _ make: (T) -> CandidValue) throws(CandidError) -> CandidValue {
            guard let value = number.exactly(T.self) else {
                throw error(at: raw.offset, "\(number) is out of range for \(type)")
            }
            return make(value)
        }
        switch expected {
        case .nat:
            guard !number.isNegative else { throw error(at: raw.offset, "\(number) is negative, not a nat") }
            return .nat(number)
        case .int: return .int(number)
        case .nat8: return try fit(UInt8.self, CandidValue.nat8)
        case .nat16: return try fit(UInt16.self, CandidValue.nat16)
        case .nat32: return try fit(UInt32.self, CandidValue.nat32)
        case .nat64: return try fit(UInt64.self, CandidValue.nat64)
        case .int8: return try fit(Int8.self, CandidValue.int8)
        case .int16: return try fit(Int16.self, CandidValue.int16)
        case .int32: return try fit(Int32.self, CandidValue.int32)
        case .int64: return try fit(Int64.self, CandidValue.int64)
        case .float32, .float64:
            throw error(
                at: raw.offset, "type mismatch: \(number) is an integer literal, not a \(expected) (write \(number).0)")
        default: throw mismatch(raw, type)
        }
    }

    /// A value typed by an inner annotation keeps its type; `nat` widens to `int`.
    private func annotateTyped(_ value: CandidValue, raw: RawValue, at expected: CandidType, named type: CandidType)
        throws(CandidError) -> CandidValue
    {
        switch (value, expected) {
        case (.nat, .nat), (.int, .int), (.nat8, .nat8), (.nat16, .nat16), (.nat32, .nat32), (.nat64, .nat64),
            (.int8, .int8), (.int16, .int16), (.int32, .int32), (.int64, .int64), (.float32, .float32):
            return value
        case (.nat(let number), .int):
            return .int(number)
        default:
            throw mismatch(raw, type)
        }
    }

    // MARK: Errors

    func error(at offset: Int, _ message: String) -> CandidError {
        CandidLexer.error(.invalidText, at: offset, in: source, message)
    }

    private func mismatch(_ raw: RawValue, _ type: CandidType) -> CandidError {
        error(at: raw.offset, "type mismatch: expected \(type), found \(Self.describe(raw))")
    }

    static func describe(_ raw: RawValue) -> String {
        switch raw.kind {
        case .number(let number): return "the number \(number)"
        case .float(let value, _): return "the float \(value)"
        case .bool(let value): return "\(value)"
        case .null: return "null"
        case .text: return "a text"
        case .blob: return "a blob"
        case .opt: return "an opt value"
        case .vec: return "a vec"
        case .record: return "a record"
        case .variant: return "a variant"
        case .principal: return "a principal"
        case .service: return "a service reference"
        case .function: return "a func reference"
        case .typed(let value): return "a value of type \(CandidValuePrinter.typeName(of: value))"
        }
    }
}
