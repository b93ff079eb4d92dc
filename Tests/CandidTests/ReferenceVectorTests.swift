// Tests/CandidTests/ReferenceVectorTests.swift - the byte vectors of dfinity/candid's Rust tests, as our table

import Candid
import Testing

/// The messages and outcomes that dfinity/candid's `rust/candid/tests/serde.rs` and `number.rs` pin,
/// restated as Candid types and values (their Rust types are written here as the Candid types they
/// derive). `types.rs` and the `compatibility_*.rs` files test the Rust derive and its fast paths,
/// not bytes; their facts that are about Candid (extra arguments, new optional fields, nat and int at
/// the 64-bit boundaries) are rows here too.
@Suite struct ReferenceVectorTests {
    enum Expectation: Sendable {
        /// The message decodes at the types to the value, and the value encodes to exactly the message.
        case roundTrip(String)
        /// The message decodes at the types to the value. Encoding the value gives another message:
        /// the reference's type table is not minimal, ours is.
        case decodes(String)
        /// Decoding at the types fails with this code.
        case fails(CandidError.Code)
    }

    struct Vector: Sendable, CustomStringConvertible {
        var test: String
        var hex: String
        var types: String
        var expectation: Expectation
        var description: String { "\(test): \(hex) at \(types)" }
    }

    /// Named types some vectors use.
    static let definitions = """
        type List = record { head : int; tail : opt List };
        type ListOpt = opt ListNode;
        type ListNode = record { head : int; tail : ListOpt };
        type A = record { typeb : opt B };
        type B = record { typea : opt A };
        """

    static let vectors: [Vector] = [
        // test_error
        Vector(test: "error", hex: "444944", types: "(int)", expectation: .fails(.invalidMagic)),
        Vector(test: "error", hex: "4449444c", types: "(int)", expectation: .fails(.truncated)),
        Vector(test: "error", hex: "4449444c0000", types: "(int)", expectation: .fails(.missingField)),
        Vector(test: "error", hex: "4449444c017c", types: "(int)", expectation: .fails(.invalidTypeTable)),
        Vector(test: "error", hex: "4449444c026e0100", types: "(int)", expectation: .fails(.invalidTypeTable)),
        Vector(test: "error", hex: "4449444c00017e0101", types: "(bool)", expectation: .fails(.trailingBytes)),
        Vector(test: "error", hex: "4449444c00017e", types: "(bool)", expectation: .fails(.truncated)),
        Vector(test: "error", hex: "4449444c000100" + "01", types: "(int)", expectation: .fails(.invalidTypeReference)),
        // test_bool
        Vector(test: "bool", hex: "4449444c00017e01", types: "(bool)", expectation: .roundTrip("(true)")),
        Vector(test: "bool", hex: "4449444c00017e00", types: "(bool)", expectation: .roundTrip("(false)")),
        // test_integer
        Vector(test: "integer", hex: "4449444c00017c2a", types: "(int)", expectation: .roundTrip("(42)")),
        Vector(test: "integer", hex: "4449444c00017d2a", types: "(nat)", expectation: .roundTrip("(42)")),
        Vector(test: "integer", hex: "4449444c00017cd285d8cc04", types: "(int)", expectation: .roundTrip("(1_234_567_890)")),
        Vector(test: "integer", hex: "4449444c00017dd285d8cc04", types: "(nat)", expectation: .roundTrip("(1_234_567_890)")),
        Vector(test: "integer", hex: "4449444c00017d80e497d012", types: "(nat)", expectation: .roundTrip("(5_000_000_000)")),
        Vector(test: "integer", hex: "4449444c00017caefaa7b37b", types: "(int)", expectation: .roundTrip("(-1_234_567_890)")),
        Vector(test: "integer", hex: "4449444c00017c808098f4e9b5caea00", types: "(int)", expectation: .roundTrip("(60000000000000000)")),
        Vector(test: "integer", hex: "4449444c00017d808098f4e9b5ca6a", types: "(nat)", expectation: .roundTrip("(60000000000000000)")),
        Vector(test: "integer", hex: "4449444c00017d808098f4e9b5ca6a", types: "(int)", expectation: .decodes("(60000000000000000)")),
        Vector(test: "integer", hex: "4449444c00017c8080e88b96cab5957f", types: "(int)", expectation: .roundTrip("(-60000000000000000)")),
        Vector(test: "integer", hex: "4449444c00017c2a", types: "(int64)", expectation: .fails(.typeMismatch)),
        // test_fixed_number
        Vector(test: "fixed_number", hex: "4449444c00017b2a", types: "(nat8)", expectation: .roundTrip("(42)")),
        Vector(test: "fixed_number", hex: "4449444c00017a2a00", types: "(nat16)", expectation: .roundTrip("(42)")),
        Vector(test: "fixed_number", hex: "4449444c0001792a000000", types: "(nat32)", expectation: .roundTrip("(42)")),
        Vector(test: "fixed_number", hex: "4449444c0001782a00000000000000", types: "(nat64)", expectation: .roundTrip("(42)")),
        Vector(test: "fixed_number", hex: "4449444c0001772a", types: "(int8)", expectation: .roundTrip("(42)")),
        Vector(test: "fixed_number", hex: "4449444c0001762a00", types: "(int16)", expectation: .roundTrip("(42)")),
        Vector(test: "fixed_number", hex: "4449444c0001752a000000", types: "(int32)", expectation: .roundTrip("(42)")),
        Vector(test: "fixed_number", hex: "4449444c0001742a00000000000000", types: "(int64)", expectation: .roundTrip("(42)")),
        Vector(test: "fixed_number", hex: "4449444c000174d6ffffffffffffff", types: "(int64)", expectation: .roundTrip("(-42)")),
        // test_float
        Vector(test: "float", hex: "4449444c00017300004040", types: "(float32)", expectation: .roundTrip("(3.0)")),
        Vector(test: "float", hex: "4449444c0001720000000000000840", types: "(float64)", expectation: .roundTrip("(3.0)")),
        Vector(test: "float", hex: "4449444c0001720000000000001840", types: "(float64)", expectation: .roundTrip("(6.0)")),
        Vector(test: "float", hex: "4449444c000172000000000000e03f", types: "(float64)", expectation: .roundTrip("(0.5)")),
        Vector(test: "float", hex: "4449444c000172000000000000e0bf", types: "(float64)", expectation: .roundTrip("(-0.5)")),
        // test_text
        Vector(test: "text", hex: "4449444c00017107486920e298830a", types: "(text)", expectation: .roundTrip(#"("Hi ☃\n")"#)),
        // test_reserved
        Vector(test: "reserved", hex: "4449444c000170", types: "(reserved)", expectation: .roundTrip("(null)")),
        Vector(test: "reserved", hex: "4449444c00017c2a", types: "(reserved)", expectation: .decodes("(null)")),
        Vector(test: "reserved", hex: "4449444c016c02d3e3aa027e868eb7027c0100012a", types: "(reserved)", expectation: .decodes("(null)")),
        Vector(test: "reserved", hex: "4449444c016b02bc8a017bc5fed2016f01000001", types: "(variant { Ok : nat8; Err : empty })", expectation: .roundTrip("(variant { Ok = 1 })")),
        Vector(test: "reserved", hex: "4449444c016b02bc8a017bc5fed2016f010001", types: "(variant { Ok : nat8; Err : empty })", expectation: .fails(.invalidValue)),
        // test_reference
        Vector(test: "reference", hex: "4449444c0001680103caffee", types: "(principal)", expectation: .roundTrip(#"(principal "w7x7r-cok77-xa")"#)),
        Vector(test: "reference", hex: "4449444c016a00017d000100010103caffee066d6574686f64", types: "(func () -> (nat))", expectation: .roundTrip(#"(func "w7x7r-cok77-xa"."method")"#)),
        // A func () -> (null) value is not a func () -> (nat): under an opt it is null.
        Vector(test: "reference", hex: "4449444c016a00017f000100010100016d", types: "(opt func () -> (nat))", expectation: .decodes("(null)")),
        Vector(test: "reference", hex: "4449444c016a00017f000100010100016d", types: "(func () -> (nat))", expectation: .fails(.typeMismatch)),
        Vector(test: "reference", hex: "4449444c0369020166010167026a00017d006a0000010101000103caffee", types: "(service { f : () -> (nat); g : () -> () query })", expectation: .roundTrip(#"(service "w7x7r-cok77-xa")"#)),
        // test_option
        Vector(test: "option", hex: "4449444c016e7c0100012a", types: "(opt int)", expectation: .roundTrip("(opt 42)")),
        Vector(test: "option", hex: "4449444c026e016e7c010001012a", types: "(opt opt int)", expectation: .roundTrip("(opt opt 42)")),
        Vector(test: "option", hex: "4449444c016e75010000", types: "(opt int32)", expectation: .roundTrip("(null)")),
        Vector(test: "option", hex: "4449444c016e75010000", types: "(opt text)", expectation: .decodes("(null)")),
        Vector(test: "option", hex: "4449444c016e00010001010100", types: "(opt opt opt int32)", expectation: .decodes("(opt opt null)")),
        // test_struct
        Vector(test: "struct", hex: "4449444c016c02d3e3aa027e868eb7027c0100012a", types: "(record { foo : int; bar : bool })", expectation: .roundTrip("(record { foo = 42; bar = true })")),
        Vector(test: "struct", hex: "4449444c016c02a3e0d4b9bf86027e868eb7027c0100012a", types: "(record { foo : int; bar : bool })", expectation: .fails(.invalidTypeTable)),
        Vector(test: "struct", hex: "4449444c026c03d3e3aa027edbe3aa0201868eb7027c6c02d3e3aa027e868eb7027c010001000a2a", types: "(record { foo : int; bar : bool; baz : record { foo : int; bar : bool } })", expectation: .roundTrip("(record { foo = 42; bar = true; baz = record { foo = 10; bar = false } })")),
        Vector(test: "struct", hex: "4449444c016c02007e017c0100012a", types: "(record { bool; int })", expectation: .roundTrip("(record { true; 42 })")),
        Vector(test: "struct", hex: "4449444c026c02a0d2aca8047c90eddae704016e0001002a012b00", types: "(List)", expectation: .roundTrip("(record { head = 42; tail = opt record { head = 43; tail = null } })")),
        Vector(test: "struct", hex: "4449444c036e016c02a0d2aca8047c90eddae704026e01010000", types: "(opt List)", expectation: .decodes("(null)")),
        // test_mutual_recursion: the minimal table of the same type, which both sides write.
        Vector(test: "mutual_recursion", hex: "4449444c026e016c02a0d2aca8047c90eddae70400010000", types: "(ListOpt)", expectation: .roundTrip("(null)")),
        Vector(test: "mutual_recursion", hex: "4449444c026e016c02a0d2aca8047c90eddae70400010000", types: "(opt List)", expectation: .roundTrip("(null)")),
        // test_equivalent_types
        Vector(test: "equivalent_types", hex: "4449444c066c01acd4dbb905016d026c01e8e0add601036e046c01e7e0add601056e02010000", types: "(record { typeas : vec A })", expectation: .decodes("(record { typeas = vec {} })")),
        Vector(test: "equivalent_types", hex: "4449444c046c01e7e0add601016e026c01e8e0add601036e00010000", types: "(B)", expectation: .decodes("(record { typea = null })")),
        // test_newtype
        Vector(test: "newtype", hex: "4449444c0001752a000000", types: "(int32)", expectation: .roundTrip("(42)")),
        Vector(test: "newtype", hex: "4449444c016b0141750100002a000000", types: "(variant { A : int32 })", expectation: .roundTrip("(variant { A = 42 })")),
        // test_serde_bytes
        Vector(test: "serde_bytes", hex: "4449444c016d7b010003010203", types: "(blob)", expectation: .roundTrip(#"(blob "\01\02\03")"#)),
        Vector(test: "serde_bytes", hex: "4449444c026c02620163016d7b01000301020303010203", types: "(record { b : blob; c : blob })", expectation: .roundTrip(#"(record { b = blob "\01\02\03"; c = blob "\01\02\03" })"#)),
        // test_keyword_label
        Vector(test: "keyword_label", hex: "4449444c026c01b0c9b649016d7b010003010203", types: #"(record { "return" : blob })"#, expectation: .roundTrip(#"(record { "return" = blob "\01\02\03" })"#)),
        Vector(test: "keyword_label", hex: "4449444c016b01b0c9b6497f010000", types: #"(variant { "return" })"#, expectation: .roundTrip(#"(variant { "return" })"#)),
        // test_vector
        Vector(test: "vector", hex: "4449444c016d7c01000400010203", types: "(vec int)", expectation: .roundTrip("(vec { 0; 1; 2; 3 })")),
        Vector(test: "vector", hex: "4449444c026d016c02007c01710100012a0474657874", types: "(vec record { int; text })", expectation: .roundTrip(#"(vec { record { 42; "text" } })"#)),
        Vector(test: "vector", hex: "4449444c046d016d026d036d7f010001010101", types: "(vec vec vec vec null)", expectation: .roundTrip("(vec { vec { vec { vec { null } } } })")),
        Vector(test: "vector", hex: "4449444c036c01d6fca702016d026c00010080ade204", types: "(reserved)", expectation: .fails(.quotaExceeded)),
        // test_collection
        Vector(test: "collection", hex: "4449444c026d016c0200710175010001016101000000", types: "(vec record { text; int32 })", expectation: .roundTrip(#"(vec { record { "a"; 1 } })"#)),
        Vector(test: "collection", hex: "4449444c026d016c0200750175010003010000006500000002000000660000000300000067000000", types: "(vec record { int32; int32 })", expectation: .roundTrip("(vec { record { 1; 101 }; record { 2; 102 }; record { 3; 103 } })")),
        Vector(test: "collection", hex: "4449444c016d75010003010000000200000003000000", types: "(vec int32)", expectation: .roundTrip("(vec { 1; 2; 3 })")),
        // test_tuple
        Vector(test: "tuple", hex: "4449444c016c02007c017101002a04f09f92a9", types: "(record { int; text })", expectation: .roundTrip(#"(record { 42; "💩" })"#)),
        Vector(test: "tuple", hex: "4449444c046c04007c017e020103026d7c6e036c02a0d2aca8047c90eddae7040201002b010302030400", types: "(record { int; bool; vec int; opt text })", expectation: .decodes("(record { 43; true; vec { 2; 3; 4 }; null })")),
        Vector(test: "tuple", hex: "4449444c016c02007c027101002a04f09f92a9", types: "(record { int; text })", expectation: .fails(.missingField)),
        // test_variant
        Vector(test: "variant", hex: "4449444c016b02b3d3c9017fe6fdd5017f010000", types: "(variant { Foo; Bar })", expectation: .roundTrip("(variant { Bar })")),
        Vector(test: "variant", hex: "4449444c016b02b3d3c9017fe6fdd5017f010003", types: "(variant { Foo; Bar })", expectation: .fails(.invalidValue)),
        Vector(test: "variant", hex: "4449444c016b02b4d3c9017fe6fdd5017f010000", types: "(variant { Foo; Bar })", expectation: .fails(.typeMismatch)),
        Vector(test: "variant", hex: "4449444c016b02bc8a0171c5fed2017101000004676f6f64", types: "(variant { Ok : text; Err : text })", expectation: .roundTrip(#"(variant { Ok = "good" })"#)),
        Vector(test: "variant", hex: "4449444c036b03b3d3c90101bbd3c90102e6fdd5017f6c02007e017c6c02617c627d010000012a", types: "(variant { Foo; Bar : record { bool; int }; Baz : record { a : int; b : nat } })", expectation: .roundTrip("(variant { Bar = record { true; 42 } })")),
        Vector(test: "variant", hex: "4449444c026b0341014201437f6c00010000", types: "(variant { A : record {}; B : record {}; C })", expectation: .roundTrip("(variant { A = record {} })")),
        // test_field_rename
        Vector(test: "field_rename", hex: "4449444c016c026177627b01002a2a", types: "(record { a : int8; b : nat8 })", expectation: .roundTrip("(record { a = 42; b = 42 })")),
        Vector(test: "field_rename", hex: "4449444c016b02617f627f010001", types: "(variant { a; b })", expectation: .roundTrip("(variant { b })")),
        Vector(test: "field_rename", hex: "4449444c016b02b684a7027bb493ee970d770100012a", types: #"(variant { "1-2 + 3" : int8; "a-b" : nat8 })"#, expectation: .roundTrip(#"(variant { "1-2 + 3" = 42 })"#)),
        Vector(test: "field_rename", hex: "4449444c016c02b684a7027bb493ee970d7701002a2a", types: #"(record { "1-2 + 3" : int8; "a-b" : nat8 })"#, expectation: .roundTrip(#"(record { "1-2 + 3" = 42; "a-b" = 42 })"#)),
        // test_generics
        Vector(test: "generics", hex: "4449444c016c02eab3017cebb3017e01002a01", types: "(record { g1 : int; g2 : bool })", expectation: .roundTrip("(record { g1 = 42; g2 = true })")),
        // test_multiargs
        Vector(test: "multiargs", hex: "4449444c0000", types: "()", expectation: .roundTrip("()")),
        Vector(test: "multiargs", hex: "4449444c016e7c047c0000002a012a01010102", types: "(int, opt int, opt int, opt int)", expectation: .roundTrip("(42, opt 42, opt 1, opt 2)")),
        Vector(test: "multiargs", hex: "4449444c016e7c047c0000002a012a01010102", types: "(int)", expectation: .decodes("(42)")),
        Vector(test: "multiargs", hex: "4449444c026d016c02007c0171020001012a04746578742a0474657874", types: "(vec record { int; text }, record { int; text })", expectation: .roundTrip(#"(vec { record { 42; "text" } }, record { 42; "text" })"#)),
        Vector(test: "multiargs", hex: "4449444c026d016c02007c0171020001012a04746578742a0474657874", types: "(vec record { int; text }, record { int; text; null }, opt int32, null, reserved)", expectation: .decodes(#"(vec { record { 42; "text" } }, record { 42; "text"; null }, null, null, null)"#)),
    ]

    static func bytes(_ hex: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var high: UInt8?
        for scalar in hex.unicodeScalars {
            guard let digit = hexValue(scalar) else { return nil }
            if let first = high { bytes.append(first << 4 | digit); high = nil } else { high = digit }
        }
        return high == nil ? bytes : nil
    }

    static func environment() throws -> CandidTypeEnvironment {
        try DidFile.parse(definitions).environment
    }

    @Test(arguments: vectors) func vector(_ vector: Vector) throws {
        let environment = try Self.environment()
        let types = try Candid.parseTypes(vector.types, in: environment)
        let bytes = try #require(Self.bytes(vector.hex), "\(vector)")
        switch vector.expectation {
        case .roundTrip(let text), .decodes(let text):
            let expected = try Candid.parseArguments(text, as: types, in: environment)
            let decoded = try Candid.decode(bytes, as: types, in: environment)
            #expect(decoded == expected, "\(vector): \(Candid.printArguments(decoded))")
            let encoded = try Candid.encode(expected, as: types, in: environment)
            if case .roundTrip = vector.expectation {
                #expect(hex(encoded) == vector.hex, "\(vector)")
            } else {
                // Our own message of the value decodes back to it.
                #expect(try Candid.decode(encoded, as: types, in: environment) == expected, "\(vector)")
            }
        case .fails(let code):
            let error = #expect(throws: CandidError.self, "\(vector)") {
                try Candid.decode(bytes, as: types, in: environment)
            }
            #expect(error?.code == code, "\(vector): \(String(describing: error))")
        }
    }

    /// A value encoded at its own types, then decoded at other types: the reference's tests that
    /// encode a Rust value and decode it as another Rust type.
    struct Coercion: Sendable, CustomStringConvertible {
        var test: String
        var value: String
        var wire: String
        var expected: String
        /// The decoded value, or nil when decoding must fail.
        var result: String?
        var description: String { "\(test): \(value) : \(wire) at \(expected)" }
    }

    static let coercions: [Coercion] = {
        var rows = [
            // The special opt rule.
            Coercion(test: "option", value: "(record { canister_id = opt 42 })", wire: "(record { canister_id : opt int32 })", expected: "(record { canister_id : opt principal })", result: "(record { canister_id = null })"),
            // optional_fields
            Coercion(test: "optional_fields", value: "(record { bar = true; baz = opt variant { Foo } })", wire: "(record { bar : bool; baz : opt variant { Foo; Bar : bool } })", expected: "(record { foo : opt nat8; bar : bool; baz : opt variant { Foo; Bar : bool; Baz : bool } })", result: "(record { foo = null; bar = true; baz = opt variant { Foo } })"),
            Coercion(test: "optional_fields", value: "(record { foo = opt 42; bar = false; baz = opt variant { Baz = true } })", wire: "(record { foo : opt nat8; bar : bool; baz : opt variant { Foo; Bar : bool; Baz : bool } })", expected: "(record { bar : bool; baz : opt variant { Foo; Bar : bool } })", result: "(record { bar = false; baz = null })"),
            Coercion(test: "optional_fields", value: "(variant { Baz = false })", wire: "(variant { Foo; Bar : bool; Baz : bool })", expected: "(variant { Foo; Bar : bool })", result: nil),
            // test_extra_fields
            Coercion(test: "extra_fields", value: "(record { foo = 42; bar = true; baz = 1; bbb = 1; bib = variant { Foo }; bab = record { foo = 10; bar = false } })", wire: "(record { foo : int32; bar : bool; baz : nat32; bbb : nat32; bib : variant { Foo; Bar }; bab : record { foo : int32; bar : bool } })", expected: "(record { foo : int32; bar : bool })", result: "(record { foo = 42; bar = true })"),
            Coercion(test: "extra_fields", value: "(record { foo = 42; bar = true })", wire: "(record { foo : int32; bar : bool })", expected: "(record { foo : int32; bar : bool; baz : nat32; bbb : nat32; bib : variant { Foo; Bar }; bab : record { foo : int32; bar : bool } })", result: nil),
            Coercion(test: "extra_fields", value: "(variant { Foo })", wire: "(variant { Foo; Bar })", expected: "(variant { Foo; Bar; Baz })", result: "(variant { Foo })"),
            Coercion(test: "extra_fields", value: "(variant { Foo })", wire: "(variant { Foo; Bar; Baz })", expected: "(opt variant { Foo; Bar; Baz })", result: "(opt variant { Foo })"),
            Coercion(test: "extra_fields", value: "(variant { Foo })", wire: "(variant { Foo; Bar; Baz })", expected: "(variant { Foo; Bar })", result: "(variant { Foo })"),
            // test_variant
            Coercion(test: "variant", value: "(opt variant { Foo })", wire: "(opt variant { Foo; Bar : record { bool; int }; Baz : record { a : int; b : nat } })", expected: "(opt variant { Foo; Bar })", result: "(opt variant { Foo })"),
            Coercion(test: "variant", value: "(variant { Baz = record { a = 42; b = 42 } })", wire: "(variant { Foo; Bar : record { bool; int }; Baz : record { a : int; b : nat } })", expected: "(opt variant { Foo; Bar })", result: "(null)"),
            Coercion(test: "variant", value: "(variant { Bar = record { true; 42 } })", wire: "(variant { Foo; Bar : record { bool; int }; Baz : record { a : int; b : nat } })", expected: "(opt variant { Foo; Bar })", result: "(null)"),
            Coercion(test: "variant", value: "(variant { Bar = record { true; 42 } })", wire: "(variant { Foo; Bar : record { bool; int }; Baz : record { a : int; b : nat } })", expected: "(variant { Foo; Bar })", result: nil),
            // compatibility_records: a new optional field, in both directions.
            Coercion(test: "compatibility_records", value: "(vec { record { id = 1; flag = true }; record { id = 2; flag = false } })", wire: "(vec record { id : nat32; flag : bool })", expected: "(vec record { extra : opt nat8; id : nat32; flag : bool })", result: "(vec { record { extra = null; id = 1; flag = true }; record { extra = null; id = 2; flag = false } })"),
            Coercion(test: "compatibility_records", value: "(vec { record { extra = opt 10; id = 1; flag = true }; record { extra = null; id = 2; flag = false } })", wire: "(vec record { extra : opt nat8; id : nat32; flag : bool })", expected: "(vec record { id : nat32; flag : bool })", result: "(vec { record { id = 1; flag = true }; record { id = 2; flag = false } })"),
            // compatibility_vectors: trailing arguments, and a vector at another element type.
            Coercion(test: "compatibility_vectors", value: "(vec { -1; 0; 1; 42; -32768; 32767 }, 123)", wire: "(vec int16, nat8)", expected: "(vec int16)", result: "(vec { -1; 0; 1; 42; -32768; 32767 })"),
            Coercion(test: "compatibility_vectors", value: "(vec { -1; 0; 1; 42; -32768; 32767 }, 123)", wire: "(vec int16, nat8)", expected: "(vec int16, nat8)", result: "(vec { -1; 0; 1; 42; -32768; 32767 }, 123)"),
            Coercion(test: "compatibility_vectors", value: "(123, vec { 1; 2; 3 })", wire: "(nat8, vec int16)", expected: "(nat8)", result: "(123)"),
            Coercion(test: "compatibility_vectors", value: "(vec { 1; 2; 3 })", wire: "(vec nat16)", expected: "(vec nat32)", result: nil),
            // compatibility_numbers: nat and int across the 64-bit boundaries.
            Coercion(test: "compatibility_numbers", value: "(vec { 0; 42; 18_446_744_073_709_551_615; 18_446_744_073_709_551_616; 24197857200151251861972493965091130863 })", wire: "(vec nat)", expected: "(vec nat)", result: "(vec { 0; 42; 18_446_744_073_709_551_615; 18_446_744_073_709_551_616; 24197857200151251861972493965091130863 })"),
            Coercion(test: "compatibility_numbers", value: "(vec { -1; -9_223_372_036_854_775_808; -9_223_372_036_854_775_809; 9_223_372_036_854_775_808; -600000000000000000000000000000000000 })", wire: "(vec int)", expected: "(vec int)", result: "(vec { -1; -9_223_372_036_854_775_808; -9_223_372_036_854_775_809; 9_223_372_036_854_775_808; -600000000000000000000000000000000000 })"),
        ]
        // The nested-option cases of test_option: `t : T`, `null : opt T` and `opt t : opt T`, each
        // decoded at `opt U`, `opt opt U` and `opt opt opt U`.
        let nested: [(t: String, tType: String, u: String, uType: String, coerces: Bool)] = [
            ("null", "null", "null", "null", true),
            ("null", "null", "null", "reserved", true),
            ("null", "reserved", "null", "reserved", true),
            ("null", "reserved", "", "null", false),
            ("5", "nat64", "null", "reserved", true),
            ("5", "nat64", "5", "nat64", true),
            ("5", "nat64", "", "null", false),
            ("5", "nat", "5", "int", true),
            ("5", "int", "", "nat", false),
        ]
        for row in nested {
            let isNull = row.tType == "null" || row.tType == "reserved"
            for depth in 1...3 {
                let expected = "(" + String(repeating: "opt ", count: depth) + row.uType + ")"
                func opts(_ count: Int, _ inner: String) -> String { "(" + String(repeating: "opt ", count: count) + inner + ")" }
                // `t : T`: a null or reserved `t` is null at any option; otherwise it is wrapped as
                // deep as the expected type, or (when it does not coerce) null at the innermost option.
                let direct: String
                if isNull {
                    direct = "(null)"
                } else {
                    direct = row.coerces ? opts(depth, row.u) : opts(depth - 1, "null")
                }
                rows.append(Coercion(test: "option", value: "(\(row.t))", wire: "(\(row.tType))", expected: expected, result: direct))
                rows.append(Coercion(test: "option", value: "(null)", wire: "(opt \(row.tType))", expected: expected, result: "(null)"))
                // `opt t : opt T`: the option meets the outer option and `t` the rest.
                let wrapped: String
                if row.coerces {
                    wrapped = isNull && depth > 1 ? opts(1, "null") : opts(isNull ? 1 : depth, row.u)
                } else {
                    wrapped = isNull ? (depth == 1 ? "(null)" : opts(1, "null")) : opts(depth - 1, "null")
                }
                rows.append(Coercion(test: "option", value: "(opt \(row.t))", wire: "(opt \(row.tType))", expected: expected, result: wrapped))
            }
        }
        return rows
    }()

    @Test(arguments: coercions) func coercion(_ row: Coercion) throws {
        let wire = try Candid.parseTypes(row.wire)
        let expected = try Candid.parseTypes(row.expected)
        let bytes = try Candid.encode(try Candid.parseArguments(row.value, as: wire), as: wire)
        if let result = row.result {
            let decoded = try Candid.decode(bytes, as: expected)
            #expect(decoded == (try Candid.parseArguments(result, as: expected)), "\(row): \(Candid.printArguments(decoded))")
        } else {
            #expect(throws: CandidError.self, "\(row)") { try Candid.decode(bytes, as: expected) }
        }
    }

    /// number.rs: the LEB128 forms of int and nat values, in whole messages.
    static let numbers: [(value: String, int: String, nat: String?)] = [
        ("0", "00", "00"),
        ("127", "ff00", "7f"),
        ("-1", "7f", nil),
        ("-123456", "c0bb78", nil),
        ("624485", "e58e26", "e58e26"),
        ("2000000", "8089fa00", "80897a"),
        ("60000000000000000", "808098f4e9b5caea00", "808098f4e9b5ca6a"),
        ("24197857200151252728969465429440056815", "ef9baf8589cf959a92deb7de8a929eabb424", "ef9baf8589cf959a92deb7de8a929eabb424"),
        ("-24197857200151252728969465429440056815", "91e4d0faf6b0eae5eda1c8a1f5ede1d4cb5b", nil),
    ]

    @Test func numbers() throws {
        for row in Self.numbers {
            for (type, body) in [(CandidType.int, row.int), (.nat, row.nat)] {
                guard let body else {
                    #expect(throws: CandidError.self, "\(row.value) : nat") { try Candid.parseArguments("(\(row.value))", as: [.nat]) }
                    continue
                }
                let message = try #require(Self.bytes("4449444c0001" + (type == .int ? "7c" : "7d") + body))
                let value = try Candid.parseArguments("(\(row.value))", as: [type])
                #expect(try Candid.encode(value, as: [type]) == message, "\(row.value) : \(type)")
                #expect(try Candid.decode(message, as: [type]) == value, "\(row.value) : \(type)")
            }
        }
        // Long LEB128 bodies: 0x7f groups are 2^(7n) - 1 as a nat and -1 as an int; 0x80 groups then
        // 0x7f are -2^(7(n-1)). Re-encoding a nat gives back the same bytes.
        for length in [10, 11, 100, 1000, 50_000] {
            let ones = Array(repeating: UInt8(0xff), count: length - 1) + [0x7f]
            let nat = try Candid.decode([0x44, 0x49, 0x44, 0x4c, 0x00, 0x01, 0x7d] + ones, as: [.nat])
            #expect(try Candid.encode(nat, as: [.nat]) == [0x44, 0x49, 0x44, 0x4c, 0x00, 0x01, 0x7d] + ones, "\(length)")
            let minusOne = try Candid.decode([0x44, 0x49, 0x44, 0x4c, 0x00, 0x01, 0x7c] + ones, as: [.int])
            #expect(minusOne == [.int(-1)], "\(length)")
            let negative = Array(repeating: UInt8(0x80), count: length - 1) + [0x7f]
            let large = try Candid.decode([0x44, 0x49, 0x44, 0x4c, 0x00, 0x01, 0x7c] + negative, as: [.int])
            #expect(try Candid.decode(try Candid.encode(large, as: [.int]), as: [.int]) == large, "\(length)")
        }
    }

    /// `vec null` of 1000 elements is 11 bytes; a deeply self-nested `vec record` of spaces runs into a limit.
    @Test func spaceBombs() throws {
        let thousand = try #require(Self.bytes("4449444c016d7f0100e807"))
        let values = [CandidValue.vec(Array(repeating: .null, count: 1000))]
        #expect(try Candid.decode(thousand, as: [.vec(.null)]) == values)
        #expect(try Candid.encode(values, as: [.vec(.null)]) == thousand)
        // A vector of records of vectors of ..., each vector 32 elements long (the space character).
        let header = try #require(Self.bytes("4449444c026c010a016d000101"))
        let bomb = header + Array(repeating: 0x20, count: 452)
        let error = #expect(throws: CandidError.self) { try Candid.decode(bomb, as: [.reserved]) }
        #expect([CandidError.Code.depthExceeded, .quotaExceeded, .limitExceeded, .truncated].contains(error?.code))
    }
}
