// Sources/Candid/Binary/LEB128+BigInt.swift - LEB128 and SLEB128 for unbounded nat and int

extension LEB128 {
    /// Bytes in the unsigned encoding of a non-negative `value`.
    package static func encodedSize(of value: BigInt) -> Int {
        max(1, (value.bitWidth + 6) / 7)
    }

    /// Bytes in the signed encoding of `value`.
    package static func encodedSize(ofSigned value: BigInt) -> Int {
        // A value fits n bytes when -2^(7n-1) <= value < 2^(7n-1).
        var significant = value.bitWidth
        if value.isNegative, isPowerOfTwo(value.magnitude) { significant -= 1 }
        return (significant + 7) / 7
    }

    /// Appends the unsigned encoding of a non-negative `value`.
    package static func append(_ value: BigInt, to bytes: inout [UInt8]) {
        precondition(!value.isNegative, "a nat is never negative")
        if value.magnitude.count <= 1 {
            append(value.magnitude.first ?? 0, to: &bytes)
            return
        }
        appendGroups(of: value.magnitude, count: encodedSize(of: value), to: &bytes)
    }

    /// Appends the signed encoding of `value`.
    package static func appendSigned(_ value: BigInt, to bytes: inout [UInt8]) {
        if let small = value.exactly(Int64.self) {
            appendSigned(small, to: &bytes)
            return
        }
        let count = encodedSize(ofSigned: value)
        let wordCount = (count * 7 + 63) / 64 + 1
        var words = value.magnitude + [UInt64](repeating: 0, count: max(0, wordCount - value.magnitude.count))
        if value.isNegative { words = twosComplement(words) }
        appendGroups(of: words, count: count, to: &bytes)
    }

    /// Reads an unsigned number of any size at `offset`.
    package static func readUnsignedBig(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (BigInt, length: Int)? {
        guard let length = numberLength(bytes, at: offset) else { return nil }
        if length <= 9 {
            var value: UInt64 = 0
            for index in 0..<length { value |= UInt64(bytes[offset + index] & 0x7f) << UInt64(7 * index) }
            return (BigInt(value), length)
        }
        return (BigInt(isNegative: false, magnitude: gather(bytes, at: offset, length: length)), length)
    }

    /// Reads a signed number of any size at `offset`.
    package static func readSignedBig(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (BigInt, length: Int)? {
        guard let length = numberLength(bytes, at: offset) else { return nil }
        if length <= 9 {
            var value: Int64 = 0
            for index in 0..<length { value |= Int64(bytes[offset + index] & 0x7f) << Int64(7 * index) }
            let bits = 7 * length
            if bytes[offset + length - 1] & 0x40 != 0 { value |= -1 << Int64(bits) }
            return (BigInt(value), length)
        }
        var words = gather(bytes, at: offset, length: length)
        guard bytes[offset + length - 1] & 0x40 != 0 else {
            return (BigInt(isNegative: false, magnitude: words), length)
        }
        // Negative: sign-extend the 7n-bit value to whole words, then negate.
        let bits = 7 * length
        let topBits = bits % 64
        if topBits != 0 { words[words.count - 1] |= ~0 << UInt64(topBits) }
        return (BigInt(isNegative: true, magnitude: twosComplement(words)), length)
    }

    /// The length of the LEB128 number at `offset`, or nil when the input ends inside it.
    private static func numberLength(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int? {
        var index = offset
        while index < bytes.count {
            if bytes[index] & 0x80 == 0 { return index - offset + 1 }
            index += 1
        }
        return nil
    }

    /// The 7-bit groups of `length` bytes as little-endian words.
    private static func gather(_ bytes: UnsafeRawBufferPointer, at offset: Int, length: Int) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: (7 * length + 63) / 64)
        for index in 0..<length {
            let group = UInt64(bytes[offset + index] & 0x7f)
            let bit = 7 * index
            let word = bit / 64
            let shift = bit % 64
            words[word] |= group << UInt64(shift)
            if shift > 57 { words[word + 1] |= group >> UInt64(64 - shift) }
        }
        return words
    }

    /// Appends `count` bytes of 7-bit groups taken from `words`.
    private static func appendGroups(of words: [UInt64], count: Int, to bytes: inout [UInt8]) {
        for index in 0..<count {
            let bit = 7 * index
            let word = bit / 64
            let shift = bit % 64
            var group = word < words.count ? words[word] >> UInt64(shift) : 0
            if shift > 57, word + 1 < words.count { group |= words[word + 1] << UInt64(64 - shift) }
            let low = UInt8(truncatingIfNeeded: group) & 0x7f
            bytes.append(index == count - 1 ? low : low | 0x80)
        }
    }

    /// `~words + 1` over the same number of words.
    private static func twosComplement(_ words: [UInt64]) -> [UInt64] {
        var result = words.map { ~$0 }
        for index in result.indices {
            let (sum, overflow) = result[index].addingReportingOverflow(1)
            result[index] = sum
            if !overflow { break }
        }
        return result
    }

    private static func isPowerOfTwo(_ magnitude: [UInt64]) -> Bool {
        guard let last = magnitude.last, last.nonzeroBitCount == 1 else { return false }
        return magnitude.dropLast().allSatisfy { $0 == 0 }
    }
}
