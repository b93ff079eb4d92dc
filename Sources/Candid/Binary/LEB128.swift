// Sources/Candid/Binary/LEB128.swift - unsigned and signed LEB128 for the fixed-width integers

/// LEB128 (unsigned) and SLEB128 (signed, two's complement) for `UInt64` and `Int64`.
///
/// Decoding accepts overlong encodings (`80 00` is 0, `ff 7f` is -1), as the Candid spec does,
/// and rejects truncated ones. ``BigInt`` has its own entry points in `LEB128+BigInt.swift`.
package enum LEB128 {
    /// Bytes in the unsigned encoding of `value` (1 to 10).
    @inlinable
    package static func encodedSize(of value: UInt64) -> Int {
        let bits = 64 - (value | 1).leadingZeroBitCount
        return (bits + 6) / 7
    }

    /// Bytes in the signed encoding of `value` (1 to 10).
    @inlinable
    package static func encodedSize(ofSigned value: Int64) -> Int {
        let significant = value < 0 ? 64 - (~value).leadingZeroBitCount : 64 - value.leadingZeroBitCount
        return (significant + 7) / 7
    }

    /// Appends the unsigned encoding of `value`.
    @inlinable
    package static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Appends the signed encoding of `value`.
    @inlinable
    package static func appendSigned(_ value: Int64, to bytes: inout [UInt8]) {
        var rest = value
        while true {
            let low = UInt8(truncatingIfNeeded: rest) & 0x7f
            rest >>= 7
            let done = (rest == 0 && low & 0x40 == 0) || (rest == -1 && low & 0x40 != 0)
            if done {
                bytes.append(low)
                return
            }
            bytes.append(low | 0x80)
        }
    }

    /// The unsigned encoding of `value`.
    package static func encode(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return bytes
    }

    /// The signed encoding of `value`.
    package static func encodeSigned(_ value: Int64) -> [UInt8] {
        var bytes: [UInt8] = []
        appendSigned(value, to: &bytes)
        return bytes
    }

    /// The outcome of reading a number from a buffer.
    package enum ReadResult<Value: Equatable & Sendable>: Equatable, Sendable {
        /// The value and the number of bytes it took.
        case value(Value, length: Int)
        /// The input ended inside the number.
        case truncated
        /// The number does not fit the type.
        case overflow(length: Int)
    }

    /// Reads an unsigned number starting at `offset`.
    package static func readUnsigned(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> ReadResult<UInt64> {
        var result: UInt64 = 0
        var shift = 0
        var index = offset
        var overflow = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            let low = UInt64(byte & 0x7f)
            if shift < 64 {
                if shift > 57, low >> (64 - shift) != 0 { overflow = true }
                result |= low << UInt64(shift)
            } else if low != 0 {
                overflow = true
            }
            if byte & 0x80 == 0 {
                return overflow ? .overflow(length: index - offset) : .value(result, length: index - offset)
            }
            shift += 7
        }
        return .truncated
    }

    /// Reads a signed number starting at `offset`.
    package static func readSigned(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> ReadResult<Int64> {
        var result: UInt64 = 0
        var shift = 0
        var index = offset
        // Bits at positions 63 and above must all equal the sign; track what they held.
        var highOnes = false
        var highZeros = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            let low = UInt64(byte & 0x7f)
            if shift < 64 { result |= low << UInt64(shift) }
            if shift + 7 > 63 {
                let first = max(0, 63 - shift)
                let bits = low >> UInt64(first)
                let all: UInt64 = (1 << UInt64(7 - first)) - 1
                if bits == 0 {
                    highZeros = true
                } else if bits == all {
                    highOnes = true
                } else {
                    highZeros = true
                    highOnes = true
                }
            }
            shift += 7
            if byte & 0x80 == 0 {
                let negative = byte & 0x40 != 0
                if shift < 64, negative { result |= ~0 << UInt64(shift) }
                if (negative && highZeros) || (!negative && highOnes) {
                    return .overflow(length: index - offset)
                }
                return .value(Int64(bitPattern: result), length: index - offset)
            }
        }
        return .truncated
    }
}
