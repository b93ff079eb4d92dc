// Tests/ReplayTests/ShrinkerTests.swift - delta debugging, and the fuzzer catching a real difference

import Replay
import Testing
import UploadCanister

@Suite struct ShrinkerTests {
    @Test func ddminFindsTheTwoLinesThatMatter() async {
        let lines = (0..<60).map { "line \($0)" }
        let (shrunk, tries) = await Shrinker.shrink(lines, pinned: 1) { candidate in
            candidate.contains("line 7") && candidate.contains("line 31")
        }
        #expect(shrunk == ["line 0", "line 7", "line 31"])
        #expect(tries < 60)
    }

    @Test func ddminKeepsEverythingWhenEveryLineMatters() async {
        let lines = (0..<9).map { "line \($0)" }
        let (shrunk, _) = await Shrinker.shrink(lines) { $0.count == 9 }
        #expect(shrunk == lines)
    }

    @Test func ddminCanDropEveryUnpinnedLine() async {
        let (shrunk, _) = await Shrinker.shrink(["import", "a", "b", "c"], pinned: 1) { _ in true }
        #expect(shrunk == ["import"])
    }

    /// Two canisters that differ (one allows 3 open sessions per caller, the other 2): the fuzzer finds a
    /// script that shows it and shrinks it to the few lines that matter.
    @Test func theFuzzerFindsAndShrinksAPlantedDifference() async throws {
        let left = FuzzSetup(backend: .compat)
        let right = FuzzSetup(backend: .direct, maxActive: 2)
        var found: (seed: UInt64, lines: [String])?
        for seed in DifferentialFuzz.seedBase..<(DifferentialFuzz.seedBase + 200) {
            let lines = DifferentialFuzz.script(seed: seed)
            if await DifferentialFuzz.difference(lines, seed: seed, left: left, right: right) != nil {
                found = (seed, lines)
                break
            }
        }
        let (seed, lines) = try #require(found, "no script of 200 opened a third session")
        let report = await DifferentialFuzz.report(seed: seed, lines: lines, left: left, right: right)
        #expect(report.hasPrefix("seed \(seed) (seed base \(DifferentialFuzz.seedBase)): "))
        #expect(report.contains("uploads_begin differs"), "\(report)")
        #expect(report.contains("ResourceExhausted"), "\(report)")

        let (shrunk, _) = await Shrinker.shrink(lines, pinned: 1) { candidate in
            await DifferentialFuzz.difference(candidate, seed: seed, left: left, right: right) != nil
        }
        #expect(shrunk.count < lines.count)
        #expect(shrunk.first == lines.first)
        // Three begins by one caller on one capsule (and its capsule) are all it takes.
        #expect(shrunk.count <= 8, "seed \(seed):\n\(shrunk.joined(separator: "\n"))")
        let begins = shrunk.filter { $0.contains("uploads_begin") }.count
        #expect(begins == 3, "seed \(seed):\n\(shrunk.joined(separator: "\n"))")
        #expect(await DifferentialFuzz.difference(shrunk, seed: seed, left: left, right: right) != nil)
    }
}
