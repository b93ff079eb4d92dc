// Tests/CandidTests/BigIntTextTests.swift - text conversion of big integers: O(n) hex, capped decimal

@testable import Candid
import Testing
import TestSupport

@Suite struct BigIntTextTests {
    /// Hex (packed bit by bit) and decimal (multiply-add) parse the same values, and hexDescription
    /// prints what parses back.
    @Test func hexAndDecimalAgree() throws {
        let seed: UInt64 = 0xB16_1E7
        var random = SplitMix64(seed: seed)
        for round in 0..<200 {
            let words = (0..<Int(random.next() % 40)).map { _ in random.next() >> (random.next() % 64) }
            let value = BigInt(isNegative: random.next() % 2 == 0, magnitude: words)
            let context = "seed \(seed) round \(round)"
            let hex = value.hexDescription
            let sign = value.isNegative ? "-" : ""
            #expect(hex.hasPrefix(sign + "0x"), "\(context): \(hex)")
            #expect(BigInt(sign + hex.dropFirst(sign.count + 2), radix: 16) == value, "\(context): \(hex)")
            #expect(BigInt(value.description) == value, "\(context)")
            // Radix 2 packs 1 bit a digit; 8 and 32 (3 and 5 bits) split digits across words.
            for radix in [2, 8, 32] {
                let text = (value.isNegative ? "-" : "") + Self.digits(of: value, radix: radix)
                #expect(BigInt(text, radix: radix) == value, "\(context) radix \(radix)")
            }
        }
        #expect(BigInt("ff_ff", radix: 16) == BigInt(65_535))
        #expect(BigInt("1_0000_0000_0000_0000", radix: 16) == BigInt(1) << 64)
        #expect(BigInt("0", radix: 16) == BigInt.zero && BigInt.zero.hexDescription == "0x0")
        #expect(BigInt(-255).hexDescription == "-0xff")
        #expect(BigInt("fg", radix: 16) == nil && BigInt("_f", radix: 16) == nil)
    }

    /// Past the decimal cap a number prints in hex (O(n)) and a decimal literal is refused, in Candid
    /// text with a message naming the limit; the hex text reads back as the same number.
    @Test func theDecimalCap() throws {
        let limit = BigInt.maximumDecimalDigits
        #expect(BigInt(String(repeating: "9", count: limit)) != nil)
        #expect(BigInt(String(repeating: "9", count: limit + 1)) == nil)
        let small = try #require(BigInt(String(repeating: "9", count: 1_000)))
        #expect(small.description == String(repeating: "9", count: 1_000))

        let huge = BigInt(1) << 400_000  // about 120,000 decimal digits
        let text = huge.description
        #expect(text == "0x1" + String(repeating: "0", count: 100_000))
        let parsed = try Candid.parseArguments("(\(text) : nat)")
        #expect(parsed == [.nat(huge)])
        #expect(Candid.printArguments(parsed) == "(\(text) : nat)")

        let tooLong = "(" + String(repeating: "1", count: limit + 1) + " : nat)"
        let error = try #require(throws: CandidError.self) { try Candid.parseArguments(tooLong) }
        #expect(error.code == .invalidText)
        #expect(error.message.contains("over the limit of \(limit)"), "\(error)")
    }

    /// `value`'s magnitude in `radix`, built by repeated division (a reference independent of the parser).
    static func digits(of value: BigInt, radix: Int) -> String {
        var rest = BigInt(isNegative: false, magnitude: value.magnitude)
        var out: [Character] = []
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        repeat {
            let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: UInt64(radix))
            out.append(alphabet[Int(remainder)])
            rest = quotient
        } while !rest.isZero
        return String(out.reversed())
    }
}
