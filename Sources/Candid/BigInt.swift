// Sources/Candid/BigInt.swift - arbitrary-precision integers for nat and int

/// A signed integer of any size, for Candid `nat` and `int`.
///
/// The value is a sign and a magnitude of little-endian 64-bit words. The representation is always
/// normalized: the magnitude has no trailing zero words, and zero is `[]` and never negative, so the
/// synthesized equality and hashing compare values.
public struct BigInt: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral,
    AdditiveArithmetic
{
    /// Whether the value is below zero. Never true for zero.
    public private(set) var isNegative: Bool
    /// The absolute value as little-endian 64-bit words, without trailing zero words (zero is `[]`).
    public private(set) var magnitude: [UInt64]

    /// A value from a sign and magnitude words (little-endian); trailing zero words are dropped and a
    /// zero magnitude is made non-negative.
    public init(isNegative: Bool, magnitude: [UInt64]) {
        var words = magnitude
        while words.last == 0 { words.removeLast() }
        self.magnitude = words
        self.isNegative = isNegative && !words.isEmpty
    }

    public init(integerLiteral value: Int64) {
        self.init(value)
    }

    /// The value of any binary integer.
    public init<T: BinaryInteger>(_ value: T) {
        var words: [UInt64] = []
        var current: UInt64 = 0
        var filled = 0
        for word in value.magnitude.words {
            current |= UInt64(word) << UInt64(filled)
            filled += UInt.bitWidth
            if filled >= 64 {
                words.append(current)
                current = 0
                filled = 0
            }
        }
        if filled > 0 { words.append(current) }
        self.init(isNegative: value < 0, magnitude: words)
    }

    /// The most decimal digits ``init(_:radix:)`` parses and ``description`` prints. Decimal conversion
    /// costs O(n²) here (a 100,000-digit number takes a few milliseconds each way; a 2-million-digit one,
    /// which fits in a 2 MiB message, would take minutes), so past this the text form is hexadecimal,
    /// which converts in O(n). CPython caps the same conversion at 4,300 digits for the same reason.
    public static let maximumDecimalDigits = 100_000

    /// Parses an integer in the given radix (2 to 36): an optional `+` or `-`, then a digit, then digits
    /// or underscores (`1_000_000`, as Candid's number literals allow). No prefix such as `0x`.
    ///
    /// A radix that is a power of two converts in O(n); others in O(n²), so they are refused past
    /// ``maximumDecimalDigits`` digits.
    ///
    /// - Returns: `nil` when the text is empty, has no digit first, has a character that is not a
    ///   digit of the radix, or has more than ``maximumDecimalDigits`` digits in a radix that is not a
    ///   power of two.
    public init?(_ text: String, radix: Int = 10) {
        precondition((2...36).contains(radix), "radix must be in 2...36")
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        guard let first = scalars.first, BigInt.digitValue(first, radix: radix) != nil else { return nil }
        if radix.nonzeroBitCount == 1 {
            guard let magnitude = Self.packedMagnitude(scalars, radix: radix) else { return nil }
            self.init(isNegative: negative, magnitude: magnitude)
            return
        }
        guard scalars.count <= Self.maximumDecimalDigits || Self.digitCount(scalars) <= Self.maximumDecimalDigits
        else { return nil }
        // Accumulate chunks of digits that fit in a UInt64, then multiply-add into the result.
        var result = BigInt.zero
        var chunk: UInt64 = 0
        var chunkScale: UInt64 = 1
        let r = UInt64(radix)
        for scalar in scalars {
            if scalar == "_" { continue }
            guard let digit = BigInt.digitValue(scalar, radix: radix) else { return nil }
            let (scaled, overflow) = chunkScale.multipliedReportingOverflow(by: r)
            if overflow {
                result.multiplyAdd(chunkScale, chunk)
                chunk = UInt64(digit)
                chunkScale = r
            } else {
                chunk = chunk * r + UInt64(digit)
                chunkScale = scaled
            }
        }
        result.multiplyAdd(chunkScale, chunk)
        self.init(isNegative: negative, magnitude: result.magnitude)
    }

    /// The digits of `scalars`, not counting underscores.
    private static func digitCount(_ scalars: Substring.UnicodeScalarView) -> Int {
        scalars.reduce(0) { $0 + ($1 == "_" ? 0 : 1) }
    }

    /// The magnitude of digits in a radix that is a power of two, packed bit by bit from the last digit:
    /// O(n). Nil when a character is not a digit of the radix.
    private static func packedMagnitude(_ scalars: Substring.UnicodeScalarView, radix: Int) -> [UInt64]? {
        let bitsPerDigit = radix.trailingZeroBitCount
        var words: [UInt64] = []
        words.reserveCapacity(scalars.count * bitsPerDigit / 64 + 1)
        var current: UInt64 = 0
        var filled = 0
        for scalar in scalars.reversed() {
            if scalar == "_" { continue }
            guard let digit = digitValue(scalar, radix: radix) else { return nil }
            current |= UInt64(digit) << UInt64(filled)
            filled += bitsPerDigit
            if filled >= 64 {
                words.append(current)
                filled -= 64
                // The digit's bits that did not fit start the next word.
                current = filled > 0 ? UInt64(digit) >> UInt64(bitsPerDigit - filled) : 0
            }
        }
        if filled > 0 { words.append(current) }
        return words
    }

    private static func digitValue(_ scalar: Unicode.Scalar, radix: Int) -> Int? {
        let value: Int
        switch scalar.value {
        case 0x30...0x39: value = Int(scalar.value - 0x30)
        case 0x61...0x7A: value = Int(scalar.value - 0x61 + 10)
        case 0x41...0x5A: value = Int(scalar.value - 0x41 + 10)
        default: return nil
        }
        return value < radix ? value : nil
    }

    /// Zero.
    public static var zero: BigInt { BigInt(isNegative: false, magnitude: []) }

    /// Whether the value is zero.
    public var isZero: Bool { magnitude.isEmpty }

    /// -1, 0 or 1.
    public var signum: Int { isZero ? 0 : (isNegative ? -1 : 1) }

    /// The number of significant bits of the magnitude (0 for zero; 1 for ±1; 65 for 2^64).
    public var bitWidth: Int {
        guard let last = magnitude.last else { return 0 }
        return (magnitude.count - 1) * 64 + (64 - last.leadingZeroBitCount)
    }

    /// The low 64 bits of the two's complement representation, like `UInt64(truncatingIfNeeded:)`.
    public var truncatedUInt64: UInt64 {
        let low = magnitude.first ?? 0
        return isNegative ? 0 &- low : low
    }

    /// The value as a fixed-width integer, or `nil` when it does not fit.
    public func exactly<T: FixedWidthInteger>(_ type: T.Type) -> T? {
        let limit = T.isSigned ? T.bitWidth - 1 : T.bitWidth
        if isNegative && !T.isSigned { return nil }
        if bitWidth > limit {
            // Only -2^(bitWidth-1) fits a signed type with a magnitude of bitWidth bits.
            guard T.isSigned, isNegative, bitWidth == T.bitWidth,
                magnitude.dropLast().allSatisfy({ $0 == 0 }),
                let last = magnitude.last, last.nonzeroBitCount == 1
            else { return nil }
        }
        var result: T = 0
        for (index, word) in magnitude.enumerated() {
            result |= T(truncatingIfNeeded: word) << (64 * index)
        }
        return isNegative ? 0 &- result : result
    }

    // MARK: Decimal text

    /// The decimal digits, with a leading `-` when negative; past ``maximumDecimalDigits`` digits,
    /// ``hexDescription`` (`0x` and hex digits), which Candid's text format also reads as a number.
    public var description: String {
        if isZero { return "0" }
        // 10^maximumDecimalDigits has about 3.32 bits per digit; below this many bits the decimal fits.
        guard bitWidth <= Self.maximumDecimalDigits * 3_321 / 1_000 else { return hexDescription }
        var chunks: [UInt64] = []
        var rest = BigInt(isNegative: false, magnitude: magnitude)
        let tenToThe19: UInt64 = 10_000_000_000_000_000_000
        while !rest.isZero {
            let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: tenToThe19)
            chunks.append(remainder)
            rest = quotient
        }
        var text = isNegative ? "-" : ""
        text += String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }

    /// `0x` and the lowercase hex digits, with a leading `-` when negative: O(n) for any size.
    public var hexDescription: String {
        guard let last = magnitude.last else { return "0x0" }
        var text = (isNegative ? "-0x" : "0x") + String(last, radix: 16)
        text.reserveCapacity(text.utf8.count + (magnitude.count - 1) * 16)
        for word in magnitude.dropLast().reversed() {
            let digits = String(word, radix: 16)
            text += String(repeating: "0", count: 16 - digits.count) + digits
        }
        return text
    }

    // MARK: Comparison

    public static func < (lhs: BigInt, rhs: BigInt) -> Bool {
        switch (lhs.isNegative, rhs.isNegative) {
        case (true, false): return true
        case (false, true): return false
        case (false, false): return compareMagnitudes(lhs.magnitude, rhs.magnitude) < 0
        case (true, true): return compareMagnitudes(lhs.magnitude, rhs.magnitude) > 0
        }
    }

    private static func compareMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for index in stride(from: a.count - 1, through: 0, by: -1) where a[index] != b[index] {
            return a[index] < b[index] ? -1 : 1
        }
        return 0
    }

    // MARK: Arithmetic

    public static prefix func - (operand: BigInt) -> BigInt {
        BigInt(isNegative: !operand.isNegative, magnitude: operand.magnitude)
    }

    public static func + (lhs: BigInt, rhs: BigInt) -> BigInt {
        if lhs.isNegative == rhs.isNegative {
            return BigInt(isNegative: lhs.isNegative, magnitude: addMagnitudes(lhs.magnitude, rhs.magnitude))
        }
        // Opposite signs: subtract the smaller magnitude from the larger.
        let order = compareMagnitudes(lhs.magnitude, rhs.magnitude)
        if order == 0 { return .zero }
        if order > 0 {
            return BigInt(isNegative: lhs.isNegative, magnitude: subtractMagnitudes(lhs.magnitude, rhs.magnitude))
        }
        return BigInt(isNegative: rhs.isNegative, magnitude: subtractMagnitudes(rhs.magnitude, lhs.magnitude))
    }

    public static func - (lhs: BigInt, rhs: BigInt) -> BigInt { lhs + (-rhs) }

    public static func * (lhs: BigInt, rhs: BigInt) -> BigInt {
        if lhs.isZero || rhs.isZero { return .zero }
        var product = [UInt64](repeating: 0, count: lhs.magnitude.count + rhs.magnitude.count)
        for (i, a) in lhs.magnitude.enumerated() {
            var carry: UInt64 = 0
            for (j, b) in rhs.magnitude.enumerated() {
                let (high, low) = a.multipliedFullWidth(by: b)
                let (sum1, overflow1) = low.addingReportingOverflow(product[i + j])
                let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
                product[i + j] = sum2
                // high <= 2^64 - 2, so adding two carry bits cannot overflow.
                carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
            }
            product[i + rhs.magnitude.count] = carry
        }
        return BigInt(isNegative: lhs.isNegative != rhs.isNegative, magnitude: product)
    }

    public static func *= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs * rhs }

    /// Divides the magnitude by a nonzero word (truncating division).
    ///
    /// - Returns: the quotient, which carries this value's sign, and the remainder of the magnitude
    ///   (so `-7` divided by `2` is `-3` remainder `1`, meaning `-7 = -3 * 2 - 1`).
    public func quotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: BigInt, remainder: UInt64) {
        precondition(divisor != 0, "division by zero")
        var quotient = [UInt64](repeating: 0, count: magnitude.count)
        var remainder: UInt64 = 0
        for index in stride(from: magnitude.count - 1, through: 0, by: -1) {
            let (q, r) = divisor.dividingFullWidth((high: remainder, low: magnitude[index]))
            quotient[index] = q
            remainder = r
        }
        return (BigInt(isNegative: isNegative, magnitude: quotient), remainder)
    }

    /// Shifts left by `count` bits (multiplies by 2^count).
    public static func << (lhs: BigInt, count: Int) -> BigInt {
        precondition(count >= 0, "negative shift")
        if lhs.isZero { return lhs }
        let wordShift = count / 64
        let bitShift = UInt64(count % 64)
        var words = [UInt64](repeating: 0, count: wordShift)
        var carry: UInt64 = 0
        for word in lhs.magnitude {
            words.append(word << bitShift | carry)
            carry = bitShift == 0 ? 0 : word >> (64 - bitShift)
        }
        words.append(carry)
        return BigInt(isNegative: lhs.isNegative, magnitude: words)
    }

    /// Shifts right by `count` bits, rounding toward negative infinity like a two's complement
    /// arithmetic shift (`-1 >> 1 == -1`).
    public static func >> (lhs: BigInt, count: Int) -> BigInt {
        precondition(count >= 0, "negative shift")
        let wordShift = count / 64
        let bitShift = UInt64(count % 64)
        guard wordShift < lhs.magnitude.count else { return lhs.isNegative ? -1 : .zero }
        var words: [UInt64] = []
        let source = Array(lhs.magnitude[wordShift...])
        for (index, word) in source.enumerated() {
            let next = index + 1 < source.count ? source[index + 1] : 0
            words.append(bitShift == 0 ? word : (word >> bitShift) | (next << (64 - bitShift)))
        }
        let shifted = BigInt(isNegative: lhs.isNegative, magnitude: words)
        guard lhs.isNegative else { return shifted }
        // Floor: a negative value that lost set bits rounds down by one more.
        let lostWords = lhs.magnitude[..<wordShift].contains { $0 != 0 }
        let lowMask: UInt64 = bitShift == 0 ? 0 : (1 << bitShift) - 1
        let lostBits = lhs.magnitude[wordShift] & lowMask != 0
        return lostWords || lostBits ? shifted - 1 : shifted
    }

    // MARK: Magnitude helpers

    /// self = self * factor + addend, on the magnitude (self non-negative).
    private mutating func multiplyAdd(_ factor: UInt64, _ addend: UInt64) {
        var carry = addend
        for index in magnitude.indices {
            let (high, low) = magnitude[index].multipliedFullWidth(by: factor)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            magnitude[index] = sum
            carry = high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { magnitude.append(carry) }
    }

    private static func addMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var result: [UInt64] = []
        result.reserveCapacity(long.count + 1)
        var carry = false
        for index in long.indices {
            let (sum1, overflow1) = long[index].addingReportingOverflow(index < short.count ? short[index] : 0)
            let (sum2, overflow2) = sum1.addingReportingOverflow(carry ? 1 : 0)
            result.append(sum2)
            carry = overflow1 || overflow2
        }
        if carry { result.append(1) }
        return result
    }

    /// a - b where a >= b.
    private static func subtractMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(a.count)
        var borrow = false
        for index in a.indices {
            let (diff1, overflow1) = a[index].subtractingReportingOverflow(index < b.count ? b[index] : 0)
            let (diff2, overflow2) = diff1.subtractingReportingOverflow(borrow ? 1 : 0)
            result.append(diff2)
            borrow = overflow1 || overflow2
        }
        return result
    }
}
