// Tests/CandidTests/PerfCacheTests.swift - the per-type caches of decodeArguments give the same results every call

import Candid
import Testing

@Suite struct PerfCacheTests {
    struct Point: Codable, Equatable {
        var x: UInt32
        var label: String?
    }

    /// The same Candid shape as `Point`, another Swift type.
    struct Spot: Codable, Equatable {
        var x: UInt32
        var label: String?
    }

    /// Another shape: a field `Point` has not.
    struct Other: Codable, Equatable {
        var y: UInt32
    }

    enum Color: String, Codable, CaseIterable, Equatable {
        case red = "Red"
        case green = "Green"
    }

    /// A String-raw type that is not an enum: it stays `text`.
    struct Tag: RawRepresentable, Codable, Equatable {
        var rawValue: String
    }

    /// Contains itself without an Optional or Array in between: discovery fails.
    final class Loop: Codable {
        let next: Loop
    }

    @Test func decodingTwiceGivesTheSameValues() throws {
        let seed: UInt64 = 0xCAC4E
        var generator = FuturaGenerator(seed: seed)
        for round in 0..<40 {
            let metadata = generator.metadata()
            let bytes = try Candid.encodeArguments(metadata)
            let first = try Candid.decodeArguments(bytes, as: Futura.AssetMetadata.self)
            let second = try Candid.decodeArguments(bytes, as: Futura.AssetMetadata.self)
            #expect(first == metadata, "seed \(seed) round \(round)")
            #expect(second == metadata, "seed \(seed) round \(round)")
        }
    }

    @Test func twoSwiftTypesOfOneShapeDecodeAlike() throws {
        let bytes = try Candid.encodeArguments(Point(x: 7, label: "p"))
        for _ in 0..<2 {
            #expect(try Candid.decodeArguments(bytes, as: Point.self) == Point(x: 7, label: "p"))
            #expect(try Candid.decodeArguments(bytes, as: Spot.self) == Spot(x: 7, label: "p"))
        }
    }

    @Test func anotherShapeFailsTheSameWayEveryCall() throws {
        let bytes = try Candid.encodeArguments(Point(x: 7, label: nil))
        #expect(try Candid.decodeArguments(bytes, as: Point.self) == Point(x: 7, label: nil))
        var messages: [String] = []
        for _ in 0..<2 {
            let error = try #require(throws: CandidError.self) {
                _ = try Candid.decodeArguments(bytes, as: Other.self)
            }
            #expect(error.code == .missingField)
            messages.append(error.message)
        }
        #expect(messages[0] == messages[1])
        #expect(messages[0].hasPrefix("argument 1 of 1: "))
    }

    @Test func argumentOrderIsPartOfTheKey() throws {
        let numberFirst = try Candid.encodeArguments(UInt32(5), "five")
        let textFirst = try Candid.encodeArguments("six", UInt32(6))
        for _ in 0..<2 {
            let (number, text) = try Candid.decodeArguments(numberFirst, as: UInt32.self, String.self)
            #expect(number == 5)
            #expect(text == "five")
            let (otherText, otherNumber) = try Candid.decodeArguments(textFirst, as: String.self, UInt32.self)
            #expect(otherText == "six")
            #expect(otherNumber == 6)
            #expect(throws: CandidError.self) {
                _ = try Candid.decodeArguments(numberFirst, as: String.self, UInt32.self)
            }
        }
    }

    @Test func aFailedDiscoveryIsNotCached() throws {
        let bytes = try Candid.encodeArguments(UInt32(1))
        var errors: [CandidError] = []
        for _ in 0..<2 {
            errors.append(
                try #require(throws: CandidError.self) { _ = try Candid.decodeArguments(bytes, as: Loop.self) })
        }
        #expect(errors[0].code == .mapping)
        #expect(errors[0].message == errors[1].message)
        #expect(errors[0].path == errors[1].path)
        #expect(errors[0].message.hasPrefix("argument 1 of 1: type "))
    }

    @Test func stringEnumsAndStringRawStructsKeepTheirMapping() throws {
        for _ in 0..<2 {
            let color = try Candid.encodeArguments(Color.green)
            #expect(try Candid.decode(color) == [.variant(CandidLabel(id: CandidLabel("Green").id), .null)])
            #expect(try Candid.decodeArguments(color, as: Color.self) == Color.green)
            let tag = try Candid.encodeArguments(Tag(rawValue: "t"))
            #expect(try Candid.decode(tag) == [.text("t")])
            #expect(try Candid.decodeArguments(tag, as: Tag.self) == Tag(rawValue: "t"))
            let unknown = try Candid.encode(
                [.variant(CandidLabel("Blue"), .null)], as: [.variant([CandidField(CandidLabel("Blue"), .null)])])
            let error = try #require(throws: CandidError.self) {
                _ = try Candid.decodeArguments(unknown, as: Color.self)
            }
            #expect(error.code == .typeMismatch)
        }
    }

    @Test func resultsDecodeAlikeEveryCall() throws {
        let ok = try Candid.encodeArguments(Result<UInt64, Futura.UploadError>.success(9))
        let err = try Candid.encodeArguments(Result<UInt64, Futura.UploadError>.failure(.NotFound))
        for _ in 0..<2 {
            let decodedOk = try Candid.decodeArguments(ok, as: Result<UInt64, Futura.UploadError>.self)
            #expect(decodedOk == .success(9))
            let decodedErr = try Candid.decodeArguments(err, as: Result<UInt64, Futura.UploadError>.self)
            #expect(decodedErr == .failure(.NotFound))
        }
    }

    @Test func decodeAtTypesKeepsItsErrors() throws {
        let bytes = try Candid.encodeArguments(UInt32(1))
        for _ in 0..<2 {
            let error = try #require(throws: CandidError.self) {
                _ = try Candid.decode(bytes, as: [.named("Missing")])
            }
            #expect(error.code == .unknownType)
            #expect(error.message == "type Missing is not defined")
        }
    }
}
