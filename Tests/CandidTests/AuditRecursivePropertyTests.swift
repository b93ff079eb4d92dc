// Tests/CandidTests/AuditRecursivePropertyTests.swift - fresh recursive types: encode/decode and print/parse

import Testing

@testable import Candid
import TestSupport

/// Generates fresh groups of recursive definitions (self-recursive and mutually recursive, through
/// opt, vec, variant and record), and values of them whose recursion ends at a base case.
struct RecursiveGenerator {
    var random: SplitMix64
    var environment = CandidTypeEnvironment()
    var order: [String] = []

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    static let leaves: [CandidType] = [
        .nat, .int, .text, .bool, .null, .nat8, .int64, .float64, .principal, .reserved, .blob,
    ]

    /// A primitive, a blob, or a definition made earlier.
    mutating func leaf() -> CandidType {
        if !order.isEmpty, int(0...3) == 0 { return .named(order[int(0...order.count - 1)]) }
        return Self.leaves[int(0...Self.leaves.count - 1)]
    }

    /// Adds one to three definitions that refer to themselves and to each other; returns the first.
    mutating func recursiveGroup() -> CandidType {
        let base = order.count
        let group = (0..<int(1...3)).map { "R\(base + $0)" }
        for (index, name) in group.enumerated() {
            let next = CandidType.named(group[(index + 1) % group.count])
            let this = CandidType.named(name)
            let definition: CandidType
            switch int(0...4) {
            case 0:
                definition = .opt(
                    .record([CandidField(CandidLabel("head"), leaf()), CandidField(CandidLabel("tail"), next)]))
            case 1:
                definition = .variant([
                    CandidField(CandidLabel("leaf"), leaf()),
                    CandidField(
                        CandidLabel("node"),
                        .record([CandidField(CandidLabel(id: 0), this), CandidField(CandidLabel(id: 1), next)])),
                ])
            case 2:
                definition = .record([
                    CandidField(CandidLabel("value"), leaf()), CandidField(CandidLabel("children"), .vec(next)),
                ])
            case 3:
                definition = .variant([
                    CandidField(CandidLabel("nil"), .null),
                    CandidField(
                        CandidLabel("cons"),
                        .record([CandidField(CandidLabel(id: 0), leaf()), CandidField(CandidLabel(id: 1), next)])),
                ])
            default:
                // Recursion through a reference type: a callback that takes and returns the group's types.
                definition = .record([
                    CandidField(CandidLabel("value"), leaf()),
                    CandidField(
                        CandidLabel("callback"),
                        .opt(.function(CandidFunctionType(arguments: [next], results: [.opt(this)], modes: [.query])))),
                ])
            }
            environment.definitions[name] = definition.sortedFields
            order.append(name)
        }
        return .named(group[0])
    }

    mutating func principal() -> Principal {
        Principal(unchecked: (0..<int(0...29)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
    }

    /// A value of `type`; past `budget` recursion steps every choice takes its base case.
    mutating func value(of type: CandidType, budget: Int) throws -> CandidValue {
        switch try environment.resolve(type) {
        case .null: return .null
        case .bool: return .bool(int(0...1) == 1)
        case .nat: return .nat(BigInt(int(0...1_000_000)))
        case .int: return .int(BigInt(int(-1_000_000...1_000_000)))
        case .nat8: return .nat8(UInt8(int(0...255)))
        case .int64: return .int64(Int64(bitPattern: random.next()))
        case .float64: return .float64(Double(int(-1000...1000)) / 8)
        case .text: return .text(["", "a", "☃", "tail", "\"q\"", "🐂\n"][int(0...5)])
        case .reserved: return .reserved
        case .principal: return .principal(principal())
        case .opt(let inner):
            return budget <= 0 || int(0...2) == 0 ? .opt(nil) : .opt(try value(of: inner, budget: budget - 1))
        case .vec(let element):
            if try environment.resolve(element) == .nat8 {
                return .blob((0..<int(0...4)).map { _ in UInt8(int(0...255)) })
            }
            let count = budget <= 0 ? 0 : int(0...3)
            return .vec(try (0..<count).map { _ in try value(of: element, budget: budget - 1) })
        case .record(let fields):
            return .record(try fields.map { CandidRecordField($0.label, try value(of: $0.type, budget: budget - 1)) })
        case .variant(let cases):
            // The base case ends the recursion: `leaf` or `nil` in the generated variants.
            let base = cases.first { $0.label.name == "leaf" || $0.label.name == "nil" } ?? cases[0]
            let field = budget <= 0 ? base : cases[int(0...cases.count - 1)]
            return .variant(field.label, try value(of: field.type, budget: budget - 1))
        case .function: return .function(principal(), method: ["go", "next", "☃"][int(0...2)])
        default: throw CandidError(.unsupported, "no generator for \(type)")
        }
    }
}

extension CandidType {
    /// The same type with record and variant fields in id order (the order values and printing use).
    var sortedFields: CandidType {
        switch self {
        case .record(let fields): .record(fields.sorted { $0.label < $1.label })
        case .variant(let fields): .variant(fields.sorted { $0.label < $1.label })
        default: self
        }
    }
}

@Suite struct AuditRecursivePropertyTests {
    static let seeds: [UInt64] = [7, 0xACE, 0xB16_B00B5, 0x5EED_5EED, 20_261_123]

    @Test(arguments: Self.seeds)
    func recursiveValuesSurviveEncodeDecodeAndPrintParse(seed: UInt64) {
        var generator = RecursiveGenerator(seed: seed)
        var checked = 0
        for iteration in 0..<60 {
            let types = (0..<generator.int(1...3)).map { _ in generator.recursiveGroup() }
            let environment = generator.environment
            let context = "seed \(seed) iteration \(iteration) types \(Candid.printTypes(types))"
            do {
                let values = try types.map { try generator.value(of: $0, budget: 8) }
                // Binary: encode, decode at the types and at the wire types, encode again.
                let bytes = try Candid.encode(values, as: types, in: environment)
                let decoded = try Candid.decode(bytes, as: types, in: environment)
                #expect(decoded == values, "\(context)")
                #expect(try Candid.encode(decoded, as: types, in: environment) == bytes, "\(context)")
                let message = try Candid.decodeMessage(bytes)
                #expect(message.values == values, "\(context)")
                #expect(
                    try Candid.encode(message.values, as: message.types, in: message.environment) == bytes, "\(context)"
                )
                // Text: print, parse typed and untyped.
                let text = Candid.printArguments(values)
                #expect(try Candid.parseArguments(text, as: types, in: environment) == values, "\(context): \(text)")
                #expect(try Candid.parseArguments(text) == values, "\(context): \(text)")
                checked += 1
            } catch {
                Issue.record("\(context): \(error)")
            }
        }
        #expect(checked == 60, "seed \(seed)")
    }

    @Test(arguments: Self.seeds)
    func recursiveDefinitionsSurvivePrintParse(seed: UInt64) {
        var generator = RecursiveGenerator(seed: seed)
        for iteration in 0..<40 {
            var first: [CandidType] = []
            for _ in 0..<generator.int(1...4) { first.append(generator.recursiveGroup()) }
            let environment = generator.environment
            let context = "seed \(seed) iteration \(iteration)"
            do {
                // Each definition prints and parses back in the environment.
                for name in generator.order {
                    guard let definition = environment.definitions[name] else { continue }
                    let text = Candid.printType(definition)
                    #expect(
                        try Candid.parseTypes(text, in: environment) == [definition], "\(context): \(name) = \(text)")
                }
                // The whole environment as a .did file with a service over the recursive types.
                let method = CandidFunctionType(arguments: first, results: [.opt(first[0])], modes: [])
                let file = DidFile(
                    environment: environment, definitionOrder: generator.order, serviceArguments: [first[0]],
                    service: CandidServiceType(methods: [.init(name: "go", type: .function(method))]))
                #expect(try DidFile.parse(file.text) == file, "\(context):\n\(file.text)")
                // Wire types of a message are recursive too: they print as a .did and parse back.
                let value = try generator.value(of: first[0], budget: 6)
                let message = try Candid.decodeMessage(try Candid.encode([value], as: [first[0]], in: environment))
                let wire = DidFile(
                    environment: message.environment, definitionOrder: message.environment.definitions.keys.sorted(),
                    serviceArguments: message.types, service: CandidServiceType(methods: []))
                #expect(try DidFile.parse(wire.text) == wire, "\(context):\n\(wire.text)")
            } catch {
                Issue.record("\(context): \(error)")
            }
        }
    }
}
