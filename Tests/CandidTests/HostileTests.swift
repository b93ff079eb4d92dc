// Tests/CandidTests/HostileTests.swift - malformed and malicious messages fail cleanly, by limit

import Testing

@testable import Candid
import TestSupport
import Foundation

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
        } catch {
            return error.code  // typed: Candid.decode throws only CandidError
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

    // MARK: - Seeded mutations, exact limits and deep nesting
    // A message of n bytes never decodes to more than `maxValuesPerByte × n + baseValueAllowance`
    // slots (vector elements and record fields), never crashes, and fails with a typed error that
    // has an offset inside the message.

    /// Vector elements and record fields in `values`: what ``CandidLimits/maxValuesPerByte`` counts.
    static func slots(_ values: [CandidValue]) -> Int {
        var total = 0
        var stack = values
        while let value = stack.popLast() {
            switch value {
            case .opt(let inner?): stack.append(inner)
            case .vec(let items):
                total += items.count
                // Zero-byte elements are one shared value repeated: count its inside once per element.
                if let first = items.first, items.allSatisfy({ $0 == first }) {
                    total += slots([first]) * items.count
                } else {
                    stack.append(contentsOf: items)
                }
            case .record(let fields):
                total += fields.count
                stack.append(contentsOf: fields.map(\.value))
            case .variant(_, let inner): stack.append(inner)
            default: break
            }
        }
        return total
    }

    static func allowance(_ bytes: [UInt8], _ limits: CandidLimits = .default) -> Int {
        (limits.maxValuesPerByte ?? 0) * bytes.count + CandidLimits.baseValueAllowance
    }

    /// Decodes and checks the outcome; returns a description of what was wrong, or nil.
    static func check(
        _ bytes: [UInt8], _ types: [CandidType]?, _ environment: CandidTypeEnvironment, _ limits: CandidLimits
    ) -> String? {
        do {
            let values: [CandidValue]
            if let types {
                values = try Candid.decode(bytes, as: types, in: environment, limits: limits)
            } else {
                values = try Candid.decode(bytes, limits: limits)
            }
            let count = slots(values)
            if count > allowance(bytes, limits) {
                return "decoded to \(count) slots, more than \(allowance(bytes, limits))"
            }
            return nil
        } catch {
            guard let offset = error.offset else { return "no offset: \(error)" }
            return (0...bytes.count).contains(offset) ? nil : "offset \(offset) outside the message: \(error)"
        }
    }

    /// Huge LEB128 numbers and opcodes that hostile messages use.
    static let poison: [[UInt8]] = [
        [0x80, 0x94, 0xeb, 0xdc, 0x03], [0xff, 0xff, 0xff, 0xff, 0x0f],
        [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
        [0xc0, 0x84, 0x3d], [0x67], [0x6f], [0x70], [0x7f], [0x6c, 0x00], [0x6d, 0x7f],
    ]

    @Test(arguments: [UInt64(0xA0D1), 0x5EED_0002, 0xFEED_F00D])
    func seededMutationsStayTypedAndProportional(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var problems: [String] = []
        for round in 0..<250 {
            var generator = BinaryValueGenerator(seed: seed &+ UInt64(round))
            let types = [generator.type(), generator.type()]
            let values = types.map { generator.value(of: $0) }
            let original: [UInt8]
            do {
                original = try Candid.encode(values, as: types, in: generator.environment)
            } catch {
                Issue.record("seed \(seed) round \(round): encoding failed: \(error)")
                continue
            }
            for mutation in 0..<10 {
                var bytes = original
                for _ in 0..<(1 + random.below(3)) where !bytes.isEmpty {
                    let position = random.below(bytes.count)
                    switch random.below(6) {
                    case 0: bytes[position] ^= UInt8(1 << random.below(8))
                    case 1: bytes.insert(contentsOf: Self.poison[random.below(Self.poison.count)], at: position)
                    case 2:
                        let poison = Self.poison[random.below(Self.poison.count)]
                        bytes.replaceSubrange(position..<min(bytes.count, position + poison.count), with: poison)
                    case 3: bytes.remove(at: position)
                    case 4:
                        let end = min(bytes.count, position + 1 + random.below(8))
                        bytes.insert(contentsOf: bytes[position..<end], at: position)
                    default: bytes.removeLast(random.below(bytes.count / 2 + 1))
                    }
                }
                let attempts: [([CandidType]?, CandidLimits)] = [
                    (types, .default), (nil, .default), ([.opt(types[0])], .default),
                    ([.reserved, .opt(types[1])], .endpoint),
                ]
                for (index, (expected, limits)) in attempts.enumerated() {
                    if let problem = Self.check(bytes, expected, generator.environment, limits) {
                        problems.append("round \(round) mutation \(mutation) attempt \(index): \(problem)")
                    }
                }
            }
        }
        #expect(problems.isEmpty, "seed \(seed): \(problems.count) problems, first: \(problems.prefix(3))")
    }

    /// `DIDL`, one `vec null` entry, one argument of it, and the vector's length.
    static func vecNull(_ count: Int) -> [UInt8] {
        hexBytes("4449444c016d7f0100") + LEB128.encode(UInt64(count))
    }

    @Test func theValueLimitIsExact() throws {
        // 11 bytes allow 16 × 11 + 4_096 = 4_272 values.
        let fits = Self.vecNull(4_272)
        #expect(fits.count == 11)
        #expect(try Candid.decode(fits, as: [.vec(.null)]) == [.vec(Array(repeating: .null, count: 4_272))])
        let error = try #require(candidError { _ = try Candid.decode(Self.vecNull(4_273), as: [.vec(.null)]) })
        #expect(error.code == .limitExceeded)
        #expect(error.offset == 9)
        #expect(error.message.contains("a message of 11 bytes may only decode to 4272 more"))
        // Without the limit, the quota alone decides.
        var limits = CandidLimits.default
        limits.maxValuesPerByte = nil
        #expect(try Candid.decode(Self.vecNull(4_273), as: [.vec(.null)], limits: limits).count == 1)
        // Elements that do not coerce are not counted: the vector decodes as null under an opt, as
        // the reference has it, and is a plain mismatch otherwise.
        #expect(try Candid.decode(Self.vecNull(5_000), as: [.opt(.vec(.nat))]) == [.opt(nil)])
        #expect(candidErrorCode { _ = try Candid.decode(Self.vecNull(5_000), as: [.vec(.nat)]) } == .typeMismatch)
        // Skipped vectors allocate nothing, so only the quota counts for them.
        #expect(try Candid.decode(Self.vecNull(4_273), as: []) == [])
    }

    @Test func aMillionNullsIn12BytesFailBeforeAllocating() throws {
        // 4 million units: well inside the default quota, so only the value limit stops it.
        let bytes = Self.vecNull(1_000_000)
        #expect(bytes.count == 12)
        // At `vec reserved` each element is skipped work (×50), so there the quota runs out first.
        #expect(candidErrorCode { _ = try Candid.decode(bytes, as: [.vec(.reserved)]) } == .quotaExceeded)
        for types: [CandidType]? in [[.vec(.null)], nil, [.opt(.vec(.null))]] {
            let error = try #require(
                candidError {
                    if let types { _ = try Candid.decode(bytes, as: types) } else { _ = try Candid.decode(bytes) }
                })
            #expect(error.code == .limitExceeded, "\(String(describing: types))")
            #expect(error.offset == 9)
        }
        // Records of zero-byte fields count their fields too.
        let records = hexBytes("4449444c026d016c02007f017f0100") + LEB128.encode(1_000_000)
        #expect(candidErrorCode { _ = try Candid.decode(records) } == .limitExceeded)
    }

    /// Entry i is `record { 0 : i+1; 1 : i+1 }` for `levels` entries, then `record {}`: a value of
    /// entry 0 is a tree of 2^levels empty records and takes no bytes at all.
    static func recordTree(levels: Int) -> [UInt8] {
        var bytes = hexBytes("4449444c") + LEB128.encode(UInt64(levels + 1))
        for index in 0..<levels {
            let next = LEB128.encodeSigned(Int64(index + 1))
            bytes += [0x6c, 0x02, 0x00] + next + [0x01] + next
        }
        return bytes + [0x6c, 0x00, 0x01, 0x00]
    }

    @Test func aZeroByteRecordTreeIsBoundedByTheValueLimit() throws {
        // 2^10 leaves decode (a few thousand slots from 70 bytes is within 16 per byte + 4_096).
        let small = Self.recordTree(levels: 10)
        let values = try Candid.decode(small)
        #expect(Self.slots(values) == 2 * (1 << 10) - 2)
        // 2^40 leaves: the value limit stops it long before the quota would.
        let bomb = Self.recordTree(levels: 40)
        let error = try #require(candidError { _ = try Candid.decode(bomb) })
        #expect(error.code == .limitExceeded)
        // The reference runner's limits have no value limit: there it is the quota (a smaller one here).
        var reference = CandidLimits.conformance
        reference.decodingQuota = 1_000_000
        #expect(candidErrorCode { _ = try Candid.decode(bomb, limits: reference) } == .quotaExceeded)
        #expect(candidErrorCode { _ = try Candid.decode(bomb, limits: .endpoint) } == .limitExceeded)
    }

    @Test func deepTypeChainsFailByDepthWithoutCrashing() throws {
        // 5_000 entries `opt (i+1)`, the last `opt null`, and a value 01 01 01 ... 00.
        var bytes = hexBytes("4449444c") + LEB128.encode(5_000)
        for index in 0..<5_000 {
            bytes += [0x6e] + (index == 4_999 ? [0x7f] : LEB128.encodeSigned(Int64(index + 1)))
        }
        bytes += [0x01, 0x00] + [UInt8](repeating: 1, count: 5_000)
        let error = try #require(candidError { _ = try Candid.decode(bytes) })
        #expect(error.code == .depthExceeded)
        // The 257th option tag is read, then the depth check fails.
        #expect(error.offset == bytes.count - 5_000 + 257)
        #expect(candidErrorCode { _ = try Candid.decode(bytes, as: []) } == .depthExceeded)
        #expect(candidErrorCode { _ = try Candid.decode(bytes, limits: .unlimited) } == .depthExceeded)
        // The header alone converts to types without recursing 5_000 levels.
        let wire = try Candid.wireTypes(of: bytes)
        #expect(wire.types.count == 1)
    }

    @Test func deeplyNestedTextFailsByDepth() throws {
        let deepValue = String(repeating: "opt ", count: 100_000) + "null"
        #expect(candidErrorCode { _ = try Candid.parseValue(deepValue) } == .depthExceeded)
        let deepVector = String(repeating: "vec {", count: 100_000) + String(repeating: "}", count: 100_000)
        #expect(candidErrorCode { _ = try Candid.parseValue(deepVector) } == .depthExceeded)
        let deepType = String(repeating: "opt ", count: 100_000) + "nat"
        #expect(candidErrorCode { _ = try Candid.parseTypes(deepType) } == .depthExceeded)
        let deepDid = "type T = " + String(repeating: "vec ", count: 100_000) + "nat;"
        #expect(candidErrorCode { _ = try DidFile.parse(deepDid) } == .depthExceeded)
    }

    /// `type A0 = opt A1; ... type A<n-1> = opt A<n>; type A<n> = nat;` as definitions.
    static func chain(_ count: Int, alias: Bool = false) -> CandidTypeEnvironment {
        var definitions: [String: CandidType] = ["A\(count)": .nat]
        for index in 0..<count {
            definitions["A\(index)"] = alias ? .named("A\(index + 1)") : .opt(.named("A\(index + 1)"))
        }
        return CandidTypeEnvironment(definitions)
    }

    @Test func longChainsOfDefinitionsFailByDepthWithoutCrashing() throws {
        let null = hexBytes("4449444c00017f")
        for environment in [Self.chain(20_000), Self.chain(20_000, alias: true)] {
            let error = try #require(candidError { _ = try Candid.decode(null, as: [.named("A0")], in: environment) })
            #expect(error.code == .depthExceeded)
            #expect(
                candidErrorCode { _ = try Candid.encode([.null], as: [.named("A0")], in: environment) }
                    == .depthExceeded)
            // Checking the definitions is linear, so 20_000 of them take no time.
            try environment.validate()
        }
        // A chain within the limit works: 200 options around nat, and `null` decodes at the outermost.
        let short = Self.chain(200)
        #expect(try Candid.decode(null, as: [.named("A0")], in: short) == [.opt(nil)])
        var deep = CandidValue.nat(1)
        for _ in 0..<200 { deep = .opt(deep) }
        let bytes = try Candid.encode([deep], as: [.named("A0")], in: short)
        #expect(try Candid.decode(bytes, as: [.named("A0")], in: short) == [deep])
        // A conformance file with such a chain reports a failed assertion instead of crashing.
        var text = (0..<20_000).map { "type A\($0) = opt A\($0 + 1);" }.joined(separator: "\n")
        text += "\ntype A20000 = nat;\nassert blob \"DIDL\\00\\01\\7f\" : (A0) \"deep\";\n"
        let results = CandidConformance.run(try CandidTestFile.parse(text))
        #expect(results.map(\.passed) == [false])
        #expect(results.first?.reason.contains("depthExceeded") == true)
        // And a .did file of 20_000 aliases parses (validation is linear).
        let did = (0..<20_000).map { "type A\($0) = A\($0 + 1);" }.joined(separator: "\n") + "\ntype A20000 = nat;"
        #expect(try DidFile.parse(did).environment.definitions.count == 20_001)
    }

    @Test(.enabled(if: ConformanceSuite.shouldRun)) func spacebombsFailByQuotaAndOvershootsBeforeAllocating() throws {
        let directory = try ConformanceSuite.require(ConformanceSuite.directory)
        for name in ["spacebomb", "overshoot"] {
            let text = try String(contentsOf: directory.appendingPathComponent("\(name).test.did"), encoding: .utf8)
            let file = try CandidTestFile.parse(text)
            for assertion in file.assertions {
                guard case .blob(let bytes) = assertion.left else {
                    Issue.record("\(name):\(assertion.line) is not a blob assertion")
                    continue
                }
                let decode = { (limits: CandidLimits) in
                    candidError {
                        _ = try Candid.decode(bytes, as: assertion.types, in: file.environment, limits: limits)
                    }
                }
                let reference = decode(.conformance)
                let defaults = decode(.default)
                let place = "\(name).test.did:\(assertion.line) \(assertion.description ?? "")"
                if name == "spacebomb" {
                    // Valid messages that only metering stops.
                    #expect(reference?.code == .quotaExceeded, "\(place): \(String(describing: reference))")
                    #expect(
                        defaults?.code == .quotaExceeded || defaults?.code == .limitExceeded,
                        "\(place): \(String(describing: defaults))")
                } else {
                    // Declared lengths beyond the input: with quotas, the quota for the declared size
                    // may run out first; without any, the length is checked against the input.
                    let unlimited = decode(.unlimited)
                    let byLength: Set<String> = ["limitExceeded", "truncated", "invalidPrincipal"]
                    for error in [reference, defaults] {
                        let code = error.map { "\($0.code)" } ?? "none"
                        #expect(byLength.union(["quotaExceeded"]).contains(code), "\(place): \(code)")
                        #expect(error?.offset != nil, "\(place)")
                    }
                    let code = unlimited.map { "\($0.code)" } ?? "none"
                    #expect(byLength.contains(code), "\(place): \(code) without quotas")
                    #expect(unlimited?.offset != nil, "\(place)")
                }
            }
        }
    }
}
