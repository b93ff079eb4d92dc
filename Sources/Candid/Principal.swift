// Sources/Candid/Principal.swift - IC principals: bytes, text, validation

/// An Internet Computer principal: at most 29 bytes, written as CRC32-checked base32 with dashes.
///
/// The text form is `group5(lowercase(base32(crc32(bytes) ++ bytes)))`: the CRC-32 (IEEE) of the bytes
/// as 4 big-endian bytes, then the bytes, in RFC 4648 base32 without padding, lowercase, with a `-`
/// after every 5 characters. `[]` is `aaaaa-aa`, `[04]` is `2vxsx-fae`.
public struct Principal: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The raw bytes (0 to 29).
    public let bytes: [UInt8]

    /// The most bytes a principal has.
    public static let maxLength = 29

    /// - Throws: `CandidError.Code.invalidPrincipal` when over 29 bytes.
    public init(bytes: [UInt8]) throws(CandidError) {
        guard bytes.count <= Principal.maxLength else {
            throw CandidError(.invalidPrincipal, "a principal has at most 29 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Parses the textual form. Letters may be upper or lower case; otherwise the text must be
    /// canonical: the dashes exactly every 5 characters, the checksum matching, 0 to 29 data bytes.
    ///
    /// - Throws: `CandidError.Code.invalidPrincipal` naming what is wrong.
    public init(text: String) throws(CandidError) {
        // ASCII A-Z to a-z; UTF-8 holds those bytes only as ASCII, so nothing else changes.
        let lowered = String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
        var symbols: [UInt8] = []
        for byte in lowered.utf8 where byte != UInt8(ascii: "-") {
            guard let value = Principal.base32Value(byte) else {
                throw CandidError(.invalidPrincipal, "principal \"\(text)\" has a character that is not base32 a-z 2-7")
            }
            symbols.append(value)
        }
        let decoded = Principal.base32Decode(symbols)
        guard decoded.count >= 4 else {
            throw CandidError(.invalidPrincipal, "principal \"\(text)\" is too short to hold its checksum")
        }
        let data = Array(decoded[4...])
        guard data.count <= Principal.maxLength else {
            throw CandidError(.invalidPrincipal, "principal \"\(text)\" has \(data.count) bytes, at most 29 allowed")
        }
        let checksum = decoded[..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard checksum == Principal.crc32(data) else {
            throw CandidError(.invalidPrincipal, "principal \"\(text)\" has a wrong checksum")
        }
        self.bytes = data
        guard self.text == lowered else {
            throw CandidError(
                .invalidPrincipal, "principal \"\(text)\" is not in canonical form (expected \"\(self.text)\")")
        }
    }

    /// The textual form, e.g. `2vxsx-fae`.
    public var text: String {
        let checksum = Principal.crc32(bytes)
        let payload = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: checksum >> $0) } + bytes
        let encoded = Principal.base32Encode(payload)
        var out = ""
        for (index, character) in encoded.enumerated() {
            if index > 0 && index % 5 == 0 { out.append("-") }
            out.append(character)
        }
        return out
    }

    public var description: String { text }

    /// The anonymous principal, `2vxsx-fae` (byte `04`).
    public static let anonymous = Principal(unchecked: [0x04])
    /// The management canister, `aaaaa-aa` (no bytes).
    public static let managementCanister = Principal(unchecked: [])

    /// Bytes known to be valid (at most 29).
    package init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    public static func < (lhs: Principal, rhs: Principal) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    // MARK: CRC-32 and base32

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zlib computes it.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")

    private static func base32Value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a")
        case UInt8(ascii: "2")...UInt8(ascii: "7"): return byte - UInt8(ascii: "2") + 26
        default: return nil
        }
    }

    /// RFC 4648 base32, lowercase, without padding.
    static func base32Encode(_ bytes: [UInt8]) -> String {
        var out = ""
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int((buffer >> UInt32(bits)) & 0x1F)])
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 0x1F)]) }
        return out
    }

    /// Decodes 5-bit symbols; leftover bits that do not make a byte are dropped (the canonical
    /// re-render check rejects texts that relied on that).
    private static func base32Decode(_ symbols: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for symbol in symbols {
            buffer = buffer << 5 | UInt32(symbol)
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }
}
