// Tests/CandidTests/DidCheckTests.swift - Candid.isSubtype and DidFile.incompatibilities(upgrading:)

import Candid
import Foundation
import TestSupport
import Testing

@Suite struct DidCheckTests {
    static let definitions = """
        type Vec = vec Vec;
        type EmptyRecord = record { 0 : EmptyRecord };
        type MuRecordOpt = record { 0 : opt MuRecordOpt };
        type EmptyVariant = variant { 0 : EmptyVariant };
        type MuOpt = opt MuOpt;
        type MuService = service { m : () -> (MuService) };
        """

    /// The pairs of the official suite's `subtypes.test.did` (which tests them by decoding function
    /// references): `sub`, `sup`, and whether `sub <: sup`. Its future-type cases have no text form.
    static let pairs: [(sub: String, sup: String, holds: Bool)] = [
        ("null", "null", true), ("bool", "bool", true), ("nat", "nat", true), ("int", "int", true),
        ("nat", "int", true), ("int", "nat", false), ("null", "nat", false), ("nat", "nat8", false), ("nat8", "nat", false),
        ("nat", "opt bool", true), ("opt bool", "opt bool", true), ("bool", "opt bool", true), ("MuOpt", "opt opt nat", true),
        ("record {}", "record {}", true), ("record {}", "record { a : opt empty }", true),
        ("record {}", "record { a : opt null }", true), ("record {}", "record { a : reserved }", true),
        ("record {}", "record { a : empty }", false), ("record {}", "record { a : nat }", false),
        ("record {}", "record { a : null }", true),
        ("func () -> ()", "func () -> ()", true), ("func () -> ()", "func () -> (opt empty)", true),
        ("func () -> ()", "func () -> (opt null)", true), ("func () -> ()", "func () -> (reserved)", true),
        ("func () -> ()", "func () -> (empty)", false), ("func () -> ()", "func () -> (nat)", false),
        ("func () -> ()", "func () -> (null)", true),
        ("func (opt empty) -> ()", "func () -> ()", true), ("func (opt null) -> ()", "func () -> ()", true),
        ("func (reserved) -> ()", "func () -> ()", true), ("func (empty) -> ()", "func () -> ()", false),
        ("func (nat) -> ()", "func () -> ()", false), ("func (null) -> ()", "func () -> ()", true),
        ("variant {}", "variant {}", true), ("variant {}", "variant { 0 : nat }", true),
        ("variant { 0 : nat }", "variant { 0 : nat }", true), ("variant { 0 : bool }", "variant { 0 : nat }", false),
        ("variant { 0 : bool }", "variant { 1 : bool }", false),
        ("EmptyRecord", "EmptyRecord", true), ("empty", "EmptyRecord", true),
        ("EmptyRecord", "record { EmptyRecord }", true), ("record { EmptyRecord }", "EmptyRecord", true),
        ("EmptyRecord", "MuRecordOpt", true),
        ("EmptyVariant", "EmptyVariant", true), ("EmptyVariant", "empty", false), ("empty", "EmptyVariant", true),
        ("EmptyVariant", "variant { 0 : EmptyVariant }", true), ("variant { 0 : EmptyVariant }", "EmptyVariant", true),
        ("Vec", "Vec", true), ("Vec", "empty", false), ("empty", "Vec", true), ("Vec", "vec Vec", true), ("vec Vec", "Vec", true),
        ("service {}", "principal", true), ("service { m : () -> () }", "principal", true),
        ("principal", "service {}", false), ("MuService", "principal", true),
        // Annotations must match.
        ("func () -> () query", "func () -> ()", false), ("func () -> () query", "func () -> () query", true),
    ]

    @Test func subtypePairsOfTheOfficialSuite() throws {
        let environment = try DidFile.parse(Self.definitions).environment
        for pair in Self.pairs {
            let sub = try #require(try Candid.parseTypes(pair.sub, in: environment).first)
            let sup = try #require(try Candid.parseTypes(pair.sup, in: environment).first)
            let holds = try Candid.isSubtype(sub, in: environment, of: sup, in: environment)
            #expect(holds == pair.holds, "\(pair.sub) <: \(pair.sup)")
        }
    }

    /// The suite's own file: each `opt func () -> (t2)` assertion decoded by our decoder agrees with
    /// the table above (so the table is the suite's facts, not a second opinion).
    @Test(.enabled(if: ConformanceSuite.shouldRun, ConformanceSuite.skipNote))
    func theSuiteFileStillPasses() throws {
        let directory = try ConformanceSuite.require(ConformanceSuite.directory)
        let text = try String(contentsOf: directory.appendingPathComponent("subtypes.test.did"), encoding: .utf8)
        let results = CandidConformance.run(try CandidTestFile.parse(text))
        #expect(results.count >= Self.pairs.count - 2)
        #expect(results.filter { !$0.passed }.isEmpty)
    }

    static func file(_ text: String) throws -> DidFile { try DidFile.parse(text) }

    static let old = """
        type Item = record { id : nat64; name : text };
        type Kind = variant { a; b };
        service : {
          get : (nat64) -> (opt Item) query;
          put : (Item, Kind) -> (variant { ok; err : text });
          drop : (nat64) -> ();
          pair : () -> (nat, text);
        }
        """

    @Test func compatibleChangesAreAccepted() throws {
        let old = try Self.file(Self.old)
        let changes = [
            // A new method.
            Self.old.replacingOccurrences(of: "service : {", with: "service : {\n  fresh : () -> ();"),
            // A new optional field in a result (and so in the argument that shares the type).
            Self.old.replacingOccurrences(of: "name : text }", with: "name : text; size : opt nat }"),
            // A new variant case in an argument.
            Self.old.replacingOccurrences(of: "variant { a; b }", with: "variant { a; b; c }"),
            // A new trailing optional argument, a new trailing result, a widened argument.
            Self.old.replacingOccurrences(of: "(Item, Kind)", with: "(Item, Kind, opt text)")
                .replacingOccurrences(of: "(nat, text)", with: "(nat, text, nat)")
                .replacingOccurrences(of: "drop : (nat64)", with: "drop : (reserved)"),
            // A variant case dropped from a result.
            Self.old.replacingOccurrences(of: "variant { ok; err : text }", with: "variant { ok }"),
            // The same file.
            Self.old,
        ]
        for text in changes {
            try expectSafeUpgrade(try Self.file(text), of: old, Comment(rawValue: text))
        }
    }

    @Test func breakingChangesAreNamed() throws {
        let old = try Self.file(Self.old)
        let cases: [(String, DidIncompatibility.Kind, String, Int?, String)] = [
            ("drop : (nat64) -> ();", .methodRemoved, "drop", nil, "method drop was removed"),
            ("(nat64) -> (opt Item) query", .annotationChanged, "get", nil, "changed from query to an update"),
            ("variant { a; b }", .argumentChanged, "put", 1, "argument 1: the old type Kind does not decode"),
            ("(Item, Kind)", .argumentAdded, "put", 2, "argument 2 (text) is new"),
            ("variant { ok; err : text }", .resultChanged, "put", 0, "result 0: the new type variant { ok; err : text; gone }"),
            ("(nat, text)", .resultRemoved, "pair", 1, "result 1 (text) is no longer returned"),
            ("type Item = record { id : nat64; name : text };", .argumentChanged, "put", 0, "argument 0"),
        ]
        let replacements = [
            "", "(nat64) -> (opt Item)", "variant { a }", "(Item, Kind, text)", "variant { ok; err : text; gone }",
            "(nat)", "type Item = record { id : nat64; name : text; size : nat };",
        ]
        for ((original, kind, method, position, fragment), replacement) in zip(cases, replacements) {
            let new = try Self.file(Self.old.replacingOccurrences(of: original, with: replacement))
            let problems = try new.incompatibilities(upgrading: old)
            #expect(problems.count == 1, "\(replacement): \(problems)")
            #expect(problems.first?.kind == kind, "\(replacement): \(problems)")
            #expect(problems.first?.method == method)
            #expect(problems.first?.position == position)
            #expect(problems.first?.message.contains(fragment) == true, "\(problems)")
        }
    }

    @Test func theFailingFieldOrCaseIsNamed() throws {
        let old = try Self.file("""
            type Tree = record { name : text; kids : vec Tree; tag : variant { leaf; node : nat } };
            service : { put : (Tree) -> (); get : () -> (Tree) }
            """)
        let new = try Self.file("""
            type Tree = record { name : text; kids : vec Tree; tag : variant { leaf; node : text } };
            service : { put : (Tree) -> (); get : () -> (record { name : text }) }
            """)
        let messages = try new.incompatibilities(upgrading: old).map(\.message)
        #expect(messages == [
            "method get: result 0: the new type record { name : text } does not decode as the old type Tree: "
                + "field tag: variant { leaf; node : nat } is required and absent",
            "method put: argument 0: the old type Tree does not decode as the new type Tree: "
                + "field tag.case node: nat to text",
        ])
    }

    @Test func everyBreakingChangeIsListed() throws {
        let new = try Self.file("""
            type Item = record { id : nat64; name : text };
            service : { get : (nat64) -> (opt Item) composite_query; put : (Item, int) -> (variant { ok; err : text }) }
            """)
        let problems = try new.incompatibilities(upgrading: try Self.file(Self.old))
        #expect(problems.map(\.kind) == [.methodRemoved, .annotationChanged, .methodRemoved, .argumentChanged])
        #expect(problems.map(\.method) == ["drop", "get", "pair", "put"])
    }

    @Test func theHelperRecordsEachBreak() throws {
        let new = try Self.file(Self.old.replacingOccurrences(of: " query", with: ""))
        let old = try Self.file(Self.old)
        var recorded: [DidIncompatibility] = []
        withKnownIssue {
            recorded = (try? expectSafeUpgrade(new, of: old)) ?? []
        } matching: { issue in
            issue.comments.contains { $0.rawValue.hasPrefix("not a safe upgrade: method get: changed from query") }
        }
        #expect(recorded.map(\.kind) == [.annotationChanged])
    }

    @Test func bothFilesNeedAService() throws {
        let types = try Self.file("type A = nat;")
        let service = try Self.file(Self.old)
        #expect(throws: CandidError.self) { try types.incompatibilities(upgrading: service) }
        #expect(throws: CandidError.self) { try service.incompatibilities(upgrading: types) }
    }
}
