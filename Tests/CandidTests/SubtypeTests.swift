// Tests/CandidTests/SubtypeTests.swift - the coinductive subtype check behind reference values

import Testing

@testable import Candid

@Suite struct SubtypeTests {
    /// Whether `wire <: expected`, both written as Candid types in `environment`.
    func isSubtype(
        _ wire: CandidType, _ expected: CandidType, in environment: CandidTypeEnvironment = .init()
    ) throws -> Bool {
        let (wireTable, wireRefs) = try TypeTable.build([wire], in: environment)
        let (expectedTable, expectedRefs) = try TypeTable.build([expected], in: environment)
        let checker = SubtypeChecker(wire: wireTable, expected: expectedTable, maxDepth: 256)
        return try checker.isSubtype(wireRefs[0], expectedRefs[0])
    }

    static func function(_ arguments: [CandidType], _ results: [CandidType], _ modes: [CandidFunctionType.Mode] = [])
        -> CandidType
    {
        .function(CandidFunctionType(arguments: arguments, results: results, modes: modes))
    }

    static func service(_ methods: [(String, CandidType)]) -> CandidType {
        .service(CandidServiceType(methods: methods.map { .init(name: $0.0, type: $0.1) }))
    }

    static let field = CandidLabel("a")

    @Test func primitives() throws {
        #expect(try isSubtype(.nat, .nat))
        #expect(try isSubtype(.nat, .int))
        #expect(try !isSubtype(.int, .nat))
        #expect(try !isSubtype(.nat, .nat8))
        #expect(try isSubtype(.text, .reserved))
        #expect(try isSubtype(.empty, .text))
        #expect(try !isSubtype(.text, .empty))
        #expect(try !isSubtype(.null, .text))
    }

    @Test func everythingIsASubtypeOfAnOption() throws {
        #expect(try isSubtype(.nat, .opt(.bool)))
        #expect(try isSubtype(.null, .opt(.bool)))
        #expect(try isSubtype(.opt(.nat), .opt(.bool)))
        #expect(try isSubtype(.vec(.text), .opt(.opt(.nat))))
    }

    @Test func recordsAndVariants() throws {
        let optional = CandidType.record([CandidField(Self.field, .opt(.empty))])
        #expect(try isSubtype(.record([]), optional))
        #expect(try isSubtype(.record([]), .record([CandidField(Self.field, .reserved)])))
        #expect(try isSubtype(.record([]), .record([CandidField(Self.field, .null)])))
        #expect(try !isSubtype(.record([]), .record([CandidField(Self.field, .nat)])))
        #expect(try isSubtype(.record([CandidField(Self.field, .nat)]), .record([])))
        #expect(try isSubtype(.record([CandidField(Self.field, .nat)]), .record([CandidField(Self.field, .int)])))
        #expect(try isSubtype(.variant([]), .variant([CandidField(Self.field, .nat)])))
        #expect(try !isSubtype(.variant([CandidField(Self.field, .nat)]), .variant([])))
        #expect(try !isSubtype(.variant([CandidField(Self.field, .bool)]), .variant([CandidField(Self.field, .nat)])))
        #expect(try isSubtype(.vec(.nat), .vec(.int)))
        #expect(try !isSubtype(.vec(.int), .vec(.nat)))
    }

    @Test func functionsAreContravariantInArgumentsAndCovariantInResults() throws {
        #expect(try isSubtype(Self.function([.int], [.nat]), Self.function([.nat], [.int])))
        #expect(try !isSubtype(Self.function([.nat], [.nat]), Self.function([.int], [.nat])))
        #expect(try !isSubtype(Self.function([], [.int]), Self.function([], [.nat])))
        // Optional arguments may be added; optional results may be dropped.
        #expect(try isSubtype(Self.function([.opt(.text)], []), Self.function([], [])))
        #expect(try isSubtype(Self.function([.reserved], []), Self.function([], [])))
        #expect(try !isSubtype(Self.function([.nat], []), Self.function([], [])))
        #expect(try isSubtype(Self.function([], []), Self.function([], [.opt(.nat)])))
        #expect(try !isSubtype(Self.function([], []), Self.function([], [.nat])))
        #expect(try isSubtype(Self.function([.text], [.nat]), Self.function([.text, .opt(.text)], [])))
        // Annotations must be equal.
        #expect(try !isSubtype(Self.function([], [], [.query]), Self.function([], [])))
        #expect(try !isSubtype(Self.function([], []), Self.function([], [], [.query])))
        #expect(try isSubtype(Self.function([], [], [.query]), Self.function([], [], [.query])))
        #expect(try !isSubtype(Self.function([], [], [.compositeQuery]), Self.function([], [], [.query])))
    }

    @Test func servicesNeedEveryExpectedMethod() throws {
        let foo = Self.function([.text], [.nat])
        #expect(try isSubtype(Self.service([("foo", foo), ("bar", foo)]), Self.service([("foo", foo)])))
        #expect(try !isSubtype(Self.service([]), Self.service([("foo", foo)])))
        #expect(
            try !isSubtype(
                Self.service([("foo", Self.function([.text], [.nat], [.query]))]), Self.service([("foo", foo)])))
        // A service is a principal, not the other way round.
        #expect(try isSubtype(Self.service([("foo", foo)]), .principal))
        #expect(try !isSubtype(.principal, Self.service([])))
        #expect(try !isSubtype(Self.function([], []), .principal))
    }

    @Test func recursiveTypesAreCoinductive() throws {
        let environment = CandidTypeEnvironment([
            "Vec": .vec(.named("Vec")),
            "Stream": .record([CandidField(CandidLabel("next"), Self.function([], [.named("Stream")]))]),
            "Stream2": .record([
                CandidField(CandidLabel("next"), Self.function([], [.named("Stream2")])),
                CandidField(CandidLabel("extra"), .nat),
            ]),
            "Service": Self.service([("self", Self.function([], [.named("Service")]))]),
        ])
        #expect(try isSubtype(.named("Vec"), .named("Vec"), in: environment))
        #expect(try isSubtype(.named("Vec"), .vec(.named("Vec")), in: environment))
        #expect(try isSubtype(.named("Stream2"), .named("Stream"), in: environment))
        #expect(try !isSubtype(.named("Stream"), .named("Stream2"), in: environment))
        #expect(try isSubtype(.named("Service"), .principal, in: environment))
        #expect(try isSubtype(.named("Service"), Self.service([]), in: environment))
    }

    @Test func referenceValuesDecodeOnlyAtSupertypes() throws {
        let caffee = Principal(unchecked: [0xca, 0xff, 0xee])
        let wire = Self.function([.text], [.nat])
        let bytes = try Candid.encode([.function(caffee, method: "foo")], as: [wire])
        #expect(
            try Candid.decode(bytes, as: [Self.function([.text, .opt(.text)], [])]) == [
                .function(caffee, method: "foo")
            ])
        let error = try #require(candidError { _ = try Candid.decode(bytes, as: [Self.function([], [.text])]) })
        #expect(error.code == .typeMismatch)
        // Under an opt, a failed subtype check gives null.
        #expect(try Candid.decode(bytes, as: [.opt(Self.function([], [.text]))]) == [.opt(nil)])
        // A service decodes at principal.
        let service = try Candid.encode([.service(caffee)], as: [Self.service([("foo", wire)])])
        #expect(try Candid.decode(service, as: [.principal]) == [.principal(caffee)])
        #expect(try Candid.decode(service, as: [Self.service([])]) == [.service(caffee)])
        #expect(
            candidErrorCode { _ = try Candid.decode(service, as: [Self.service([("bar", wire)])]) } == .typeMismatch)
    }
}
