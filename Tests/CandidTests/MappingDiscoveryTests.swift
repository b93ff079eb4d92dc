// Tests/CandidTests/MappingDiscoveryTests.swift - Candid types of Swift types, found without values

import Candid
import Synchronization
import Testing

enum DiscoveryShapes {
    /// No `CodingKeys` listing: values map, but the type cannot be discovered.
    enum Unlisted: Codable, Equatable {
        case a(Int32)
        case b
    }

    /// Recursive through an array: a named type.
    struct Tree: Codable, Equatable {
        var label: String
        var children: [Tree]
    }

    /// Recursive through associated values; the first case needs a value of the type itself.
    indirect enum Expr: Codable, Equatable {
        case add(Expr, Expr)
        case num(Int64)
        enum CodingKeys: CodingKey, CaseIterable { case add, num }
    }

    /// No finite value: a chain that never ends.
    final class Chain: Codable {
        let next: Chain
    }

    static let initCalls = Mutex(0)

    /// Counts its `init(from:)` runs, to show that discovery runs once per type.
    struct Counted: Codable {
        var value: UInt16
        init(value: UInt16) { self.value = value }
        init(from decoder: any Decoder) throws {
            DiscoveryShapes.initCalls.withLock { $0 += 1 }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            value = try container.decode(UInt16.self, forKey: .value)
        }
    }

    /// A hand-written Codable with an unkeyed container: `vec`.
    struct Polyline: Codable, Equatable {
        var xs: [Int16]
        init(xs: [Int16]) { self.xs = xs }
        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            var xs: [Int16] = []
            while !container.isAtEnd { xs.append(try container.decode(Int16.self)) }
            self.xs = xs
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            for x in xs { try container.encode(x) }
        }
    }

    /// A hand-written Codable with a single value: that value's type.
    struct Meters: Codable, Equatable {
        var value: Double
        init(value: Double) { self.value = value }
        init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Double.self) }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(value)
        }
    }
}

@Suite struct MappingDiscoveryTests {
    typealias D = DiscoveryShapes
    let decoder = CandidDecoder()

    @Test func representableTypes() throws {
        #expect(try decoder.candidType(of: UInt64.self) == .nat64)
        #expect(try decoder.candidType(of: [UInt8].self) == .blob)
        #expect(try decoder.candidType(of: [String?].self) == .vec(.opt(.text)))
        #expect(try decoder.candidType(of: Principal.self) == .principal)
        #expect(try decoder.candidType(of: CandidNat.self) == .nat)
        #expect(
            try decoder.candidType(of: [UInt16: String].self)
                == .vec(.record([CandidField(CandidLabel(id: 0), .nat16), CandidField(CandidLabel(id: 1), .text)])))
    }

    @Test func handWrittenContainers() throws {
        #expect(try decoder.candidType(of: D.Polyline.self) == .vec(.int16))
        #expect(try decoder.candidType(of: D.Meters.self) == .float64)
        let polyline = D.Polyline(xs: [1, -2])
        let value = try CandidEncoder().encode(polyline)
        #expect(value == .vec([.int16(1), .int16(-2)]))
        #expect(try decoder.decode(D.Polyline.self, from: value) == polyline)
        #expect(try CandidEncoder().encode(D.Meters(value: 2)) == .float64(2))
    }

    @Test func anUnlistedEnumNamesTheAnnotation() throws {
        let error = try #require(throws: CandidError.self) { _ = try decoder.candidType(of: [D.Unlisted].self) }
        #expect(error.code == .mapping)
        #expect(error.message.contains("enum CodingKeys: CodingKey, CaseIterable"))
        // Values still map both ways: the encoder and decoder need no listing.
        let value = try CandidEncoder().encode(D.Unlisted.a(5))
        #expect(value == .variant(CandidLabel("a"), .int32(5)))
        #expect(try decoder.decode(D.Unlisted.self, from: value) == .a(5))
        #expect(try decoder.decode(D.Unlisted.self, from: .variant(CandidLabel("b"), .null)) == .b)
    }

    @Test func aTypeRecursiveThroughAnArrayIsNamed() throws {
        let definition = try decoder.candidTypeDefinition(of: D.Tree.self)
        let name = String(reflecting: D.Tree.self)
        #expect(definition.type == .named(name))
        let record = CandidType.record(
            [CandidField(CandidLabel("label"), .text), CandidField(CandidLabel("children"), .vec(.named(name)))]
                .sorted { $0.label.id < $1.label.id })
        #expect(definition.environment.definitions == [name: record])
        let tree = D.Tree(label: "root", children: [D.Tree(label: "leaf", children: [])])
        let bytes = try Candid.encodeArguments(tree)
        let (back, ) = try Candid.decodeArguments(bytes, as: D.Tree.self)
        #expect(back == tree)
        // A type that contains it shares its definition.
        let outer = try decoder.candidTypeDefinition(of: [D.Tree].self)
        #expect(outer.type == .vec(.named(name)))
        #expect(outer.environment.definitions == [name: record])
    }

    @Test func anIndirectEnumIsDiscoveredFromItsNonRecursiveCase() throws {
        let definition = try decoder.candidTypeDefinition(of: D.Expr.self)
        let name = String(reflecting: D.Expr.self)
        #expect(definition.type == .named(name))
        let pair = CandidType.record([
            CandidField(CandidLabel(id: 0), .named(name)), CandidField(CandidLabel(id: 1), .named(name)),
        ])
        #expect(
            definition.environment.definitions[name]
                == .variant(
                    [CandidField(CandidLabel("add"), pair), CandidField(CandidLabel("num"), .int64)].sorted {
                        $0.label.id < $1.label.id
                    }))
        let expr = D.Expr.add(.num(1), .add(.num(2), .num(3)))
        let (back, ) = try Candid.decodeArguments(try Candid.encodeArguments(expr), as: D.Expr.self)
        #expect(back == expr)
    }

    @Test func aTypeWithNoFiniteValueIsAnError() throws {
        let error = try #require(throws: CandidError.self) { _ = try decoder.candidType(of: D.Chain.self) }
        #expect(error.code == .mapping)
        #expect(error.message.contains("contains itself"))
    }

    @Test func discoveryRunsOncePerType() throws {
        let before = D.initCalls.withLock { $0 }
        let first = try decoder.candidType(of: D.Counted.self)
        let afterFirst = D.initCalls.withLock { $0 }
        let second = try decoder.candidType(of: D.Counted.self)
        _ = try decoder.candidType(of: [D.Counted].self)
        let afterSecond = D.initCalls.withLock { $0 }
        #expect(first == .record([CandidField(CandidLabel("value"), .nat16)]))
        #expect(second == first)
        #expect(afterFirst - before == 1)
        #expect(afterSecond == afterFirst)
    }

    @Test func discoveryIsSafeFromManyTasks() async throws {
        let types = try await withThrowingTaskGroup(of: CandidType.self) { group in
            for _ in 0..<16 {
                group.addTask { try CandidDecoder().candidType(of: Futura.AssetMetadata.self) }
            }
            var result: [CandidType] = []
            for try await type in group { result.append(type) }
            return result
        }
        #expect(types.count == 16)
        #expect(Set(types).count == 1)
    }
}
