// Tests/CandidTests/TextPropertyTests.swift - generated types and values: print -> parse gives them back

import Candid
import Testing
import TestSupport

/// Random Candid types and canonical values of them, from a seeded generator.
struct CandidGenerator {
    var random: SplitMix64

    static let environment = CandidTypeEnvironment([
        "List": .opt(.record([
            CandidField(CandidLabel("head"), .int), CandidField(CandidLabel("tail"), .named("List")),
        ].sorted { $0.label < $1.label })),
        "Byte": .nat8,
        "Pair": .record([CandidField(CandidLabel(id: 0), .nat), CandidField(CandidLabel(id: 1), .text)]),
        "Callback": .function(CandidFunctionType(arguments: [.named("List")], results: [.opt(.named("Pair"))],
            modes: [.query])),
    ])

    static let names = ["a", "b", "foo", "bar", "Ok", "Err", "head", "☃", "query", "a b", "5", "_x1", "🐂", ""]
    static let textPieces = [
        "a", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{7F}", "é", "☃", "🐂", "'", "{",
    ]

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func bool() -> Bool { random.next() & 1 == 1 }

    mutating func label() -> CandidLabel {
        bool() ? CandidLabel(Self.names[int(0...Self.names.count - 1)]) : CandidLabel(id: UInt32(int(0...9)))
    }

    mutating func fields(count: Int, depth: Int, allowEmpty: Bool) -> [CandidField] {
        var byID: [UInt32: CandidField] = [:]
        for _ in 0..<count {
            let label = label()
            byID[label.id] = CandidField(label, type(depth: depth - 1, inhabited: !allowEmpty))
        }
        return byID.values.sorted { $0.label < $1.label }
    }

    mutating func functionType(depth: Int) -> CandidFunctionType {
        let modes: [CandidFunctionType.Mode] = [[], [.query], [.oneway], [.compositeQuery]][int(0...3)]
        let arguments = (0..<int(0...2)).map { _ in type(depth: depth - 1, inhabited: false) }
        let results = (0..<int(0...2)).map { _ in type(depth: depth - 1, inhabited: false) }
        // A oneway function has no results (the text syntax refuses them); the draws stay the same.
        return CandidFunctionType(arguments: arguments, results: modes == [.oneway] ? [] : results, modes: modes)
    }

    /// A random type; `inhabited` keeps out `empty` where a value must be generated.
    mutating func type(depth: Int, inhabited: Bool = true) -> CandidType {
        let primitives: [CandidType] = [
            .null, .bool, .nat, .int, .nat8, .nat16, .nat32, .nat64, .int8, .int16, .int32, .int64,
            .float32, .float64, .text, .reserved, .principal, .named("List"), .named("Byte"), .named("Pair"),
        ]
        if depth <= 0 || int(0...2) == 0 {
            if !inhabited && int(0...5) == 0 { return .empty }
            return primitives[int(0...primitives.count - 1)]
        }
        switch int(0...7) {
        case 0: return .opt(type(depth: depth - 1, inhabited: false))
        case 1: return .vec(type(depth: depth - 1, inhabited: false))
        case 2: return .vec(.nat8)
        case 3: return .record(fields(count: int(0...4), depth: depth, allowEmpty: false))
        case 4:
            var cases = fields(count: int(1...4), depth: depth, allowEmpty: true)
            // At least one inhabited case.
            cases[0].type = type(depth: depth - 1)
            return .variant(cases)
        case 5: return .function(functionType(depth: depth))
        case 6:
            var methods: [String: CandidServiceType.Method] = [:]
            for _ in 0..<int(0...3) {
                let name = Self.names[int(0...Self.names.count - 1)]
                let type: CandidType = bool() ? .named("Callback") : .function(functionType(depth: depth))
                methods[name] = CandidServiceType.Method(name: name, type: type)
            }
            let sorted = methods.values.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
            return .service(CandidServiceType(methods: sorted))
        default: return .opt(.opt(type(depth: depth - 1)))
        }
    }

    mutating func principal() -> Principal {
        // Swift Testing's package access: Principal(unchecked:) is visible to the package's tests.
        Principal(unchecked: (0..<int(0...29)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
    }

    mutating func text() -> String {
        (0..<int(0...6)).map { _ in Self.textPieces[int(0...Self.textPieces.count - 1)] }.joined()
    }

    mutating func bigInt(negative: Bool) -> BigInt {
        let words = (0..<int(0...3)).map { _ in random.next() >> UInt64(int(0...63)) }
        return BigInt(isNegative: negative, magnitude: words)
    }

    mutating func double() -> Double {
        while true {
            let value = bool() ? Double(bitPattern: random.next()) : Double(int(-1000...1000)) / 8
            if !value.isNaN { return value }
        }
    }

    mutating func float() -> Float {
        while true {
            let bits = UInt32(truncatingIfNeeded: random.next())
            let value = bool() ? Float(bitPattern: bits) : Float(int(-100...100)) / 4
            if !value.isNaN { return value }
        }
    }

    /// A canonical value of `type` (as the typed parser produces it: `vec nat8` is `.blob`, record
    /// fields in type order with the type's labels).
    mutating func value(of type: CandidType, depth: Int = 6) throws -> CandidValue {
        switch try Self.environment.resolve(type) {
        case .null: return .null
        case .bool: return .bool(bool())
        case .nat: return .nat(bigInt(negative: false))
        case .int: return .int(bigInt(negative: bool()))
        case .nat8: return .nat8(UInt8(truncatingIfNeeded: random.next()))
        case .nat16: return .nat16(UInt16(truncatingIfNeeded: random.next()))
        case .nat32: return .nat32(UInt32(truncatingIfNeeded: random.next()))
        case .nat64: return .nat64(random.next())
        case .int8: return .int8(Int8(truncatingIfNeeded: random.next()))
        case .int16: return .int16(Int16(truncatingIfNeeded: random.next()))
        case .int32: return .int32(Int32(truncatingIfNeeded: random.next()))
        case .int64: return .int64(Int64(bitPattern: random.next()))
        case .float32: return .float32(float())
        case .float64: return .float64(double())
        case .text: return .text(text())
        case .reserved: return .reserved
        case .empty: throw CandidError(.unsupported, "no value of type empty")
        case .principal: return .principal(principal())
        case .opt(let inner):
            if depth <= 0 || bool() { return .opt(nil) }
            guard let value = try? value(of: inner, depth: depth - 1) else { return .opt(nil) }
            return .opt(value)
        case .vec(let element):
            if try Self.environment.resolve(element) == .nat8 {
                return .blob((0..<int(0...5)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            }
            if depth <= 0 { return .vec([]) }
            var items: [CandidValue] = []
            for _ in 0..<int(0...3) {
                guard let item = try? value(of: element, depth: depth - 1) else { return .vec([]) }
                items.append(item)
            }
            return .vec(items)
        case .record(let fields):
            return .record(try fields.map { CandidRecordField($0.label, try value(of: $0.type, depth: depth - 1)) })
        case .variant(let cases):
            for attempt in 0..<8 {
                let field = attempt < 7 ? cases[int(0...cases.count - 1)] : cases[0]
                if let payload = try? value(of: field.type, depth: depth - 1) {
                    return .variant(field.label, payload)
                }
            }
            throw CandidError(.unsupported, "no inhabited variant case")
        case .function:
            return .function(principal(), method: Self.names[int(0...Self.names.count - 1)])
        case .service:
            return .service(principal())
        case .named(let name):
            throw CandidError(.unknownType, name)
        }
    }
}

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

@Suite struct TextPropertyTests {
    static let seeds: [UInt64] = [1, 2, 3, 0xC0DE, 0xDEAD_BEEF]

    /// Print a generated value, parse it typed at its type and untyped: both give the value back.
    @Test(arguments: Self.seeds)
    func valuesRoundTrip(seed: UInt64) throws {
        var generator = CandidGenerator(seed: seed)
        let environment = CandidGenerator.environment
        var checked = 0
        for iteration in 0..<300 {
            let types = (0..<generator.int(1...3)).map { _ in generator.type(depth: 4) }
            guard let values = try? types.map({ try generator.value(of: $0) }) else { continue }
            checked += 1
            let text = Candid.printArguments(values)
            let context = "seed \(seed) iteration \(iteration): \(text) : \(Candid.printTypes(types))"
            do {
                #expect(try Candid.parseArguments(text, as: types, in: environment) == values, "\(context)")
                #expect(try Candid.parseArguments(text, in: environment) == values, "\(context)")
            } catch {
                Issue.record("\(context): \(error)")
            }
        }
        #expect(checked >= 250, "seed \(seed)")
    }

    /// Print a generated type, parse it back in the environment.
    @Test(arguments: Self.seeds)
    func typesRoundTrip(seed: UInt64) throws {
        var generator = CandidGenerator(seed: seed)
        for iteration in 0..<300 {
            let types = (0..<generator.int(0...3)).map { _ in generator.type(depth: 5, inhabited: false) }
            let text = Candid.printTypes(types)
            let context = "seed \(seed) iteration \(iteration): \(text)"
            do {
                #expect(try Candid.parseTypes(text, in: CandidGenerator.environment) == types, "\(context)")
            } catch {
                Issue.record("\(context): \(error)")
            }
        }
    }

    /// A generated .did file prints and parses back equal.
    @Test(arguments: Self.seeds)
    func didFilesRoundTrip(seed: UInt64) throws {
        var generator = CandidGenerator(seed: seed)
        for iteration in 0..<50 {
            var environment = CandidGenerator.environment
            var order = environment.definitions.keys.sorted()
            for index in 0..<generator.int(0...4) {
                environment.definitions["T\(index)"] = generator.type(depth: 4, inhabited: false)
                order.append("T\(index)")
            }
            var service: CandidServiceType?
            if case .service(let generated) = generator.type(depth: 1) { service = generated }
            let arguments: [CandidType]? = generator.bool() ? [generator.type(depth: 2)] : nil
            let file = DidFile(
                environment: environment, definitionOrder: order, serviceArguments: arguments,
                service: service ?? (arguments == nil ? nil : CandidServiceType(methods: [])))
            let context = "seed \(seed) iteration \(iteration):\n\(file.text)"
            do {
                #expect(try DidFile.parse(file.text) == file, "\(context)")
            } catch {
                Issue.record("\(context): \(error)")
            }
        }
    }

    static let labelHashes: [(label: String, hash: UInt32)] = [
        ("foo", 5_097_222), ("bar", 4_895_187), ("Ok", 17724), ("Err", 3_456_837), ("head", 1_158_359_328),
        ("☃", 11_272_781),
    ]

    @Test(arguments: Self.labelHashes)
    func labelHash(label: String, hash: UInt32) throws {
        #expect(CandidLabel.hash(label) == hash)
        // A name in text and its number are the same field.
        let byName = try Candid.parseValue("record { \(CandidTextSyntaxForTests.name(label)) = 1 }")
        #expect(byName == (try Candid.parseValue("record { \(hash) = 1 }")))
    }

    // MARK: - Fresh recursive types: encode/decode and print/parse

    static let recursiveSeeds: [UInt64] = [7, 0xACE, 0xB16_B00B5, 0x5EED_5EED, 20_261_123]

    @Test(arguments: Self.recursiveSeeds)
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

    @Test(arguments: Self.recursiveSeeds)
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


/// Quoting for labels in test text (the library's helper is internal).
enum CandidTextSyntaxForTests {
    static func name(_ name: String) -> String {
        name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } ? name : "\"\(name)\""
    }
}
