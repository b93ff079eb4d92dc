// Tests/ReplayTests/CanisterRecordingTests.swift - recordings of runs on the real upload canister

import Foundation
import Replay
import Testing
import UploadCanister

@Suite struct CanisterRecordingTests {
    /// Records the 2-lane scenario on `backend` and returns the run and the recording.
    static func recordTwoLane(on backend: UploadCanister.Backend) async throws -> (UploadRun, ReplayRecording) {
        let recorder = ReplayRecorder(name: "two-lane")
        let run = try await UploadCanisterRuns.runFixture(
            "two-lane-four-asset.repl", backend: backend, observers: [recorder]
        )
        return (run, recorder.recording)
    }

    @Test func theTwoLaneRecordingReplaysOnBothBackends() async throws {
        let (run, recording) = try await Self.recordTwoLane(on: .compat)
        #expect(run.result.succeeded, "\(describe(run.result))")
        #expect(run.result.calls == 51)
        // Uploaded and read-back bytes are written as slices of the generated blob: no side files.
        #expect(recording.files.isEmpty)
        #expect(recording.script.contains("let b1 = sim.blob(2024, 21827484);"))
        #expect(recording.script.contains("let r5 = call backend.uploads_put_chunk(1, 0, sim.slice(b1, 0, 1800000));"))
        #expect(recording.script.utf8.count < 64 * 1024, "\(recording.script.utf8.count) bytes")

        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("replay-recording-\(UInt64.random(in: 1...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("two-lane.repl").path
        try recording.write(scriptPath: path)
        let source = try String(contentsOfFile: path, encoding: .utf8)
        for backend in UploadCanister.Backend.allCases {
            let replayed = try await UploadCanisterRuns.run(source, path: path, backend: backend)
            #expect(replayed.result.succeeded, "\(backend): \(describe(replayed.result))")
            #expect(replayed.result.calls == 51)
            // One assertion per recorded call.
            #expect(replayed.result.passed == 51)
            let difference = ReplayDiffer.firstDifference(run.trace, replayed.trace, labels: ("recorded", "replayed"))
            #expect(difference == nil, "\(difference?.description ?? "")")
        }
    }

    @Test func twoRunsRecordTheSameBytes() async throws {
        let (_, first) = try await Self.recordTwoLane(on: .direct)
        let (_, second) = try await Self.recordTwoLane(on: .direct)
        #expect(first == second)
        #expect(Array(first.script.utf8) == Array(second.script.utf8))
        // And the other backend records the very same script.
        let (_, compat) = try await Self.recordTwoLane(on: .compat)
        #expect(compat.script == first.script)
    }

    @Test func aChangedReplyFailsTheRecordingWithBothValues() async throws {
        let (_, recording) = try await Self.recordTwoLane(on: .compat)
        // Pretend the canister used to answer with other blob ids: the replay names both values.
        let edited = recording.script.replacingOccurrences(of: "blob_id = \"blob_4\"", with: "blob_id = \"blob_9\"")
        #expect(edited != recording.script)
        let run = try await UploadCanisterRuns.run(edited, path: "edited.repl", backend: .direct)
        #expect(run.result.error == nil)
        #expect(run.result.failed == 1)
        let failure = try #require(run.result.failures.first)
        #expect(failure.position.file == "edited.repl")
        #expect(failure.left.contains("blob_id = \"blob_4\""))
        #expect(failure.right.contains("blob_id = \"blob_9\""))
    }
}
