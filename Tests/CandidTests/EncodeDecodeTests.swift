// Tests/CandidTests/EncodeDecodeTests.swift - generated types and values survive encode then decode

import Testing

@testable import Candid
import TestSupport

/// Generates random Candid types (records, variants, options, vectors, references and recursive
/// named types) and random values of them, from a seed.
struct BinaryValueGenerator {
    var random: SplitMix64
    var environment = CandidTypeEnvironment()
    private var recursiveCount = 0

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    static let names = ["a", "b", "head", "tail", "☃", "Ok", "Err", "bytes", "x_1", "🐂"]

    mutating func label() -> CandidLabel {
        random.chance(60)
            ? CandidLabel(Self.names[random.below(Self.names.count)])
            : CandidLabel(id: random.chance(80) ? UInt32(random.below(8)) : UInt32(truncatingIfNeeded: random.next()))
    }

    mutating func fields(depth: Int) -> [CandidField] {
        var fields: [CandidField] = []
        var ids: Set<UInt32> = []
        for _ in 0..<random.below(4) {
            let label = label()
            guard ids.insert(label.id).inserted else { continue }
            fields.append(CandidField(label, type(depth: depth + 1)))
        }
        return fields
    }

    mutating func type(depth: Int = 0) -> CandidType {
        let primitives: [CandidType] = [
            .null, .bool, .nat, .int, .nat8, .nat16, .nat32, .nat64, .int8, .int16, .int32, .int64, .float32,
            .float64, .text, .reserved, .principal,
        ]
        if depth >= 3 || random.chance(40) { return primitives[random.below(primitives.count)] }
        switch random.below(8) {
        case 0: return .opt(type(depth: depth + 1))
        case 1: return .vec(type(depth: depth + 1))
        case 2: return .record(fields(depth: depth))
        case 3:
            let fields = fields(depth: depth)
            return fields.isEmpty ? .variant([CandidField(label(), .null)]) : .variant(fields)
        case 4: return .blob
        case 5:
            return .function(
                CandidFunctionType(
                    arguments: [type(depth: depth + 1)], results: [type(depth: depth + 1)],
                    modes: random.chance(50) ? [] : [.query]))
        case 6:
            return .service(
                CandidServiceType(methods: [
                    .init(name: "go", type: .function(CandidFunctionType(arguments: [], results: [type(depth: 3)])))
                ]))
        default:
            // A recursive list or tree of some element type.
            recursiveCount += 1
            let name = "R\(recursiveCount)"
            let element = type(depth: depth + 1)
            if random.chance(50) {
                environment.definitions[name] = .opt(
                    .record([CandidField(CandidLabel("head"), element), CandidField(CandidLabel("tail"), .named(name))])
                )
            } else {
                environment.definitions[name] = .variant([
                    CandidField(CandidLabel("leaf"), element),
                    CandidField(
                        CandidLabel("node"),
                        .record([
                            CandidField(CandidLabel(id: 0), .named(name)),
                            CandidField(CandidLabel(id: 1), .named(name)),
                        ])),
                ])
            }
            return .named(name)
        }
    }

    mutating func principal() -> Principal {
        Principal(unchecked: (0..<random.below(30)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
    }

    mutating func text() -> String {
        let pieces = ["a", "Z", "é", "☃", "🐂", "\n", "\"", "\\", "\u{0}", "日本"]
        return (0..<random.below(6)).map { _ in pieces[random.below(pieces.count)] }.joined()
    }

    mutating func value(of type: CandidType, depth: Int = 0) -> CandidValue {
        switch type {
        case .null: return .null
        case .bool: return .bool(random.chance(50))
        case .nat: return .nat(BigInt(isNegative: false, magnitude: (0..<random.below(4)).map { _ in random.next() }))
        case .int:
            return .int(
                BigInt(isNegative: random.chance(50), magnitude: (0..<random.below(4)).map { _ in random.next() }))
        case .nat8: return .nat8(UInt8(truncatingIfNeeded: random.next()))
        case .nat16: return .nat16(UInt16(truncatingIfNeeded: random.next()))
        case .nat32: return .nat32(UInt32(truncatingIfNeeded: random.next()))
        case .nat64: return .nat64(random.next())
        case .int8: return .int8(Int8(truncatingIfNeeded: random.next()))
        case .int16: return .int16(Int16(truncatingIfNeeded: random.next()))
        case .int32: return .int32(Int32(truncatingIfNeeded: random.next()))
        case .int64: return .int64(Int64(bitPattern: random.next()))
        case .float32: return .float32(Float(Int32(truncatingIfNeeded: random.next())) / 7)
        case .float64: return .float64(Double(Int64(bitPattern: random.next())) / 3)
        case .text: return .text(text())
        case .reserved: return .reserved
        case .empty: return .null
        case .principal: return .principal(principal())
        case .opt(let inner):
            return random.chance(30) || depth > 6 ? .opt(nil) : .opt(value(of: inner, depth: depth + 1))
        case .vec(let element):
            if element == .nat8 {
                return .blob((0..<random.below(40)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            }
            let count = depth > 6 ? 0 : random.below(4)
            return .vec((0..<count).map { _ in value(of: element, depth: depth + 1) })
        case .record(let fields):
            return .record(
                fields.map { CandidRecordField($0.label, value(of: $0.type, depth: depth + 1)) }
                    .sorted { $0.label < $1.label })
        case .variant(let fields):
            // Past some depth, take the first tag (a leaf) so recursive values end.
            let field = depth > 6 ? fields[0] : fields[random.below(fields.count)]
            return .variant(field.label, value(of: field.type, depth: depth + 1))
        case .function: return .function(principal(), method: text())
        case .service: return .service(principal())
        case .named(let name):
            return value(of: environment.definitions[name] ?? .null, depth: depth + 1)
        }
    }
}

@Suite struct EncodeDecodeTests {
    @Test func generatedValuesRoundTrip() {
        for seed in UInt64(1)...300 {
            var generator = BinaryValueGenerator(seed: seed)
            let types = (0..<(1 + generator.random.below(3))).map { _ in generator.type() }
            let values = types.map { generator.value(of: $0) }
            let environment = generator.environment
            do {
                let bytes = try Candid.encode(values, as: types, in: environment)
                let decoded = try Candid.decode(bytes, as: types, in: environment)
                #expect(decoded == values, "seed \(seed)")
                // Encoding is canonical: the decoded values encode to the same bytes.
                #expect(try Candid.encode(decoded, as: types, in: environment) == bytes, "seed \(seed)")
                // At the wire types the values are the same (labels compare by id).
                let message = try Candid.decodeMessage(bytes)
                #expect(message.values == values, "seed \(seed)")
                #expect(try Candid.decode(bytes) == values, "seed \(seed)")
                // The wire types describe the message: encoding at them gives the same bytes.
                #expect(
                    try Candid.encode(message.values, as: message.types, in: message.environment) == bytes,
                    "seed \(seed)")
            } catch {
                Issue.record("seed \(seed): \(error)")
            }
        }
    }

    @Test func generatedValuesDecodeAtReservedAndOptions() {
        for seed in UInt64(1000)...1150 {
            var generator = BinaryValueGenerator(seed: seed)
            let type = generator.type()
            let value = generator.value(of: type)
            do {
                let bytes = try Candid.encode([value], as: [type], in: generator.environment)
                #expect(try Candid.decode(bytes, as: [.reserved]) == [.reserved], "seed \(seed)")
                #expect(try Candid.decode(bytes, as: []) == [], "seed \(seed)")
                // At opt of its own type, a value is wrapped (or, when the type is null-like, kept).
                let wrapped = try Candid.decode(bytes, as: [.opt(type)], in: generator.environment)
                #expect(wrapped.count == 1, "seed \(seed)")
            } catch {
                Issue.record("seed \(seed): \(error)")
            }
        }
    }

    @Test func inferredTypesRoundTrip() {
        for seed in UInt64(2000)...2200 {
            var generator = BinaryValueGenerator(seed: seed)
            let type = generator.type()
            // Inference has no environment, so only use types without recursion.
            guard generator.environment.definitions.isEmpty else { continue }
            let value = generator.value(of: type)
            do {
                let bytes = try Candid.encode([value])
                let decoded = try Candid.decode(bytes)
                #expect(decoded == [value], "seed \(seed)")
            } catch {
                Issue.record("seed \(seed): \(error)")
            }
        }
    }
}
