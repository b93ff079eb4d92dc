// Tests/ReplayTests/ParserTests.swift - every construct parses to the expected tree; errors name the place

import Candid
import Replay
import Testing

@Suite struct ParserTests {
    func parse(_ source: String) throws -> String {
        AST.describe(try ReplayParser.parse(source, file: "t.repl").statements)
    }

    /// The error a bad script gives, as `line:column code: message`.
    func failure(_ source: String) -> String {
        do {
            _ = try ReplayParser.parse(source, file: "bad.repl")
            return "parsed"
        } catch {
            return "\(error.position.line):\(error.position.column) \(error.code): \(error.message)"
        }
    }

    static let statements: [(String, String)] = [
        ("identity alice;", "(identity alice)"),
        ("identity alice \"alice.pem\";", "(identity alice)"),
        ("identity h record { slot_index = 0; key_id = \"01\" };", "(identity h)"),
        ("import backend = \"rrkah-fqaaa-aaaaa-aaaaq-cai\";", "(import backend rrkah-fqaaa-aaaaa-aaaaq-cai)"),
        ("import b = \"aaaaa-aa\" as \"b.did\";", "(import b aaaaa-aa)"),
        ("let x = 1;", "(let x 1)"),
        ("let _ = x;", "(let _ x)"),
        ("x", "(show x)"),
        ("assert a == b;", "(assert a == b)"),
        ("assert a ~= \"b\";", "(assert a ~= 'b')"),
        ("assert a != b", "(assert a != b)"),
        ("function f(x, y) { let _ = add(x, y); }", "(function f [x y] (let _ (add x y)))"),
        ("function g() { x };", "(function g [] (show x))"),
        ("if c { a } else { b };", "(if c {(show a)} else {(show b)})"),
        ("if c { a }", "(if c {(show a)} else {})"),
        ("if c { a } else if d { b } else { e }", "(if c {(show a)} else {(if d {(show b)} else {(show e)})})"),
        ("while lt(i, 3) { let i = add(i, 1); }", "(while (lt i 3) {(let i (add i 1))})"),
        ("load \"common.repl\";", "(load common.repl)"),
        ("let a = 1;; let b = 2;", "(let a 1) (let b 2)"),
        ("function f() {} let a = 1", "(function f [] ) (let a 1)"),
    ]

    @Test(arguments: Self.statements)
    func statement(_ source: String, _ expected: String) throws {
        #expect(try parse(source) == expected)
    }

    static let expressions: [(String, String)] = [
        ("null", "null"),
        ("true", "true"),
        ("false", "false"),
        ("42", "42"),
        ("-42", "-42"),
        ("+7", "7"),
        ("1_000_000", "1000000"),
        ("0xff", "255"),
        ("1.5", "f1.5"),
        ("-2.5e3", "f-2500.0"),
        ("1e-2", "f0.01"),
        ("\"a\\n\\t\\\"\\\\\\u{e9}\\41\"", "'a\n\t\"\\\u{e9}A'"),
        ("blob \"\\00\\ffA\"", "blob[0, 255, 65]"),
        ("opt 5", "(opt 5)"),
        ("vec { 1; 2; 3 }", "(vec 1 2 3)"),
        ("vec { 1; 2; }", "(vec 1 2)"),
        ("vec {}", "(vec )"),
        ("record { b = 1; a = \"x\" }", "(record a='x' b=1)"),
        ("record { 1; 2; 5 = 3; 4 }", "(record #0=1 #1=2 #5=3 #6=4)"),
        ("record { \"with space\" = 1 }", "(record with space=1)"),
        ("record { opt 1; 2 }", "(record #0=(opt 1) #1=2)"),
        ("record { query = 1 }", "(record query=1)"),
        ("variant { Ok = 5 }", "(variant Ok=5)"),
        ("variant { Err }", "(variant Err=null)"),
        ("variant { 3 = \"x\" }", "(variant #3='x')"),
        ("principal \"aaaaa-aa\"", "(principal aaaaa-aa)"),
        ("service \"2vxsx-fae\"", "(service 2vxsx-fae)"),
        ("func \"aaaaa-aa\".greet", "(func aaaaa-aa.greet)"),
        ("(5 : nat8)", "(: 5 nat8)"),
        ("(null : opt blob)", "(: null opt blob)"),
        ("vec { (1 : nat); 2 }", "(vec (: 1 nat) 2)"),
        ("(x : record { a : nat; text })", "(: x record { a : nat; 98 : text })"),
        ("(x : record { nat; text })", "(: x record { nat; text })"),
        ("(x : variant { A; B : nat })", "(: x variant { A; B : nat })"),
        ("(x : Named)", "(: x Named)"),
        ("_", "_"),
        ("_.Ok.id", "_.Ok.id"),
        ("r.\"a b\"", "r.a b"),
        ("x?", "x?"),
        ("x[0]", "x[0]"),
        ("x[sub(n, 1)]?.name", "x[(sub n 1)]?.name"),
        ("v.map(f).filter(g).fold(0, h).size()", "v.map(f).filter(g).fold(0,h).size()"),
        ("call backend.put(\"k\", blob \"v\")", "(call backend.put 'k' blob[118])"),
        ("call backend.count()", "(call backend.count )"),
        ("call \"aaaaa-aa\".status(1,)", "(call 'aaaaa-aa'.status 1)"),
        ("call b.\"odd name\"()", "(call b.odd name )"),
        ("call b.f(1 : nat8)", "(call b.f (: 1 nat8))"),
        ("par_call [a.f(1), b.g()]", "(par (a.f 1) (b.g ))"),
        ("par_call [call a.f(1), call b.g(2),]", "(par (a.f 1) (b.g 2))"),
        ("add(1, 2)", "(add 1 2)"),
        ("file(\"x.bin\")", "(file 'x.bin')"),
        ("sim.advance(1_000)", "(sim.advance 1000)"),
        ("sim.tick()", "(sim.tick )"),
        ("sim.slice(sim.blob(7, 100), 0, 10)", "(sim.slice (sim.blob 7 100) 0 10)"),
        ("fail call b.boom(\"x\")", "(fail (call b.boom 'x'))"),
        ("encode b.put(\"k\", blob \"\")", "(encode b.put 'k' blob[])"),
        ("encode (1, \"a\")", "(encode - 1 'a')"),
        ("decode as b.get x", "(decode b.get x)"),
        ("decode x", "(decode - x)"),
    ]

    @Test(arguments: Self.expressions.map(SourceCase.init))
    func expression(_ testCase: SourceCase) throws {
        let (source, expected) = (testCase.source, testCase.expected)
        #expect(try parse("let v = " + source + ";") == "(let v \(expected))")
    }

    @Test func typesInAnnotations() throws {
        #expect(try parse("(x : func (nat, text) -> (bool) query)") == "(show (: x func (nat, text) -> (bool) query))")
        #expect(try parse("(x : service { b : (nat) -> (); a : () -> () oneway })")
            == "(show (: x service { a : () -> () oneway; b : (nat) -> () }))")
        #expect(try parse("(x : vec record { id : nat64; name : opt text })")
            == "(show (: x vec record { id : nat64; name : opt text }))")
    }

    @Test func commentsShebangAndPositions() throws {
        let source = """
            #!/usr/bin/ic-repl
            // a line comment
            /* a block /* nested */ comment */ let x = 1; // trailing
            identity alice;
            """
        let script = try ReplayParser.parse(source, file: "dir/s.repl")
        #expect(AST.describe(script.statements) == "(let x 1) (identity alice)")
        #expect(script.statements[0].position == SourcePosition(file: "dir/s.repl", line: 3, column: 36))
        #expect(script.statements[1].position.description == "dir/s.repl:4:1")
        guard case .bind(_, let value) = script.statements[0].kind else {
            Issue.record("expected a let")
            return
        }
        #expect(value.position.column == 44)
    }

    static let errors: [(String, String)] = [
        ("let x = 1\nlet y = 2;", "2:1 syntax: expected ';' after the statement, found 'let'"),
        ("let x = \"abc", "1:9 syntax: unterminated text literal"),
        ("let x = 1; /* open", "1:12 syntax: unterminated /* comment"),
        ("let x = principal \"not-a-principal\";", "1:19 syntax: invalid principal"),
        ("let x = 1 # 2;", "1:11 syntax: unexpected character '#'"),
        ("let x = record { a = 1; a = 2 };", "1:9 syntax: record has the field a twice"),
        ("config \"x\";", "1:1 unsupported: 'config' (random value generation) is not supported"),
        ("call as wallet b.f();", "1:6 unsupported: 'call as' (proxy calls through a wallet) is not supported"),
        ("let y = x.frobnicate(f);", "1:11 syntax: unknown method .frobnicate(...)"),
        ("let x = \"\\q\";", "1:10 syntax: unknown escape \\q"),
        ("let x = \"\\u{D800}\";", "1:10 syntax: \\u escape is not a Unicode scalar value"),
        ("let x = \"\\u2603\";", "1:10 syntax: malformed \\u escape: expected '{' and hex digits"),
        ("let x = 12abc;", "1:9 syntax: a number cannot run into a name ('12a')"),
        ("assert 1 = 2;", "1:10 syntax: expected '==', '~=' or '!=', found '='"),
        ("let = 5;", "1:5 syntax: expected a variable name, found '='"),
        ("let sim = 5;", "1:1 syntax: 'sim' is the simulator namespace and cannot be bound"),
        ("function f(x { }", "1:14 syntax: expected ')', found '{'"),
        ("if c { a ", "1:10 syntax: expected '}', found end of file"),
        ("else { }", "1:1 syntax: 'else' without 'if'"),
        ("let x = call b();", "1:15 syntax: expected '.', found '('"),
        ("let x = blob 5;", "1:14 syntax: expected a text literal after 'blob', found number 5"),
        ("let x = \"\\ff\";", "1:9 syntax: text literal is not valid UTF-8"),
        ("let x = record { 4294967296 = 1 };", "1:18 syntax: field id 4294967296 does not fit 32 bits"),
        ("let x = (1 : );", "1:14 syntax: expected a type, found ')'"),
        ("let x = (1 :\n  record { a : nat; a : text });", "2:10 syntax: duplicate field id 97 (a and a)"),
        ("let x = (1 : vec [nat]);", "1:18 syntax: expected a type, found end of input"),
        ("let x = -\"a\";", "1:10 syntax: expected a number after the sign, found text literal"),
        ("import b = \"zzz\";", "1:12 syntax: invalid principal"),
    ]

    @Test(arguments: Self.errors.map(SourceCase.init))
    func errorPosition(_ testCase: SourceCase) {
        let (source, expected) = (testCase.source, testCase.expected)
        let actual = failure(source)
        #expect(actual.hasPrefix(expected), "got \(actual)")
    }

    @Test func errorNamesFileLineAndColumn() {
        do {
            _ = try ReplayParser.parse("let a = 1;\n  let b = ;", file: "scripts/x.repl")
            Issue.record("parsed")
        } catch {
            #expect(error.code == .syntax)
            #expect(error.description == "scripts/x.repl:2:11: syntax: expected an expression, found ';'")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let source = "let x = " + String(repeating: "opt ", count: 500) + "1;"
        #expect(failure(source).hasPrefix("1:"))
        #expect(failure(source).contains("nesting deeper than 200 levels"))
    }
}
