// Tests/ReplayTests/InterpreterTests.swift - scripts against the fake replica: calls, `_`, asserts, control flow

import Candid
import Replay
import Testing

/// Runs a script against a fresh (or given) fake replica, with in-memory files.
func runScript(
    _ source: String,
    host: FakeReplica? = nil,
    files: [String: [UInt8]] = [:],
    options: ReplayOptions = ReplayOptions(),
    observer: (any ReplayObserver)? = nil,
    path: String = "test.repl"
) async throws -> (ReplayResult, FakeReplica) {
    let replica = try host ?? FakeReplica()
    var options = options
    options.readFile = { path in
        guard let bytes = files[path] else { throw FakeError(description: "no file \(path)") }
        return bytes
    }
    let result = await ReplayRunner.run(script: source, path: path, host: replica, options: options,
                                        observer: observer)
    return (result, replica)
}

let importKV = "import kv = \"\(FakeReplica.canisterText)\";\n"

@Suite struct InterpreterTests {
    @Test func callsBindUnderscoreAndChooseQueryOrUpdate() async throws {
        let (result, replica) = try await runScript(importKV + """
            call kv.put("a", blob "xyz");
            assert _ == variant { Ok = (3 : nat64) };
            assert _.Ok == (3 : nat64);
            let n = call kv.count();
            assert n == (1 : nat64);
            assert _.Ok == (3 : nat64);
            call kv.get("a");
            assert _? == blob "xyz";
            call kv.pair(5, "ab");
            assert _ == record { (10 : nat); "abab" };
            assert _[1] == "abab";
            call kv.keys();
            assert _ == vec { "a" };
            assert _[0] == "a";
            call kv.meta(record { name = "n"; tags = vec { "t" } });
            assert _ == record { name = "n"; size = (null : opt empty); tags = vec { "t" } };
            """)
        #expect(result.error == nil)
        #expect(result.passed == 10)
        #expect(result.failed == 0)
        #expect(result.calls == 6)
        #expect(await replica.log == ["update put", "query count", "query get", "query pair", "query keys",
                                      "update meta"])
        #expect(await replica.store == ["a": [0x78, 0x79, 0x7a]])
    }

    @Test func failedAssertionsAreCountedWithBothValuesAndTheRunGoesOn() async throws {
        let (result, _) = try await runScript(importKV + """
            call kv.count();
            assert _ == 0;
            assert _ == (0 : nat64);
            assert _ != (0 : nat64);
            assert "Hello, world" ~= "world";
            assert "Hello" ~= "world";
            let big = sim.blob(1, 1000);
            assert big == blob "";
            """)
        #expect(result.error == nil)
        #expect(result.passed == 2)
        #expect(result.failed == 4)
        #expect(!result.succeeded)
        let failures = result.failures.map(\.description)
        #expect(failures[0] == "test.repl:3:1: assertion failed: left == right\n  left:  (0 : nat64)\n  right: 0")
        #expect(failures[1] == "test.repl:5:1: assertion failed: left != right\n  left:  (0 : nat64)\n"
            + "  right: (0 : nat64)")
        #expect(failures[2] == "test.repl:7:1: assertion failed: left ~= right\n  left:  \"Hello\"\n  right: \"world\"")
        #expect(result.failures[3].left.hasSuffix("/* 1000 bytes, first 64 shown */"))
        #expect(result.failures[3].right == "blob \"\"")
        #expect(result.summary == "2 passed, 4 failed, 1 calls")
    }

    @Test func selectorsOnVariantsRecordsOptionsAndVecs() async throws {
        let (result, _) = try await runScript("""
            let r = record { a = opt vec { 1; 2 }; b = variant { Ok = "yes" } };
            assert r.a?[1] == 2;
            assert r.b.Ok == "yes";
            assert r.a? ~= vec { 1; 2 };
            let t = record { 10; 20 };
            assert t[1] == 20;
            let s = "héllo";
            assert s[1] == "é";
            let b = blob "AB";
            assert b[1] == (66 : nat8);
            let v = vec { 7; 8; 9 };
            assert v.size() == (3 : nat);
            let i = 2;
            assert v[i] == 9;
            """)
        #expect(result.error == nil, "\(result.summary)")
        #expect(result.passed == 8)
    }

    static let runtimeErrors: [(String, String)] = [
        ("let v = variant { Ok = 1 }; v.Err", "1:29 typeMismatch: the variant is Ok, not Err: variant { Ok = 1 }"),
        ("let r = record { a = 1 }; r.b", "1:27 typeMismatch: the record has no field b (fields: a)"),
        ("let o = (null : opt nat); o?", "1:27 typeMismatch: ? applied to an absent option (null)"),
        ("let x = 5; x?", "1:12 typeMismatch: ? applies to opt values, not to a number"),
        ("let v = vec { 1 }; v[3]", "1:22 typeMismatch: index 3 is out of range of a vec of 1"),
        ("nope", "1:1 undefined: undefined variable nope"),
        ("_", "1:1 undefined: undefined variable _ (no expression statement has run yet)"),
        ("frob(1)", "1:1 undefined: unknown function frob"),
        ("gzip(blob \"\")", "1:1 unsupported: the ic-repl builtin gzip is not supported by canister-sim"),
        ("if 1 { }", "1:4 typeMismatch: the if condition is a number value, not a bool"),
        ("call nobody.f()", "1:6 undefined: unknown canister nobody (import it first)"),
        (importKV + "call kv.missing()", "2:6 unknownMethod: kv.missing: the canister has no method missing"),
        (importKV + "call kv.put(\"a\")", "2:6 typeMismatch: kv.put takes 2 arguments, got 1"),
        (importKV + "call kv.count(1)", "2:6 typeMismatch: kv.count takes 0 arguments, got 1"),
        (importKV + "call kv.put(1, blob \"\")",
         "2:6 typeMismatch: argument 1 of kv.put: expected text but got a number value"),
        (importKV + "call kv.pair(256, \"x\")",
         "2:6 typeMismatch: argument 1 of kv.pair: 256 is out of range for nat8"),
        (importKV + "call kv.meta(record { name = 1; tags = vec {} })",
         "2:6 typeMismatch: argument 1 of kv.meta: expected text but got a number value at name"),
        (importKV + "call kv.boom(\"bad\")",
         "2:6 reject: reject code 5 (CANISTER_ERROR), IC0503: Canister trapped: bad"),
        (importKV + "call kv.bad_reply()", "2:6 candid: the reply of bad_reply does not decode at its result types"),
        ("call \"aaaaa-aa\".f()", "1:6 host: no interface for canister aaaaa-aa"),
        ("sim.frob()", "1:1 undefined: unknown builtin sim.frob (known: advance, blob, len, module, set_time, slice, tick"),
        ("sim.blob(1)", "1:1 builtin: sim.blob(seed, length) -> blob takes 2 arguments, got 1"),
        ("sim.slice(blob \"ab\", 3, 1)", "1:1 builtin: sim.slice offset 3 is past the end of a blob of 2 bytes"),
        ("sim.advance(-1)", "1:1 builtin: sim.advance must be an integer from 0 to 2^64-1, got -1"),
        ("sim.set_time(1)", "1:1 host: time cannot go backwards"),
        ("file(\"missing.bin\")", "1:1 file: cannot read missing.bin"),
        ("div(1, 0)", "1:1 builtin: division by zero"),
        ("add(\"a\", 1)", "1:1 builtin: add expects two numbers"),
        ("mul(100000000000000000000, 100000000000000000000)", "1:1 limit: mul overflows 128-bit integers"),
        ("fail 1", "1:1 typeMismatch: fail expected an error, but the expression succeeded"),
        ("function f(x) { x }; f(1, 2)", "1:22 typeMismatch: f takes 1 arguments, got 2"),
    ]

    @Test(arguments: Self.runtimeErrors.map(SourceCase.init))
    func runtimeErrorNamesThePlace(_ testCase: SourceCase) async throws {
        let (source, expected) = (testCase.source, testCase.expected)
        let (result, _) = try await runScript(source)
        let error = try #require(result.error)
        let text = "\(error.position.line):\(error.position.column) \(error.code): \(error.message)"
        #expect(text.hasPrefix(expected), "got \(text)")
        #expect(error.position.file == "test.repl")
    }

    @Test func anErrorStopsTheScriptButKeepsTheCounts() async throws {
        let (result, replica) = try await runScript(importKV + """
            assert 1 == 1;
            call kv.boom("stop");
            call kv.put("never", blob "");
            """)
        #expect(result.passed == 1)
        #expect(result.calls == 1)
        #expect(result.error?.code == .reject)
        #expect(result.error?.description
            == "test.repl:3:6: reject: reject code 5 (CANISTER_ERROR), IC0503: Canister trapped: stop")
        #expect(await replica.store.isEmpty)
    }

    @Test func failTurnsErrorsIntoText() async throws {
        let (result, _) = try await runScript(importKV + """
            let e = fail call kv.boom("x");
            assert e == "reject code 5 (CANISTER_ERROR), IC0503: Canister trapped: x";
            assert fail call kv.boom("y") ~= "trapped: y";
            assert fail nope == "undefined variable nope";
            assert fail sim.slice(blob "", 1, 1) ~= "past the end";
            """)
        #expect(result.error == nil)
        #expect(result.passed == 4)
    }

    @Test func functionsAreDynamicallyScopedAndReturnUnderscore() async throws {
        let (result, _) = try await runScript("""
            function fac(n) {
              if eq(n, 0) { let _ = 1; } else { let _ = mul(n, fac(sub(n, 1))); }
            };
            assert fac(5) == 120;
            function fib(n) {
              let a = 1; let b = 1;
              while gt(n, 0) { let b = add(a, b); let a = sub(b, a); let n = sub(n, 1); };
              let _ = a;
            };
            assert fib(10) == 89;
            let base = 100;
            function offset(x) { add(base, x) };
            assert offset(5) == 105;
            function local() { let hidden = 1; hidden };
            assert local() == 1;
            assert exist(hidden) == false;
            function none() { let q = 1 };
            "previous";
            assert none() == "previous";
            function double(x) { mul(x, 2) };
            function keep(x) { gt(x, 1) };
            function sum(a, x) { add(a, x) };
            let v = vec { 1; 2; 3 };
            assert v.map(double) == vec { 2; 4; 6 };
            assert v.filter(keep) == vec { 2; 3 };
            assert v.fold(0, sum) == 6;
            function upper(c) { ite(eq(c, "a"), "A", c) };
            let word = "banana";
            assert word.map(upper) == "bAnAnA";
            """)
        #expect(result.error == nil, "\(result.summary)")
        #expect(result.passed == 10)
    }

    @Test func loopsAndBranches() async throws {
        let (result, replica) = try await runScript(importKV + """
            let i = 0;
            while lt(i, 5) {
              call kv.put(stringify("k", i), sim.blob(i, i));
              let i = add(i, 1);
            };
            assert i == 5;
            call kv.count();
            assert _ == (5 : nat64);
            if gt(i, 3) { let big = true } else { let big = false };
            assert big == true;
            if false { let x = 1 };
            assert exist(x) == false;
            """)
        #expect(result.error == nil, "\(result.summary)")
        #expect(result.passed == 4)
        #expect(await replica.store.keys.sorted() == ["k0", "k1", "k2", "k3", "k4"])
        #expect(await replica.store["k3"] == SeededBytes.generate(seed: 3, count: 3))
    }

    @Test func parCallRunsInListedOrderAndReturnsATuple() async throws {
        let (result, replica) = try await runScript(importKV + """
            let r = par_call [kv.put("x", blob "1"), kv.count(), kv.put("y", blob "22")];
            assert r[0] == variant { Ok = (1 : nat64) };
            assert r[1] == (1 : nat64);
            assert r[2].Ok == (2 : nat64);
            let one = par_call [kv.count()];
            assert one == (2 : nat64);
            let e = fail par_call [kv.boom("first"), kv.put("z", blob ""), kv.boom("second")];
            assert e ~= "first";
            """)
        #expect(result.error == nil, "\(result.summary)")
        #expect(result.passed == 5)
        #expect(result.calls == 7)
        #expect(await replica.log == ["update put", "query count", "update put", "query count", "update boom",
                                      "update put", "update boom"])
    }

    @Test func encodeAndDecode() async throws {
        let (result, _) = try await runScript(importKV + """
            let b = encode kv.pair(7, "x");
            assert b == blob "DIDL\\00\\02\\7b\\71\\07\\01x";
            assert decode b == record { (7 : nat8); "x" };
            let c = encode (1, "a");
            assert decode c == record { (1 : int); "a" };
            """)
        #expect(result.error == nil, "\(result.summary)")
        #expect(result.passed == 3)
    }

    @Test func loadRunsAnotherFileInTheSameScope() async throws {
        let files: [String: [UInt8]] = [
            "dir/lib.repl": Array("function twice(x) { mul(x, 2) };\nlet loaded = true;\n".utf8),
            "dir/bad.repl": Array("let ok = 1;\nlet broken = ;\n".utf8),
            "dir/data.bin": [1, 2, 3],
        ]
        let (result, _) = try await runScript("""
            load "lib.repl";
            assert twice(4) == 8;
            assert loaded == true;
            assert file("data.bin") == blob "\\01\\02\\03";
            load "bad.repl";
            """, files: files, path: "dir/main.repl")
        #expect(result.passed == 3)
        #expect(result.error?.description == "dir/bad.repl:2:14: syntax: expected an expression, found ';' "
            + "(in dir/bad.repl, loaded from dir/main.repl:5:1)")
        #expect(result.error?.position == SourcePosition(file: "dir/bad.repl", line: 2, column: 14))
        #expect(result.error?.callers == [ReplayFrame(.load("dir/bad.repl"), at: SourcePosition(
            file: "dir/main.repl", line: 5, column: 1))])
    }

    /// An error, a failed assertion or a call inside a function of a loaded helper names its place in the
    /// helper and, after it, each call that led there, up to the line of the script that was run.
    @Test func errorsInsideLoadedHelpersNameTheCallingLine() async throws {
        let files: [String: [UInt8]] = [
            "dir/lib.repl": Array("""
                function check(x) {
                  assert x == 1;
                };
                function store(k) {
                  call kv.put(k, blob "ab");
                  check(2);
                  call kv.boom(k);
                };
                let top = 1;
                assert top == 2;

                """.utf8),
        ]
        let trace = ReplayTrace()
        let (result, _) = try await runScript(importKV + """
            load "lib.repl";
            call kv.count();
            store("a");
            """, files: files, observer: trace, path: "dir/main.repl")
        let main = { (line: Int, column: Int) in SourcePosition(file: "dir/main.repl", line: line, column: column) }
        // The assert at the helper's top level: reached by the load on line 2.
        #expect(result.failures[0].description == "dir/lib.repl:10:1: assertion failed: left == right "
            + "(in dir/lib.repl, loaded from dir/main.repl:2:1)\n  left:  1\n  right: 2")
        // The assert in check: called from the helper's line 6, in store, called from the script's line 4.
        #expect(result.failures[1].position == SourcePosition(file: "dir/lib.repl", line: 2, column: 3))
        #expect(result.failures[1].callers == [
            ReplayFrame(.function("check"), at: SourcePosition(file: "dir/lib.repl", line: 6, column: 3)),
            ReplayFrame(.function("store"), at: main(4, 1)),
        ])
        #expect(result.failures[1].description.hasPrefix("dir/lib.repl:2:3: assertion failed: left == right "
            + "(in check, called from dir/lib.repl:6:3; in store, called from dir/main.repl:4:1)\n"))
        // The reject that stops the script.
        #expect(result.error?.description == "dir/lib.repl:7:8: reject: reject code 5 (CANISTER_ERROR), IC0503: "
            + "Canister trapped: a (in store, called from dir/main.repl:4:1)")
        #expect(result.error?.callers.last?.position == main(4, 1))
        // Calls record where they were reached from too; a call in the script itself has no callers.
        #expect(trace.calls.map(\.method) == ["count", "put", "boom"])
        #expect(trace.calls.map(\.callers.count) == [0, 1, 1])
        #expect(trace.calls[1].callers == [ReplayFrame(.function("store"), at: main(4, 1))])
        #expect(result.passed == 0 && result.failed == 2)
    }

    @Test func limitsStopRunawayScripts() async throws {
        var options = ReplayOptions()
        options.maximumSteps = 1000
        let (loop, _) = try await runScript("while true { let x = 1 }", options: options)
        #expect(loop.error?.code == .limit)
        #expect(loop.error?.budget == .steps)
        #expect(loop.error?.message
            == "run budget: another loop iteration (an endless loop?) would go over the steps limit of 1000 steps")
        let (recursion, _) = try await runScript("function f(x) { f(x) }; f(1)")
        #expect(recursion.error?.code == .limit)
        #expect(recursion.error?.message == "function calls nested deeper than 100")
        let selfLoading = "load \"test.repl\";"
        let (loads, _) = try await runScript(selfLoading, files: ["test.repl": Array(selfLoading.utf8)])
        #expect(loads.error?.message == "load nested deeper than 16 files (a load loop?)")
    }
}
