// Tests/ReplayTests/DifferentialFuzzTests.swift - random scripts on compat and direct: the replies must match

import Candid
import CanisterRuntime
import Foundation
import Replay
import Testing
import UploadCanister
import TestSupport

/// The upload canister as the fuzzer installs it: tiny chunks and limits, so scripts are fast and reach
/// every limit.
struct FuzzSetup: Sendable {
    var backend: UploadCanister.Backend
    var maxActive: UInt32 = UInt32(ScriptGenerator.maxActive)

    var argument: UploadCanister.InitArg {
        UploadCanister.InitArg(
            backend: backend, chunkSize: UInt32(ScriptGenerator.chunkSize),
            maxChunks: UInt32(ScriptGenerator.maxChunks),
            maxActivePerCaller: maxActive, sessionTTLNanoseconds: ScriptGenerator.ttl
        )
    }
}

/// What the fuzzed runs did, summed.
struct FuzzStats: Sendable {
    var scripts = 0
    var calls = 0
    var okReplies = 0
    var errReplies = 0
    var rejects = 0
    var finishedUploads = 0
    var upgrades = 0
    var stopped = 0

    mutating func add(_ other: FuzzStats) {
        scripts += other.scripts
        calls += other.calls
        okReplies += other.okReplies
        errReplies += other.errReplies
        rejects += other.rejects
        finishedUploads += other.finishedUploads
        upgrades += other.upgrades
        stopped += other.stopped
    }

    /// Counts one run (of the pair; the other gave the same replies).
    mutating func count(_ run: UploadRun) {
        scripts += 1
        calls += run.result.calls
        if run.result.error != nil { stopped += 1 }
        for entry in run.trace.entries {
            switch entry {
            case .upgrade: upgrades += 1
            case .call(let call):
                guard case .reply(let value, _) = call.outcome else {
                    rejects += 1
                    continue
                }
                guard case .variant(let label, _) = value else { continue }
                if label == CandidLabel("Ok") {
                    okReplies += 1
                    if call.method == "uploads_finish" { finishedUploads += 1 }
                } else if label == CandidLabel("Err") {
                    errReplies += 1
                }
            }
        }
    }

    var summary: String {
        "\(scripts) scripts, \(calls) calls per backend (\(okReplies) Ok, \(errReplies) Err, \(rejects) rejected), "
            + "\(finishedUploads) finished uploads, \(upgrades) upgrades, \(stopped) scripts stopped by an error"
    }
}

enum DifferentialFuzz {
    /// The first seed; seed `base + i` makes script `i`. `REPLAY_FUZZ_SEED` overrides it.
    static let seedBase: UInt64 = {
        let text = ProcessInfo.processInfo.environment["REPLAY_FUZZ_SEED"] ?? ""
        return UInt64(text) ?? 0x5EED_2026
    }()
    /// Whether to run the full 1,000 scripts: with `CI` or `CANISTER_SIM_FULL_FUZZ` set.
    /// Otherwise a quick 100, so a local `swift test` stays fast.
    static let full: Bool = {
        let environment = ProcessInfo.processInfo.environment
        return environment["CI"] != nil || environment["CANISTER_SIM_FULL_FUZZ"] != nil
    }()
    /// Scripts per batch; the batches run concurrently.
    static let batchSize = full ? 125 : 25
    static let batches = full ? 8 : 4

    /// The script of `seed`.
    static func script(seed: UInt64) -> [String] {
        var generator = ScriptGenerator(seed: seed)
        var random = SplitMix64(seed: seed ^ 0xA5A5)
        return generator.script(statements: random.int(12...40))
    }

    /// Runs `lines` on `left` and `right`; how they differ (replies, upgrade outcomes, assertion results,
    /// stopping error, then, for even seeds, stable memory after a final upgrade), or `nil`, and what the
    /// left run did.
    static func compare(_ lines: [String], seed: UInt64, left: FuzzSetup, right: FuzzSetup) async
        -> (difference: String?, stats: FuzzStats)
    {
        let source = lines.joined(separator: "\n")
        let path = "fuzz-\(seed).repl"
        var stats = FuzzStats()
        do {
            let a = try await UploadCanisterRuns.run(
                source, path: path, backend: left.backend, argument: left.argument
            )
            let b = try await UploadCanisterRuns.run(
                source, path: path, backend: right.backend, argument: right.argument
            )
            stats.count(a)
            if let difference = ReplayDiffer.firstDifference(a.trace, b.trace, labels: (left.label, right.label)) {
                return (difference.description, stats)
            }
            let stopA = a.result.error?.description ?? "none"
            let stopB = b.result.error?.description ?? "none"
            if stopA != stopB { return ("the runs stopped differently: \(stopA) / \(stopB)", stats) }
            if a.result.passed != b.result.passed || a.result.failed != b.result.failed {
                return ("assertions differ: \(a.result.summary) / \(b.result.summary)", stats)
            }
            // Stable memory holds the limits too, so it is compared only between equal limits; an upgrade
            // per run costs as much as a few dozen calls, so it is done for every other seed.
            if left.maxActive == right.maxActive, seed % 2 == 0,
                let difference = try await stableMemoryDifference(a, b)
            {
                return (difference, stats)
            }
            return (nil, stats)
        } catch {
            return ("cannot install: \(error)", stats)
        }
    }

    /// Upgrades both canisters to the direct backend (so each persists its state in the common form)
    /// and compares their stable memory byte for byte.
    static func stableMemoryDifference(_ a: UploadRun, _ b: UploadRun) async throws -> String? {
        var bytes: [[UInt8]] = []
        for run in [a, b] {
            try await run.replica.upgrade(
                run.canister, to: UploadCanister.self, argument: UploadCanister.InitArg(backend: .direct)
            )
            let memory = try await run.replica.stableMemory(of: run.canister)
            bytes.append(try memory.read(at: 0, count: Int(memory.byteCount)))
        }
        guard bytes[0] != bytes[1] else { return nil }
        let first = zip(bytes[0], bytes[1]).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(bytes[0].count, bytes[1].count)
        return "stable memory differs after an upgrade: \(bytes[0].count) and \(bytes[1].count) bytes, "
            + "first difference at byte \(first)"
    }

    static func difference(_ lines: [String], seed: UInt64, left: FuzzSetup, right: FuzzSetup) async -> String? {
        await compare(lines, seed: seed, left: left, right: right).difference
    }

    /// Seed, difference and the shrunk script, for the failure message.
    static func report(seed: UInt64, lines: [String], left: FuzzSetup, right: FuzzSetup) async -> String {
        let first = await difference(lines, seed: seed, left: left, right: right) ?? "(not reproduced)"
        let (shrunk, tries) = await Shrinker.shrink(lines, pinned: 1) { candidate in
            await difference(candidate, seed: seed, left: left, right: right) != nil
        }
        let last = await difference(shrunk, seed: seed, left: left, right: right) ?? "(not reproduced)"
        return """
            seed \(seed) (seed base \(seedBase)): \(first)
            shrunk from \(lines.count) to \(shrunk.count) lines in \(tries) tries: \(last)
            \(shrunk.joined(separator: "\n"))
            """
    }

    /// Runs scripts `first ..< first + count` on both setups; the first difference's report, or `nil`.
    static func batch(first: UInt64, count: Int, left: FuzzSetup, right: FuzzSetup) async
        -> (report: String?, stats: FuzzStats)
    {
        var stats = FuzzStats()
        for seed in first..<(first + UInt64(count)) {
            let lines = script(seed: seed)
            let (difference, runStats) = await compare(lines, seed: seed, left: left, right: right)
            stats.add(runStats)
            if difference != nil {
                return (await report(seed: seed, lines: lines, left: left, right: right), stats)
            }
        }
        return (nil, stats)
    }
}

extension FuzzSetup {
    var label: String {
        maxActive == UInt32(ScriptGenerator.maxActive) ? backend.rawValue : "\(backend) (max_active \(maxActive))"
    }
}

@Suite struct DifferentialFuzzTests {
    @Test func compatAndDirectGiveIdenticalRepliesToEveryFuzzScript() async throws {
        let base = DifferentialFuzz.seedBase
        let total = DifferentialFuzz.batches * DifferentialFuzz.batchSize
        print("differential fuzz: seed base \(base), \(total) scripts (set REPLAY_FUZZ_SEED to change the base)")
        let clock = ContinuousClock()
        let start = clock.now
        let results = await withTaskGroup(of: (Int, String?, FuzzStats).self) { group in
            for batch in 0..<DifferentialFuzz.batches {
                group.addTask {
                    let first = base + UInt64(batch * DifferentialFuzz.batchSize)
                    let (report, stats) = await DifferentialFuzz.batch(
                        first: first, count: DifferentialFuzz.batchSize,
                        left: FuzzSetup(backend: .compat), right: FuzzSetup(backend: .direct)
                    )
                    return (batch, report, stats)
                }
            }
            var results: [(Int, String?, FuzzStats)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }
        }
        var stats = FuzzStats()
        for (_, report, batchStats) in results {
            stats.add(batchStats)
            if let report { Issue.record(Comment(rawValue: report)) }
        }
        print("differential fuzz: \(stats.summary), in \(clock.now - start)")
        #expect(stats.scripts == total, "seed base \(base)")
        // The scripts reach the interesting paths: successful uploads, errors, upgrades; none stops early.
        #expect(stats.stopped == 0, "seed base \(base)")
        #expect(stats.finishedUploads > total / 2, "seed base \(base): \(stats.summary)")
        #expect(stats.errReplies > stats.scripts * 5, "seed base \(base): \(stats.summary)")
        #expect(stats.upgrades > total / 2, "seed base \(base): \(stats.summary)")
    }
}
