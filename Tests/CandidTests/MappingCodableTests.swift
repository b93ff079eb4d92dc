// Tests/CandidTests/MappingCodableTests.swift - Codable structs and enums as records and variants

import Candid
import Testing

/// Shapes the mapping rules talk about.
enum CodableShapes {
    struct Point: Codable, Equatable {
        var x: Int32
        var y: Int32
    }

    /// Int-valued coding keys are numeric labels: this is `record { nat64; text }`.
    struct Pair: Codable, Equatable {
        var id: UInt64
        var name: String
        enum CodingKeys: Int, CodingKey {
            case id = 0, name = 1
        }
    }

    enum Shape: Codable, Equatable {
        case empty
        case circle(Double)
        case segment(Point, Point)
        case rectangle(origin: Point, width: UInt32, height: UInt32)
        case tagged(String?)
        enum CodingKeys: CodingKey, CaseIterable { case empty, circle, segment, rectangle, tagged }
    }

    enum Mixed: Codable, Equatable {
        case both(Int, name: String)
        enum CodingKeys: CodingKey, CaseIterable { case both }
    }

    /// Swift-style case names, Candid-style labels: the coding keys' raw values rename the cases.
    enum Status: Codable, Equatable {
        case active(UInt8)
        case closed
        enum CodingKeys: String, CodingKey, CaseIterable {
            case active = "Active", closed = "Closed"
        }
    }

    enum Color: String, Codable, CaseIterable {
        case red = "Red", green = "Green"
    }

    /// A String-raw type that is not an enum stays text.
    struct MimeType: RawRepresentable, Codable, Equatable {
        var rawValue: String
    }

    /// Int raw values: `int64`. CaseIterable gives type discovery a valid sample value (0 is no case).
    enum Level: Int, Codable, CaseIterable {
        case low = 1, high = 9
    }

    enum Grade: Int, Codable {
        case pass = 1
    }

    struct Graded: Codable {
        var grade: Grade
    }

    struct Everything: Codable, Equatable {
        var point: Point
        var points: [Point]
        var pairs: [Pair]
        var shapes: [Shape]
        var color: Color
        var mime: MimeType
        var level: Level
        var maybe: Point?
        var nested: [[String]]
        var set: Set<UInt16>
        var map: [String: UInt8]
    }

    /// Rejects a negative width with its own DecodingError.
    struct Validated: Codable {
        var width: Int
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            width = try container.decode(Int.self, forKey: .width)
            guard width >= 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .width, in: container, debugDescription: "negative width")
            }
        }
    }
}

@Suite struct MappingCodableTests {
    typealias S = CodableShapes

    func field(_ name: String, _ value: CandidValue) -> CandidRecordField {
        CandidRecordField(CandidLabel(name), value)
    }
    func record(_ fields: [CandidRecordField]) -> CandidValue { .record(fields.sorted { $0.label.id < $1.label.id }) }

    @Test func structsAreRecordsSortedByLabelId() throws {
        let value = try CandidEncoder().encode(S.Point(x: 1, y: -2))
        // "x" hashes to 120 and "y" to 121.
        #expect(value == .record([field("x", .int32(1)), field("y", .int32(-2))]))
        #expect(try CandidDecoder().decode(S.Point.self, from: value) == S.Point(x: 1, y: -2))
    }

    @Test func intKeysAreNumericLabels() throws {
        let value = try CandidEncoder().encode(S.Pair(id: 7, name: "seven"))
        #expect(
            value
                == .record([
                    CandidRecordField(CandidLabel(id: 0), .nat64(7)),
                    CandidRecordField(CandidLabel(id: 1), .text("seven")),
                ]))
        #expect(
            try CandidDecoder().candidType(of: S.Pair.self)
                == .record([CandidField(CandidLabel(id: 0), .nat64), CandidField(CandidLabel(id: 1), .text)]))
        #expect(try CandidDecoder().decode(S.Pair.self, from: value) == S.Pair(id: 7, name: "seven"))
    }

    @Test func enumCasesAreVariantsWithTheirPayloadRule() throws {
        let encoder = CandidEncoder()
        let origin = S.Point(x: 0, y: 0)
        let unit = S.Point(x: 1, y: 1)
        let originValue = try encoder.encode(origin)
        let unitValue = try encoder.encode(unit)
        let expectations: [(S.Shape, CandidValue)] = [
            (.empty, .variant(CandidLabel("empty"), .null)),
            (.circle(2.5), .variant(CandidLabel("circle"), .float64(2.5))),
            (
                .segment(origin, unit),
                .variant(
                    CandidLabel("segment"),
                    .record([
                        CandidRecordField(CandidLabel(id: 0), originValue),
                        CandidRecordField(CandidLabel(id: 1), unitValue),
                    ]))
            ),
            (
                .rectangle(origin: unit, width: 3, height: 4),
                .variant(
                    CandidLabel("rectangle"),
                    record([field("origin", unitValue), field("width", .nat32(3)), field("height", .nat32(4))]))
            ),
            (.tagged(nil), .variant(CandidLabel("tagged"), .opt(nil))),
            (.tagged("t"), .variant(CandidLabel("tagged"), .opt(.text("t")))),
        ]
        for (shape, expected) in expectations {
            let value = try encoder.encode(shape)
            #expect(value == expected, "\(shape)")
            #expect(try CandidDecoder().decode(S.Shape.self, from: value) == shape)
        }
        let type = try CandidDecoder().candidType(of: S.Shape.self)
        let point = CandidType.record([CandidField(CandidLabel("x"), .int32), CandidField(CandidLabel("y"), .int32)])
        let expectedType = CandidType.variant(
            [
                CandidField(CandidLabel("empty"), .null),
                CandidField(CandidLabel("circle"), .float64),
                CandidField(
                    CandidLabel("segment"),
                    .record([CandidField(CandidLabel(id: 0), point), CandidField(CandidLabel(id: 1), point)])),
                CandidField(
                    CandidLabel("rectangle"),
                    .record(
                        [
                            CandidField(CandidLabel("origin"), point), CandidField(CandidLabel("width"), .nat32),
                            CandidField(CandidLabel("height"), .nat32),
                        ].sorted { $0.label.id < $1.label.id })),
                CandidField(CandidLabel("tagged"), .opt(.text)),
            ].sorted { $0.label.id < $1.label.id })
        #expect(type == expectedType)
    }

    @Test func codingKeyRawValuesRenameCases() throws {
        #expect(try CandidEncoder().encode(S.Status.active(2)) == .variant(CandidLabel("Active"), .nat8(2)))
        #expect(try CandidDecoder().decode(S.Status.self, from: .variant(CandidLabel("Closed"), .null)) == .closed)
        #expect(
            try CandidDecoder().candidType(of: S.Status.self)
                == .variant(
                    [CandidField(CandidLabel("Active"), .nat8), CandidField(CandidLabel("Closed"), .null)]
                        .sorted { $0.label.id < $1.label.id }))
    }

    @Test func mixedLabeledAndUnlabeledValuesAreRejected() throws {
        let encodeError = try #require(throws: CandidError.self) {
            _ = try CandidEncoder().encode(S.Mixed.both(1, name: "x"))
        }
        #expect(encodeError.code == .mapping)
        #expect(encodeError.path == ["both"])
        let discoverError = try #require(throws: CandidError.self) {
            _ = try CandidDecoder().candidType(of: S.Mixed.self)
        }
        #expect(discoverError.code == .mapping)
        #expect(discoverError.message.contains("mixes labeled and unlabeled"))
    }

    @Test func stringRawCaseIterableEnumsAreVariantsOfTheirRawValues() throws {
        #expect(try CandidEncoder().encode(S.Color.green) == .variant(CandidLabel("Green"), .null))
        #expect(try CandidDecoder().decode(S.Color.self, from: .variant(CandidLabel("Red"), .null)) == .red)
        #expect(
            try CandidDecoder().candidType(of: S.Color.self)
                == .variant(
                    [CandidField(CandidLabel("Red"), .null), CandidField(CandidLabel("Green"), .null)].sorted {
                        $0.label.id < $1.label.id
                    }))
        // The case name is not the label: "red" is no case.
        let error = try #require(throws: CandidError.self) {
            _ = try CandidDecoder().decode(S.Color.self, from: .variant(CandidLabel("red"), .null))
        }
        #expect(error.code == .mapping)
        // A numeric-only label (as from a wire type without names) still finds its case by hash.
        #expect(
            try CandidDecoder().decode(S.Color.self, from: .variant(CandidLabel(id: CandidLabel.hash("Green")), .null))
                == .green)
    }

    @Test func otherRawRepresentablesKeepTheirCodableForm() throws {
        #expect(try CandidEncoder().encode(S.MimeType(rawValue: "image/png")) == .text("image/png"))
        #expect(try CandidDecoder().candidType(of: S.MimeType.self) == .text)
        #expect(try CandidEncoder().encode(S.Level.high) == .int64(9))
        #expect(try CandidDecoder().candidType(of: S.Level.self) == .int64)
        #expect(try CandidDecoder().decode(S.Level.self, from: .int64(1)) == .low)
        // Without CaseIterable the type alone is still discovered, but no value of it can be built.
        #expect(try CandidDecoder().candidType(of: S.Grade.self) == .int64)
        let error = try #require(throws: CandidError.self) { _ = try CandidDecoder().candidType(of: S.Graded.self) }
        #expect(error.code == .mapping)
        #expect(error.path == ["grade"])
        #expect(error.message.contains("make it CaseIterable or CandidRepresentable"))
    }

    @Test func everythingRoundTripsAndMatchesItsType() throws {
        let value = S.Everything(
            point: S.Point(x: 1, y: 2), points: [S.Point(x: 3, y: 4)], pairs: [S.Pair(id: 1, name: "one")],
            shapes: [.empty, .circle(1)], color: .red, mime: S.MimeType(rawValue: "text/plain"), level: .low,
            maybe: nil, nested: [["a"], []], set: [5, 3, 9], map: ["b": 2, "a": 1, "c": 3])
        let candid = try CandidEncoder().encode(value)
        #expect(try CandidDecoder().decode(S.Everything.self, from: candid) == value)
        let type = try CandidDecoder().candidType(of: S.Everything.self)
        // The binary codec accepts the value at the discovered type and gives it back unchanged.
        let bytes = try Candid.encode([candid], as: [type])
        #expect(try Candid.decode(bytes, as: [type]) == [candid])
        // A dictionary is vec record { key; value }, sorted by key.
        guard case .record(let fields) = candid, let map = fields.first(where: { $0.label == CandidLabel("map") })
        else {
            Issue.record("no map field")
            return
        }
        let entries = [("a", 1), ("b", 2), ("c", 3)].map { key, count in
            CandidValue.record([
                CandidRecordField(CandidLabel(id: 0), .text(key)),
                CandidRecordField(CandidLabel(id: 1), .nat8(UInt8(count))),
            ])
        }
        #expect(map.value == .vec(entries))
        // A set is sorted by value.
        let set = fields.first { $0.label == CandidLabel("set") }?.value
        #expect(set == .vec([.nat16(3), .nat16(5), .nat16(9)]))
    }

    @Test func optionalFieldsAreOptAndMayBeMissing() throws {
        struct Sparse: Codable, Equatable {
            var name: String
            var nickname: String?
            var age: UInt8?
        }
        let value = try CandidEncoder().encode(Sparse(name: "n", nickname: nil, age: 3))
        #expect(
            value == record([field("name", .text("n")), field("nickname", .opt(nil)), field("age", .opt(.nat8(3)))]))
        // Missing opt fields, null, and extra fields.
        let sparse = record([field("name", .text("n")), field("age", .null), field("extra", .bool(true))])
        #expect(try CandidDecoder().decode(Sparse.self, from: sparse) == Sparse(name: "n", nickname: nil, age: nil))
        let missing = try #require(throws: CandidError.self) {
            _ = try CandidDecoder().decode(Sparse.self, from: record([field("age", .opt(.nat8(1)))]))
        }
        #expect(missing.code == .missingField)
        #expect(missing.path == ["name"])
        let notOpt = try #require(throws: CandidError.self) {
            _ = try CandidDecoder().decode(
                Sparse.self, from: record([field("name", .text("n")), field("age", .nat8(1))]))
        }
        #expect(notOpt.code == .typeMismatch)
        #expect(notOpt.path == ["age"])
        #expect(notOpt.message == "expected opt, found nat8")
    }

    @Test func errorsInsideArraysNameTheIndex() throws {
        let value = CandidValue.vec([
            try CandidEncoder().encode(S.Point(x: 1, y: 1)), record([field("x", .int32(1)), field("y", .text("no"))]),
        ])
        let error = try #require(throws: CandidError.self) {
            _ = try CandidDecoder().decode([S.Point].self, from: value)
        }
        #expect(error.path == ["1", "y"])
        #expect(error.code == .typeMismatch)
    }

    @Test func aVariantWhereARecordIsExpected() throws {
        let error = try #require(throws: CandidError.self) {
            _ = try CandidDecoder().decode(S.Shape.self, from: record([field("circle", .float64(1))]))
        }
        #expect(error.code == .typeMismatch)
        #expect(error.path == ["circle"])
        let other = try #require(throws: CandidError.self) {
            _ = try CandidDecoder().decode(S.Point.self, from: .variant(CandidLabel("x"), .int32(1)))
        }
        #expect(other.code == .missingField)
        #expect(other.path == ["y"])
    }

    @Test func aTypesOwnDecodingErrorBecomesAMappingError() throws {
        let error = try #require(throws: CandidError.self) {
            _ = try CandidDecoder().decode(
                [S.Validated].self, from: .vec([record([field("width", .int64(-1))])]))
        }
        #expect(error.code == .mapping)
        #expect(error.path == ["0"])
        #expect(error.message.contains("negative width"))
    }

    @Test func anEnumWithAKeyedContainerOfTwoKeysCannotEncode() throws {
        struct TwoKeys: Encodable {
            enum Inner: Encodable {
                case a
                func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: MappingTestKey.self)
                    try container.encode(1, forKey: MappingTestKey(stringValue: "one"))
                    try container.encode(2, forKey: MappingTestKey(stringValue: "two"))
                }
            }
            var inner: Inner
        }
        let error = try #require(throws: CandidError.self) { _ = try CandidEncoder().encode(TwoKeys(inner: .a)) }
        #expect(error.code == .mapping)
        #expect(error.path == ["inner"])
    }

    @Test func twoKeysWithOneLabelIdAreRejected() throws {
        struct Colliding: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: MappingTestKey.self)
                try container.encode(1, forKey: MappingTestKey(stringValue: "x"))
                try container.encode(2, forKey: MappingTestKey(intValue: 120))  // "x" hashes to 120
            }
        }
        let error = try #require(throws: CandidError.self) { _ = try CandidEncoder().encode(Colliding()) }
        #expect(error.code == .mapping)
        #expect(error.message.contains("same label id 120"))
    }
}

/// A coding key for hand-written Codable conformances in tests.
struct MappingTestKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}
