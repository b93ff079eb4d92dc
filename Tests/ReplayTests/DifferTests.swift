// Tests/ReplayTests/DifferTests.swift - comparing two runs of one script, call by call

import Candid
import Foundation
import Replay
import Testing

@Suite struct DifferTests {
    static let script = """
        import kv = "\(FakeReplica.canisterText)";
        identity alice;
        call kv.put("a", blob "xyz");
        call kv.count();
        call kv.now();
        call kv.count();
        """

    /// Runs `source` on a fake replica whose clock was moved by `skew` first.
    static func trace(_ source: String, skew: UInt64 = 0) async throws -> (ReplayResult, ReplayTrace) {
        let replica = try FakeReplica()
        try await replica.advanceTime(by: skew)
        let trace = ReplayTrace()
        let result = await ReplayRunner.run(script: source, path: "d.repl", host: replica, observer: trace)
        return (result, trace)
    }

    @Test func identicalRunsHaveNoDifference() async throws {
        let (_, a) = try await Self.trace(Self.script)
        let (_, b) = try await Self.trace(Self.script)
        #expect(a.calls.count == 4)
        #expect(a.entries.count == 4)
        #expect(ReplayDiffer.firstDifference(a, b, labels: ("a", "b")) == nil)
    }

    @Test func theFirstDifferingReplyIsNamedWithBothValues() async throws {
        let (_, a) = try await Self.trace(Self.script)
        let (_, b) = try await Self.trace(Self.script, skew: 7)
        let difference = try #require(ReplayDiffer.firstDifference(a, b, labels: ("compat", "direct")))
        #expect(difference.position == SourcePosition(file: "d.repl", line: 5, column: 6))
        #expect(difference.operation == "now")
        #expect(difference.outcomes.0 == "(1700000000000000000 : nat64)")
        #expect(difference.outcomes.1 == "(1700000000000000007 : nat64)")
        #expect(difference.description == "d.repl:5:6: now differs: compat: (1700000000000000000 : nat64); "
            + "direct: (1700000000000000007 : nat64)")
    }

    @Test func aDifferenceInsideAFunctionNamesTheCallingLine() async throws {
        let source = """
            import kv = "\(FakeReplica.canisterText)";
            function clock() {
              call kv.now();
            };
            call kv.count();
            clock();
            """
        let (_, a) = try await Self.trace(source)
        let (_, b) = try await Self.trace(source, skew: 7)
        let difference = try #require(ReplayDiffer.firstDifference(a, b, labels: ("compat", "direct")))
        #expect(difference.position == SourcePosition(file: "d.repl", line: 3, column: 8))
        #expect(difference.callers == [ReplayFrame(.function("clock"), at: SourcePosition(
            file: "d.repl", line: 6, column: 1))])
        #expect(difference.description.hasSuffix("(1700000000000000007 : nat64) (in clock, called from d.repl:6:1)"))
    }

    @Test func aRunThatStopsEarlierIsADifference() async throws {
        let source = Self.script + "\nsim.set_time(1_700_000_000_000_000_003);\ncall kv.count();"
        let (resultA, a) = try await Self.trace(source)
        let (resultB, b) = try await Self.trace(source, skew: 7)
        #expect(resultA.error == nil)
        #expect(resultB.error?.code == .host)
        // The replies before match except `now`; compare only what follows it.
        let difference = try #require(ReplayDiffer.firstDifference(a, b, labels: ("a", "b")))
        #expect(difference.operation == "now")
        let (_, c) = try await Self.trace(source.replacingOccurrences(of: "call kv.now();\n", with: ""), skew: 0)
        let (_, d) = try await Self.trace(source.replacingOccurrences(of: "call kv.now();\n", with: ""), skew: 7)
        let stopped = try #require(ReplayDiffer.firstDifference(c, d, labels: ("a", "b")))
        #expect(stopped.operation == "count")
        #expect(stopped.outcomes.0 == "d.repl:7:6 count as alice -> (1 : nat64)")
        #expect(stopped.outcomes.1 == "no further call (the run stopped)")
    }

    @Test func rejectsCompareByCodeAndMessage() async throws {
        let source = """
            import kv = "\(FakeReplica.canisterText)";
            let e = fail call kv.boom("x");
            """
        let (_, a) = try await Self.trace(source)
        let (_, b) = try await Self.trace(source)
        #expect(ReplayDiffer.firstDifference(a, b, labels: ("a", "b")) == nil)
        let (_, c) = try await Self.trace(source.replacingOccurrences(of: "\"x\"", with: "\"y\""))
        let difference = try #require(ReplayDiffer.firstDifference(a, c, labels: ("a", "c")))
        // Other argument bytes: both calls are described.
        let reject = "boom as anonymous -> reject code 5 (CANISTER_ERROR), IC0503: Canister trapped: "
        #expect(difference.outcomes.0.hasSuffix(reject + "x"))
        #expect(difference.outcomes.1.hasSuffix(reject + "y"))
    }
}
