// Tests/CandidTests/CoercionTests.swift - decoding at expected types: the spec's coercion rules

import Testing

@testable import Candid

@Suite struct CoercionTests {
    static let optOpt = CandidTypeEnvironment(["Opt": .opt(.named("Opt"))])

    func decode(_ hex: String, _ types: [CandidType], in environment: CandidTypeEnvironment = .init()) throws
        -> [CandidValue]
    {
        try Candid.decode(hexBytes(hex), as: types, in: environment)
    }

    func code(_ hex: String, _ types: [CandidType], in environment: CandidTypeEnvironment = .init())
        -> CandidError.Code?
    {
        candidErrorCode { _ = try decode(hex, types, in: environment) }
    }

    @Test func primitivesMatchExactlyExceptNatToInt() throws {
        #expect(try decode("4449444c00017d2a", [.int]) == [.int(42)])
        #expect(code("4449444c00017c2a", [.nat]) == .typeMismatch)
        #expect(code("4449444c00017d2a", [.nat8]) == .typeMismatch)
        #expect(code("4449444c00017b2a", [.nat]) == .typeMismatch)
        #expect(code("4449444c00017e01", [.null]) == .typeMismatch)
        let error = try #require(candidError { _ = try decode("4449444c00017c2a", [.nat]) })
        #expect(error.offset == 7)
        #expect(error.message.contains("int"))
    }

    @Test func anythingDecodesAtReservedButMustBeValid() throws {
        #expect(try decode("4449444c000171064d6f746f6b6f", [.reserved]) == [.reserved])
        #expect(try decode("4449444c00017d8001", [.reserved]) == [.reserved])
        #expect(code("4449444c00017103e228a1", [.reserved]) == .invalidUTF8)
        #expect(code("4449444c000171054d6f746f6b6f", [.reserved]) == .trailingBytes)
        #expect(code("4449444c00017e02", [.reserved]) == .invalidValue)
        // reserved does not decode at null.
        #expect(code("4449444c000170", [.null]) == .typeMismatch)
    }

    @Test func emptyNeverDecodes() {
        #expect(code("4449444c00016f", [.empty]) == .invalidValue)
        #expect(code("4449444c00017f", [.empty]) == .typeMismatch)
        #expect(code("4449444c0000", [.empty]) == .missingField)
    }

    @Test func recordsSkipExtraFieldsAndFillOptionalOnes() throws {
        // Wire record { 0 : int; 1 : bool } = { 42; true }.
        let message = "4449444c016c02007c017e01002a01"
        let one = CandidLabel(id: 1)
        #expect(try decode(message, [.record([CandidField(one, .bool)])]) == [.record([.init(one, .bool(true))])])
        let two = CandidLabel("two")
        let expected: [CandidValue] = [
            .record(
                [
                    .init(one, .bool(true)), .init(two, .opt(nil)), .init(CandidLabel("z"), .null),
                    .init(CandidLabel("r"), .reserved),
                ].sorted { $0.label < $1.label })
        ]
        let type = CandidType.record([
            CandidField(one, .bool), CandidField(two, .opt(.text)), CandidField(CandidLabel("z"), .null),
            CandidField(CandidLabel("r"), .reserved),
        ])
        #expect(try decode(message, [type]) == expected)
        let error = try #require(candidError { _ = try decode(message, [.record([CandidField(two, .nat)])]) })
        #expect(error.code == .missingField)
        #expect(error.path == ["two"])
    }

    @Test func variantsCheckOnlyThePresentTag() throws {
        // Wire variant { 0; 1 : int } with tag 1 = 42.
        let message = "4449444c016b02007f017c0100012a"
        let zero = CandidLabel(id: 0)
        let one = CandidLabel(id: 1)
        #expect(
            try decode(message, [.variant([CandidField(zero, .int), CandidField(one, .int)])])
                == [.variant(one, .int(42))])
        let error = try #require(candidError { _ = try decode(message, [.variant([CandidField(zero, .null)])]) })
        #expect(error.code == .typeMismatch)
        #expect(error.path == ["1"])
        #expect(code("4449444c016b02007f017c0100022a", [.variant([CandidField(one, .int)])]) == .invalidValue)
    }

    @Test func vectorsCoerceElementwise() throws {
        #expect(try decode("4449444c016d7c010000", [.vec(.int8)]) == [.vec([])])
        #expect(try decode("4449444c016d7c010000", [.blob]) == [.blob([])])
        #expect(try decode("4449444c016d7d0100020102", [.vec(.int)]) == [.vec([.int(1), .int(2)])])
        let error = try #require(candidError { _ = try decode("4449444c016d7c01000201ff7f", [.vec(.nat)]) })
        #expect(error.code == .typeMismatch)
        #expect(error.path == ["[0]"])
        #expect(
            try decode("4449444c016d7f0100e807", [.vec(.opt(.nat))]) == [.vec(Array(repeating: .opt(nil), count: 1000))]
        )
    }

    @Test func argumentTuples() throws {
        // Extra arguments are skipped but still validated.
        #expect(try decode("4449444c00027d7e0501", [.nat]) == [.nat(5)])
        #expect(code("4449444c00027d7e0502", [.nat]) == .invalidValue)
        // Missing trailing arguments of type null, opt or reserved are filled in.
        #expect(
            try decode("4449444c00017d05", [.nat, .opt(.nat), .null, .reserved])
                == [.nat(5), .opt(nil), .null, .reserved])
        #expect(code("4449444c00017d05", [.nat, .nat]) == .missingField)
    }

    @Test func theSpecialOptRule() throws {
        // null and reserved decode at opt as null.
        #expect(try decode("4449444c00017f", [.opt(.nat)]) == [.opt(nil)])
        #expect(try decode("4449444c000170", [.opt(.nat)]) == [.opt(nil)])
        // A value that does not fit under opt gives null, at any depth.
        #expect(try decode("4449444c016e7e01000101", [.opt(.nat)]) == [.opt(nil)])
        #expect(
            try decode("4449444c026e016b01007e0100010001", [.opt(.variant([CandidField(CandidLabel(id: 0), .int)]))])
                == [.opt(nil)])
        // But invalid bytes are still a failure.
        #expect(code("4449444c016e7e01000102", [.opt(.nat)]) == .invalidValue)
        #expect(code("4449444c00017e02", [.opt(.bool)]) == .invalidValue)
        // A non-optional value is lifted: true : bool at opt opt bool is opt opt true.
        #expect(try decode("4449444c00017e01", [.opt(.opt(.bool))]) == [.opt(.opt(.bool(true)))])
        #expect(try decode("4449444c00017e01", [.opt(.opt(.nat))]) == [.opt(.opt(nil))])
        // (null : opt null) at opt opt null is null, not opt null.
        #expect(try decode("4449444c016e7f010000", [.opt(.opt(.null))]) == [.opt(nil)])
        // bool at `type Opt = opt Opt` has no finite derivation: it fails, even under another opt.
        #expect(code("4449444c00017e01", [.named("Opt")], in: Self.optOpt) == .typeMismatch)
        #expect(code("4449444c00017e01", [.opt(.named("Opt"))], in: Self.optOpt) == .typeMismatch)
        #expect(
            try decode("4449444c016e000100010100", [.named("Opt")], in: Self.optOpt) == [.opt(.opt(.opt(nil)))])
    }

    @Test func uninhabitedRecordsAreEmpty() {
        // type E = record { E } can't have a value.
        let environment = CandidTypeEnvironment(["E": .record([CandidField(CandidLabel(id: 0), .named("E"))])])
        #expect(code("4449444c016c0100000100", [.named("E")], in: environment) == .typeMismatch)
        #expect(code("4449444c016c0100000100", [.reserved]) == .invalidValue)
        #expect(code("4449444c016c0100000100", [.opt(.nat)]) == .invalidValue)
    }

    @Test func errorsCarryTheOffsetAndThePath() throws {
        // record { asset_metadata : variant { Image : record { base : record { bytes : text } } } }
        let wire = CandidType.record([
            CandidField(
                CandidLabel("asset_metadata"),
                .variant([
                    CandidField(
                        CandidLabel("Image"),
                        .record([CandidField(CandidLabel("base"), .record([CandidField(CandidLabel("bytes"), .text)]))])
                    )
                ]))
        ])
        let value = CandidValue.record([
            .init(
                CandidLabel("asset_metadata"),
                .variant(
                    CandidLabel("Image"),
                    .record([.init(CandidLabel("base"), .record([.init(CandidLabel("bytes"), .text("x"))]))])))
        ])
        let bytes = try Candid.encode([value], as: [wire])
        let expected = CandidType.record([
            CandidField(
                CandidLabel("asset_metadata"),
                .variant([
                    CandidField(
                        CandidLabel("Image"),
                        .record([CandidField(CandidLabel("base"), .record([CandidField(CandidLabel("bytes"), .blob)]))])
                    )
                ]))
        ])
        let error = try #require(candidError { _ = try Candid.decode(bytes, as: [expected]) })
        #expect(error.code == .typeMismatch)
        #expect(error.path == ["asset_metadata", "Image", "base", "bytes"])
        #expect(error.offset == bytes.count - 2)
        #expect(
            error.description.hasPrefix("typeMismatch at byte \(bytes.count - 2) in asset_metadata.Image.base.bytes"))
    }
}
