// Tests/CandidTests/AuditKnownAnswerTests.swift - exact bytes for what BinaryTests leaves out

import Testing

@testable import Candid

/// Known answers the first round of tests did not pin: big and extreme numbers, every function
/// annotation, future types, `empty`, principals inside messages, and every label hash as it travels.
@Suite struct AuditKnownAnswerTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var values: [CandidValue]
        var types: [CandidType]
        var hex: String
        var testDescription: String { name }
    }

    static let caffee = Principal(unchecked: [0xca, 0xff, 0xee])
    static let two64 = BigInt(isNegative: false, magnitude: [0, 1])

    static func function(_ modes: [CandidFunctionType.Mode]) -> CandidType {
        .function(CandidFunctionType(arguments: [], results: [], modes: modes))
    }

    static let vectors: [Vector] = [
        Vector(name: "nat 0", values: [.nat(0)], types: [.nat], hex: "4449444c00017d 00"),
        Vector(name: "nat 127", values: [.nat(127)], types: [.nat], hex: "4449444c00017d 7f"),
        Vector(name: "nat 128", values: [.nat(128)], types: [.nat], hex: "4449444c00017d 8001"),
        Vector(name: "nat 2^64", values: [.nat(two64)], types: [.nat], hex: "4449444c00017d 80808080808080808002"),
        Vector(name: "int 0", values: [.int(0)], types: [.int], hex: "4449444c00017c 00"),
        Vector(name: "int 63", values: [.int(63)], types: [.int], hex: "4449444c00017c 3f"),
        Vector(name: "int 64", values: [.int(64)], types: [.int], hex: "4449444c00017c c000"),
        Vector(name: "int -64", values: [.int(-64)], types: [.int], hex: "4449444c00017c 40"),
        Vector(name: "int -65", values: [.int(-65)], types: [.int], hex: "4449444c00017c bf7f"),
        Vector(name: "int 2^64", values: [.int(two64)], types: [.int], hex: "4449444c00017c 80808080808080808002"),
        Vector(
            name: "int -2^64", values: [.int(BigInt(isNegative: true, magnitude: [0, 1]))], types: [.int],
            hex: "4449444c00017c 8080808080808080807e"),
        Vector(name: "bool false", values: [.bool(false)], types: [.bool], hex: "4449444c00017e 00"),
        Vector(name: "nat8 0", values: [.nat8(0)], types: [.nat8], hex: "4449444c00017b 00"),
        Vector(name: "nat16 max", values: [.nat16(.max)], types: [.nat16], hex: "4449444c00017a ffff"),
        Vector(name: "nat32 max", values: [.nat32(.max)], types: [.nat32], hex: "4449444c000179 ffffffff"),
        Vector(name: "nat64 max", values: [.nat64(.max)], types: [.nat64], hex: "4449444c000178 ffffffffffffffff"),
        Vector(name: "int8 min", values: [.int8(.min)], types: [.int8], hex: "4449444c000177 80"),
        Vector(name: "int16 min", values: [.int16(.min)], types: [.int16], hex: "4449444c000176 0080"),
        Vector(name: "int32 min", values: [.int32(.min)], types: [.int32], hex: "4449444c000175 00000080"),
        Vector(name: "int64 min", values: [.int64(.min)], types: [.int64], hex: "4449444c000174 0000000000000080"),
        Vector(name: "float32 1", values: [.float32(1)], types: [.float32], hex: "4449444c000173 0000803f"),
        Vector(
            name: "float64 infinity", values: [.float64(.infinity)], types: [.float64],
            hex: "4449444c000172 000000000000f07f"),
        Vector(name: "text empty", values: [.text("")], types: [.text], hex: "4449444c000171 00"),
        Vector(name: "text ASCII", values: [.text("Motoko")], types: [.text], hex: "4449444c000171 064d6f746f6b6f"),
        Vector(
            name: "principal anonymous", values: [.principal(Principal(unchecked: [4]))], types: [.principal],
            hex: "4449444c000168 010104"),
        Vector(
            name: "principal management canister", values: [.principal(Principal(unchecked: []))],
            types: [.principal], hex: "4449444c000168 0100"),
        Vector(
            name: "principal of 29 bytes",
            values: [.principal(Principal(unchecked: [UInt8](repeating: 0xab, count: 29)))],
            types: [.principal], hex: "4449444c000168 011d" + String(repeating: "ab", count: 29)),
        Vector(name: "opt empty", values: [.opt(nil)], types: [.opt(.empty)], hex: "4449444c016e6f 0100 00"),
        Vector(name: "vec empty (the type)", values: [.vec([])], types: [.vec(.empty)], hex: "4449444c016d6f 0100 00"),
        Vector(
            name: "vec null", values: [.vec([.null, .null, .null])], types: [.vec(.null)],
            hex: "4449444c016d7f 0100 03"),
        Vector(
            name: "vec reserved", values: [.vec([.reserved, .reserved])], types: [.vec(.reserved)],
            hex: "4449444c016d70 0100 02"),
        Vector(name: "empty record", values: [.record([])], types: [.record([])], hex: "4449444c016c00 0100"),
        Vector(
            name: "record with a snowman label",
            values: [.record([.init(CandidLabel("☃"), .null)])],
            types: [.record([CandidField(CandidLabel("☃"), .null)])], hex: "4449444c016c01cd84b0057f 0100"),
        Vector(
            name: "record with the largest id",
            values: [.record([.init(CandidLabel(id: .max), .bool(true))])],
            types: [.record([CandidField(CandidLabel(id: .max), .bool)])], hex: "4449444c016c01ffffffff0f7e 0100 01"),
        Vector(
            name: "variant with a null case",
            values: [.variant(CandidLabel("foo"), .null)],
            types: [.variant([CandidField(CandidLabel("foo"), .null), CandidField(CandidLabel("bar"), .nat)])],
            hex: "4449444c016b02d3e3aa027d868eb7027f 0100 01"),
        Vector(
            name: "func oneway", values: [.function(caffee, method: "go")], types: [function([.oneway])],
            hex: "4449444c016a00000102 0100 010103caffee02676f"),
        Vector(
            name: "func composite_query", values: [.function(caffee, method: "go")],
            types: [function([.compositeQuery])], hex: "4449444c016a00000103 0100 010103caffee02676f"),
        Vector(
            name: "service with a query method", values: [.service(caffee)],
            types: [
                .service(CandidServiceType(methods: [.init(name: "get", type: function([.query]))]))
            ],
            hex: "4449444c02690103676574016a00000101 0100 0103caffee"),
        Vector(
            name: "nested composite",
            values: [
                .vec([
                    .record([
                        .init(CandidLabel(id: 0), .opt(.variant(CandidLabel("Ok"), .blob([0xff])))),
                        .init(CandidLabel(id: 1), .text("a")),
                    ])
                ])
            ],
            types: [
                .vec(
                    .record([
                        CandidField(
                            CandidLabel(id: 0),
                            .opt(
                                .variant([
                                    CandidField(CandidLabel("Ok"), .blob), CandidField(CandidLabel("Err"), .text),
                                ]))),
                        CandidField(CandidLabel(id: 1), .text),
                    ]))
            ],
            hex: "4449444c056d016c02000201716e036b02bc8a0104c5fed201716d7b 0100 01 01 00 01ff 0161"),
    ]

    @Test(arguments: Self.vectors)
    func knownAnswer(_ vector: Vector) throws {
        let expected = hexBytes(vector.hex)
        #expect(hexString(try Candid.encode(vector.values, as: vector.types)) == hexString(expected))
        #expect(try Candid.decode(expected, as: vector.types) == vector.values)
    }

    /// Every label hash of candid-notes.md, as the id bytes of a one-field record type.
    static let labels: [(name: String, hash: UInt32, leb: String)] = [
        ("foo", 5_097_222, "868eb702"), ("bar", 4_895_187, "d3e3aa02"), ("Ok", 17_724, "bc8a01"),
        ("Err", 3_456_837, "c5fed201"), ("head", 1_158_359_328, "a0d2aca804"), ("☃", 11_272_781, "cd84b005"),
        ("", 0, "00"), ("a", 97, "61"),
    ]

    @Test(arguments: Self.labels)
    func labelHashOnTheWire(name: String, hash: UInt32, leb: String) throws {
        #expect(CandidLabel.hash(name) == hash)
        let bytes = try Candid.encode(
            [.record([.init(CandidLabel(name), .null)])],
            as: [
                .record([CandidField(CandidLabel(name), .null)])
            ])
        #expect(hexString(bytes) == "4449444c016c01" + leb + "7f0100")
        // Digits-only labels in text are numbers, not hashed names.
        #expect(try Candid.parseValue("record { 97 = null }") == .record([.init(CandidLabel(id: 97), .null)]))
    }

    @Test func theDocumentedLenientEncodings() throws {
        // CANDID.md lists these conveniences of Candid.encode(_:as:in:); each writes the exact bytes.
        #expect(hexString(try Candid.encode([.float32(0.5)], as: [.float64])) == "4449444c000172000000000000e03f")
        #expect(hexString(try Candid.encode([.service(Self.caffee)], as: [.principal])) == "4449444c0001680103caffee")
        let service = CandidType.service(CandidServiceType(methods: []))
        #expect(
            hexString(try Candid.encode([.principal(Self.caffee)], as: [service])) == "4449444c0169000100"
                + "0103caffee")
        #expect(hexString(try Candid.encode([.null], as: [.opt(.nat)])) == "4449444c016e7d010000")
        #expect(hexString(try Candid.encode([.int(-1)], as: [.int8])) == "4449444c000177ff")
        #expect(candidErrorCode { _ = try Candid.encode([.float64(0.5)], as: [.float32]) } == .typeMismatch)
        #expect(candidErrorCode { _ = try Candid.encode([.nat(BigInt(-1))], as: [.nat]) } == .typeMismatch)
        #expect(candidErrorCode { _ = try Candid.encode([.nat(BigInt(-1))]) } == .typeMismatch)
    }

    @Test func futureTypesAreSkipped() throws {
        // A future entry (opcode 0x67) with 3 bytes of type data; its value is leb(m) leb(n) m bytes.
        let message = hexBytes("4449444c 01 67 03414243 02 00 7e 05 00 68656c6c6f 01")
        #expect(try Candid.decode(message, as: [.opt(.empty), .bool]) == [.opt(nil), .bool(true)])
        #expect(try Candid.decode(message, as: [.reserved, .bool]) == [.reserved, .bool(true)])
        #expect(try Candid.decode(message, as: [.opt(.nat)]) == [.opt(nil)])
        #expect(try Candid.decode(message) == [.reserved, .bool(true)])
        let wire = try Candid.decodeMessage(message)
        #expect(wire.types == [.reserved, .bool])
        // A future value does not decode at a concrete type.
        let error = try #require(candidError { _ = try Candid.decode(message, as: [.nat, .bool]) })
        #expect(error.code == .typeMismatch)
        #expect(error.offset == 13)
        // A future value whose bytes run past the end is truncated, even when skipped.
        let truncated = hexBytes("4449444c 01 67 00 01 00 05 00 6865")
        #expect(candidErrorCode { _ = try Candid.decode(truncated, as: []) } == .truncated)
        // The future type's own length is checked against the input.
        #expect(candidErrorCode { _ = try Candid.decode(hexBytes("4449444c 01 67 05 4142 00")) } == .truncated)
    }

    @Test func emptyHasNoValue() throws {
        let error = try #require(candidError { _ = try Candid.decode(hexBytes("4449444c00016f")) })
        #expect(error.code == .invalidValue)
        #expect(error.offset == 7)
        #expect(candidErrorCode { _ = try Candid.decode(hexBytes("4449444c00016f"), as: [.empty]) } == .invalidValue)
        #expect(candidErrorCode { _ = try Candid.decode(hexBytes("4449444c00017f"), as: [.empty]) } == .typeMismatch)
        // Under an opt, an empty wire value is still a hard failure.
        #expect(
            candidErrorCode { _ = try Candid.decode(hexBytes("4449444c00016f"), as: [.opt(.nat)]) } == .invalidValue)
    }

    @Test func principalsTextAndBytes() throws {
        let known: [(hex: String, text: String)] = [
            ("", "aaaaa-aa"), ("04", "2vxsx-fae"), ("caffee", "w7x7r-cok77-xa"),
            ("efcdab000000000001", "2chl6-4hpzw-vqaaa-aaaaa-c"),
            ("00000000000000020101", "ryjl3-tyaaa-aaaaa-aaaba-cai"),
        ]
        for (hex, text) in known {
            let principal = try Principal(text: text)
            #expect(hexString(principal.bytes) == hex)
            #expect(try Principal(bytes: hexBytes(hex)).text == text)
            let message = try Candid.encode([.principal(principal)], as: [.principal])
            #expect(hexString(message) == "4449444c000168" + "01" + hexString([UInt8(hex.count / 2)]) + hex)
            #expect(try Candid.parseValue("principal \"\(text)\"") == .principal(principal))
        }
        #expect(Principal.anonymous.text == "2vxsx-fae")
        #expect(Principal.managementCanister.text == "aaaaa-aa")
        // Thirty bytes on the wire are rejected where the length is.
        let long = hexBytes("4449444c000168 011e" + String(repeating: "00", count: 30))
        let error = try #require(candidError { _ = try Candid.decode(long, as: [.principal]) })
        #expect(error.code == .invalidPrincipal)
        #expect(error.offset == 8)
    }
}
