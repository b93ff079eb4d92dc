// Tests/ReplayTests/BudgetTests.swift - the run budget: every runaway script ends with a limit naming it

import Candid
import CanisterRuntime
import Replay
import Testing
import UploadCanister

/// Options with a smaller budget (tests run in debug builds).
private func budget(
    steps: Int = 1_000_000,
    valueBytes: Int = 8 << 20,
    calls: Int = 1_000,
    valueDepth: Int = 256
) -> ReplayOptions {
    var options = ReplayOptions()
    options.budget = ReplayBudget(steps: steps, valueBytes: valueBytes, calls: calls, valueDepth: valueDepth)
    return options
}

/// Runs a script and returns the part of the budget its error names (and the error).
private func stoppedBy(_ source: String, _ options: ReplayOptions) async throws -> ReplayError? {
    let (result, _) = try await runScript(importKV + source, options: options)
    #expect(result.error?.code == .limit)
    #expect(result.error?.budget != nil)
    return result.error
}

@Suite struct BudgetTests {
    @Test func defaultsAreDocumented() {
        let defaults = ReplayOptions().budget
        #expect(defaults == ReplayBudget(steps: 10_000_000, valueBytes: 256 << 20, calls: 100_000, valueDepth: 256))
        #expect(ReplayOptions().maximumSteps == 10_000_000)
    }

    @Test func nestingAValueInALoopStopsAtTheDepthBudget() async throws {
        let error = try await stoppedBy("let v = vec {}; while true { let v = vec { v }; }", budget())
        #expect(error?.budget == .valueDepth)
        #expect(error?.message == "run budget: nesting a value would go over the value depth limit of 256 levels")
        // opt, record and variant nest too, and so do .map results.
        for wrap in ["opt v", "record { a = v }", "variant { a = v }"] {
            let error = try await stoppedBy("let v = null; while true { let v = \(wrap); }", budget())
            #expect(error?.budget == .valueDepth)
        }
        let mapped = try await stoppedBy("""
            function wrap(x) { vec { x } };
            let v = vec { 1 };
            while true { let v = v.map(wrap); }
            """, budget())
        #expect(mapped?.budget == .valueDepth)
    }

    @Test func theDeepestAllowedValueIsBuiltComparedPrintedAndReleased() async throws {
        // 256 levels: the deepest value the default budget lets a script build; its release recurses
        // 256 levels, which every thread's stack holds.
        let (result, _) = try await runScript(importKV + """
            let v = 0;
            let i = 0;
            while lt(i, 256) { let v = opt v; let i = add(i, 1); }
            assert v == v;
            let s = stringify(v);
            let e = encode (v);
            let v = null;
            """)
        #expect(result.error == nil)
        #expect(result.passed == 1)
        let (over, _) = try await runScript(importKV + """
            let v = 0;
            let i = 0;
            while lt(i, 257) { let v = opt v; let i = add(i, 1); }
            """)
        #expect(over.error?.budget == .valueDepth)
    }

    @Test func doublingWithConcatStopsAtTheBytesBudget() async throws {
        for start in ["sim.blob(1, 1000)", "\"0123456789\"", "vec { 1; 2; 3 }"] {
            let error = try await stoppedBy("let b = \(start); while true { let b = concat(b, b); }", budget())
            #expect(error?.budget == .valueBytes)
            #expect(error?.message.hasPrefix("run budget: concat would go over the value bytes limit of 8388608")
                == true)
        }
        let blob = try await stoppedBy("let b = sim.blob(1, 9000000);", budget())
        #expect(blob?.message == "run budget: sim.blob would go over the value bytes limit of 8388608 value bytes")
    }

    @Test func mappingABigBlobSpendsAStepPerByte() async throws {
        let error = try await stoppedBy("""
            function id(x) { x };
            let b = sim.blob(1, 1000000);
            let m = b.map(id);
            """, budget(steps: 100_000))
        #expect(error?.budget == .steps)
        let filtered = try await stoppedBy("""
            function yes(x) { true };
            let b = sim.blob(1, 1000000);
            let m = b.filter(yes);
            """, budget(steps: 100_000))
        #expect(filtered?.budget == .steps)
        let folded = try await stoppedBy("""
            function first(a, x) { a };
            let b = sim.blob(1, 1000000);
            let m = b.fold(0, first);
            """, budget(steps: 100_000))
        #expect(folded?.budget == .steps)
        // .map results are charged as they are built.
        let built = try await stoppedBy("""
            function big(x) { sim.blob(2, 100000) };
            let b = sim.blob(1, 1000);
            let m = b.map(big);
            """, budget())
        #expect(built?.budget == .valueBytes)
    }

    @Test func sharedValuesAreChargedForEveryPathToThem() async throws {
        // vec { v; v } forty times is 2^40 elements when walked.
        for use in ["let r = encode (v)", "let r = stringify(v)", "assert v == v"] {
            let error = try await stoppedBy("""
                let v = vec { 1 };
                let i = 0;
                while lt(i, 40) { let v = vec { v; v }; let i = add(i, 1); }
                \(use);
                """, budget())
            #expect(error?.budget == .steps || error?.budget == .valueBytes)
        }
    }

    @Test func anEmptyFunctionCallCostsAStep() async throws {
        let error = try await stoppedBy("""
            function nothing(x) { };
            let ten = vec { 1; 2; 3; 4; 5; 6; 7; 8; 9; 10 };
            function inner(x) { ten.map(nothing) };
            let r = ten.map(inner).map(inner).map(inner);
            """, budget(steps: 300))
        #expect(error?.budget == .steps)
        // Budget errors are not swallowed by fail, exist or .filter.
        for guarded in ["fail(inner(1))", "exist(inner(1))", "ten.filter(inner)"] {
            let error = try await stoppedBy("""
                function nothing(x) { };
                let ten = vec { 1; 2; 3; 4; 5; 6; 7; 8; 9; 10 };
                function inner(x) { ten.map(nothing) };
                let r = \(guarded);
                """, budget(steps: 14))
            #expect(error?.budget == .steps)
        }
    }

    @Test func callsStopAtTheCallBudget() async throws {
        let error = try await stoppedBy("while true { call kv.whoami(); }", budget(calls: 50))
        #expect(error?.budget == .calls)
        #expect(error?.message == "run budget: another call would go over the calls limit of 50 calls")
        let (result, replica) = try await runScript(importKV + "while true { call kv.whoami(); }",
                                                    options: budget(calls: 50))
        #expect(result.calls == 50)
        #expect(await replica.log.count == 50)
    }

    /// A `par_call` is charged for all its calls before it sends any.
    @Test func aParCallOverTheCallBudgetSendsNothing() async throws {
        let (result, replica) = try await runScript(
            importKV + "call kv.whoami(); par_call [kv.whoami(), kv.whoami(), kv.whoami()];", options: budget(calls: 3)
        )
        #expect(result.error?.budget == .calls)
        #expect(result.error?.message == "run budget: another call would go over the calls limit of 3 calls")
        #expect(result.calls == 1)
        #expect(await replica.log.count == 1)
    }

    @Test func functionsSeeTheCallersVariablesWithoutChangingThem() async throws {
        let (result, _) = try await runScript("""
            let a = 1;
            function set(x) { let a = x; let b = x; a };
            function outer(x) { let c = 7; inner(x) };
            function inner(x) { add(c, x) };
            assert set(5) == 5;
            assert a == 1;
            assert exist(b) == false;
            assert outer(1) == 8;
            assert exist(c) == false;
            function define() { function local() { 3 }; local() };
            assert define() == 3;
            assert exist(local()) == false;
            """)
        #expect(result.error == nil)
        #expect(result.failed == 0 && result.passed == 7)
    }

    @Test func locallyBoundBytesAreFreedWhenTheFunctionReturns() async throws {
        // Each call binds a 5 MB blob in its frame; with 8 MiB, two such frames alive at once would not fit.
        let (result, _) = try await runScript(importKV + """
            function chunk(seed) { let b = sim.blob(seed, 5000000); sim.len(b) };
            let i = 0;
            while lt(i, 5) { let n = chunk(i); let i = add(i, 1); }
            assert n == (5000000 : nat);
            """, options: budget())
        #expect(result.error == nil)
        #expect(result.passed == 1)
    }

    @Test func textSizeAndIndexCountCharacters() async throws {
        let (result, _) = try await runScript("""
            let t = "aé👍🏽z";
            assert t.size() == (4 : nat);
            assert t[0] == "a";
            assert t[1] == "é";
            assert t[2] == "👍🏽";
            assert t[3] == "z";
            let u = "xy";
            assert u[1] == "y";
            assert t[3] == "z";
            assert fail(t[4]) ~= "index 4 is out of range of a text of 4";
            """)
        #expect(result.error == nil)
        #expect(result.failed == 0 && result.passed == 8)
        // A loop over a text indexes it once.
        let (loop, _) = try await runScript("""
            let t = stringify(vec { 1; 2; 3; 4; 5; 6; 7; 8; 9; 10; 11; 12; 13; 14; 15; 16; 17; 18; 19; 20 });
            let i = 0;
            let n = 0;
            while lt(i, t.size()) { let n = ite(eq(t[i], ";"), add(n, 1), n); let i = add(i, 1); }
            assert n == 19;
            """)
        #expect(loop.error == nil)
        #expect(loop.passed == 1)
    }

    @Test func encodeInfersTheTypesCandidDoes() async throws {
        let cases: [(script: String, values: [CandidValue])] = [
            ("vec { variant { a }; variant { b = 1 }; variant { a } }",
             [.vec([.variant(CandidLabel("a"), .null), .variant(CandidLabel("b"), .int(1)),
                    .variant(CandidLabel("a"), .null)])]),
            ("vec { opt (1 : nat); null; opt (2 : int) }, record { x = vec {}; y = blob \"ab\" }",
             [.vec([.opt(.nat(1)), .null, .opt(.int(2))]),
              .record([CandidRecordField(CandidLabel("x"), .vec([])),
                       CandidRecordField(CandidLabel("y"), .blob([97, 98]))])]),
            ("vec { record { a = (1 : nat8); b = \"x\" }; record { b = \"y\"; a = (2 : nat8) } }",
             [.vec([.record([CandidRecordField(CandidLabel("a"), .nat8(1)),
                             CandidRecordField(CandidLabel("b"), .text("x"))]),
                    .record([CandidRecordField(CandidLabel("a"), .nat8(2)),
                             CandidRecordField(CandidLabel("b"), .text("y"))])])]),
        ]
        for (script, values) in cases {
            let expected = ReplayValue.blob(try Candid.encode(values)).text(ReplayPrintOptions(typed: false))
            let (result, _) = try await runScript("let e = encode (\(script)); assert e == \(expected);")
            #expect(result.error == nil, "\(script)")
            #expect(result.passed == 1, "\(script)")
        }
        // Many distinct tags: the same bytes as Candid's inference.
        let tags = (0..<2_000).map { "variant { t\($0) = \($0) }" }.joined(separator: "; ")
        let values: [CandidValue] = [.vec((0..<2_000).map { .variant(CandidLabel("t\($0)"), .int(BigInt($0))) })]
        let expected = ReplayValue.blob(try Candid.encode(values)).text(ReplayPrintOptions(typed: false))
        let (many, _) = try await runScript("assert encode (vec { \(tags) }) == \(expected);")
        #expect(many.error == nil && many.passed == 1)
        let (mixed, _) = try await runScript("let e = encode (vec { 1; \"a\" });")
        #expect(mixed.error?.code == .candid)
    }

    @Test func tracesAndCallLogsKeepDigestsNotBytesUnlessAsked() async throws {
        let script = importKV + """
            let b = sim.blob(7, 100000);
            call kv.put("a", b);
            call kv.get("a");
            """
        let trace = ReplayTrace()
        let keeping = ReplayTrace(keepsBytes: true)
        _ = try await runScript(script, observer: trace)
        _ = try await runScript(script, observer: keeping)
        let kept = keeping.calls[0]
        #expect(kept.argumentBytes.count > 100_000 && !kept.arguments.isEmpty)
        let put = trace.calls[0]
        #expect(put.argumentBytes.isEmpty && put.arguments.isEmpty)
        #expect(put.argumentDigest == ByteDigest(kept.argumentBytes) && put.argumentDigest.count > 100_000)
        guard case .reply(let value, let bytes) = trace.calls[1].outcome,
            case .reply(let keptValue, let keptBytes) = keeping.calls[1].outcome
        else {
            Issue.record("get did not reply")
            return
        }
        #expect(bytes.isEmpty && value == keptValue && trace.calls[1].replyDigest == ByteDigest(keptBytes))
        #expect(ReplayDiffer.firstDifference(trace, keeping, labels: ("a", "b")) == nil)

        // The replica's call log: digests always, bytes only when the configuration asks.
        for keepsBytes in [false, true] {
            var configuration = ReplicaConfiguration()
            configuration.callLogKeepsBytes = keepsBytes
            let replica = Replica(configuration: configuration)
            _ = try await replica.install(
                UploadCanister.self, argument: UploadCanister.InitArg(backend: .direct),
                controllers: [UploadCanisterRuns.controller]
            )
            let host = ReplicaReplayHost(replica: replica)
            let result = await ReplayRunner.run(script: """
                import backend = "\(UploadCanisterRuns.canisterText)";
                call backend.whoami();
                """, path: "log.repl", host: host)
            #expect(result.error == nil)
            let record = try #require(replica.callLog.last)
            let argument = Array("DIDL".utf8) + [0, 0]
            #expect(record.argumentDigest == ByteDigest(argument))
            #expect(record.argument == (keepsBytes ? argument : []))
            #expect(record.replyDigest?.count ?? 0 > 6)
            #expect((try? record.result.get().isEmpty) == !keepsBytes)
        }
        #expect(ByteDigest([]).description == "0 bytes, hash cbf29ce484222325")
        #expect(ByteDigest(Array("a".utf8)).hash == 0xaf63_dc4c_8601_ec8c)  // FNV-1a's value
        // Every position of a long message counts, across the word boundaries and in the tail.
        let long = (0..<1_003).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var seen: Set<ByteDigest> = [ByteDigest(long)]
        for index in [0, 7, 8, 500, 999, 1_000, 1_002] {
            var changed = long
            changed[index] ^= 0x80
            seen.insert(ByteDigest(changed))
        }
        #expect(seen.count == 8)
    }

    @Test func integerLiteralsOfAnySizeParseAndARecordedHugeNatReplays() async throws {
        // 2^340000 has 102,350 decimal digits: past BigInt's decimal cap, so it prints as 0x... hex.
        let huge = BigInt(1) << 340_000
        #expect(huge.description.hasPrefix("0x1"))
        let (small, _) = try await runScript("""
            assert (0xffff_ffff_ffff_ffff_ffff : nat) == (1208925819614629174706175 : nat);
            assert add(0x1_0000_0000_0000_0000, 1) == 18446744073709551617;
            assert (-0x1_0000_0000_0000_0000_0000_0000_0000_0000 : int) == (-340282366920938463463374607431768211456 : int);
            assert (0x1_0000_0000_0000_0000_0000_0000_0000_0000 : nat) ~= 340282366920938463463374607431768211456;
            assert fail((0x1_0000_0000_0000_0000 : nat64)) ~= "out of range";
            """)
        #expect(small.error == nil && small.failed == 0 && small.passed == 5, "\(small.summary) \(small.failures)")
        let (result, recording) = try await record(importKV + "let n = call kv.double(\(huge.description));")
        #expect(result.error == nil, "\(result.summary)")
        #expect(recording.script.contains((huge + huge).description))
        let replayed = try await replay(recording)
        #expect(replayed.error == nil, "\(replayed.summary)")
        #expect(replayed.failed == 0 && replayed.passed >= 1)
    }
}
