// Tests/CLITests/ReplayCommandTests.swift - `canister-sim replay`: scripts against the upload canister

import Foundation
import Replay
import Testing
import UploadCanister

@testable import CanisterSimCLI
@testable import canister_sim

/// A fresh temporary directory for one test, removed by the caller.
private func scratchDirectory(_ name: String) throws -> URL {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("replay-cli-\(name)-\(getpid())-\(UInt32.random(in: 1...UInt32.max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

private func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
}

/// A short script: alice creates her capsule and uploads 3 bytes.
private let uploadScript = """
    // Three bytes up and back.
    import backend = "rrkah-fqaaa-aaaaa-aaaaq-cai";
    identity alice;
    let c = call backend.capsules_create(null);
    let s = call backend.uploads_begin(c.Ok.id, variant { Image = record { base = record {
      name = "x"; mime_type = "image/png"; bytes = 3; asset_type = variant { Original };
      created_at = 0; updated_at = 0; tags = vec {} } } }, 1, "x");
    call backend.uploads_put_chunk(s.Ok, 0, blob "abc");
    let f = call backend.uploads_finish(s.Ok, sim.sha256(blob "abc"), 3);
    assert f.Ok.blob_id == "blob_1";
    """

@Suite struct ReplayCommandTests {
    @Test func theMainCommandTellsWhatHappened() throws {
        let result = try CLIRunner.run(["replay", "Fixtures/scripts/two-lane-four-asset.repl"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let output = lines(result.stdout)
        #expect(output.last == "59 passed, 0 failed")
        let title = "Fixtures/scripts/two-lane-four-asset.repl: The seed's 2-lane + 4-asset"
        #expect(output.first?.hasPrefix(title) == true)
        let summary = "51 calls, 4 uploads finished (22,084,508 bytes), 16 chunks stored, simulated time +0 s; "
            + "59 passed, 0 failed"
        #expect(output.contains("  compat: " + summary))
        #expect(output.contains("  direct: " + summary))
        #expect(output.contains("  compat and direct: identical replies to all 51 calls"))
        #expect(output.count == 5)
        #expect(result.stderr.isEmpty)
    }

    @Test func aFailedAssertionNamesItsPlaceAndBothValues() throws {
        let directory = try scratchDirectory("fail")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("wrong.repl").path
        try Data((uploadScript + "\nassert f.Ok.size == (4 : nat64);\n").utf8).write(to: URL(fileURLWithPath: path))
        let result = try CLIRunner.run(["replay", path])
        #expect(result.status == 1)
        let output = lines(result.stdout)
        #expect(output.last == "1 passed, 1 failed")
        #expect(output.contains(
            "\(path):11:1: assertion failed: left == right with left = (3 : nat64), right = (4 : nat64) "
                + "[compat, direct]"
        ), "\(result.stdout)")
        // Only one backend: the failure line carries no backend list.
        let compat = try CLIRunner.run(["replay", "--backend", "compat", path])
        #expect(compat.status == 1)
        #expect(lines(compat.stdout).contains(
            "\(path):11:1: assertion failed: left == right with left = (3 : nat64), right = (4 : nat64)"
        ))
        #expect(lines(compat.stdout).last == "1 passed, 1 failed")
    }

    @Test func aSyntaxErrorNamesLineAndColumn() throws {
        let directory = try scratchDirectory("syntax")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("broken.repl").path
        try Data("identity alice;\nlet x = ;\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try CLIRunner.run(["replay", path])
        #expect(result.status == 1)
        #expect(lines(result.stderr).contains { $0.hasPrefix("\(path):2:9: error: syntax: ") }, "\(result.stderr)")
        #expect(lines(result.stdout).last == "0 passed, 0 failed, 1 error")
    }

    @Test func aRuntimeErrorStopsTheScriptAndFails() throws {
        let directory = try scratchDirectory("runtime")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("stops.repl").path
        try Data("""
            import backend = "rrkah-fqaaa-aaaaa-aaaaq-cai";
            assert 1 == 1;
            call backend.no_such_method();
            assert 2 == 2;
            """.utf8).write(to: URL(fileURLWithPath: path))
        let result = try CLIRunner.run(["replay", path])
        #expect(result.status == 1)
        let output = lines(result.stdout)
        #expect(!result.stdout.contains(": error:"), "\(result.stdout)")
        let error = lines(result.stderr).first { $0.hasPrefix("\(path):3:6: error: unknownMethod: ") }
        #expect(error?.hasSuffix("[compat, direct]") == true, "\(result.stderr)")
        #expect(output.last == "1 passed, 0 failed, 1 error")
    }

    @Test func backendsCanBeChosen() throws {
        let directory = try scratchDirectory("backend")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("upload.repl").path
        try Data(uploadScript.utf8).write(to: URL(fileURLWithPath: path))
        let both = try CLIRunner.run(["replay", path, "--backend", "both"])
        #expect(both.status == 0, "\(both.stdout)")
        #expect(lines(both.stdout) == [
            "\(path): Three bytes up and back.",
            "  compat: 4 calls, 1 upload finished (3 bytes), 1 chunk stored, simulated time +0 s; 1 passed, 0 failed",
            "  direct: 4 calls, 1 upload finished (3 bytes), 1 chunk stored, simulated time +0 s; 1 passed, 0 failed",
            "  compat and direct: identical replies to all 4 calls",
            "1 passed, 0 failed",
        ])
        let direct = try CLIRunner.run(["replay", "--backend=direct", path])
        #expect(direct.status == 0)
        #expect(lines(direct.stdout).count == 3)
        #expect(lines(direct.stdout)[1].hasPrefix("  direct: 4 calls"))
        let bad = try CLIRunner.run(["replay", "--backend", "both-ways", path])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("canister-sim replay: unknown canister 'both-ways'; known: compat, direct, escrow, escrow-fixed, counter\n"))
        // --canister and --compare say the same as --backend.
        let named = try CLIRunner.run(["replay", path, "--canister", "direct"])
        #expect(named.stdout == direct.stdout)
        let compared = try CLIRunner.run(["replay", path, "--compare", "compat,direct"])
        #expect(compared.stdout == both.stdout)
        let reversed = try CLIRunner.run(["replay", path, "--compare", "direct,compat"])
        #expect(lines(reversed.stdout)[3] == "  direct and compat: identical replies to all 4 calls")
        for (words, message) in [
            (["--compare", "direct"], "--compare takes two different canister names, A,B, not 'direct'"),
            (["--compare", "direct,direct"], "--compare takes two different canister names, A,B, not 'direct,direct'"),
            (["--compare", "direct,todo"], "unknown canister 'todo'; known: compat, direct, escrow, escrow-fixed, counter"),
            (["--canister", "direct", "--compare", "compat,direct"], "--canister and --compare exclude each other"),
        ] {
            let refused = try CLIRunner.run(["replay", path] + words)
            #expect(refused.status == 2, "\(words)")
            #expect(refused.stdout.isEmpty, "\(words)")
            #expect(refused.stderr.hasPrefix("canister-sim replay: \(message)\n"), "\(words): \(refused.stderr)")
        }
        // --init replaces the registered install argument, typed by the canister's .did.
        let configPath = directory.appendingPathComponent("config.repl").path
        try Data("""
            import backend = "rrkah-fqaaa-aaaaa-aaaaq-cai";
            call backend.upload_config();
            assert _.chunk_size == (4 : nat32);
            """.utf8).write(to: URL(fileURLWithPath: configPath))
        let initialised = try CLIRunner.run([
            "replay", configPath, "--init", "(record { backend = variant { compat }; chunk_size = opt 4; admins = vec {} })",
        ])
        #expect(initialised.status == 0, "\(initialised.stdout)\(initialised.stderr)")
        #expect(lines(initialised.stdout).last == "1 passed, 0 failed")
        let defaults = try CLIRunner.run(["replay", configPath, "--canister", "direct"])
        #expect(defaults.status == 1)
        let malformed = try CLIRunner.run(["replay", configPath, "--canister", "direct", "--init", "(record { backend = 1 })"])
        #expect(malformed.status == 2)
        #expect(malformed.stdout.isEmpty)
        #expect(malformed.stderr.hasPrefix("canister-sim replay: --init for 'direct': "), "\(malformed.stderr)")
        let unparsable = try CLIRunner.run(["replay", configPath, "--init", "(record { "])
        #expect(unparsable.status == 2)
        #expect(unparsable.stderr.hasPrefix("canister-sim replay: --init for 'compat': "), "\(unparsable.stderr)")
        #expect(unparsable.stderr.contains("1:"), "the error names a position: \(unparsable.stderr)")
        let none = try CLIRunner.run(["replay"])
        #expect(none.status == 2)
        let missing = try CLIRunner.run(["replay", directory.appendingPathComponent("nosuch.repl").path])
        #expect(missing.status == 1)
        #expect(missing.stderr == directory.appendingPathComponent("nosuch.repl").path + ": error: not_found: no such file\n")
        #expect(lines(missing.stdout).last == "0 passed, 0 failed, 1 error")
    }

    @Test func verbosePrintsEveryCall() throws {
        let directory = try scratchDirectory("verbose")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("upload.repl").path
        try Data(uploadScript.utf8).write(to: URL(fileURLWithPath: path))
        let result = try CLIRunner.run(["replay", "--verbose", "--backend", "direct", path])
        #expect(result.status == 0)
        let output = lines(result.stdout)
        let put = "    [direct] \(path):8:6 update uploads_put_chunk(1, 0, blob \"abc\") -> variant { Ok }"
        #expect(output.contains(put), "\(result.stdout)")
        let alice = "calzb-slvkq-pd4v3-paqnf-p5afd-jda7h-btiko-qeaem-rfvr3-4mdeb-pqe"
        #expect(output.contains("    [direct] identity alice (\(alice))"))
        #expect(output.filter { $0.hasPrefix("    [direct] \(path):") }.count == 4)
    }

    @Test func aRecordingReplaysOnBothBackends() throws {
        let directory = try scratchDirectory("record")
        defer { try? FileManager.default.removeItem(at: directory) }
        let recording = directory.appendingPathComponent("two-lane.repl").path
        let recorded = try CLIRunner.run([
            "replay", "Fixtures/scripts/two-lane-four-asset.repl", "--record", recording,
        ])
        #expect(recorded.status == 0, "\(recorded.stdout)")
        #expect(lines(recorded.stdout).contains("  recorded 51 calls (compat) to \(recording)"))
        let text = try String(contentsOfFile: recording, encoding: .utf8)
        #expect(text.hasPrefix("// Recorded by canister-sim: each reply is asserted as it was observed.\n"))
        #expect(text.contains("let b1 = sim.blob(2024, 21827484);"))
        // Nothing but the script: every large blob is a slice of the generated one.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["two-lane.repl"])

        let replayed = try CLIRunner.run(["replay", recording])
        #expect(replayed.status == 0, "\(replayed.stdout)")
        #expect(lines(replayed.stdout).last == "51 passed, 0 failed")
        #expect(lines(replayed.stdout).contains("  compat and direct: identical replies to all 51 calls"))
    }

    @Test func severalScriptsRecordIntoADirectory() throws {
        let directory = try scratchDirectory("several")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("recordings").path
        let result = try CLIRunner.run([
            "replay", "Fixtures/scripts/defect-08-finish-retry.repl", "Fixtures/scripts/defect-12-stats.repl",
            "--record", out, "--backend", "direct",
        ])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(lines(result.stdout).last == "13 passed, 0 failed")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["defect-08-finish-retry.repl", "defect-12-stats.repl"])
        let replayed = try CLIRunner.run([
            "replay", out + "/defect-08-finish-retry.repl", out + "/defect-12-stats.repl",
        ])
        #expect(replayed.status == 0, "\(replayed.stdout)")
        #expect(lines(replayed.stdout).last == "27 passed, 0 failed")
    }

    /// Failures and errors inside a function of a loaded helper name the helper's line and the line of
    /// the script that called it.
    @Test func aFailureInsideAHelperNamesTheCallingLine() throws {
        let directory = try scratchDirectory("helper")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("lib"), withIntermediateDirectories: true)
        let helper = directory.appendingPathComponent("lib/check.repl").path
        try Data("""
            function expect_size(f, n) {
              assert f.Ok.size == n;
            };
            function read(locator) {
              call backend.blob_read(locator);
              let _ = _.Ok;
            };
            """.utf8).write(to: URL(fileURLWithPath: helper))
        let path = directory.appendingPathComponent("main.repl").path
        try Data((uploadScript + """

            load "lib/check.repl";
            expect_size(f, (4 : nat64));
            read("blob_9");
            """).utf8).write(to: URL(fileURLWithPath: path))
        let result = try CLIRunner.run(["replay", path])
        #expect(result.status == 1)
        let output = lines(result.stdout)
        #expect(output.contains(
            "\(helper):2:3: assertion failed: left == right with left = (3 : nat64), right = (4 : nat64) "
                + "(in expect_size, called from \(path):12:1) [compat, direct]"
        ), "\(result.stdout)")
        #expect(lines(result.stderr).contains(
            "\(helper):6:11: error: typeMismatch: the variant is Err, not Ok: variant { Err = variant { NotFound } } "
                + "(in read, called from \(path):13:1) [compat, direct]"
        ), "\(result.stderr)")
        #expect(output.last == "1 passed, 1 failed, 1 error")
    }

    /// `--backend both` fails a script whose replies differ and names the first call that differs, and the
    /// line that called it: here two runs whose clocks differ, so `uploads_finish` reports another
    /// `uploaded_at`. (The real backends never differ, so the runs are made to.)
    @Test func differingRepliesNameTheFirstCallThatDiffers() async throws {
        func script(advance: Int) -> String {
            """
            import backend = "rrkah-fqaaa-aaaaa-aaaaq-cai";
            identity alice;
            let c = call backend.capsules_create(null);
            let s = call backend.uploads_begin(c.Ok.id, variant { Image = record { base = record {
              name = "x"; mime_type = "image/png"; bytes = 3; asset_type = variant { Original };
              created_at = 0; updated_at = 0; tags = vec {} } } }, 1, "x");
            call backend.uploads_put_chunk(s.Ok, 0, blob "abc");
            function fin() {
              call backend.uploads_finish(s.Ok, sim.sha256(blob "abc"), 3);
            };
            sim.advance(\(advance));
            fin();
            assert _.Ok.size == (3 : nat64);
            """
        }
        func runs(_ first: Int, _ second: Int) async throws -> [ReplayCommand.BackendRun] {
            [
                try await ReplayCommand.runOnce(
                    try ReplayParser.parse(script(advance: first), file: "differ.repl"), canister: uploadCanister(.compat),
                    argument: uploadCanister(.compat).installArgument, observers: []
                ).get(),
                try await ReplayCommand.runOnce(
                    try ReplayParser.parse(script(advance: second), file: "differ.repl"), canister: uploadCanister(.direct),
                    argument: uploadCanister(.direct).installArgument, observers: []
                ).get(),
            ]
        }
        var totals = ReplayCommand.Totals()
        let report = ReplayCommand.reportLines(try await runs(0, 5), totals: &totals).out
        let differ = report.filter { $0.contains("replies differ") }
        #expect(differ.count == 1, "\(report)")
        let line = differ.first ?? ""
        #expect(line.hasPrefix("differ.repl:9:8: replies differ: uploads_finish: compat: variant { Ok = "), "\(line)")
        #expect(line.contains("uploaded_at = (1767225600000000000 : nat64)"), "\(line)")
        #expect(line.contains("; direct: variant { Ok = "), "\(line)")
        #expect(line.contains("uploaded_at = (1767225600000000005 : nat64)"), "\(line)")
        #expect(line.hasSuffix(" (in fin, called from differ.repl:12:1)"), "\(line)")
        #expect(!report.contains { $0.contains("identical replies") })
        #expect(totals.failed == 1 && totals.passed == 1)

        var same = ReplayCommand.Totals()
        let identical = ReplayCommand.reportLines(try await runs(5, 5), totals: &same).out
        #expect(identical.contains("  compat and direct: identical replies to all 4 calls"), "\(identical)")
        #expect(same.failed == 0 && same.passed == 1)
    }
}

/// `--verbose` shows what each call's canister logged, a trap's message included, after the call.
@Test func verboseShowsTheCanisterLogs() throws {
    let script = CLIRunner.packageRoot.appendingPathComponent("Fixtures/scripts/deploy-two-canisters.repl").path
    let result = try CLIRunner.run(["replay", script, "--canister", "direct", "--verbose"])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    let first = try #require(lines.firstIndex { $0.hasSuffix(": count 1") })
    #expect(lines[first] == "    [direct] log ryjl3-tyaaa-aaaaa-aaaba-cai @1767225600000000000: count 1")
    #expect(lines[first - 1].contains(" update inc() -> (1 : nat64)"), "\(lines[first - 1])")
    #expect(lines.contains("    [direct] log ryjl3-tyaaa-aaaaa-aaaba-cai @1767225600000000000: [TRAP]: count 2 refused"))
    let quiet = try CLIRunner.run(["replay", script, "--canister", "direct"])
    #expect(!quiet.stdout.contains(" log "))
}

/// A failed assertion is followed by what the call before it logged.
@Test func aFailedAssertionShowsThePreviousCallsLogs() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("log-fail-\(getpid()).repl").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data("""
        import ic = "aaaaa-aa";
        let one = call ic.create_canister(record { settings = null });
        call ic.install_code(record { arg = encode (); wasm_module = blob "counter"; mode = variant { install }; canister_id = one.canister_id });
        import counter = "ryjl3-tyaaa-aaaaa-aaaba-cai";
        call counter.inc();
        assert _ == (5 : nat64);
        call counter.get();
        assert _ == (7 : nat64);
        """.utf8).write(to: URL(fileURLWithPath: path))
    let result = try CLIRunner.run(["replay", path, "--canister", "direct"])
    #expect(result.status == 1)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    let first = try #require(lines.firstIndex { $0.hasPrefix("\(path):6:1: assertion failed") })
    #expect(lines[first + 1] == "  the previous call's log ryjl3-tyaaa-aaaaa-aaaba-cai @1767225600000000000: count 1")
    // The query before the second assertion logged nothing.
    let second = try #require(lines.firstIndex { $0.hasPrefix("\(path):8:1: assertion failed") })
    #expect(!lines[second + 1].contains(" log "))
}
