// Tests/CandidTests/CandidErrorTests.swift - every error has a code, an offset when decoding, and a readable path

import Testing

@testable import Candid

@Suite struct CandidErrorTests {
    static let items = CandidType.record([
        CandidField(CandidLabel("items"), .vec(.record([CandidField(CandidLabel("size"), .nat)])))
    ])

    @Test func descriptionJoinsPathsWithIndexesAttached() {
        let error = CandidError(.typeMismatch, "bad", offset: 12, path: ["items", "[3]", "size"])
        #expect(error.pathText == "items[3].size")
        #expect(error.description == "typeMismatch at byte 12 in items[3].size: bad")
        #expect(CandidError(.truncated, "x", path: ["[0]", "[1]", "a"]).pathText == "[0][1].a")
        #expect(CandidError(.truncated, "x", path: ["a", "b"]).description == "truncated in a.b: x")
        #expect(CandidError(.truncated, "x", offset: 0).description == "truncated at byte 0: x")
        #expect(CandidError(.syntax, "x").description == "syntax: x")
    }

    @Test func aDecodingErrorNamesTheFieldTheIndexAndTheByte() throws {
        // record { items = vec { record { size = 1 }; record { size = <truncated> } } }
        let good = try Candid.encode(
            [
                .record([
                    .init(
                        CandidLabel("items"),
                        .vec([
                            .record([.init(CandidLabel("size"), .nat(1))]),
                            .record([.init(CandidLabel("size"), .nat(300))]),
                        ]))
                ])
            ], as: [Self.items])
        let truncated = Array(good.dropLast())
        let error = try #require(candidError { _ = try Candid.decode(truncated, as: [Self.items]) })
        #expect(error.code == .truncated)
        #expect(error.path == ["items", "[1]", "size"])
        #expect(error.offset == truncated.count - 1)
        #expect(error.description.hasPrefix("truncated at byte \(truncated.count - 1) in items[1].size: "))
        // A type mismatch deep inside: the wire has text where nat is expected.
        let text = CandidType.record([
            CandidField(CandidLabel("items"), .vec(.record([CandidField(CandidLabel("size"), .text)])))
        ])
        let wrong = try Candid.encode(
            [.record([.init(CandidLabel("items"), .vec([.record([.init(CandidLabel("size"), .text("a"))])]))])],
            as: [text])
        let mismatch = try #require(candidError { _ = try Candid.decode(wrong, as: [Self.items]) })
        #expect(mismatch.code == .typeMismatch)
        #expect(mismatch.pathText == "items[0].size")
        #expect(mismatch.offset != nil)
        #expect(mismatch.message.hasPrefix("argument 1 of 1: "))
    }

    @Test func anEncodingErrorDescribesItsPath() throws {
        let value = CandidValue.record([
            .init(CandidLabel("items"), .vec([.record([.init(CandidLabel("size"), .nat(1))]), .record([])]))
        ])
        let error = try #require(candidError { _ = try Candid.encode([value], as: [Self.items]) })
        #expect(error.code == .missingField)
        #expect(error.description.contains(" in items[1].size: "))
    }

    @Test func variantTagsAndNumericLabelsAreInThePath() throws {
        let result = CandidType.variant([
            CandidField(CandidLabel("Ok"), .record([CandidField(CandidLabel(id: 0), .nat8)])),
            CandidField(CandidLabel("Err"), .text),
        ])
        let message = hexBytes("4449444c026b02bc8a0101c5fed201716c01007b 0100 00")  // Ok, then nothing
        let error = try #require(candidError { _ = try Candid.decode(message, as: [result]) })
        #expect(error.code == .truncated)
        #expect(error.pathText == "Ok.0")
        #expect(error.offset == message.count)
    }
}
