// Tests/CandidTests/HexTests.swift - hex text out and in

import Candid
import Testing

@Suite("Hex")
struct HexTests {
    @Test("bytes to lowercase hex")
    func encode() {
        #expect(hex([UInt8]()) == "")
        #expect(hex([0x00, 0x01, 0x7f, 0x80, 0xab, 0xff]) == "00017f80abff")
        #expect([UInt8]([0xde, 0xad, 0xbe, 0xef]).hexString == "deadbeef")
        #expect([UInt8]([0x0f, 0xf0])[1...].hexString == "f0")
        #expect(hex((0..<3).lazy.map { UInt8($0) }) == "000102")
    }

    @Test("hex to bytes, either case, and the round trip")
    func decode() throws {
        #expect(try [UInt8](hex: "") == [])
        #expect(try [UInt8](hex: "00ff7F80aB") == [0x00, 0xff, 0x7f, 0x80, 0xab])
        let all = (0...255).map { UInt8($0) }
        #expect(try [UInt8](hex: hex(all)) == all)
        #expect(try [UInt8](hex: "xx0a1b"[...].dropFirst(2)) == [0x0a, 0x1b])
    }

    @Test("odd length and bad digits are typed errors with the offset")
    func errors() {
        let odd = #expect(throws: HexError.self) { try [UInt8](hex: "abc") }
        #expect(odd?.code == .oddLength)
        #expect(odd?.offset == 3)
        let bad = #expect(throws: HexError.self) { try [UInt8](hex: "00g1") }
        #expect(bad?.code == .invalidDigit)
        #expect(bad?.offset == 2)
        #expect(bad?.description == "invalid hex (invalidDigit) at offset 2: 'g' is not a hexadecimal digit")
        let low = #expect(throws: HexError.self) { try [UInt8](hex: "0 ") }
        #expect(low?.offset == 1)
        let nonASCII = #expect(throws: HexError.self) { try [UInt8](hex: "é") }  // UTF-8 c3 a9
        #expect(nonASCII?.code == .invalidDigit)
        #expect(nonASCII?.offset == 0)
        #expect(nonASCII?.message == "byte 195 is not a hexadecimal digit")
    }

    @Test("the digit reader and the per-byte writer the lexers and printers share")
    func sharedDigits() throws {
        for byte in UInt8.min...UInt8.max {
            let scalar = Unicode.Scalar(byte)
            #expect(hexValue(byte) == UInt8(String(scalar), radix: 16), "byte \(byte)")
            #expect(hexValue(scalar) == hexValue(byte))
            var text = ""
            appendHex(byte, to: &text)
            #expect(text == hex([byte]))
            #expect(try [UInt8](hex: text) == [byte])
        }
        #expect(hexValue(Unicode.Scalar(0x0661)!) == nil)  // ARABIC-INDIC DIGIT ONE is not a hex digit
    }
}
