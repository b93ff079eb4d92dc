// Tests/ReplayTests/LargeUploadTests.swift - the 21 MB scenario: a seeded blob sent in 13 chunks of 1.8 MB

import Candid
import Replay
import Testing

@Suite struct LargeUploadTests {
    static let script = importKV + """
        let data = sim.blob(2024, 21_827_484);
        let chunk = 1_800_000;
        let i = 0;
        while lt(mul(i, chunk), sim.len(data)) {
          call kv.put(stringify("chunk", i), sim.slice(data, mul(i, chunk), chunk));
          assert exist(_.Ok) == true;
          let i = add(i, 1);
        };
        assert i == 13;
        call kv.total();
        assert _ == (21_827_484 : nat);
        """

    @Test func thirteenChunksOfASeededBlobRecordAndReplay() async throws {
        let recorder = ReplayRecorder()
        let (result, replica) = try await runScript(Self.script, observer: recorder)
        #expect(result.error == nil, "\(result.summary)")
        #expect(result.calls == 14)
        #expect(result.passed == 15)
        let store = await replica.store
        #expect(store.count == 13)
        #expect(store["chunk12"]?.count == 21_827_484 - 12 * 1_800_000)
        let whole = SeededBytes.generate(seed: 2024, count: 21_827_484)
        #expect(store["chunk5"].map { $0 == Array(whole[9_000_000..<10_800_000]) } == true)

        let recording = recorder.recording
        #expect(recording.files.isEmpty)
        #expect(recording.script.utf8.count < 4_000)
        #expect(recording.script.contains("let b1 = sim.blob(2024, 21827484);"))
        #expect(recording.script.contains("call kv.put(\"chunk12\", sim.slice(b1, 21600000, 227484))"))
        let (replayed, _) = try await runScript(recording.script)
        #expect(replayed.succeeded, "\(replayed.summary)")
        #expect(replayed.passed == 14)
    }
}
