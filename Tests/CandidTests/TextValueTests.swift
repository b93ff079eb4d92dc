// Tests/CandidTests/TextValueTests.swift - parsing textual values, untyped and typed, and printing them

import Candid
import Testing

@Suite struct TextValueParsingTests {
    static let caffee = Principal(unchecked: [0xCA, 0xFF, 0xEE])

    @Test func untypedScalars() throws {
        let values = try Candid.parseArguments(
            #"(42, -1, 0x2A, 1_000_000 : nat64, 3.5, 0., 1e10, true, null, "a\n\u{26_03}\e2\98\83")"#)
        #expect(values == [
            .int(42), .int(-1), .int(42), .nat64(1_000_000), .float64(3.5), .float64(0), .float64(1e10),
            .bool(true), .null, .text("a\n☃☃"),
        ])
    }

    @Test func untypedNumbersAndFloats() throws {
        #expect(try Candid.parseArguments("(- 5, +7, -0x10, 3., .5, 2.5e-3, 1E3, -0.0)") == [
            .int(-5), .int(7), .int(-16), .float64(3), .float64(0.5), .float64(0.0025), .float64(1000),
            .float64(-0.0),
        ])
        let huge = try Candid.parseArguments("(340_282_366_920_938_463_463_374_607_431_768_211_456)")
        #expect(huge == [.int(BigInt(1) << 128)])
        let special = try Candid.parseArguments("(inf, -inf, nan)")
        #expect(special[0] == .float64(.infinity))
        #expect(special[1] == .float64(-.infinity))
        guard case .float64(let nan) = special[2] else { Issue.record("not a float"); return }
        #expect(nan.isNaN)
        #expect(try Candid.parseArguments("()") == [])
        #expect(try Candid.parseArguments("(1,)") == [.int(1)])
    }

    @Test func untypedComposites() throws {
        let values = try Candid.parseArguments(#"(opt 5, opt (5 : nat8), vec { 1; 2; }, blob "\00\ffabc", vec {})"#)
        #expect(values == [
            .opt(.int(5)), .opt(.nat8(5)), .vec([.int(1), .int(2)]), .blob([0x00, 0xFF, 0x61, 0x62, 0x63]), .vec([]),
        ])
        let record = try Candid.parseValue(#"record { a = 1; "☃" = null; 7 = "x" }"#)
        #expect(record == .record([
            CandidRecordField(CandidLabel(id: 7), .text("x")),
            CandidRecordField(CandidLabel("a"), .int(1)),
            CandidRecordField(CandidLabel("☃"), .null),
        ]))
        #expect(try Candid.parseValue("record { 42; true }") == .record([
            CandidRecordField(CandidLabel(id: 0), .int(42)), CandidRecordField(CandidLabel(id: 1), .bool(true)),
        ]))
        #expect(try Candid.parseValue("record { 5 = 1; 2; 0x2 = 3 }") == .record([
            CandidRecordField(CandidLabel(id: 2), .int(3)), CandidRecordField(CandidLabel(id: 5), .int(1)),
            CandidRecordField(CandidLabel(id: 6), .int(2)),
        ]))
        #expect(try Candid.parseValue(#"variant { ok = "good" }"#) == .variant(CandidLabel("ok"), .text("good")))
        #expect(try Candid.parseValue("variant { Bar }") == .variant(CandidLabel("Bar"), .null))
        #expect(try Candid.parseValue("variant { 0 }") == .variant(CandidLabel(id: 0), .null))
        #expect(try Candid.parseValue("variant { 0x10 = 1 : nat; }") == .variant(CandidLabel(id: 16), .nat(1)))
    }

    @Test func references() throws {
        let values = try Candid.parseArguments(
            #"(principal "aaaaa-aa", service "w7x7r-cok77-xa", func "w7x7r-cok77-xa".foo, func "aaaaa-aa"."🐂")"#)
        #expect(values == [
            .principal(.managementCanister), .service(Self.caffee), .function(Self.caffee, method: "foo"),
            .function(.managementCanister, method: "🐂"),
        ])
        #expect(try Candid.parseValue(#"principal "W7X7R-COK77-XA""#) == .principal(Self.caffee))
        let bad = #expect(throws: CandidError.self) { try Candid.parseValue(#"principal "w7x7r-cok77-xb""#) }
        #expect(bad?.code == .invalidPrincipal)
        #expect(bad?.message.hasPrefix("line 1, column 11:") == true)
    }

    @Test func textEscapes() throws {
        #expect(try Candid.parseValue(#""\n\r\t\\\"\'""#) == .text("\n\r\t\\\"'"))
        #expect(try Candid.parseValue(#""\u{1F402}\u{0}\u{10_FFFF}""#) == .text("🐂\u{0}\u{10FFFF}"))
        #expect(try Candid.parseValue("\"multi\nline\"") == .text("multi\nline"))
        let cases: [(String, String)] = [
            (#""\ff""#, "not valid UTF-8"),
            (#""\u{D800}""#, "not a Unicode scalar"),
            (#""\u{110000}""#, "not a Unicode scalar"),
            (#""\u{2603""#, "malformed \\u escape"),
            (#""\q""#, "unknown escape"),
            (#""open"#, "unclosed string"),
        ]
        for (text, fragment) in cases {
            let error = #expect(throws: CandidError.self, "\(text)") { try Candid.parseValue(text) }
            #expect(error?.code == .invalidText, "\(text)")
            #expect(error?.message.contains(fragment) == true, "\(text): \(String(describing: error))")
        }
        // Blobs may hold any byte.
        #expect(try Candid.parseValue(#"blob "\ff\u{2603}\"""#) == .blob([0xFF, 0xE2, 0x98, 0x83, 0x22]))
    }

    @Test func syntaxErrorsNamePositionAndExpectation() {
        let cases: [(String, String)] = [
            ("(1, 2", "line 1, column 6: expected ',' or ')', found end of input"),
            ("(\n  record { a = 1; a = 2 })", "line 2, column 10: duplicate field id 97 (a and a)"),
            ("(variant {})", "line 1, column 11: expected a field name or number, found '}'"),
            ("(variant { a; b })",
                "line 1, column 15: expected '}' (a variant value has exactly one case), found identifier 'b'"),
            ("(1) (2)", "line 1, column 5: expected end of input after ')', found '('"),
            ("(record { 4294967296 = 1 })", "line 1, column 11: field id 4294967296 is not below 2^32"),
            ("(opt)", "line 1, column 5: expected a value, found ')'"),
            ("(- x)", "line 1, column 4: expected a number after the sign, found identifier 'x'"),
            ("(func \"aaaaa-aa\")", "line 1, column 17: expected '.' and a method name, found ')'"),
            ("(1 : Nope)", "line 1, column 6: unknown type name 'Nope'"),
            ("(@)", "line 1, column 2: unexpected character '@'"),
        ]
        for (text, message) in cases {
            let error = #expect(throws: CandidError.self, "\(text)") { try Candid.parseArguments(text) }
            #expect(error?.message == message, "\(text)")
        }
        let unknown = #expect(throws: CandidError.self) { try Candid.parseArguments("(1 : Nope)") }
        #expect(unknown?.code == .unknownType)
    }

    @Test func nestingIsLimited() throws {
        let deep = String(repeating: "opt ", count: 300) + "1"
        let error = #expect(throws: CandidError.self) { try Candid.parseValue(deep) }
        #expect(error?.code == .depthExceeded)
        let fine = String(repeating: "opt ", count: 200) + "1"
        #expect(try Candid.parseValue(fine) != .null)
    }
}

@Suite struct TypedTextTests {
    @Test func numbersTakeTheExpectedType() throws {
        let types: [CandidType] = [.nat, .int, .nat8, .nat16, .nat32, .nat64, .int8, .int16, .int32, .int64]
        let values = try Candid.parseArguments("(1, -2, 255, 0xffff, 4_294_967_295, 1, -128, -3, -4, -5)", as: types)
        #expect(values == [
            .nat(1), .int(-2), .nat8(255), .nat16(65535), .nat32(4_294_967_295), .nat64(1), .int8(-128), .int16(-3),
            .int32(-4), .int64(-5),
        ])
        #expect(try Candid.parseArguments("(0.5, 3.)", as: [.float32, .float64]) == [.float32(0.5), .float64(3)])
        #expect(try Candid.parseArguments("(5 : nat)", as: [.int]) == [.int(5)])
        let failures: [(String, CandidType, String)] = [
            ("(-1)", .nat, "-1 is negative, not a nat"),
            ("(256)", .nat8, "256 is out of range for nat8"),
            ("(-129)", .int8, "-129 is out of range for int8"),
            ("(1)", .float64, "integer literal"),
            ("(1.5)", .int, "type mismatch: expected int, found the float 1.5"),
            ("(5 : nat8)", .nat16, "type mismatch: expected nat16, found a value of type nat8"),
            ("(5 : int)", .nat, "type mismatch: expected nat, found a value of type int"),
            ("(\"x\")", .nat, "type mismatch: expected nat, found a text"),
        ]
        for (text, type, fragment) in failures {
            let error = #expect(throws: CandidError.self, "\(text)") { try Candid.parseArguments(text, as: [type]) }
            #expect(error?.code == .invalidText, "\(text)")
            #expect(error?.message.contains(fragment) == true, "\(text): \(String(describing: error))")
            #expect(error?.message.hasPrefix("line 1, column 2:") == true, "\(text): \(String(describing: error))")
        }
    }

    @Test func optIsStrict() throws {
        let optNat = CandidType.opt(.nat)
        #expect(try Candid.parseArguments("(null, opt 5, null : reserved)", as: [optNat, optNat, optNat])
            == [.opt(nil), .opt(.nat(5)), .opt(nil)])
        #expect(try Candid.parseArguments("(null)", as: [.opt(.null)]) == [.opt(nil)])
        #expect(try Candid.parseArguments("(opt null)", as: [.opt(.null)]) == [.opt(.null)])
        let error = #expect(throws: CandidError.self) { try Candid.parseArguments("(5)", as: [optNat]) }
        #expect(error?.message.contains("expected opt nat, found the number 5") == true)
        #expect(throws: CandidError.self) { try Candid.parseArguments("(opt -1)", as: [optNat]) }
    }

    @Test func recordsAndVariants() throws {
        let type = CandidType.record([
            CandidField(CandidLabel("a"), .nat), CandidField(CandidLabel("b"), .opt(.text)),
            CandidField(CandidLabel("c"), .null), CandidField(CandidLabel("d"), .reserved),
        ].sorted { $0.label < $1.label })
        let value = try Candid.parseValue("record { a = 1; extra = \"dropped\" }", as: type)
        #expect(value == .record([
            CandidRecordField(CandidLabel("a"), .nat(1)), CandidRecordField(CandidLabel("b"), .opt(nil)),
            CandidRecordField(CandidLabel("c"), .null), CandidRecordField(CandidLabel("d"), .reserved),
        ]))
        #expect(try Candid.parseArguments("(record { whatever = 0 })", as: [.record([])])
            == Candid.parseArguments("(record {})", as: [.record([])]))
        let missing = #expect(throws: CandidError.self) { try Candid.parseValue("record { b = null }", as: type) }
        #expect(missing?.message == "line 1, column 1: record field a of type nat is missing")
        let tuple = CandidType.record([CandidField(CandidLabel(id: 0), .bool), CandidField(CandidLabel(id: 1), .int)])
        let result = CandidType.variant([
            CandidField(CandidLabel("Bar"), tuple), CandidField(CandidLabel("Foo"), .null),
        ].sorted { $0.label < $1.label })
        #expect(try Candid.parseValue("variant { Bar = record { true; 42 } }", as: result)
            == .variant(CandidLabel("Bar"), .record([
                CandidRecordField(CandidLabel(id: 0), .bool(true)), CandidRecordField(CandidLabel(id: 1), .int(42)),
            ])))
        #expect(try Candid.parseValue("variant { Foo }", as: result) == .variant(CandidLabel("Foo"), .null))
        let unknownCase = #expect(throws: CandidError.self) { try Candid.parseValue("variant { Baz }", as: result) }
        #expect(unknownCase?.message.contains("variant case Baz is not in the type") == true)
    }

    @Test func blobsAndVectors() throws {
        #expect(try Candid.parseArguments("(vec { 1; 2; 255 })", as: [.blob]) == [.blob([1, 2, 255])])
        #expect(try Candid.parseArguments("(blob \"\\00a\")", as: [.blob]) == [.blob([0, 0x61])])
        #expect(try Candid.parseArguments("(vec { (1 : nat8) })", as: [.blob]) == [.blob([1])])
        #expect(try Candid.parseArguments("(vec {})", as: [.blob]) == [.blob([])])
        #expect(try Candid.parseArguments("(vec { 1; 2 })", as: [.vec(.nat16)]) == [.vec([.nat16(1), .nat16(2)])])
        let mismatch = #expect(throws: CandidError.self) {
            try Candid.parseArguments("(vec { 1; -1 })", as: [.vec(.nat)])
        }
        #expect(mismatch?.message.hasPrefix("line 1, column 11:") == true)
        #expect(throws: CandidError.self) { try Candid.parseArguments("(vec { 256 })", as: [.blob]) }
        #expect(throws: CandidError.self) { try Candid.parseArguments("(blob \"a\")", as: [.vec(.nat16)]) }
        #expect(throws: CandidError.self) { try Candid.parseArguments("(\"a\")", as: [.blob]) }
    }

    @Test func argumentsAndReserved() throws {
        #expect(try Candid.parseArguments("(1)", as: [.nat, .opt(.nat), .null, .reserved])
            == [.nat(1), .opt(nil), .null, .reserved])
        #expect(try Candid.parseArguments("(\"anything\", record { x = 1 })", as: [.reserved, .reserved])
            == [.reserved, .reserved])
        let missing = #expect(throws: CandidError.self) { try Candid.parseArguments("(1)", as: [.nat, .text]) }
        #expect(missing?.message == "line 1, column 4: argument 2 of type text is missing")
        let extra = #expect(throws: CandidError.self) { try Candid.parseArguments("(1, 2)", as: [.nat]) }
        #expect(extra?.message == "line 1, column 5: expected 1 arguments, found 2")
        #expect(throws: CandidError.self) { try Candid.parseArguments("(null)", as: [.empty]) }
        #expect(throws: CandidError.self) { try Candid.parseArguments("(null : reserved)", as: [.null]) }
    }

    @Test func referencesAndNamedTypes() throws {
        let list = CandidTypeEnvironment(["List": .opt(.record([
            CandidField(CandidLabel("head"), .int), CandidField(CandidLabel("tail"), .named("List")),
        ].sorted { $0.label < $1.label }))])
        let value = try Candid.parseValue(
            "opt record { head = 1; tail = opt record { head = 2; tail = null } }", as: .named("List"), in: list)
        let inner = CandidValue.opt(.record([
            CandidRecordField(CandidLabel("head"), .int(2)), CandidRecordField(CandidLabel("tail"), .opt(nil)),
        ]))
        #expect(value == .opt(.record([
            CandidRecordField(CandidLabel("head"), .int(1)), CandidRecordField(CandidLabel("tail"), inner),
        ])))
        // Annotations may use the environment's names.
        #expect(try Candid.parseValue("(null : List)", in: list) == .opt(nil))
        let notService = #expect(throws: CandidError.self) {
            try Candid.parseArguments("(principal \"w7x7r-cok77-xa\")", as: [.service(CandidServiceType(methods: []))])
        }
        #expect(notService?.code == .invalidText)
        let function = CandidType.function(CandidFunctionType(arguments: [], results: [.opt(.bool)]))
        #expect(try Candid.parseArguments("(opt func \"aaaaa-aa\".m)", as: [.opt(function)])
            == [.opt(.function(.managementCanister, method: "m"))])
        #expect(try Candid.parseArguments("(5 : reserved)", as: [.opt(.nat)]) == [.opt(nil)])
    }
}

@Suite struct TextPrintingTests {
    static let caffee = Principal(unchecked: [0xCA, 0xFF, 0xEE])

    static let printed: [(value: CandidValue, text: String)] = [
        (.null, "null"),
        (.bool(true), "true"),
        (.bool(false), "false"),
        (.int(-5), "-5"),
        (.int(BigInt(1) << 64), "18446744073709551616"),
        (.nat(42), "42 : nat"),
        (.nat8(255), "255 : nat8"),
        (.nat16(1), "1 : nat16"),
        (.nat32(7), "7 : nat32"),
        (.nat64(UInt64.max), "18446744073709551615 : nat64"),
        (.int8(-128), "-128 : int8"),
        (.int16(-1), "-1 : int16"),
        (.int32(3), "3 : int32"),
        (.int64(Int64.min), "-9223372036854775808 : int64"),
        (.float64(3), "3.0"),
        (.float64(-0.5), "-0.5"),
        (.float64(1e100), "1e+100"),
        (.float64(.infinity), "inf"),
        (.float64(-.infinity), "-inf"),
        (.float32(3.5), "3.5 : float32"),
        (.float32(0.1), "0.1 : float32"),
        (.text("a\"b\\c\n\t\r\u{1}☃"), #""a\"b\\c\n\t\r\u{1}☃""#),
        (.reserved, "null : reserved"),
        (.principal(.anonymous), #"principal "2vxsx-fae""#),
        (.service(caffee), #"service "w7x7r-cok77-xa""#),
        (.function(caffee, method: "foo"), #"func "w7x7r-cok77-xa".foo"#),
        (.function(caffee, method: "🐂"), #"func "w7x7r-cok77-xa"."🐂""#),
        (.function(caffee, method: "query"), #"func "w7x7r-cok77-xa"."query""#),
        (.opt(nil), "null : opt empty"),
        (.opt(.int(5)), "opt 5"),
        (.opt(.nat(5)), "opt (5 : nat)"),
        (.opt(.opt(nil)), "opt (null : opt empty)"),
        (.opt(.opt(.int(-1))), "opt opt -1"),
        (.blob([0xCA, 0xFF, 0x61, 0x22, 0x5C, 0x20]), #"blob "\ca\ffa\"\\ ""#),
        (.blob([]), #"blob """#),
        (.vec([]), "vec {}"),
        (.vec([.nat8(1), .nat8(2)]), "vec { 1 : nat8; 2 : nat8 }"),
        (.record([]), "record {}"),
        (.record([CandidRecordField(CandidLabel(id: 0), .int(42)), CandidRecordField(CandidLabel(id: 1), .bool(true))]),
            "record { 42; true }"),
        (.record([CandidRecordField(CandidLabel(id: 7), .text("x")), CandidRecordField(CandidLabel("a"), .nat(1)),
            CandidRecordField(CandidLabel("☃"), .null)]), #"record { 7 = "x"; a = 1 : nat; "☃" = null }"#),
        (.record([CandidRecordField(CandidLabel(id: 1), .int(1))]), "record { 1 = 1 }"),
        (.variant(CandidLabel("ok"), .text("good")), #"variant { ok = "good" }"#),
        (.variant(CandidLabel("Bar"), .null), "variant { Bar }"),
        (.variant(CandidLabel(id: 3), .nat(1)), "variant { 3 = 1 : nat }"),
    ]

    @Test(arguments: Self.printed)
    func printsAndParsesBack(value: CandidValue, text: String) throws {
        #expect(value.text == text)
        #expect(value.description == text)
        #expect(try Candid.parseValue(text) == value)
        #expect(try Candid.parseArguments("(" + text + ")") == [value])
    }

    @Test func printsArgumentTuples() throws {
        let values: [CandidValue] = [.nat(42), .record([CandidRecordField(CandidLabel("a"), .text("x"))])]
        #expect(Candid.printArguments(values) == #"(42 : nat, record { a = "x" })"#)
        #expect(Candid.printArguments([]) == "()")
        #expect(try Candid.parseArguments(Candid.printArguments(values)) == values)
    }

    @Test func nanPrintsAndParses() throws {
        #expect(CandidValue.float64(.nan).text == "nan")
        #expect(CandidValue.float32(.nan).text == "nan : float32")
        guard case .float32(let value) = try Candid.parseValue("nan : float32") else {
            Issue.record("not a float32")
            return
        }
        #expect(value.isNaN)
    }

    /// Swift prints a negative NaN as `nan`; the printer keeps the sign, so print and parse keep the bits.
    @Test func negativeNaNKeepsItsSignThroughPrintAndParse() throws {
        #expect(CandidValue.float64(-.nan).text == "-nan")
        #expect(CandidValue.float32(-.nan).text == "-nan : float32")
        guard case .float64(let back) = try Candid.parseValue(CandidValue.float64(-.nan).text) else {
            Issue.record("not a float64")
            return
        }
        #expect(back.bitPattern == (-Double.nan).bitPattern)
        guard case .float32(let back32) = try Candid.parseValue("-nan : float32") else {
            Issue.record("not a float32")
            return
        }
        #expect(back32.bitPattern == (-Float.nan).bitPattern)
    }
}
