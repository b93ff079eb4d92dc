// Tests/CandidTests/LEB128Tests.swift - LEB128 and SLEB128 for fixed-width integers and BigInt

import Testing

@testable import Candid
import TestSupport

@Suite struct LEB128Tests {
    static let unsignedVectors: [(value: UInt64, bytes: [UInt8])] = [
        (0, [0x00]), (1, [0x01]), (127, [0x7f]), (128, [0x80, 0x01]), (16383, [0xff, 0x7f]),
        (16384, [0x80, 0x80, 0x01]), (624485, [0xe5, 0x8e, 0x26]),
        (UInt64.max, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
    ]

    static let signedVectors: [(value: Int64, bytes: [UInt8])] = [
        (0, [0x00]), (1, [0x01]), (-1, [0x7f]), (63, [0x3f]), (64, [0xc0, 0x00]), (-64, [0x40]),
        (-65, [0xbf, 0x7f]), (127, [0xff, 0x00]), (-128, [0x80, 0x7f]), (-123456, [0xc0, 0xbb, 0x78]),
        (Int64.max, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]),
        (Int64.min, [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]),
    ]

    @Test(arguments: Self.unsignedVectors)
    func unsigned(value: UInt64, bytes: [UInt8]) {
        #expect(LEB128.encode(value) == bytes)
        #expect(LEB128.encodedSize(of: value) == bytes.count)
        bytes.withUnsafeBytes { raw in
            #expect(LEB128.readUnsigned(raw, at: 0) == .value(value, length: bytes.count))
        }
        var big: [UInt8] = []
        LEB128.append(BigInt(value), to: &big)
        #expect(big == bytes)
        #expect(LEB128.encodedSize(of: BigInt(value)) == bytes.count)
    }

    @Test(arguments: Self.signedVectors)
    func signed(value: Int64, bytes: [UInt8]) {
        #expect(LEB128.encodeSigned(value) == bytes)
        #expect(LEB128.encodedSize(ofSigned: value) == bytes.count)
        bytes.withUnsafeBytes { raw in
            #expect(LEB128.readSigned(raw, at: 0) == .value(value, length: bytes.count))
            let big = LEB128.readSignedBig(raw, at: 0)
            #expect(big?.0 == BigInt(value))
            #expect(big?.length == bytes.count)
        }
        var big: [UInt8] = []
        LEB128.appendSigned(BigInt(value), to: &big)
        #expect(big == bytes)
        #expect(LEB128.encodedSize(ofSigned: BigInt(value)) == bytes.count)
    }

    @Test func overlongEncodingsAreAccepted() {
        [UInt8]([0x80, 0x00]).withUnsafeBytes { #expect(LEB128.readUnsigned($0, at: 0) == .value(0, length: 2)) }
        [UInt8]([0xff, 0x00]).withUnsafeBytes { #expect(LEB128.readUnsigned($0, at: 0) == .value(127, length: 2)) }
        [UInt8]([0xff, 0x7f]).withUnsafeBytes { #expect(LEB128.readSigned($0, at: 0) == .value(-1, length: 2)) }
        [UInt8]([0x80, 0x80, 0x80, 0x00]).withUnsafeBytes {
            #expect(LEB128.readUnsigned($0, at: 0) == .value(0, length: 4))
        }
        // Twelve bytes of zero padding still decode to 5.
        let padded: [UInt8] = [0x85] + [UInt8](repeating: 0x80, count: 10) + [0x00]
        padded.withUnsafeBytes { #expect(LEB128.readUnsigned($0, at: 0) == .value(5, length: 12)) }
        let negative: [UInt8] = [0xfe] + [UInt8](repeating: 0xff, count: 11) + [0x7f]
        negative.withUnsafeBytes { #expect(LEB128.readSigned($0, at: 0) == .value(-2, length: 13)) }
    }

    @Test func truncatedEncodingsAreRejected() {
        for bytes: [UInt8] in [[], [0x80], [0xff, 0xff], [0x80, 0x80, 0x80]] {
            bytes.withUnsafeBytes { raw in
                #expect(LEB128.readUnsigned(raw, at: 0) == .truncated)
                #expect(LEB128.readSigned(raw, at: 0) == .truncated)
                #expect(LEB128.readUnsignedBig(raw, at: 0) == nil)
                #expect(LEB128.readSignedBig(raw, at: 0) == nil)
            }
        }
    }

    @Test func overflowOfSixtyFourBitsIsReported() {
        // 2^64 needs 65 bits.
        let twoToThe64: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02]
        twoToThe64.withUnsafeBytes { raw in
            #expect(LEB128.readUnsigned(raw, at: 0) == .overflow(length: 10))
            #expect(LEB128.readUnsignedBig(raw, at: 0)?.0 == BigInt(UInt64.max) + BigInt(1))
        }
        // 2^63 does not fit a signed 64-bit number.
        let twoToThe63: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]
        twoToThe63.withUnsafeBytes { raw in
            #expect(LEB128.readSigned(raw, at: 0) == .overflow(length: 10))
            #expect(LEB128.readSignedBig(raw, at: 0)?.0 == BigInt(UInt64(1) << 63))
        }
    }

    @Test func bigValuesKnownAnswers() throws {
        // From the conformance suite: 60000000000000000 and its negation.
        let nat = hexBytes("808098f4e9b5ca6a")
        let positive = hexBytes("808098f4e9b5caea00")
        let negative = hexBytes("8080e88b96cab5957f")
        let value = try #require(BigInt("60000000000000000"))
        nat.withUnsafeBytes { #expect(LEB128.readUnsignedBig($0, at: 0)?.0 == value) }
        positive.withUnsafeBytes { #expect(LEB128.readSignedBig($0, at: 0)?.0 == value) }
        negative.withUnsafeBytes { #expect(LEB128.readSignedBig($0, at: 0)?.0 == -value) }
        var bytes: [UInt8] = []
        LEB128.appendSigned(-value, to: &bytes)
        #expect(bytes == negative)
        // 2^200 and -2^200 round trip through their encodings.
        let huge = BigInt(1) << 200
        for number in [huge, -huge, huge - BigInt(1), -huge + BigInt(1), -huge - BigInt(1)] {
            var signed: [UInt8] = []
            LEB128.appendSigned(number, to: &signed)
            #expect(signed.count == LEB128.encodedSize(ofSigned: number), "\(number)")
            signed.withUnsafeBytes { #expect(LEB128.readSignedBig($0, at: 0)?.0 == number, "\(number)") }
        }
        var unsigned: [UInt8] = []
        LEB128.append(huge, to: &unsigned)
        #expect(unsigned.count == 29)
        unsigned.withUnsafeBytes { #expect(LEB128.readUnsignedBig($0, at: 0)?.0 == huge) }
    }

    @Test func randomRoundTrips() {
        let seed: UInt64 = 0x1EB1_28
        var random = SplitMix64(seed: seed)
        for _ in 0..<2000 {
            let unsigned = random.next() >> UInt64(random.below(64))
            let signed = Int64(bitPattern: random.next()) >> Int64(random.below(64))
            LEB128.encode(unsigned).withUnsafeBytes { raw in
                #expect(LEB128.readUnsigned(raw, at: 0) == .value(unsigned, length: raw.count), "seed \(seed)")
            }
            LEB128.encodeSigned(signed).withUnsafeBytes { raw in
                #expect(LEB128.readSigned(raw, at: 0) == .value(signed, length: raw.count), "seed \(seed)")
            }
            // Big values: several random words, either sign.
            let words = (0..<random.below(5)).map { _ in random.next() }
            let big = BigInt(isNegative: random.chance(50), magnitude: words)
            var bytes: [UInt8] = []
            LEB128.appendSigned(big, to: &bytes)
            #expect(bytes.count == LEB128.encodedSize(ofSigned: big), "seed \(seed) \(big)")
            bytes.withUnsafeBytes { #expect(LEB128.readSignedBig($0, at: 0)?.0 == big, "seed \(seed) \(big)") }
            let magnitude = BigInt(isNegative: false, magnitude: words)
            var natBytes: [UInt8] = []
            LEB128.append(magnitude, to: &natBytes)
            #expect(natBytes.count == LEB128.encodedSize(of: magnitude), "seed \(seed)")
            natBytes.withUnsafeBytes {
                #expect(LEB128.readUnsignedBig($0, at: 0)?.0 == magnitude, "seed \(seed) \(magnitude)")
            }
        }
    }
}
