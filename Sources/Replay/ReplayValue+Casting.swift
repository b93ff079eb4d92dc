// Sources/Replay/ReplayValue+Casting.swift - `(v : T)` annotations and number conversions

import Candid

extension ReplayValue {
    /// The value annotated with `(v : T)`, with ic-repl's permissive casts.
    ///
    /// Any number converts to any numeric type (a float's integer part for integer types, range-checked);
    /// `text` and `blob` convert both ways (blob to text must be UTF-8); `principal`, `service` and
    /// `func` convert among each other; `null` is the absent option at `opt T`. Records and variants
    /// are typed as method arguments are (see ``typed(as:in:)``); named types are not known here.
    func cast(to type: CandidType) throws(ValueError) -> ReplayValue {
        func mismatch() -> ValueError {
            ValueError("cannot annotate a \(kindName) value as \(type.description)")
        }
        switch (self, type) {
        case (_, .reserved): return .reserved
        case (_, .named(let name)):
            throw ValueError("named type \(name) cannot be used in an annotation", code: .undefined)
        case (.null, .null), (.bool, .bool), (.text, .text): return self
        case (.null, .opt), (.reserved, .opt), (.opt(nil), .opt): return .opt(nil)
        case (.opt(.some(let inner)), .opt(let innerType)): return .opt(try inner.cast(to: innerType))
        case (.vec(let items), .vec(let element)):
            var values: [ReplayValue] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try item.cast(to: element)) }
            if element == .nat8, let bytes = ReplayValue.vec(values).bytes { return .blob(bytes) }
            return .vec(values)
        case (.blob, .vec(.nat8)): return self
        case (.blob(let bytes, _), .vec(let element)):
            var values: [ReplayValue] = []
            values.reserveCapacity(bytes.count)
            for byte in bytes { values.append(try ReplayValue.nat8(byte).cast(to: element)) }
            return .vec(values)
        case (.blob(let bytes, _), .text):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw ValueError("the blob is not valid UTF-8 text")
            }
            return .text(text)
        case (.vec, .text):
            guard let bytes = self.bytes, let text = String(validating: bytes, as: UTF8.self) else {
                throw mismatch()
            }
            return .text(text)
        case (.text(let text), .vec(.nat8)): return .blob(Array(text.utf8))
        case (.principal(let p), .principal), (.service(let p), .principal), (.function(let p, _), .principal):
            return .principal(p)
        case (.principal(let p), .service), (.service(let p), .service), (.function(let p, _), .service):
            return .service(p)
        case (.function, .function): return self
        case (_, .record), (_, .variant): return try typed(as: type, in: CandidTypeEnvironment())
        case (_, _) where type.isNumeric:
            if type.isFloat {
                guard let double = numericDouble else { throw mismatch() }
                return type == .float32 ? .float32(Float(double)) : .float64(double)
            }
            guard let digits = try integerDigits(truncating: true) else { throw mismatch() }
            return try Self.integer(digits, as: type, path: [])
        default: throw mismatch()
        }
    }

    /// The decimal digits of an integer value (or of a float's integer part when `truncating`).
    /// - Returns: `nil` for values that are not numbers.
    func integerDigits(truncating: Bool) throws(ValueError) -> String? {
        switch self {
        case .number(let digits): return digits
        case .nat(let n), .int(let n): return n.description
        case .nat8(let n): return String(n)
        case .nat16(let n): return String(n)
        case .nat32(let n): return String(n)
        case .nat64(let n): return String(n)
        case .int8(let n): return String(n)
        case .int16(let n): return String(n)
        case .int32(let n): return String(n)
        case .int64(let n): return String(n)
        case .float32, .float64:
            guard truncating, let double = numericDouble else { return nil }
            let whole = double.rounded(.towardZero)
            guard let exact = Int128(exactly: whole) else {
                throw ValueError("\(double) has no integer part that fits 128 bits")
            }
            return String(exact)
        default: return nil
        }
    }

    /// The value as a `Double`, for numbers.
    var numericDouble: Double? {
        switch self {
        case .float32(let f): return Double(f)
        case .float64(let f): return f
        default:
            guard let digits = try? integerDigits(truncating: false) else { return nil }
            return Double(digits)
        }
    }

    /// The value as a 128-bit integer, for integer values that fit.
    func integer128() throws(ValueError) -> Int128 {
        guard let digits = try integerDigits(truncating: false) else {
            throw ValueError("expected an integer but got a \(kindName) value")
        }
        guard let value = Int128(digits) else {
            throw ValueError("\(digits) does not fit the 128-bit arithmetic of scripts", code: .limit)
        }
        return value
    }

    /// Floats or integers.
    var isNumber: Bool {
        switch self {
        case .number, .nat, .int, .nat8, .nat16, .nat32, .nat64, .int8, .int16, .int32, .int64, .float32, .float64:
            return true
        default: return false
        }
    }

    var isFloat: Bool {
        switch self {
        case .float32, .float64: return true
        default: return false
        }
    }
}
