// Tests/CandidTests/HostileTests.swift - malformed and malicious messages fail cleanly, by limit

import Testing

@testable import Candid
import TestSupport

@Suite struct HostileTests {
    /// Decodes, returning the error code or nil; any error that is not a CandidError is a bug.
    func outcome(
        _ bytes: [UInt8], _ types: [CandidType]?, _ environment: CandidTypeEnvironment = .init(),
        limits: CandidLimits = .default
    ) -> CandidError.Code? {
        do {
            if let types {
                _ = try Candid.decode(bytes, as: types, in: environment, limits: limits)
            } else {
                _ = try Candid.decode(bytes, limits: limits)
            }
            return nil
        } catch let error as CandidError {
            return error.code
        } catch {
            Issue.record("a decoding error that is not a CandidError: \(error)")
            return .unsupported
        }
    }

    @Test func randomMutationsNeverCrash() throws {
        let seed: UInt64 = 0xBAD_B175
        var random = SplitMix64(seed: seed)
        for round in 0..<600 {
            var generator = BinaryValueGenerator(seed: seed &+ UInt64(round))
            let types = [generator.type(), generator.type()]
            let values = types.map { generator.value(of: $0) }
            let original = try Candid.encode(values, as: types, in: generator.environment)
            for _ in 0..<8 {
                var bytes = original
                for _ in 0..<(1 + random.below(3)) {
                    let position = random.below(bytes.count)
                    switch random.below(5) {
                    case 0: bytes[position] ^= UInt8(1 << random.below(8))
                    case 1: bytes[position] = [0x00, 0x7f, 0x80, 0xff, 0x6e, 0x6d][random.below(6)]
                    case 2: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
                    case 3: bytes.remove(at: position)
                    default: bytes.removeLast(random.below(bytes.count / 2 + 1))
                    }
                    if bytes.isEmpty { break }
                }
                // Either outcome is fine; what matters is a typed error and no crash.
                _ = outcome(bytes, types, generator.environment)
                _ = outcome(bytes, nil)
                _ = outcome(bytes, [.opt(types[0])], generator.environment)
            }
        }
    }

    @Test func truncatedPrefixesOfValidMessagesFail() throws {
        var generator = BinaryValueGenerator(seed: 77)
        let type = CandidType.record([
            CandidField(CandidLabel("a"), .vec(.text)), CandidField(CandidLabel("b"), .opt(.int)),
            CandidField(CandidLabel("c"), .principal),
        ])
        let value = generator.value(of: type)
        let bytes = try Candid.encode([value], as: [type])
        for length in 0..<bytes.count {
            let code = outcome(Array(bytes.prefix(length)), [type])
            #expect(code != nil, "prefix of \(length) bytes decoded")
        }
    }

    static let billion = "80 94 eb dc 03"

    /// Messages of a few bytes that declare a billion of something; each fails by a limit.
    static let bombs: [(hex: String, types: [CandidType], code: CandidError.Code)] = [
        ("4449444c \(billion) 00", [], .limitExceeded),  // type table length
        ("4449444c 00 \(billion)", [], .limitExceeded),  // argument count
        ("4449444c 00 01 71 \(billion) 4d6f746f6b6f", [.text], .truncated),  // text length
        ("4449444c 00 01 68 01 \(billion) 4d6f746f6b6f", [.principal], .invalidPrincipal),
        ("4449444c 01 6c \(billion) 007f007f", [], .limitExceeded),  // record fields
        ("4449444c 01 6b \(billion) 007f007f", [], .limitExceeded),  // variant fields
        ("4449444c 01 6d 7e 01 00 \(billion) 000000", [.vec(.bool)], .quotaExceeded),
        ("4449444c 01 67 \(billion) 0000", [], .truncated),  // future type length
        ("4449444c 01 6d 7f 01 00 \(billion)", [.vec(.null)], .quotaExceeded),  // vec null, typed
        ("4449444c 01 6d 7f 01 00 \(billion)", [], .quotaExceeded),  // vec null, skipped
        ("4449444c 02 6d 01 6c 00 01 00 \(billion)", [.opt(.nat)], .quotaExceeded),  // vec record {}, under opt
    ]

    @Test func hugeDeclaredLengthsFailByLimitAtTheDefaults() {
        for bomb in Self.bombs {
            #expect(outcome(hexBytes(bomb.hex), bomb.types) == bomb.code, "\(bomb.hex)")
        }
    }

    @Test func lengthsAreCheckedAgainstTheInputWithoutQuotas() {
        // With no quotas, impossible lengths still fail before anything is allocated.
        #expect(
            outcome(hexBytes("4449444c 01 6d 7e 01 00 \(Self.billion) 000000"), [.vec(.bool)], limits: .unlimited)
                == .limitExceeded)
        #expect(outcome(hexBytes("4449444c 01 67 00 01 00 \(Self.billion) 0000"), [], limits: .unlimited) == .truncated)
        // Skipping zero-sized elements charges them all at once, so an unlimited skip is immediate.
        #expect(outcome(hexBytes("4449444c 01 6d 7f 01 00 \(Self.billion)"), [], limits: .unlimited) == nil)
    }

    @Test func quotasCountLogicalSizeAndSkippedWork() {
        var limits = CandidLimits.unlimited
        limits.decodingQuota = 1_000
        // vec null of 300 elements costs 2 + 3 * 300 + 300 = 1202 when decoded.
        let message = hexBytes("4449444c016d7f0100ac02")
        #expect(outcome(message, [.vec(.null)], limits: limits) == .quotaExceeded)
        limits.decodingQuota = 1_300
        #expect(outcome(message, [.vec(.null)], limits: limits) == nil)
        // Skipped, the same vector costs fifty times as much.
        #expect(outcome(message, [], limits: limits) == .quotaExceeded)
        var skipping = CandidLimits.unlimited
        skipping.skippingQuota = 1_000
        #expect(outcome(message, [.vec(.null)], limits: skipping) == nil)
        #expect(outcome(message, [], limits: skipping) == .quotaExceeded)
        #expect(outcome(message, [.reserved], limits: skipping) == .quotaExceeded)
    }

    @Test func nestingBeyondTheDepthLimitFails() throws {
        // opt opt ... opt null, 300 deep, at its own (non-recursive) type.
        var type = CandidType.null
        var value = CandidValue.null
        for _ in 0..<300 {
            type = .opt(type)
            value = .opt(value)
        }
        let bytes = try Candid.encode([value], as: [type])
        #expect(outcome(bytes, [type]) == .depthExceeded)
        #expect(outcome(bytes, nil) == .depthExceeded)
        #expect(outcome(bytes, []) == .depthExceeded)
        var limits = CandidLimits.default
        limits.maxDepth = 400
        #expect(try Candid.decode(bytes, as: [type], limits: limits) == [value])
        // A recursive type with a deep value: the same limit.
        let environment = CandidTypeEnvironment(["Opt": .opt(.named("Opt"))])
        #expect(outcome(bytes, [.named("Opt")], environment) == .depthExceeded)
    }

    @Test func typeTableSizeIsLimited() {
        // 10_001 entries of `opt null`.
        let entries = String(repeating: "6e7f", count: 10_001)
        let bytes = hexBytes("4449444c 914e" + entries + "00")
        #expect(outcome(bytes, []) == .limitExceeded)
        var limits = CandidLimits.default
        limits.maxTypeTableEntries = 20_000
        #expect(outcome(bytes, [], limits: limits) == nil)
    }

    @Test func sharedWireEntriesDoNotBlowUpWireTypes() throws {
        // Entry i is record { 0 : i+1; 1 : i+1 } for 40 levels: inlining every use would make 2^40 nodes.
        var hex = "4449444c 29"
        for index in 0..<40 {
            let next = hexString(LEB128.encodeSigned(Int64(index + 1)))
            hex += "6c02 00\(next) 01\(next)"
        }
        hex += "6c00 00"
        let wire = try Candid.wireTypes(of: hexBytes(hex))
        #expect(wire.types.isEmpty)
        let message = hexBytes(hex.dropLast(2) + "0100")
        var limits = CandidLimits.default
        limits.decodingQuota = 1_000_000
        // The value is a tree of 2^40 empty records: the value limit stops it first, the quota without it.
        #expect(outcome(message, nil, limits: limits) == .limitExceeded)
        limits.maxValuesPerByte = nil
        #expect(outcome(message, nil, limits: limits) == .quotaExceeded)
        let types = try Candid.wireTypes(of: message)
        #expect(types.types.count == 1)
        #expect(types.environment.definitions.count < 200)
    }

    @Test func malformedHeaders() {
        let cases: [(String, CandidError.Code)] = [
            ("", .invalidMagic), ("4449", .invalidMagic), ("4441444c0000", .invalidMagic),
            ("4449444c00000000", .trailingBytes), ("4449444c017f00", .invalidTypeTable),
            ("4449444c016800", .invalidTypeTable), ("4449444c010000", .invalidTypeTable),
            ("4449444c016e0100", .invalidTypeReference), ("4449444c00016e", .invalidTypeReference),
            ("4449444c016c02007c007e0100", .invalidTypeTable), ("4449444c016c0280e497d0127c0100", .invalidTypeTable),
            ("4449444c016a0000020102", .invalidTypeTable), ("4449444c016a00000105", .invalidTypeTable),
            ("4449444c0169010166", .truncated), ("4449444c01690101ff7f", .invalidUTF8),
        ]
        for (hex, code) in cases {
            #expect(outcome(hexBytes(hex), []) == code, "\(hex)")
        }
    }
}
