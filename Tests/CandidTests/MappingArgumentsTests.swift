// Tests/CandidTests/MappingArgumentsTests.swift - Swift argument tuples to and from DIDL messages

import Candid
import Testing
import TestSupport

@Suite struct MappingArgumentsTests {
    struct Named: Codable, Equatable {
        var name: String
        var nickname: String?
    }

    /// Encodable only: encoded at the type its value carries.
    struct WriteOnly: Encodable {
        var count: UInt8
    }

    @Test func aChunkCallRoundTripsAtTheDidTypes() throws {
        var random = SplitMix64(seed: 99)
        let chunk = (0..<1_800_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let bytes = try Candid.encodeArguments(UInt64(17), UInt32(3), chunk)
        // The same bytes as the binary codec gives at (nat64, nat32, blob).
        #expect(bytes == (try Candid.encode([.nat64(17), .nat32(3), .blob(chunk)], as: [.nat64, .nat32, .blob])))
        let (session, index, data) = try Candid.decodeArguments(bytes, as: UInt64.self, UInt32.self, [UInt8].self)
        #expect(session == 17)
        #expect(index == 3)
        #expect(data == chunk)
    }

    @Test func noArguments() throws {
        let bytes = try Candid.encodeArguments()
        #expect(bytes == Array("DIDL".utf8) + [0, 0])
        try Candid.decodeArguments(bytes)
    }

    @Test func extraFieldsAndArgumentsAreSkipped() throws {
        let wire = CandidType.record(
            [CandidField(CandidLabel("name"), .text), CandidField(CandidLabel("extra"), .vec(.int))]
                .sorted { $0.label.id < $1.label.id })
        let value = CandidValue.record(
            [CandidRecordField(CandidLabel("name"), .text("n")), CandidRecordField(CandidLabel("extra"), .vec([]))]
                .sorted { $0.label.id < $1.label.id })
        let bytes = try Candid.encode([value, .bool(true)], as: [wire, .bool])
        let (named, ) = try Candid.decodeArguments(bytes, as: Named.self)
        #expect(named == Named(name: "n", nickname: nil))
    }

    @Test func missingOptFieldsAndTrailingOptArgumentsAreNil() throws {
        let bytes = try Candid.encode(
            [.record([CandidRecordField(CandidLabel("name"), .text("n"))])],
            as: [.record([CandidField(CandidLabel("name"), .text)])])
        let (named, more) = try Candid.decodeArguments(bytes, as: Named.self, UInt32?.self)
        #expect(named == Named(name: "n", nickname: nil))
        #expect(more == nil)
    }

    @Test func aMissingRequiredArgumentIsAnError() throws {
        let bytes = try Candid.encodeArguments("only one")
        let error = try #require(throws: CandidError.self) {
            _ = try Candid.decodeArguments(bytes, as: String.self, UInt32.self)
        }
        #expect(error.code == .missingField)
        #expect(error.message.hasPrefix("argument 2 of 2"))
    }

    @Test func anEncodableOnlyValueIsEncodedAtItsValueType() throws {
        let bytes = try Candid.encodeArguments(WriteOnly(count: 4), "x")
        #expect(try Candid.decode(bytes) == [.record([CandidRecordField(CandidLabel("count"), .nat8(4))]), .text("x")])
    }

    @Test func theArgumentTypesAreTheDiscoveredOnes() throws {
        // An absent optional still carries its type: `opt text`, not `opt empty` or `null`.
        let bytes = try Candid.encodeArguments(Named(name: "a", nickname: nil), Optional<[UInt8]>.none)
        let types = try [CandidDecoder().candidType(of: Named.self), .opt(.blob)]
        #expect(
            bytes
                == (try Candid.encode(
                    [try CandidEncoder().encode(Named(name: "a", nickname: nil)), .opt(nil)], as: types)))
    }

    @Test func aMappingErrorNamesTheArgument() throws {
        // Valid at the Candid types (text, int64), but 5 is no raw value of the Swift enum.
        let bytes = try Candid.encode([.text("x"), .int64(5)], as: [.text, .int64])
        let error = try #require(throws: CandidError.self) {
            _ = try Candid.decodeArguments(bytes, as: String.self, CodableShapes.Level.self)
        }
        #expect(error.code == .mapping)
        #expect(error.message.hasPrefix("argument 2 of 2: Level: "))
        #expect(error.path == [])
    }

    @Test func resultsAsTheOnlyArgument() throws {
        let ok: Result<[UInt8], Futura.UploadError> = .success([1, 2, 3])
        let bytes = try Candid.encodeArguments(ok)
        let resultType = try CandidDecoder().candidType(of: Result<[UInt8], Futura.UploadError>.self)
        #expect(try Candid.decode(bytes, as: [resultType]) == [.variant(CandidLabel("Ok"), .blob([1, 2, 3]))])
        #expect(try Candid.decodeArguments(bytes, as: Result<[UInt8], Futura.UploadError>.self) == ok)
        let unit: Result<CandidNull, Futura.UploadError> = .failure(.Unauthorized)
        let unitBytes = try Candid.encodeArguments(unit)
        #expect(try Candid.decodeArguments(unitBytes, as: Result<CandidNull, Futura.UploadError>.self) == unit)
    }
}
