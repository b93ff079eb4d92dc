// Tests/ReplayTests/FixtureTests.swift - every fixture script passes on both backends with identical replies

import Foundation
import Replay
import Testing
import UploadCanister

@Suite struct FixtureTests {
    @Test func theFixturesAreThere() {
        let names = UploadCanisterRuns.fixtureNames
        #expect(names.contains("two-lane-four-asset.repl"))
        for scenario in ["ttl-expiry", "upgrade-mid-upload", "upgrade-compat-to-direct", "acl"] {
            #expect(names.contains("\(scenario).repl"), "\(names)")
        }
        // A script for each defect of futura-notes §5 (all 15 apply to this design).
        for defect in 1...15 {
            let prefix = defect < 10 ? "defect-0\(defect)-" : "defect-\(defect)-"
            #expect(names.contains { $0.hasPrefix(prefix) }, "no script for defect \(defect): \(names)")
        }
        #expect(names.count >= 21, "\(names)")
    }

    @Test(arguments: UploadCanisterRuns.fixtureNames)
    func fixturePassesOnBothBackendsWithIdenticalReplies(_ name: String) async throws {
        let recorder = ReplayRecorder(name: "recording")
        let compat = try await UploadCanisterRuns.runFixture(name, backend: .compat, observers: [recorder])
        let direct = try await UploadCanisterRuns.runFixture(name, backend: .direct)
        for run in [compat, direct] {
            #expect(run.result.succeeded, "\(name) on \(run.backend): \(describe(run.result))")
            #expect(run.result.passed > 0, "\(name) asserts nothing")
            #expect(run.result.calls > 0, "\(name) calls nothing")
        }
        let difference = ReplayDiffer.firstDifference(compat.trace, direct.trace, labels: ("compat", "direct"))
        #expect(difference == nil, "\(name): \(difference?.description ?? "")")
        #expect(compat.result.passed == direct.result.passed)
        #expect(compat.trace.entries.count == direct.trace.entries.count)

        // The recording of the run replays on both backends, every assertion passing.
        let recording = recorder.recording
        let files = Dictionary(uniqueKeysWithValues: recording.files.map { ("rec/" + $0.name, $0.bytes) })
        let options = ReplayOptions(readFile: { path in
            guard let bytes = files[path] else { throw ReplayFileError(path: path) }
            return bytes
        })
        for backend in UploadCanister.Backend.allCases {
            let replayed = try await UploadCanisterRuns.run(
                recording.script, path: "rec/\(name)", backend: backend, options: options
            )
            #expect(replayed.result.succeeded, "recording of \(name) on \(backend): \(describe(replayed.result))")
            let asserts = recording.script.split(separator: "\n").filter { $0.hasPrefix("assert ") }.count
            #expect(replayed.result.passed == asserts)
            #expect(replayed.result.calls == compat.result.calls)
        }
    }
}
