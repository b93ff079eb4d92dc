// Tests/CandidTests/MappingRepresentableTests.swift - the fixed mappings of CandidRepresentable types

import Candid
import Testing

@Suite struct MappingRepresentableTests {
    /// Each conformance: its type, the value it gives, and the value read back.
    func roundTrip<T: CandidRepresentable & Equatable>(
        _ value: T, _ type: CandidType, _ candid: CandidValue, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(T.candidType == type, sourceLocation: sourceLocation)
        #expect(value.candidValue == candid, sourceLocation: sourceLocation)
        #expect(try T(candidValue: candid) == value, sourceLocation: sourceLocation)
    }

    @Test func primitives() throws {
        try roundTrip(true, .bool, .bool(true))
        try roundTrip(UInt8(200), .nat8, .nat8(200))
        try roundTrip(UInt16(60_000), .nat16, .nat16(60_000))
        try roundTrip(UInt32.max, .nat32, .nat32(.max))
        try roundTrip(UInt64.max, .nat64, .nat64(.max))
        try roundTrip(UInt(12), .nat64, .nat64(12))
        try roundTrip(Int8.min, .int8, .int8(.min))
        try roundTrip(Int16(-300), .int16, .int16(-300))
        try roundTrip(Int32.min, .int32, .int32(.min))
        try roundTrip(Int64.min, .int64, .int64(.min))
        try roundTrip(Int(-5), .int64, .int64(-5))
        try roundTrip(Float(1.5), .float32, .float32(1.5))
        try roundTrip(-0.25, .float64, .float64(-0.25))
        try roundTrip("☃ snow", .text, .text("☃ snow"))
    }

    @Test func candidTypes() throws {
        let principal = try Principal(text: "w7x7r-cok77-xa")
        try roundTrip(principal, .principal, .principal(principal))
        let big = try #require(BigInt("-123456789012345678901234567890"))
        try roundTrip(big, .int, .int(big))
        #expect(try BigInt(candidValue: .nat(BigInt(7))) == BigInt(7))
        let twoTo128 = try #require(BigInt("340282366920938463463374607431768211456"))
        let nat = try #require(CandidNat(twoTo128))
        try roundTrip(nat, .nat, .nat(nat.value))
        #expect(CandidNat(BigInt(-1)) == nil)
        #expect(CandidNat(UInt64(5)).value == BigInt(5))
        #expect((7 as CandidNat).description == "7")
        try roundTrip(CandidNull(), .null, .null)
        try roundTrip(CandidReserved(), .reserved, .reserved)
        #expect(try CandidReserved(candidValue: .text("anything")) == CandidReserved())
    }

    @Test func bytesAreABlob() throws {
        try roundTrip([UInt8]([0, 1, 255]), .blob, .blob([0, 1, 255]))
        try roundTrip([UInt8](), .vec(.nat8), .blob([]))
        #expect(try [UInt8](candidValue: .vec([.nat8(3), .nat8(4)])) == [3, 4])
        #expect(try [[UInt8]](candidValue: .vec([.blob([1]), .blob([])])) == [[1], []])
        #expect([[UInt8]]([[9]]).candidValue == .vec([.blob([9])]))
    }

    /// A blob value and the bytes read from it share their storage: no byte is touched.
    @Test func bytesFromABlobAreNotCopied() throws {
        let payload = [UInt8](repeating: 0xAB, count: 1_800_000)
        let value = CandidValue.blob(payload)
        let bytes = try [UInt8](candidValue: value)
        let decoded = try CandidDecoder().decode([UInt8].self, from: value)
        let source = payload.withUnsafeBufferPointer { $0.baseAddress }
        #expect(bytes.withUnsafeBufferPointer { $0.baseAddress } == source)
        #expect(decoded.withUnsafeBufferPointer { $0.baseAddress } == source)
        guard case .blob(let encoded) = try CandidEncoder().encode(payload) else {
            Issue.record("[UInt8] did not encode as a blob")
            return
        }
        #expect(encoded.withUnsafeBufferPointer { $0.baseAddress } == source)
    }

    @Test func arraysAndOptionals() throws {
        try roundTrip(["a", "b"], .vec(.text), .vec([.text("a"), .text("b")]))
        try roundTrip([UInt32](), .vec(.nat32), .vec([]))
        try roundTrip(Optional<UInt64>.none, .opt(.nat64), .opt(nil))
        try roundTrip(Optional(UInt64(3)), .opt(.nat64), .opt(.nat64(3)))
        try roundTrip(Optional(Optional(true)), .opt(.opt(.bool)), .opt(.opt(.bool(true))))
        try roundTrip(Optional<Bool?>.some(nil), .opt(.opt(.bool)), .opt(.opt(nil)))
        #expect(try String?(candidValue: .null) == nil)
        #expect([Int8?]([nil, 1]).candidValue == .vec([.opt(nil), .opt(.int8(1))]))
    }

    @Test func mismatchesAreTypedErrors() throws {
        let cases: [(any CandidRepresentable.Type, CandidValue, String)] = [
            (Bool.self, .nat8(1), "expected bool, found nat8"),
            (UInt64.self, .nat32(1), "expected nat64, found nat32"),
            (Int.self, .nat64(1), "expected int64, found nat64"),
            (String.self, .blob([]), "expected text, found blob"),
            (Float.self, .float64(1), "expected float32, found float64"),
            ([UInt8].self, .text("x"), "expected blob, found text"),
            (UInt32?.self, .nat32(1), "expected opt, found nat32"),
            (Principal.self, .text("aaaaa-aa"), "expected principal, found text"),
            (BigInt.self, .int64(1), "expected int, found int64"),
            (CandidNat.self, .int(BigInt(1)), "expected nat, found int"),
            (CandidNull.self, .opt(nil), "expected null, found opt"),
        ]
        for (type, value, message) in cases {
            let error = try #require(throws: CandidError.self) { _ = try type.init(candidValue: value) }
            #expect(error.code == .typeMismatch, "\(type)")
            #expect(error.message == message, "\(type)")
        }
    }

    @Test func anElementErrorNamesItsIndex() throws {
        let error = try #require(throws: CandidError.self) {
            _ = try [[UInt32]](candidValue: .vec([.vec([]), .vec([.nat32(1), .text("x")])]))
        }
        #expect(error.path == ["1", "1"])
        #expect(error.code == .typeMismatch)
    }

    @Test func aNegativeNatIsRejected() throws {
        let error = try #require(throws: CandidError.self) { _ = try CandidNat(candidValue: .nat(BigInt(-1))) }
        #expect(error.code == .mapping)
    }

    /// Representable types keep their mapping inside Codable types and through the bridge.
    @Test func theBridgeUsesTheFixedMapping() throws {
        struct Holder: Codable, Equatable {
            var owner: Principal
            var amount: CandidNat
            var delta: BigInt
            var nothing: CandidNull
            var ignored: CandidReserved
            var data: [UInt8]
        }
        let holder = Holder(
            owner: .anonymous, amount: 12, delta: BigInt(-3), nothing: CandidNull(), ignored: CandidReserved(),
            data: [1, 2])
        let value = try CandidEncoder().encode(holder)
        let fields: [CandidRecordField] = [
            CandidRecordField(CandidLabel("owner"), .principal(.anonymous)),
            CandidRecordField(CandidLabel("amount"), .nat(BigInt(12))),
            CandidRecordField(CandidLabel("delta"), .int(BigInt(-3))),
            CandidRecordField(CandidLabel("nothing"), .null),
            CandidRecordField(CandidLabel("ignored"), .reserved),
            CandidRecordField(CandidLabel("data"), .blob([1, 2])),
        ].sorted { $0.label.id < $1.label.id }
        #expect(value == .record(fields))
        #expect(try CandidDecoder().decode(Holder.self, from: value) == holder)
        let type = try CandidDecoder().candidType(of: Holder.self)
        let types: [CandidField] = [
            CandidField(CandidLabel("owner"), .principal), CandidField(CandidLabel("amount"), .nat),
            CandidField(CandidLabel("delta"), .int), CandidField(CandidLabel("nothing"), .null),
            CandidField(CandidLabel("ignored"), .reserved), CandidField(CandidLabel("data"), .blob),
        ].sorted { $0.label.id < $1.label.id }
        #expect(type == .record(types))
        // Missing null and reserved fields read as themselves, like a missing opt.
        let sparse = CandidValue.record(
            fields.filter { $0.label != CandidLabel("nothing") && $0.label != CandidLabel("ignored") })
        #expect(try CandidDecoder().decode(Holder.self, from: sparse) == holder)
    }

    /// Outside Candid (JSON) the Candid types have readable forms.
    @Test func candidTypesAreCodableOutsideCandid() throws {
        struct Wrapper: Codable, Equatable {
            var principal: Principal
            var nat: CandidNat
            var int: BigInt
        }
        let wrapper = Wrapper(principal: try Principal(text: "w7x7r-cok77-xa"), nat: 99, int: BigInt(-7))
        let json = try JSONEncoderForTests.encode(wrapper)
        #expect(json == #"{"int":"-7","nat":"99","principal":"w7x7r-cok77-xa"}"#)
        #expect(try JSONEncoderForTests.decode(Wrapper.self, json) == wrapper)
    }
}
