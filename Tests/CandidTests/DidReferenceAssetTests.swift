// Tests/CandidTests/DidReferenceAssetTests.swift - what dfinity/candid's parser assets pin, as our facts

import Candid
import Testing

/// dfinity/candid keeps `.did` files under `rust/candid_parser/tests/assets/`, each either accepted
/// (with its pretty-printed form in `ok/NAME.did`) or refused (`ok/NAME.fail`). Those files are not
/// in this repository; each row here is our own small input with the property the asset pins, and
/// the outcome the reference gives it. `.ci/compare-dfinity-candid PATH` runs the assets themselves.
@Suite struct DidReferenceAssetTests {
    enum Outcome: Sendable {
        case accepted
        case refused(CandidError.Code, String)
    }

    struct Row: Sendable, CustomStringConvertible {
        var asset: String
        var text: String
        var outcome: Outcome
        var description: String { asset }
    }

    static let rows: [Row] = [
        // Accepted.
        Row(asset: "actor", text: "type F = func (nat) -> (F); service : { f : F; g : (int8) -> (int8) query }", outcome: .accepted),
        Row(asset: "class", text: "type L = opt record { int; L }; service : (int, l : L) -> { get : () -> (L) }", outcome: .accepted),
        Row(asset: "comment", text: "/* a /* nested */ comment */ type id /**/ = /* x\n */ nat8; // end", outcome: .accepted),
        Row(asset: "cyclic", text: "type A = opt B; type C = A; type B = opt C; type X = Y; type Y = A; service : { f : (A, X) -> () }", outcome: .accepted),
        Row(asset: "empty", text: "type T = record { T }; service : { f : (record {}) -> (variant {}); g : (T, empty) -> () }", outcome: .accepted),
        Row(asset: "escape", text: #"type t = record { "'" : nat; "\"" : nat; "\\\n'" : nat }; service : { "\n\r\t" : (t) -> () }"#, outcome: .accepted),
        Row(asset: "fieldnat", text: #"service : { f : (record { 2 : int; "2" : nat }) -> (record { 1 : nat; 0 : text }); g : (two : int, "2" : nat) -> () }"#, outcome: .accepted),
        Row(asset: "float", text: "service : { f : (float64) -> (float32); g : (float32) -> (float64) }", outcome: .accepted),
        Row(asset: "inline_methods", text: "type Fn = func (nat) -> (nat) query; type Gn = Fn; service : { h : (nat, func (nat) -> (nat) query) -> (Fn); fn : Gn }", outcome: .accepted),
        Row(asset: "keyword", text: #"type if = variant { leaf : int }; type return = service { f : (if) -> () }; service : { return : (return) -> (); "query" : (blob) -> (blob) query; "oneway" : () -> () oneway }"#, outcome: .accepted),
        Row(asset: "malicious_doc", text: "// */ not code /*\ntype M = record { // */ still a comment\n field : text };", outcome: .accepted),
        Row(asset: "management", text: "type canister_id = principal; service : { delete : (record { canister_id : canister_id }) -> (); raw : (record { data : blob }) -> (vec nat8) }", outcome: .accepted),
        Row(asset: "recursion", text: "type A = B; type B = opt A; type s = service { f : t }; type t = func (server : s) -> (); service A : s", outcome: .accepted),
        Row(asset: "recursive_class", text: "type s = service { next : () -> (s) }; service : (s) -> s", outcome: .accepted),
        Row(asset: "service", text: "type S = service { f : F }; type S2 = S; type F = func () -> (S); service : { a : () -> (vec S2, vec F) query; p : () -> (S2, F) }", outcome: .accepted),
        Row(asset: "unicode", text: #"type A = record { "字段名" : nat; "📦🍦" : nat; "\u{E000}" : nat }; type B = variant { ""; "空的" }; service : { "👀" : (A) -> (B) query; "" : () -> () oneway }"#, outcome: .accepted),
        // Refused.
        Row(asset: "bad_comment", text: "type id = nat8; /* one /* two */ still open", outcome: .refused(.syntax, "unclosed comment")),
        Row(asset: "collision_fields", text: "type D = record { reserved; nat; nat; 2 : nat }", outcome: .refused(.syntax, "duplicate field id 2")),
        Row(asset: "collision_fields2", text: #"type A = record { "📦🍦" : nat; 1832283146 : nat }"#, outcome: .refused(.syntax, "duplicate field id 1832283146")),
        Row(asset: "invalid_cyclic", text: "type D = E; type E = F; type F = D;", outcome: .refused(.invalidTypeReference, "cycle of names")),
        Row(asset: "not_func", text: "type f = func (int8) -> (int8); type o = opt f; service : { f : f; p : o }", outcome: .refused(.syntax, "method p has type o, not a function type")),
        Row(asset: "not_serv", text: "type f = func (int8) -> (int8); service : f", outcome: .refused(.syntax, "not a service type")),
        Row(asset: "oneway", text: "type g = func (nat) -> () oneway; type f = func (nat) -> (nat) oneway;", outcome: .refused(.syntax, "a oneway function has results")),
        Row(asset: "surrogate", text: #"type A = record { "\u{D800}" : nat };"#, outcome: .refused(.syntax, "not a Unicode scalar value")),
        Row(asset: "undefine", text: "type A = vec B; type B = opt C; type C = vec a;", outcome: .refused(.unknownType, "'a'")),
    ]

    @Test(arguments: rows) func assetOutcome(_ row: Row) throws {
        switch row.outcome {
        case .accepted:
            let file = try DidFile.parse(row.text)
            #expect(try DidFile.parse(file.text) == file, "\(row.asset): \(file.text)")
        case .refused(let code, let fragment):
            let error = #expect(throws: CandidError.self, "\(row.asset)") { try DidFile.parse(row.text) }
            #expect(error?.code == code, "\(row.asset): \(String(describing: error))")
            #expect(error?.message.contains(fragment) == true, "\(row.asset): \(String(describing: error))")
        }
    }

    /// The reference type checker's function rules, which its binary decoder also holds: at most one
    /// annotation, and `oneway` only with no results.
    @Test func functionAnnotations() throws {
        for text in ["func () -> () query oneway", "func () -> () query query", "func () -> () oneway composite_query"] {
            let error = #expect(throws: CandidError.self, "\(text)") { try Candid.parseTypes(text) }
            #expect(error?.message.contains("at most one annotation") == true, "\(text): \(String(describing: error))")
        }
        #expect(throws: CandidError.self) { try Candid.parseTypes("func () -> (nat) oneway") }
        #expect(try Candid.parseTypes("func (nat) -> () oneway") == [.function(.init(arguments: [.nat], results: [], modes: [.oneway]))])
    }

    /// The import assets (`bad_import*.did`, `example.did`), through an in-memory reader.
    @Test func importAssets() throws {
        let files = DidImportTests.Files([
            "actor.did": "type f = func (int8) -> (int8); service : { f : f }",
            "lib/a.did": "import \"b/b.did\"; type a = variant { a; b : b }; service : (a, b) -> { g : (b) -> (a) }",
            "lib/b/b.did": "type b = record { int; nat }; service : { bbbbb : (b) -> () }",
            "lib/none.did": "type Dummy = record {};",
            "other.did": "type f = nat; service : { o : () -> () }",
            "missing.did": "import \"actor.did\"; import \"no_such_file.did\";",
            "ctor.did": "import service \"lib/a.did\";",
            "twice.did": "import service \"actor.did\"; import service \"other.did\";",
            "method.did": "import service \"actor.did\"; service : { f : () -> () }",
            "none.did": "import service \"lib/none.did\"; service : { f : () -> () }",
            "example.did": "import \"lib/a.did\"; import service \"lib/b/b.did\"; type my = principal; service : { h : (my, a) -> () }",
        ])
        for (name, fragment) in [
            ("missing.did", "no_such_file.did"), ("ctor.did", "has init arguments"), ("twice.did", "type f is defined in both"),
            ("method.did", "method f of"), ("none.did", "has no service"),
        ] {
            let error = #expect(throws: CandidError.self, "\(name)") { try files.parse(name) }
            #expect(error?.code == .importFailed, "\(name): \(String(describing: error))")
            #expect(error?.message.contains(fragment) == true, "\(name): \(String(describing: error))")
        }
        let example = try files.parse("example.did")
        #expect(example.definitionOrder == ["my", "b", "a"])
        #expect(example.service?.methods.map(\.name) == ["bbbbb", "h"])
        #expect(example.serviceArguments == nil)
    }
}
