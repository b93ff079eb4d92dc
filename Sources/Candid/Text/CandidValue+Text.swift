// Sources/Candid/Text/CandidValue+Text.swift - printing values as Candid text

extension CandidValue: CustomStringConvertible {
    /// The value in Candid text; see ``text``.
    public var description: String { text }

    /// The value in canonical Candid text, such that parsing it untyped gives back this exact value.
    ///
    /// The printing rule: a value whose kind the untyped parser would not infer carries an annotation.
    /// - `int` prints bare (`-5`), because an unannotated integer literal is an `int`; `float64` prints
    ///   bare with a `.` or exponent (`3.0`, `1e+100`, `nan`, `inf`), because an unannotated float literal
    ///   is a `float64`.
    /// - `nat` and the fixed-width numbers are annotated: `5 : nat`, `255 : nat8`, `-1 : int64`,
    ///   `3.5 : float32`.
    /// - `reserved` is `null : reserved`; an empty `opt` is `null : opt empty` (bare `null` is the null value).
    /// - Under `opt`, an annotated value is parenthesized: `opt (5 : nat)`.
    /// - `text` is quoted with `\"`, `\\`, `\n`, `\r`, `\t` and `\u{..}` for other control characters;
    ///   a `blob` is `blob "..."` with printable ASCII as is and other bytes as `\XX`.
    /// - Record fields print in id order, by name when the label has one (quoted if it is not an
    ///   identifier or is a keyword), else by number; fields numbered 0, 1, 2... without names print as a
    ///   tuple (`record { 42; true }`). A variant case with a `null` payload prints as `variant { Bar }`.
    /// - References: `principal "aaaaa-aa"`, `service "w7x7r-cok77-xa"`, `func "w7x7r-cok77-xa".method`.
    public var text: String {
        var out = ""
        CandidValuePrinter.print(self, into: &out)
        return out
    }
}

extension CandidRecordField: CustomStringConvertible {
    /// `label = value`.
    public var description: String {
        var out = CandidTextSyntax.label(label) + " = "
        CandidValuePrinter.print(value, into: &out)
        return out
    }
}

/// Writes values as Candid text (the rule is on ``CandidValue/text``).
enum CandidValuePrinter {
    static func print(_ value: CandidValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let bool): out += bool ? "true" : "false"
        case .int(let number): out += number.description
        case .nat(let number): out += "\(number) : nat"
        case .nat8(let number): out += "\(number) : nat8"
        case .nat16(let number): out += "\(number) : nat16"
        case .nat32(let number): out += "\(number) : nat32"
        case .nat64(let number): out += "\(number) : nat64"
        case .int8(let number): out += "\(number) : int8"
        case .int16(let number): out += "\(number) : int16"
        case .int32(let number): out += "\(number) : int32"
        case .int64(let number): out += "\(number) : int64"
        // Swift's shortest round-trip form always has a `.` or an exponent (`3.0`, `1e+16`), or is
        // `nan`, `-nan`, `inf`, `-inf` (Swift prints a NaN with its sign bit set as `nan`; we keep the sign).
        case .float32(let number): out += Self.floatLiteral(number) + " : float32"
        case .float64(let number): out += Self.floatLiteral(number)
        case .text(let text): out += CandidTextSyntax.quoted(text)
        case .reserved: out += "null : reserved"
        case .principal(let principal): out += "principal \"\(principal.text)\""
        case .service(let principal): out += "service \"\(principal.text)\""
        case .function(let principal, let method):
            out += "func \"\(principal.text)\"." + CandidTextSyntax.name(method)
        case .opt(nil): out += "null : opt empty"
        case .opt(let inner?):
            out += "opt "
            printAtom(inner, into: &out)
        case .blob(let bytes): out += "blob " + CandidTextSyntax.quotedBytes(bytes)
        case .vec(let items):
            out += "vec {"
            for (index, item) in items.enumerated() {
                out += index == 0 ? " " : "; "
                print(item, into: &out)
            }
            out += items.isEmpty ? "}" : " }"
        case .record(let fields):
            out += "record {"
            let isTuple = fields.enumerated().allSatisfy { $1.label.name == nil && $1.label.id == UInt32($0) }
            for (index, field) in fields.enumerated() {
                out += index == 0 ? " " : "; "
                if !isTuple { out += CandidTextSyntax.label(field.label) + " = " }
                print(field.value, into: &out)
            }
            out += fields.isEmpty ? "}" : " }"
        case .variant(let label, let inner):
            out += "variant { " + CandidTextSyntax.label(label)
            if inner != .null {
                out += " = "
                print(inner, into: &out)
            }
            out += " }"
        }
    }

    /// A value where only a bare value is allowed (after `opt`): annotated values get parentheses.
    private static func printAtom(_ value: CandidValue, into out: inout String) {
        var text = ""
        print(value, into: &text)
        if isAnnotated(value) {
            out += "(" + text + ")"
        } else {
            out += text
        }
    }

    private static func isAnnotated(_ value: CandidValue) -> Bool {
        switch value {
        case .nat, .nat8, .nat16, .nat32, .nat64, .int8, .int16, .int32, .int64, .float32, .reserved, .opt(nil):
            return true
        default:
            return false
        }
    }

    /// The Candid type keyword of a value's kind, for messages.
    static func typeName(of value: CandidValue) -> String { value.kindName }

    /// Swift's shortest round-trip text, except that a NaN keeps its sign: `-nan` parses back to the
    /// same sign bit, where Swift's `nan` would not. (A NaN payload has no text form in Candid.)
    static func floatLiteral<F: BinaryFloatingPoint & LosslessStringConvertible>(_ number: F) -> String {
        if number.isNaN { return number.sign == .minus ? "-nan" : "nan" }
        return number.description
    }
}
