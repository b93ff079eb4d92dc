// Tests/ReplayTests/RecorderTests.swift - recording a run and replaying the recording

import Candid
import Foundation
import Replay
import Testing

/// Runs a script with a recorder and returns the recording.
func record(_ source: String, files: [String: [UInt8]] = [:], name: String = "recording") async throws
    -> (ReplayResult, ReplayRecording)
{
    let recorder = ReplayRecorder(name: name)
    let (result, _) = try await runScript(source, files: files, observer: recorder)
    return (result, recorder.recording)
}

/// Replays a recording against a fresh replica, its side files readable next to it.
func replay(_ recording: ReplayRecording, path: String = "rec/recording.repl") async throws -> ReplayResult {
    var files: [String: [UInt8]] = [:]
    for file in recording.files { files[ReplayOptions.resolve(file.name, relativeTo: path)] = file.bytes }
    let (result, _) = try await runScript(recording.script, files: files, path: path)
    return result
}

@Suite struct RecorderTests {
    @Test func recordingWritesCallsWithTheirRepliesAsAsserts() async throws {
        let (result, recording) = try await record(importKV + """
            identity alice;
            call kv.put("a", blob "xyz");
            sim.advance(5);
            let e = fail call kv.boom("no");
            identity anonymous;
            call kv.pair(3, "q");
            sim.tick();
            sim.set_time(1_800_000_000_000_000_000);
            sim.upgrade(kv, record { greeting = "Yo" });
            let u = fail sim.upgrade(kv, record { greeting = "" });
            call kv.meta(record { name = "m"; size = opt 7; tags = vec {} });
            """)
        #expect(result.error == nil, "\(result.summary)")
        #expect(recording.files.isEmpty)
        #expect(recording.script == """
            // Recorded by canister-sim: each reply is asserted as it was observed.
            identity alice;
            import kv = "rrkah-fqaaa-aaaaa-aaaaq-cai";
            let r1 = call kv.put("a", blob "xyz");
            assert r1 == variant { Ok = (3 : nat64) };
            sim.advance(5);
            let r2 = fail call kv.boom("no");
            assert r2 == "reject code 5 (CANISTER_ERROR), IC0503: Canister trapped: no";
            identity anonymous;
            let r3 = call kv.pair(3, "q");
            assert r3 == record { 0 = (6 : nat); 1 = "qq" };
            sim.tick();
            sim.set_time(1800000000000000000);
            sim.upgrade(kv, record { greeting = "Yo" });
            let u1 = fail sim.upgrade(kv, record { greeting = "" });
            assert u1 == "reject code 5 (CANISTER_ERROR), IC0503: Canister trapped: empty greeting";
            let r4 = call kv.meta(record { name = "m"; size = opt 7; tags = vec {} });
            assert r4 == record { name = "m"; size = opt (7 : nat32); tags = vec {} };

            """)
        let replayed = try await replay(recording)
        #expect(replayed.error == nil, "\(replayed.summary)")
        #expect(replayed.passed == 5)
        #expect(replayed.failed == 0)
        #expect(replayed.calls == 4)
    }

    static let workload = importKV + """
        function fill(n) {
          let i = 0;
          while lt(i, n) {
            call kv.put(stringify("key", i), sim.slice(sim.blob(3, 20_000), mul(i, 5_000), 5_000));
            let i = add(i, 1);
          };
        };
        identity writer;
        fill(4);
        par_call [kv.count(), kv.keys()];
        identity reader;
        call kv.get("key2");
        call kv.get("nothing");
        call kv.whoami();
        call kv.put("big", file("payload.bin"));
        call kv.get("big");
        call kv.put("small", blob "tiny");
        call kv.get("small");
        call kv.total();
        """

    static let payload = SeededBytes.generate(seed: 99, count: 6_000).map { $0 ^ 0x5a }

    @Test func largeBlobsAreWrittenByReferenceAndTheRecordingReplays() async throws {
        let (result, recording) = try await record(Self.workload, files: ["payload.bin": Self.payload], name: "run")
        #expect(result.error == nil, "\(result.summary)")
        #expect(result.calls == 14)
        let lines = recording.script.split(separator: "\n").map(String.init)
        #expect(lines.contains("let b1 = sim.blob(3, 20000);"))
        #expect(lines.contains("let r1 = call kv.put(\"key0\", sim.slice(b1, 0, 5000));"))
        #expect(lines.contains("let r4 = call kv.put(\"key3\", sim.slice(b1, 15000, 5000));"))
        #expect(lines.contains("identity writer;"))
        #expect(lines.contains("let r7 = call kv.get(\"key2\");"))
        // A reply equal to a generated blob written earlier is written as the same slice.
        #expect(lines.contains("assert r7 == opt sim.slice(b1, 10000, 5000);"))
        #expect(lines.contains("let r10 = call kv.put(\"big\", file(\"run-1.bin\"));"))
        #expect(lines.contains("assert r11 == opt file(\"run-1.bin\");"))
        #expect(lines.contains("assert r13 == opt blob \"tiny\";"))
        #expect(recording.files.map(\.name) == ["run-1.bin"])
        #expect(recording.files[0].bytes == Self.payload)
        #expect(lines.filter { $0.hasPrefix("assert ") }.count == 14)

        let replayed = try await replay(recording)
        #expect(replayed.error == nil, "\(replayed.summary)")
        #expect(replayed.passed == 14)
        #expect(replayed.failed == 0)
    }

    @Test func twoRunsGiveIdenticalRecordings() async throws {
        let (_, first) = try await record(Self.workload, files: ["payload.bin": Self.payload])
        let (_, second) = try await record(Self.workload, files: ["payload.bin": Self.payload])
        #expect(first == second)
        let replayRecorder = ReplayRecorder()
        var files: [String: [UInt8]] = [:]
        for file in first.files { files[file.name] = file.bytes }
        let (replayed, _) = try await runScript(first.script, files: files, observer: replayRecorder)
        #expect(replayed.succeeded)
        let rerecorded = replayRecorder.recording
        #expect(rerecorded.files == first.files)
        #expect(rerecorded.script.split(separator: "\n").filter { $0.hasPrefix("assert ") }
            == first.script.split(separator: "\n").filter { $0.hasPrefix("assert ") })
    }

    @Test func aChangedReplyFailsTheReplay() async throws {
        let (_, recording) = try await record(importKV + "call kv.greet(\"Ann\");")
        let replica = try FakeReplica()
        let canister = try Principal(text: FakeReplica.canisterText)
        let argument = try Candid.encode([.record([CandidRecordField(CandidLabel("greeting"), .text("Bye"))])],
                                         as: replica.interface.initArguments)
        try await replica.upgrade(canister: canister, argument: argument)
        let (replayed, _) = try await runScript(recording.script, host: replica, path: "rec.repl")
        #expect(replayed.failed == 1)
        #expect(replayed.failures.first?.description == """
            rec.repl:4:1: assertion failed: left == right
              left:  "Bye, Ann!"
              right: "Hello, Ann!"
            """)
    }

    @Test func undecodableRepliesAreRecordedAsFailures() async throws {
        let (result, recording) = try await record(importKV + "let x = fail call kv.bad_reply();")
        #expect(result.succeeded)
        let lines = recording.script.split(separator: "\n").map(String.init)
        #expect(lines[2] == "let r1 = fail call kv.bad_reply();")
        #expect(lines[3].hasPrefix("assert r1 == \"the reply of bad_reply does not decode at its result types: "))
        let replayed = try await replay(recording)
        #expect(replayed.succeeded, "\(replayed.summary)")
        #expect(replayed.passed == 1)
    }

    @Test func canisterNamesThatClashAreRenamed() async throws {
        let (result, recording) = try await record("""
            let r1 = principal "\(FakeReplica.canisterText)";
            call r1.count();
            """)
        #expect(result.error == nil, "\(result.summary)")
        #expect(recording.script.contains("import canister1 = \"\(FakeReplica.canisterText)\";\n"
            + "let r1 = call canister1.count();"))
        #expect(try await replay(recording).succeeded)
    }

    @Test func writesScriptAndSideFilesToDisk() async throws {
        let (_, recording) = try await record(Self.workload, files: ["payload.bin": Self.payload])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("canister-sim-recorder-test")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("session.repl").path
        try recording.write(scriptPath: path)
        let result = await ReplayRunner.run(script: recording.script, path: path, host: try FakeReplica())
        #expect(result.succeeded, "\(result.summary)")
        #expect(result.passed == 14)
    }
}
