// Sources/Replay/ReplayValue+Matching.swift - `~=`: equality up to Candid subtyping

import Candid

extension ReplayValue {
    /// Whether `self ~= pattern` holds.
    ///
    /// Two texts match when `self` contains `pattern`. Otherwise the pattern is compared structurally,
    /// the way a value of the pattern's (super)type would see `self`: a record pattern may omit fields,
    /// numbers compare by value whatever their types (`(3 : nat64) ~= 3`), `null` matches an absent
    /// option, `reserved` matches anything, and `principal`, `service` and `func` match on the principal.
    public func matches(_ pattern: ReplayValue) -> Bool {
        if case .text(let text) = self, case .text(let part) = pattern {
            return part.isEmpty || text.contains(part)
        }
        return structurallyMatches(pattern)
    }

    private func structurallyMatches(_ pattern: ReplayValue) -> Bool {
        switch (self, pattern) {
        case (_, .reserved): return true
        case let (.record(fields), .record(patternFields)):
            return patternFields.allSatisfy { wanted in
                guard let field = fields.first(where: { $0.label.id == wanted.label.id }) else {
                    return wanted.value == .null || wanted.value == .opt(nil)
                }
                return field.value.structurallyMatches(wanted.value)
            }
        case let (.variant(label, inner), .variant(patternLabel, patternInner)):
            return label == patternLabel && inner.structurallyMatches(patternInner)
        case (.opt(nil), .null), (.null, .opt(nil)): return true
        case let (.opt(.some(inner)), .opt(.some(patternInner))): return inner.structurallyMatches(patternInner)
        case let (.vec(items), .vec(patternItems)):
            guard items.count == patternItems.count else { return false }
            return zip(items, patternItems).allSatisfy { $0.structurallyMatches($1) }
        case let (.principal(p), .service(q)), let (.service(p), .principal(q)),
            let (.function(p, _), .principal(q)), let (.function(p, _), .service(q)):
            return p == q
        default:
            if isNumber, pattern.isNumber { return Self.compareNumbers(self, pattern) == 0 }
            return self == pattern
        }
    }

    /// Compares two numbers by value: -1, 0 or 1, or `nil` when one is not a number (or is NaN).
    static func compareNumbers(_ lhs: ReplayValue, _ rhs: ReplayValue) -> Int? {
        if lhs.isFloat || rhs.isFloat {
            guard let a = lhs.numericDouble, let b = rhs.numericDouble, !a.isNaN, !b.isNaN else { return nil }
            return a < b ? -1 : (a > b ? 1 : 0)
        }
        guard let a = try? lhs.integerDigits(truncating: false), let b = try? rhs.integerDigits(truncating: false)
        else { return nil }
        if a.contains("x") || b.contains("x") {
            guard let x = bigInteger(a), let y = bigInteger(b) else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        return compareDecimal(a, b)
    }

    /// Compares decimal integers of any size given as text with an optional `-`.
    static func compareDecimal(_ a: String, _ b: String) -> Int {
        let (negativeA, digitsA) = canonical(a)
        let (negativeB, digitsB) = canonical(b)
        if negativeA != negativeB { return negativeA ? -1 : 1 }
        var order: Int
        if digitsA.count != digitsB.count {
            order = digitsA.count < digitsB.count ? -1 : 1
        } else {
            order = digitsA == digitsB ? 0 : (digitsA.lexicographicallyPrecedes(digitsB) ? -1 : 1)
        }
        return negativeA ? -order : order
    }

    /// Sign and digits without leading zeros or a leading `+`; zero is never negative.
    private static func canonical(_ text: String) -> (negative: Bool, digits: Substring) {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" || digits.first == "+" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        while digits.count > 1, digits.first == "0" { digits = digits.dropFirst() }
        if digits == "0" { negative = false }
        return (negative, digits)
    }
}
