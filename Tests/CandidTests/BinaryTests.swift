// Tests/CandidTests/BinaryTests.swift - known-answer encodings of every type, and decoding them back

import Testing

@testable import Candid

@Suite struct BinaryTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var values: [CandidValue]
        var types: [CandidType]
        var hex: String
        var testDescription: String { name }
    }

    static let ok = CandidLabel("Ok")
    static let err = CandidLabel("Err")
    static let caffee = Principal(unchecked: [0xca, 0xff, 0xee])

    static let primitives: [Vector] = [
        Vector(name: "null", values: [.null], types: [.null], hex: "4449444c00017f"),
        Vector(name: "bool", values: [.bool(true)], types: [.bool], hex: "4449444c00017e01"),
        Vector(name: "nat 42", values: [.nat(42)], types: [.nat], hex: "4449444c00017d2a"),
        Vector(name: "nat 624485", values: [.nat(624485)], types: [.nat], hex: "4449444c00017de58e26"),
        Vector(name: "int -1", values: [.int(-1)], types: [.int], hex: "4449444c00017c7f"),
        Vector(name: "int 127", values: [.int(127)], types: [.int], hex: "4449444c00017cff00"),
        Vector(name: "nat8", values: [.nat8(255)], types: [.nat8], hex: "4449444c00017bff"),
        Vector(name: "nat16", values: [.nat16(0x1234)], types: [.nat16], hex: "4449444c00017a3412"),
        Vector(name: "nat32", values: [.nat32(0x1234_5678)], types: [.nat32], hex: "4449444c00017978563412"),
        Vector(
            name: "nat64", values: [.nat64(0x0102_0304_0506_0708)], types: [.nat64],
            hex: "4449444c0001780807060504030201"),
        Vector(name: "int8", values: [.int8(-1)], types: [.int8], hex: "4449444c000177ff"),
        Vector(name: "int16", values: [.int16(-2)], types: [.int16], hex: "4449444c000176feff"),
        Vector(name: "int32", values: [.int32(-3)], types: [.int32], hex: "4449444c000175fdffffff"),
        Vector(name: "int64", values: [.int64(-4)], types: [.int64], hex: "4449444c000174fcffffffffffffff"),
        Vector(name: "float32", values: [.float32(0.5)], types: [.float32], hex: "4449444c0001730000003f"),
        Vector(name: "float64", values: [.float64(-0.5)], types: [.float64], hex: "4449444c000172000000000000e0bf"),
        Vector(name: "text", values: [.text("☃")], types: [.text], hex: "4449444c000171 03e29883"),
        Vector(name: "reserved", values: [.reserved], types: [.reserved], hex: "4449444c000170"),
        Vector(name: "principal", values: [.principal(caffee)], types: [.principal], hex: "4449444c00016801 03caffee"),
        Vector(
            name: "several arguments", values: [.null, .bool(false), .nat(1), .text("")],
            types: [.null, .bool, .nat, .text], hex: "4449444c00047f7e7d71 00 01 00"),
        Vector(name: "no arguments", values: [], types: [], hex: "4449444c0000"),
    ]

    static let composites: [Vector] = [
        Vector(name: "opt none", values: [.opt(nil)], types: [.opt(.nat)], hex: "4449444c016e7d 0100 00"),
        Vector(name: "opt some", values: [.opt(.nat(5))], types: [.opt(.nat)], hex: "4449444c016e7d 0100 0105"),
        Vector(
            name: "opt opt", values: [.opt(.opt(.int(42)))], types: [.opt(.opt(.int))],
            hex: "4449444c026e016e7c 0100 01012a"),
        Vector(
            name: "vec nat", values: [.vec([.nat(1), .nat(2)])], types: [.vec(.nat)],
            hex: "4449444c016d7d 0100 020102"),
        Vector(name: "vec empty", values: [.vec([])], types: [.vec(.int)], hex: "4449444c016d7c 0100 00"),
        Vector(name: "blob", values: [.blob([1, 2])], types: [.blob], hex: "4449444c016d7b 0100 020102"),
        Vector(
            name: "record fields by hash",
            values: [.record([.init(CandidLabel("bar"), .bool(true)), .init(CandidLabel("foo"), .int(42))])],
            types: [.record([CandidField(CandidLabel("foo"), .int), CandidField(CandidLabel("bar"), .bool)])],
            hex: "4449444c016c02d3e3aa027e868eb7027c 0100 012a"),
        Vector(
            name: "tuple record",
            values: [.record([.init(CandidLabel(id: 0), .int(42)), .init(CandidLabel(id: 1), .bool(true))])],
            types: [.record([CandidField(CandidLabel(id: 0), .int), CandidField(CandidLabel(id: 1), .bool)])],
            hex: "4449444c016c02007c017e 0100 2a01"),
        Vector(
            name: "variant index", values: [.variant(ok, .text("good"))],
            types: [.variant([CandidField(ok, .text), CandidField(err, .text)])],
            hex: "4449444c016b02bc8a0171c5fed20171 0100 0004676f6f64"),
        Vector(
            name: "variant second tag", values: [.variant(err, .text("bad"))],
            types: [.variant([CandidField(ok, .text), CandidField(err, .text)])],
            hex: "4449444c016b02bc8a0171c5fed20171 0100 0103626164"),
        Vector(
            name: "func", values: [.function(caffee, method: "a")],
            types: [.function(CandidFunctionType(arguments: [], results: []))],
            hex: "4449444c016a000000 0100 010103caffee0161"),
        Vector(
            name: "func query",
            values: [.function(caffee, method: "foo")],
            types: [.function(CandidFunctionType(arguments: [.text], results: [.nat], modes: [.query]))],
            hex: "4449444c016a0171017d0101 0100 010103caffee03666f6f"),
        Vector(
            name: "service", values: [.service(caffee)], types: [.service(CandidServiceType(methods: []))],
            hex: "4449444c016900 0100 0103caffee"),
        Vector(
            name: "service with methods sorted by bytes", values: [.service(caffee)],
            types: [
                .service(
                    CandidServiceType(methods: [
                        .init(name: "foo2", type: .function(CandidFunctionType(arguments: [.text], results: [.nat]))),
                        .init(name: "foo", type: .function(CandidFunctionType(arguments: [.text], results: [.nat]))),
                    ]))
            ],
            hex: "4449444c02690203666f6f0104666f6f32016a0171017d00 0100 0103caffee"),
    ]

    @Test(arguments: Self.primitives + Self.composites + Self.extremes)
    func knownAnswer(_ vector: Vector) throws {
        let expected = hexBytes(vector.hex)
        let encoded = try Candid.encode(vector.values, as: vector.types)
        #expect(hexString(encoded) == hexString(expected))
        let decoded = try Candid.decode(expected, as: vector.types)
        #expect(decoded == vector.values)
    }

    static let list = CandidTypeEnvironment([
        "List": .opt(
            .record([CandidField(CandidLabel("head"), .int), CandidField(CandidLabel("tail"), .named("List"))]))
    ])

    static func listValue(_ items: [Int]) -> CandidValue {
        var value = CandidValue.opt(nil)
        for item in items.reversed() {
            value = .opt(.record([.init(CandidLabel("head"), .int(BigInt(item))), .init(CandidLabel("tail"), value)]))
        }
        return value
    }

    @Test func recursiveList() throws {
        // The conformance suite's "record: list" message.
        let expected = hexBytes(
            "4449444c026e016c02a0d2aca8047c90eddae7040001000101010201030104 00")
        let value = Self.listValue([1, 2, 3, 4])
        let encoded = try Candid.encode([value], as: [.named("List")], in: Self.list)
        #expect(hexString(encoded) == hexString(expected))
        #expect(try Candid.decode(expected, as: [.named("List")], in: Self.list) == [value])
    }

    @Test func structurallyEqualRecursiveTypesShareEntries() throws {
        var environment = Self.list
        environment.definitions["Other"] = .opt(
            .record([CandidField(CandidLabel("head"), .int), CandidField(CandidLabel("tail"), .named("Other"))]))
        let types: [CandidType] = [.named("List"), .named("Other"), .vec(.named("List"))]
        let value = Self.listValue([7])
        let encoded = try Candid.encode([value, value, .vec([value])], as: types, in: environment)
        // Three entries: the opt, the record, the vector; both lists use entry 0.
        #expect(hexString(Array(encoded.prefix(27))) == "4449444c036e016c02a0d2aca8047c90eddae70400" + "6d0003000002")
        let decoded = try Candid.decode(encoded, as: types, in: environment)
        #expect(decoded == [value, value, .vec([value])])
    }

    @Test func repeatedAnonymousTypesShareEntries() throws {
        let record = CandidType.record([CandidField(CandidLabel("a"), .nat)])
        let encoded = try Candid.encode(
            [.record([.init(CandidLabel("a"), .nat(1))]), .vec([])], as: [record, .vec(record)])
        #expect(hexString(encoded) == "4449444c026c01617d6d0002000101" + "00")
    }

    @Test func inferredTypes() throws {
        #expect(hexString(try Candid.encode([.nat(42)])) == "4449444c00017d2a")
        #expect(hexString(try Candid.encode([.opt(nil)])) == "4449444c016e6f010000")
        #expect(hexString(try Candid.encode([.vec([])])) == "4449444c016d6f010000")
        #expect(hexString(try Candid.encode([.blob([9])])) == "4449444c016d7b01000109")
        // Elements join: opt empty and opt nat give opt nat.
        #expect(
            hexString(try Candid.encode([.vec([.opt(nil), .opt(.nat(1))])])) == "4449444c026d016e7d010002000101")
        // Variants take the union of their tags.
        let union = try Candid.encode([
            .vec([.variant(CandidLabel(id: 1), .null), .variant(CandidLabel(id: 0), .bool(true))])
        ])
        #expect(hexString(union) == "4449444c026d016b02007e017f0100" + "02" + "01" + "0001")
        #expect(candidErrorCode { _ = try Candid.encode([.vec([.nat(1), .text("x")])]) } == .typeMismatch)
    }

    @Test func decodingAtWireTypes() throws {
        let bytes = hexBytes("4449444c016c02d3e3aa027e868eb7027c 0100 012a")
        let message = try Candid.decodeMessage(bytes)
        let bar = CandidLabel(id: CandidLabel.hash("bar"))
        let foo = CandidLabel(id: CandidLabel.hash("foo"))
        #expect(message.values == [.record([.init(bar, .bool(true)), .init(foo, .int(42))])])
        #expect(message.types == [.record([CandidField(bar, .bool), CandidField(foo, .int)])])
        #expect(message.environment.definitions.isEmpty)
        #expect(try Candid.decode(bytes) == message.values)
        // A recursive wire type is named after its table entry.
        let list = try Candid.encode([Self.listValue([1])], as: [.named("List")], in: Self.list)
        let recursive = try Candid.decodeMessage(list)
        #expect(recursive.types == [.named("table0")])
        #expect(recursive.environment.definitions.keys.sorted() == ["table0"])
        let head = CandidLabel(id: CandidLabel.hash("head"))
        let tail = CandidLabel(id: CandidLabel.hash("tail"))
        #expect(recursive.values == [.opt(.record([.init(head, .int(1)), .init(tail, .opt(nil))]))])
        #expect(try Candid.wireTypes(of: list).types == [.named("table0")])
    }

    @Test func mutuallyRecursiveServiceAndFunctionTypes() throws {
        // The function type is built first, while the service that names it is still a placeholder.
        let environment = CandidTypeEnvironment([
            "F": .function(CandidFunctionType(arguments: [], results: [.named("S")])),
            "S": .service(CandidServiceType(methods: [.init(name: "m", type: .named("F"))])),
        ])
        let caffee = Principal(unchecked: [0xca, 0xff, 0xee])
        let bytes = try Candid.encode([.function(caffee, method: "m")], as: [.named("F")], in: environment)
        #expect(hexString(bytes) == "4449444c026a000101006901016d000100010103caffee016d")
        #expect(try Candid.decode(bytes, as: [.named("F")], in: environment) == [.function(caffee, method: "m")])
        let notFunction = CandidTypeEnvironment([
            "S": .service(CandidServiceType(methods: [.init(name: "m", type: .nat)]))
        ])
        #expect(
            candidErrorCode { _ = try Candid.encode([.service(caffee)], as: [.named("S")], in: notFunction) }
                == .typeMismatch)
    }

    @Test func encodingErrorsNameThePath() throws {
        let type = CandidType.record([
            CandidField(CandidLabel("items"), .vec(.record([CandidField(CandidLabel("size"), .nat)])))
        ])
        let value = CandidValue.record([
            .init(CandidLabel("items"), .vec([.record([.init(CandidLabel("size"), .nat(1))]), .record([])]))
        ])
        let error = try #require(candidError { _ = try Candid.encode([value], as: [type]) })
        #expect(error.code == .missingField)
        #expect(error.path == ["items", "[1]", "size"])
        #expect(candidErrorCode { _ = try Candid.encode([.int(-1)], as: [.nat]) } == .typeMismatch)
        #expect(candidErrorCode { _ = try Candid.encode([.nat(256)], as: [.nat8]) } == .typeMismatch)
        #expect(candidErrorCode { _ = try Candid.encode([.null], as: [.empty]) } == .typeMismatch)
        #expect(candidErrorCode { _ = try Candid.encode([.nat(1)], as: [.named("Nope")]) } == .unknownType)
        #expect(candidErrorCode { _ = try Candid.encode([.nat(1)], as: []) } == .typeMismatch)
    }

    @Test func lenientEncodings() throws {
        // Integers encode at any integer type they fit; absent optional fields are filled.
        #expect(hexString(try Candid.encode([.nat(7)], as: [.nat8])) == "4449444c00017b07")
        #expect(hexString(try Candid.encode([.int8(7)], as: [.nat])) == "4449444c00017d07")
        let record = CandidType.record([
            CandidField(CandidLabel(id: 0), .opt(.nat)), CandidField(CandidLabel(id: 1), .null),
        ])
        #expect(hexString(try Candid.encode([.record([])], as: [record])) == "4449444c026c020001017f6e7d010000")
        #expect(hexString(try Candid.encode([.vec([.nat8(1)])], as: [.blob])) == "4449444c016d7b01000101")
        #expect(hexString(try Candid.encode([.text("anything")], as: [.reserved])) == "4449444c000170")
    }

    @Test func largeBlobRoundTrip() throws {
        let blob = (0..<1_800_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let encoded = try Candid.encode([.blob(blob)], as: [.blob])
        #expect(encoded.count == 4 + 3 + 2 + 3 + blob.count)
        #expect(try Candid.decode(encoded, as: [.blob]) == [.blob(blob)])
        #expect(try Candid.decode(encoded) == [.blob(blob)])
    }

    // MARK: - Known answers: extreme numbers, function modes, future types, `empty`, principals, label hashes
    // Known answers the first round of tests did not pin: big and extreme numbers, every function
    // annotation, future types, `empty`, principals inside messages, and every label hash as it travels.

    static let two64 = BigInt(isNegative: false, magnitude: [0, 1])

    static func function(_ modes: [CandidFunctionType.Mode]) -> CandidType {
        .function(CandidFunctionType(arguments: [], results: [], modes: modes))
    }

    static let extremes: [Vector] = [
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
