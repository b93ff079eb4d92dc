// Tests/CandidTests/DidTests.swift - type syntax, .did files, printing and name resolution

import Candid
import Testing

@Suite struct TypeSyntaxTests {
    @Test func parsesTheBriefTuple() throws {
        let types = try Candid.parseTypes(
            "(nat, record { a : text; 5 : bool }, blob, opt vec principal, func (nat) -> (text) query, "
                + "service { m : () -> () })")
        #expect(types.count == 6)
        #expect(types[0] == .nat)
        // Sorted by id: 5 < hash("a") = 97.
        #expect(types[1] == .record([CandidField(CandidLabel(id: 5), .bool), CandidField(CandidLabel("a"), .text)]))
        #expect(types[2] == .vec(.nat8))
        #expect(types[3] == .opt(.vec(.principal)))
        #expect(types[4] == .function(CandidFunctionType(arguments: [.nat], results: [.text], modes: [.query])))
        let unit = CandidFunctionType(arguments: [], results: [])
        let method = CandidServiceType.Method(name: "m", type: .function(unit))
        #expect(types[5] == .service(CandidServiceType(methods: [method])))
    }

    @Test func tupleRecordsAndVariants() throws {
        #expect(try Candid.parseTypes("(record { nat; bool })")
            == [.record([CandidField(CandidLabel(id: 0), .nat), CandidField(CandidLabel(id: 1), .bool)])])
        // A tuple field after a numbered one continues from it.
        #expect(try Candid.parseTypes("(record { 7 : nat; bool; 0x2 : text })") == [.record([
            CandidField(CandidLabel(id: 2), .text), CandidField(CandidLabel(id: 7), .nat),
            CandidField(CandidLabel(id: 8), .bool),
        ])])
        #expect(try Candid.parseTypes("(variant { A; B : nat; 3 })") == [.variant([
            CandidField(CandidLabel(id: 3), .null), CandidField(CandidLabel("A"), .null),
            CandidField(CandidLabel("B"), .nat),
        ])])
        let snowman = try Candid.parseTypes("(record { \"☃\" : nat; nat : nat })")
        guard case .record(let fields) = snowman[0] else { Issue.record("not a record"); return }
        #expect(fields.map(\.label.id) == [CandidLabel.hash("nat"), 11_272_781].sorted())
        #expect(fields.contains { $0.label.name == "☃" })
        #expect(try Candid.parseTypes("opt nat") == [.opt(.nat)])
        #expect(try Candid.parseTypes("(record {}, variant {},)") == [.record([]), .variant([])])
        #expect(try Candid.parseTypes("(name : text, id : nat64) ") == [.text, .nat64])
    }

    @Test func rejectsBadTypes() {
        let cases: [(String, CandidError.Code)] = [
            ("(record { a : nat; a : bool })", .syntax),
            ("(record { 1 : nat; 0 : nat; nat })", .syntax),
            ("(variant { A; A : nat })", .syntax),
            ("(record { 4294967296 : nat })", .syntax),
            ("(nat", .syntax),
            ("(func (nat) -> (nat) query query)", .syntax),
            ("(service { m : () -> (); m : () -> () })", .syntax),
            ("(a : nat, a : nat)", .syntax),
            ("(Undefined)", .unknownType),
            ("(opt)", .syntax),
            ("(query)", .syntax),
            ("(nat) extra", .syntax),
            ("(service { m : nat })", .syntax),
        ]
        for (text, code) in cases {
            let error = #expect(throws: CandidError.self, "\(text)") { try Candid.parseTypes(text) }
            #expect(error?.code == code, "\(text): \(String(describing: error))")
        }
        let duplicate = #expect(throws: CandidError.self) { try Candid.parseTypes("(record { a : nat; a : bool })") }
        #expect(duplicate?.message == "line 1, column 9: duplicate field id 97 (a and a)")
    }

    @Test func namesResolveInTheEnvironment() throws {
        let node = CandidType.record([CandidField(CandidLabel("next"), .opt(.named("Node")))])
        let environment = CandidTypeEnvironment(["Node": node])
        #expect(try Candid.parseTypes("(Node, vec Node)", in: environment) == [.named("Node"), .vec(.named("Node"))])
        #expect(try environment.resolve(.named("Node")) == environment.definitions["Node"])
        #expect(try environment.resolve(.nat) == .nat)
        let cyclic = CandidTypeEnvironment(["A": .named("B"), "B": .named("A"), "C": .named("A")])
        let cycle = #expect(throws: CandidError.self) { try cyclic.resolve(.named("C")) }
        #expect(cycle?.code == .invalidTypeReference)
        #expect(cycle?.message.contains("C = A = B = A") == true)
        let missing = #expect(throws: CandidError.self) { try environment.resolve(.named("Gone")) }
        #expect(missing?.code == .unknownType)
        #expect(missing?.message == "unknown type name 'Gone'")
    }

    static let printed: [(type: CandidType, text: String)] = [
        (.nat, "nat"),
        (.vec(.nat8), "blob"),
        (.opt(.vec(.text)), "opt vec text"),
        (.record([]), "record {}"),
        (.record([CandidField(CandidLabel(id: 0), .nat), CandidField(CandidLabel(id: 1), .bool)]),
            "record { nat; bool }"),
        (.record([CandidField(CandidLabel(id: 5), .bool), CandidField(CandidLabel("a"), .text)]),
            "record { 5 : bool; a : text }"),
        (.record([CandidField(CandidLabel("☃"), .nat), CandidField(CandidLabel("query"), .nat)]),
            "record { \"☃\" : nat; \"query\" : nat }"),
        (.variant([CandidField(CandidLabel("A"), .null), CandidField(CandidLabel("B"), .nat)]),
            "variant { A; B : nat }"),
        (.function(CandidFunctionType(arguments: [.nat, .text], results: [], modes: [.query])),
            "func (nat, text) -> () query"),
        (.function(CandidFunctionType(arguments: [], results: [.nat], modes: [.compositeQuery])),
            "func () -> (nat) composite_query"),
        (.service(CandidServiceType(methods: [
            .init(name: "a b", type: .function(CandidFunctionType(arguments: [], results: [], modes: [.oneway]))),
            .init(name: "get", type: .named("Getter")),
        ])), "service { \"a b\" : () -> () oneway; get : Getter }"),
        (.named("List"), "List"),
        (.principal, "principal"),
    ]

    @Test(arguments: Self.printed)
    func printsTypes(type: CandidType, text: String) throws {
        #expect(type.description == text)
        let environment = CandidTypeEnvironment([
            "List": .opt(.named("List")),
            "Getter": .function(CandidFunctionType(arguments: [], results: [.nat])),
        ])
        #expect(try Candid.parseTypes(text, in: environment) == [type])
    }

    @Test func printsTuples() {
        #expect(Candid.printTypes([.nat, .opt(.text)]) == "(nat, opt text)")
        #expect(Candid.printTypes([]) == "()")
        #expect(Candid.printType(.blob) == "blob")
    }
}

@Suite struct DidFileTests {
    static let sample = """
        // A list and a service.
        type List = opt record { head : int; tail : List };
        type Tree = variant { leaf : int; node : record { left : Tree; right : Tree } };
        /* block /* nested */ comment */
        type Get = func (nat) -> (opt List) query;
        service : (init : nat, List) -> {
          put : (List) -> ();
          get : Get;
          "☃ method" : (record { nat; bool }) -> (Tree) composite_query;
        }
        """

    @Test func parsesDefinitionsAndService() throws {
        let file = try DidFile.parse(Self.sample)
        #expect(file.definitionOrder == ["List", "Tree", "Get"])
        #expect(file.environment.definitions["List"] == .opt(.record([
            CandidField(CandidLabel("head"), .int), CandidField(CandidLabel("tail"), .named("List")),
        ].sorted { $0.label < $1.label })))
        #expect(file.serviceArguments == [.nat, .named("List")])
        let service = try #require(file.service)
        // Byte order: "get" < "put" < "☃ method".
        #expect(service.methods.map(\.name) == ["get", "put", "☃ method"])
        #expect(service.methods[0].type == .named("Get"))
        #expect(service.methods[1].type == .function(CandidFunctionType(arguments: [.named("List")], results: [])))
    }

    @Test func printsAndParsesBack() throws {
        let file = try DidFile.parse(Self.sample)
        let text = file.text
        #expect(text == """
            type List = opt record { head : int; tail : List };
            type Tree = variant { leaf : int; node : record { left : Tree; right : Tree } };
            type Get = func (nat) -> (opt List) query;
            service : (nat, List) -> {
              get : Get;
              put : (List) -> ();
              "☃ method" : (record { nat; bool }) -> (Tree) composite_query;
            }

            """)
        #expect(try DidFile.parse(text) == file)
    }

    @Test func serviceForms() throws {
        let plain = try DidFile.parse("service : { m : () -> () }")
        #expect(plain.serviceArguments == nil)
        #expect(plain.service?.methods.count == 1)
        #expect(try DidFile.parse(plain.text) == plain)
        let named = try DidFile.parse("type S = service { m : (nat) -> (); }; service server : S;")
        #expect(named.service == CandidServiceType(methods: [
            .init(name: "m", type: .function(CandidFunctionType(arguments: [.nat], results: []))),
        ]))
        #expect(try DidFile.parse(named.text) == named)
        let empty = try DidFile.parse("  // nothing\n")
        #expect(empty == DidFile())
        #expect(empty.text == "")
        let noService = try DidFile.parse("type A = nat; type B = vec A")
        #expect(noService.service == nil)
        #expect(noService.text == "type A = nat;\ntype B = vec A;\n")
        #expect(try DidFile.parse(noService.text) == noService)
        let classEmpty = try DidFile.parse("service : (nat) -> {}")
        #expect(classEmpty.text == "service : (nat) -> {}\n")
        #expect(try DidFile.parse(classEmpty.text) == classEmpty)
    }

    @Test func rejectsBadFiles() {
        let cases: [(String, CandidError.Code, String)] = [
            ("import \"a.did\";", .unsupported, "import"),
            ("type A = B;", .unknownType, "'B'"),
            ("type A = B; type B = A;", .invalidTypeReference, "cycle"),
            ("type A = nat; type A = int;", .syntax, "defined twice"),
            ("type A = nat type B = int;", .syntax, "expected ';'"),
            ("service : { m : () -> (Missing) }", .unknownType, "'Missing'"),
            ("type F = nat; service : { m : F }", .syntax, "not a function"),
            ("type S = nat; service : S", .syntax, "not a service"),
            ("service : { m : () -> () } type A = nat;", .syntax, "end of input"),
            ("type nat = int;", .syntax, "type name"),
            ("type A = record { x : nat; x : int };", .syntax, "duplicate field"),
            ("/* open", .syntax, "unclosed comment"),
            ("type A = text; service : (Nope) -> {}", .unknownType, "'Nope'"),
        ]
        for (text, code, fragment) in cases {
            let error = #expect(throws: CandidError.self, "\(text)") { try DidFile.parse(text) }
            #expect(error?.code == code, "\(text): \(String(describing: error))")
            #expect(error?.message.contains(fragment) == true, "\(text): \(String(describing: error))")
        }
    }

    @Test func recursiveDefinitionsAreFine() throws {
        let file = try DidFile.parse("type A = opt B; type B = record { a : A };")
        #expect(try file.environment.resolve(.named("A")) == .opt(.named("B")))
        try file.environment.validate()
    }
}
