// Tests/CandidTests/MappingDirectTests.swift - the prepared codecs give exactly what the value-tree path gives

@testable import Candid
import Testing
import TestSupport

/// A family of Codable types for the property test: records, variants through enums (payloads of no,
/// one and several values), string enums, optionals, vectors, sets, dictionaries, blobs, big numbers,
/// principals, a recursive type, and a type whose `init(from:)` swallows errors.
enum DirectModel {
    struct Leaf: Codable, Hashable, Sendable {
        var a: UInt8
        var b: Int32
        var c: String
        var d: Bool
        var e: Double
        var f: Float?
        var g: Int
        var h: UInt16?
    }

    enum Shape: Error, Codable, Hashable, Sendable {
        case empty
        case one(Leaf)
        case pair(x: UInt16, y: [String])
        case tuple(Int64, String?)

        enum CodingKeys: CodingKey, CaseIterable { case empty, one, pair, tuple }
    }

    enum Color: String, Codable, CaseIterable, Hashable, Sendable {
        case red, green, blue
    }

    indirect enum Tree: Codable, Hashable, Sendable {
        case leaf(UInt8)
        case branch([Tree])

        enum CodingKeys: CodingKey, CaseIterable { case leaf, branch }
    }

    /// Reads `x` with `try?`: a failure inside must not leak from the direct path into the value.
    struct Lenient: Codable, Hashable, Sendable {
        var x: UInt64
        var y: String

        init(x: UInt64, y: String) {
            self.x = x
            self.y = y
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            x = (try? container.decode(UInt64.self, forKey: .x)) ?? 7
            y = try container.decode(String.self, forKey: .y)
        }
    }

    struct Node: Codable, Hashable, Sendable {
        var leaf: Leaf?
        var shapes: [Shape]
        var colors: [Color]
        var tags: Set<String>?
        var counts: [String: UInt32]
        var blob: [UInt8]
        var nested: [[UInt64]]
        var big: BigInt?
        var who: Principal?
        var tree: Tree
        var lenient: Lenient
        var pair: Pair
    }

    /// Keys with int values: numeric labels.
    struct Pair: Codable, Hashable, Sendable {
        var first: String
        var second: Int8

        enum CodingKeys: Int, CodingKey {
            case first = 0
            case second = 1
        }
    }

    /// `Lenient` with one more field.
    struct LenientWide: Codable, Hashable, Sendable {
        var x: UInt64
        var y: String
        var z: Bool
    }

    /// The same record as `Lenient`, with `x` of another type: a message the direct path must not read.
    struct LenientText: Codable, Hashable, Sendable {
        var x: String
        var y: String
    }
}

/// Random values of ``DirectModel`` from a seed.
struct DirectGenerator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func below(_ bound: UInt64) -> Int { Int(random.next() % bound) }
    mutating func bool() -> Bool { random.next() & 1 == 1 }
    mutating func maybe<T>(_ make: (inout DirectGenerator) -> T) -> T? { bool() ? make(&self) : nil }
    mutating func text() -> String {
        let alphabet = Array("abcXYZ09 _-☃é")
        return String((0..<below(8)).map { _ in alphabet[below(UInt64(alphabet.count))] })
    }

    mutating func leaf() -> DirectModel.Leaf {
        DirectModel.Leaf(
            a: UInt8(truncatingIfNeeded: random.next()), b: Int32(truncatingIfNeeded: random.next()), c: text(),
            d: bool(), e: Double(below(1_000)) / 8, f: maybe { Float($0.below(100)) / 4 },
            g: Int(truncatingIfNeeded: random.next()), h: maybe { UInt16(truncatingIfNeeded: $0.random.next()) })
    }

    mutating func shape() -> DirectModel.Shape {
        switch below(4) {
        case 0: .empty
        case 1: .one(leaf())
        case 2: .pair(x: UInt16(truncatingIfNeeded: random.next()), y: (0..<below(3)).map { _ in text() })
        default: .tuple(Int64(truncatingIfNeeded: random.next()), maybe { $0.text() })
        }
    }

    mutating func tree(depth: Int = 0) -> DirectModel.Tree {
        if depth > 2 || bool() { return .leaf(UInt8(truncatingIfNeeded: random.next())) }
        return .branch((0..<below(3)).map { _ in tree(depth: depth + 1) })
    }

    mutating func node() -> DirectModel.Node {
        DirectModel.Node(
            leaf: maybe { $0.leaf() },
            shapes: (0..<below(4)).map { _ in shape() },
            colors: (0..<below(4)).map { _ in DirectModel.Color.allCases[below(3)] },
            tags: maybe { generator in Set((0..<generator.below(3)).map { _ in generator.text() }) },
            counts: Dictionary((0..<below(3)).map { _ in (text(), UInt32(truncatingIfNeeded: random.next())) }) {
                first, _ in first
            },
            blob: (0..<below(6)).map { _ in UInt8(truncatingIfNeeded: random.next()) },
            nested: (0..<below(3)).map { _ in (0..<below(3)).map { _ in random.next() } },
            big: maybe { BigInt(Int64(truncatingIfNeeded: $0.random.next())) },
            who: maybe { Principal(unchecked: [UInt8](repeating: UInt8(truncatingIfNeeded: $0.random.next()), count: 5)) },
            tree: tree(),
            lenient: DirectModel.Lenient(x: random.next(), y: text()),
            pair: DirectModel.Pair(first: text(), second: Int8(truncatingIfNeeded: random.next())))
    }
}

/// The outcome of a decode, comparable: the value or the error's text.
private func outcome<T: Equatable>(_ body: () throws -> T) -> Result<T, ErrorText> {
    do { return .success(try body()) } catch { return .failure(ErrorText(text: "\(error)")) }
}

private struct ErrorText: Error, Equatable {
    var text: String
}

struct MappingDirectTests {
    static let seed: UInt64 = 0xD1_2EC7

    /// Whether the direct path reads `bytes` at `T`, rather than falling back to the value tree.
    private func readsDirectly<T: Decodable>(_ bytes: [UInt8], as type: T.Type, limits: CandidLimits = .default)
        throws -> Bool
    {
        try Candid.preparedTypes(T.self).decodeDirect(bytes, limits: limits) { session, roots, offsets in
            try session.decode(T.self, roots[0], at: offsets[0])
        } != nil
    }

    @Test func randomValuesGiveTheSameBytesAndValuesOnBothPaths() throws {
        print("MappingDirectTests seed \(Self.seed)")
        var generator = DirectGenerator(seed: Self.seed)
        for round in 0..<300 {
            let node = generator.node()
            let bytes = try Candid.encodeArguments(node)
            #expect(bytes == (try Candid.encodeArgumentsThroughValues(node)), "seed \(Self.seed) round \(round)")
            let direct = try Candid.decodeArguments(bytes, as: DirectModel.Node.self)
            let tree = try Candid.decodeArgumentsThroughValues(bytes, as: DirectModel.Node.self)
            #expect(direct == tree, "seed \(Self.seed) round \(round)")
            #expect(direct == node, "seed \(Self.seed) round \(round)")
            #expect(try readsDirectly(bytes, as: DirectModel.Node.self), "seed \(Self.seed) round \(round)")

            // Several arguments, and a Result.
            let leaf = generator.leaf()
            let pairBytes = try Candid.encodeArguments(leaf, node.tree, "end")
            #expect(pairBytes == (try Candid.encodeArgumentsThroughValues(leaf, node.tree, "end")))
            let (l, t, e) = try Candid.decodeArguments(
                pairBytes, as: DirectModel.Leaf.self, DirectModel.Tree.self, String.self)
            #expect(l == leaf && t == node.tree && e == "end", "seed \(Self.seed) round \(round)")
            let result: Result<UInt64, DirectModel.Shape> = generator.bool() ? .success(generator.random.next()) : .failure(generator.shape())
            let resultBytes = try Candid.encodeArguments(result)
            #expect(resultBytes == (try Candid.encodeResultThroughValues(result)), "seed \(Self.seed) round \(round)")
            let decoded = try Candid.decodeArguments(resultBytes, as: Result<UInt64, DirectModel.Shape>.self)
            #expect(decoded == result, "seed \(Self.seed) round \(round)")
        }
    }

    @Test func corruptedMessagesGiveTheSameOutcomeOnBothPaths() throws {
        print("MappingDirectTests seed \(Self.seed)")
        var generator = DirectGenerator(seed: Self.seed ^ 0xBAD)
        for round in 0..<300 {
            var bytes = try Candid.encodeArguments(generator.node())
            let header = try #require(try Candid.preparedTypes(DirectModel.Node.self).header).bytes.count
            // Change one byte of the values (the header stays, so the direct path is tried), or cut the end.
            if generator.bool(), bytes.count > header {
                let index = header + generator.below(UInt64(bytes.count - header))
                bytes[index] = UInt8(truncatingIfNeeded: generator.random.next())
            } else {
                bytes.removeLast(1 + generator.below(UInt64(min(8, bytes.count - header))))
            }
            let direct = outcome { () throws -> DirectModel.Node in try Candid.decodeArguments(bytes, as: DirectModel.Node.self) }
            let tree = outcome { () throws -> DirectModel.Node in try Candid.decodeArgumentsThroughValues(bytes, as: DirectModel.Node.self) }
            #expect(direct == tree, "seed \(Self.seed) round \(round)")
        }
    }

    @Test func limitsAndQuotasGiveTheSameOutcomeOnBothPaths() throws {
        var generator = DirectGenerator(seed: Self.seed ^ 0x11)
        for round in 0..<100 {
            let bytes = try Candid.encodeArguments(generator.node())
            var limits = CandidLimits.endpoint
            limits.decodingQuota = generator.below(2_000)
            limits.maxDepth = 1 + generator.below(8)
            limits.maxValuesPerByte = generator.bool() ? nil : 0
            let direct = outcome { () throws -> DirectModel.Node in try Candid.decodeArguments(bytes, as: DirectModel.Node.self, limits: limits) }
            let tree = outcome { () throws -> DirectModel.Node in
                try Candid.decodeArgumentsThroughValues(bytes, as: DirectModel.Node.self, limits: limits)
            }
            #expect(direct == tree, "seed \(Self.seed) round \(round) limits \(limits)")
        }
    }

    @Test func aMessageAtOtherTypesIsDecodedThroughTheValues() throws {
        // `x` is text on the wire: the header differs, so the direct path does not read it, and the value
        // tree reports the mismatch (a record field is not under an `opt`, so it does not become null).
        let bytes = try Candid.encodeArguments(DirectModel.LenientText(x: "seven", y: "why"))
        #expect(try !readsDirectly(bytes, as: DirectModel.Lenient.self))
        let error = try #require(throws: CandidError.self) { try Candid.decodeArguments(bytes, as: DirectModel.Lenient.self) }
        #expect(error.code == .typeMismatch)
        #expect(error.path == ["x"])
        // An extra field on the wire: skipped through the value tree.
        let wider = try Candid.encodeArguments(DirectModel.LenientWide(x: 5, y: "y", z: true))
        #expect(try !readsDirectly(wider, as: DirectModel.Lenient.self))
        #expect(try Candid.decodeArguments(wider, as: DirectModel.Lenient.self) == DirectModel.Lenient(x: 5, y: "y"))
        // The same type on both sides is read directly, `try?` inside `init(from:)` included.
        let same = try Candid.encodeArguments(DirectModel.Lenient(x: 1, y: "a"))
        #expect(try readsDirectly(same, as: DirectModel.Lenient.self))
        #expect(try Candid.decodeArguments(same, as: DirectModel.Lenient.self) == DirectModel.Lenient(x: 1, y: "a"))
    }

    @Test func theFuturaTypesTakeTheDirectPaths() throws {
        var generator = FuturaGenerator(seed: Self.seed)
        for round in 0..<50 {
            let metadata = generator.metadata()
            let bytes = try Candid.encodeArguments(metadata)
            let plan = try #require(Candid.encodingPlan(Futura.AssetMetadata.self))
            guard case .typed(let encodingPlan) = plan else {
                Issue.record("AssetMetadata has no encoding plan")
                return
            }
            let session = DirectEncoding(plan: encodingPlan)
            try session.encode(metadata, encodingPlan.roots[0])
            #expect(!session.spoiled, "seed \(Self.seed) round \(round)")
            #expect(session.out == bytes, "seed \(Self.seed) round \(round)")
            #expect(try readsDirectly(bytes, as: Futura.AssetMetadata.self), "seed \(Self.seed) round \(round)")
        }
    }

    @Test func validUTF8MatchesTheStandardLibrary() throws {
        var random = SplitMix64(seed: Self.seed)
        for _ in 0..<5_000 {
            let bytes = (0..<Int(random.next() % 6)).map { _ in
                random.next() & 1 == 0 ? UInt8(truncatingIfNeeded: random.next()) : [0xE2, 0x98, 0x83, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0xED, 0xA0, 0x80][Int(random.next() % 12)]
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBytes { BinaryDecoder.isValidUTF8($0) } == expected, "\(bytes)")
        }
    }
}
