// Tests/CandidTests/BigIntTests.swift - BigInt against known values and Int64/UInt64 arithmetic

import Testing

import Candid
import TestSupport

@Suite struct BigIntTests {
    static let twoTo64 = "18446744073709551616"
    static let twoTo128 = "340282366920938463463374607431768211456"

    @Test func normalizesZeroAndTrailingWords() {
        let zero = BigInt(isNegative: true, magnitude: [0, 0])
        #expect(zero.magnitude == [])
        #expect(zero.isNegative == false)
        #expect(zero == BigInt.zero)
        #expect(zero.isZero)
        #expect(BigInt(isNegative: false, magnitude: [5, 0, 0]).magnitude == [5])
        #expect(BigInt(-0) == BigInt.zero)
    }

    @Test func knownPowersOfTwo() throws {
        let big = try #require(BigInt(Self.twoTo64))
        #expect(big.magnitude == [0, 1])
        #expect(big.isNegative == false)
        #expect(big.bitWidth == 65)
        #expect(big.description == Self.twoTo64)
        #expect(BigInt(UInt64.max) + 1 == big)
        let huge = try #require(BigInt(Self.twoTo128))
        #expect(huge.magnitude == [0, 0, 1])
        #expect(huge == big * big)
        #expect((BigInt(1) << 128) == huge)
        #expect(huge.description == Self.twoTo128)
        #expect((-huge).description == "-" + Self.twoTo128)
        #expect(huge - 1 == BigInt(isNegative: false, magnitude: [UInt64.max, UInt64.max]))
    }

    @Test func int64Extremes() throws {
        let minimum = BigInt(Int64.min)
        #expect(minimum.isNegative)
        #expect(minimum.magnitude == [1 << 63])
        #expect(minimum.description == "-9223372036854775808")
        #expect(minimum.exactly(Int64.self) == Int64.min)
        #expect((minimum - 1).exactly(Int64.self) == nil)
        #expect(BigInt(Int64.max).exactly(Int64.self) == Int64.max)
        #expect((BigInt(Int64.max) + 1).exactly(Int64.self) == nil)
        #expect(BigInt(UInt64.max).exactly(UInt64.self) == UInt64.max)
        #expect(BigInt(-1).exactly(UInt64.self) == nil)
        #expect(BigInt(-128).exactly(Int8.self) == -128)
        #expect(BigInt(-129).exactly(Int8.self) == nil)
        #expect(BigInt(255).exactly(UInt8.self) == 255)
        #expect(BigInt(256).exactly(UInt8.self) == nil)
        #expect(BigInt(0).exactly(UInt8.self) == 0)
        #expect(try #require(BigInt(Self.twoTo64)).exactly(UInt64.self) == nil)
        #expect(BigInt(Int8.min).magnitude == [128])
    }

    @Test func parsesText() throws {
        #expect(BigInt("1_000_000") == BigInt(1_000_000))
        #expect(BigInt("-42") == BigInt(-42))
        #expect(BigInt("+42") == BigInt(42))
        #expect(BigInt("-0") == BigInt.zero)
        #expect(BigInt("2A", radix: 16) == BigInt(42))
        #expect(BigInt("ff_ff", radix: 16) == BigInt(65535))
        #expect(BigInt("ffffffffffffffffffffffffffffffff", radix: 16) == (BigInt(1) << 128) - 1)
        #expect(BigInt("") == nil)
        #expect(BigInt("-") == nil)
        #expect(BigInt("_1") == nil)
        #expect(BigInt("1x") == nil)
        #expect(BigInt("12a") == nil)
        #expect(BigInt("9", radix: 8) == nil)
        #expect(BigInt("٣") == nil)
        let long = "123456789012345678901234567890123456789012345678901234567890"
        #expect(BigInt(long)?.description == long)
        #expect(BigInt("-" + long)?.description == "-" + long)
        #expect(BigInt("000123")?.description == "123")
    }

    @Test func shifts() {
        #expect(BigInt(-1) >> 1 == BigInt(-1))
        #expect(BigInt(-7) >> 1 == BigInt(-4))
        #expect(BigInt(7) >> 1 == BigInt(3))
        #expect(BigInt(-8) >> 3 == BigInt(-1))
        #expect(BigInt(-9) >> 3 == BigInt(-2))
        #expect(BigInt(5) >> 200 == BigInt.zero)
        #expect(BigInt(-5) >> 200 == BigInt(-1))
        #expect((BigInt(1) << 64) >> 64 == BigInt(1))
        #expect((BigInt(3) << 63).magnitude == [1 << 63, 1])
        #expect(BigInt(-1).truncatedUInt64 == UInt64.max)
        #expect(BigInt(-128).truncatedUInt64 & 0x7f == 0)
    }

    @Test func divisionBySmall() {
        let (q, r) = BigInt(-7).quotientAndRemainder(dividingBy: 2)
        #expect(q == BigInt(-3))
        #expect(r == 1)
        let big = (BigInt(1) << 100) + 12345
        let (q2, r2) = big.quotientAndRemainder(dividingBy: 1000)
        #expect(q2 * 1000 + BigInt(r2) == big)
        #expect(big.description == "1267650600228229401496703217721")
        #expect(r2 == 721)
    }

    /// Seeded comparison of +, -, *, <, description and exactly against Int64/UInt64 arithmetic.
    @Test func matchesFixedWidthArithmetic() {
        let seed: UInt64 = 0x5EED_B161
        var random = SplitMix64(seed: seed)
        for _ in 0..<2000 {
            let a = Int64(bitPattern: random.next()) >> Int64(random.next() % 64)
            let b = Int64(bitPattern: random.next()) >> Int64(random.next() % 64)
            let (big1, big2) = (BigInt(a), BigInt(b))
            let context = "seed \(seed) a \(a) b \(b)"
            let (sum, sumOverflow) = a.addingReportingOverflow(b)
            if !sumOverflow { #expect((big1 + big2).exactly(Int64.self) == sum, "\(context)") }
            #expect((big1 + big2).description == String(Int128(a) + Int128(b)), "\(context)")
            #expect((big1 - big2).description == String(Int128(a) - Int128(b)), "\(context)")
            #expect((big1 * big2).description == String(Int128(a) * Int128(b)), "\(context)")
            #expect((big1 < big2) == (a < b), "\(context)")
            #expect(big1.description == String(a), "\(context)")
            #expect(BigInt(String(a)) == big1, "\(context)")
            #expect(big1.exactly(Int32.self) == Int32(exactly: a), "\(context)")
            #expect(big1.exactly(UInt16.self) == UInt16(exactly: a), "\(context)")
            #expect((big1 >> 3).exactly(Int64.self) == a >> 3, "\(context)")
            #expect(big1.truncatedUInt64 == UInt64(bitPattern: a), "\(context)")
            let u = random.next() >> (random.next() % 64)
            let v = random.next() >> (random.next() % 64)
            let pair = "seed \(seed) u \(u) v \(v)"
            #expect((BigInt(u) * BigInt(v)).description == String(UInt128(u) * UInt128(v)), "\(pair)")
            #expect((BigInt(u) + BigInt(v)).description == String(UInt128(u) + UInt128(v)), "\(pair)")
            #expect(BigInt(u).bitWidth == 64 - u.leadingZeroBitCount, "seed \(seed) u \(u)")
            #expect(BigInt(u).exactly(UInt64.self) == u, "seed \(seed) u \(u)")
        }
    }
}

