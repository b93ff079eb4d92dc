// Tests/ReplayTests/IsolationTests.swift - a run can be driven from the main actor with a recorder

import Replay
import Testing

@Suite struct IsolationTests {
    @MainActor @Test func runFromTheMainActorWithARecorder() async throws {
        let recorder = ReplayRecorder()
        let replica = try FakeReplica()
        let result = await ReplayRunner.run(script: importKV + "call kv.count();", path: "main.repl", host: replica,
                                            observer: recorder)
        #expect(result.calls == 1)
        #expect(recorder.recording.script.contains("let r1 = call kv.count();"))
    }
}
