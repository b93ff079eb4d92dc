// Sources/Candid/Hex.swift - lowercase hexadecimal text for byte strings: the package's one hex codec

/// The sixteen digits, lowercase.
private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

/// Appends the two lowercase hex digits of `byte` to `text` (the `0a` of a `\0a` blob escape).
package func appendHex(_ byte: UInt8, to text: inout String) {
    text.unicodeScalars.append(Unicode.Scalar(hexDigits[Int(byte >> 4)]))
    text.unicodeScalars.append(Unicode.Scalar(hexDigits[Int(byte & 0x0f)]))
}

/// The bytes as lowercase hexadecimal, two digits per byte: `hex([0xde, 0xad])` is `"dead"`.
public func hex(_ bytes: some Sequence<UInt8>) -> String {
    var text: [UInt8] = []
    text.reserveCapacity(bytes.underestimatedCount * 2)
    for byte in bytes {
        text.append(hexDigits[Int(byte >> 4)])
        text.append(hexDigits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
}

extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal, two digits per byte (the same as ``hex(_:)``).
    public var hexString: String { hex(self) }
}

extension Array where Element == UInt8 {
    /// The bytes spelled by hexadecimal text: two digits per byte, either case, nothing else.
    ///
    /// - Throws: ``HexError`` with `.oddLength` or `.invalidDigit` (and the offending offset).
    public init(hex text: some StringProtocol) throws(HexError) {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else {
            throw HexError(.oddLength, offset: utf8.count, "\(utf8.count) digits; a byte takes two")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = hexValue(utf8[index]) else { throw HexError.invalidDigit(utf8[index], at: index) }
            guard let low = hexValue(utf8[index + 1]) else {
                throw HexError.invalidDigit(utf8[index + 1], at: index + 1)
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        self = bytes
    }
}

/// The value of one hexadecimal digit (0-9, a-f, A-F), or nil.
package func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
}

/// The value of one hexadecimal digit (0-9, a-f, A-F), or nil.
package func hexValue(_ digit: Unicode.Scalar) -> UInt8? {
    digit.isASCII ? hexValue(UInt8(digit.value)) : nil
}

/// Why text is not hexadecimal bytes. Equality compares the code and the offset.
public struct HexError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: String, Hashable, Sendable {
            case oddLength, invalidDigit
        }
        fileprivate let backing: Backing
        public var description: String { backing.rawValue }

        /// An odd number of digits.
        public static let oddLength = Code(backing: .oddLength)
        /// A character that is not 0-9, a-f or A-F.
        public static let invalidDigit = Code(backing: .invalidDigit)
    }

    /// What kind of problem.
    public let code: Code
    /// The UTF-8 offset of the problem in the text.
    public let offset: Int
    /// What exactly is wrong.
    public let message: String

    /// An error with a code, the offset, and a readable message.
    public init(_ code: Code, offset: Int, _ message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    static func invalidDigit(_ byte: UInt8, at offset: Int) -> HexError {
        let shown = byte < 0x80 ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)"
        return HexError(.invalidDigit, offset: offset, "\(shown) is not a hexadecimal digit")
    }

    /// `invalid hex (code) at offset N: message`.
    public var description: String { "invalid hex (\(code)) at offset \(offset): \(message)" }

    public static func == (lhs: HexError, rhs: HexError) -> Bool { lhs.code == rhs.code && lhs.offset == rhs.offset }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(offset)
    }
}
