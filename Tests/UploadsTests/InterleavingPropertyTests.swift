// Tests/UploadsTests/InterleavingPropertyTests.swift - random interleavings of sessions against the model

import Candid
import Hashing
import Testing

@testable import Uploads
import TestSupport

@Suite("Interleaved sessions: random operations against a model")
struct InterleavingPropertyTests {
    static let runs = 1_000
    static let opsPerRun = 40
    static let baseSeed: UInt64 = 0x5EED_0000_0000_0000

    /// Runs `runs` random interleavings of begin / put (valid, duplicate, conflicting, wrong caller, out of
    /// range, wrong size) / finish (right and wrong hash, short hash, wrong length, retries) / abort / TTL
    /// over two owners and up to four sessions each, and checks every result and the final store against
    /// the model.
    ///
    /// Every run opens three sessions first (alice, bob, alice, at steps 0, 2 and 4, with random operations
    /// in between), so each run has at least three sessions of two owners; the test checks that per run,
    /// and that in most runs a chunk of one session arrives between chunks of another.
    @Test(arguments: Backend.allCases)
    func interleavedSessionsMatchTheModel(_ kind: Backend) throws {
        var interleavedRuns = 0
        var sessionsBegun = 0
        for run in 0..<Self.runs {
            let seed = Self.baseSeed &+ UInt64(run)
            let report = try Self.check(kind, seed: seed)
            #expect(report.problems.isEmpty, "seed \(seed) (\(kind)): \(report.problems.joined(separator: "\n"))")
            if !report.problems.isEmpty { return }
            #expect(
                report.sessionsBegun >= 3 && report.owners == 2,
                "seed \(seed) (\(kind)): \(report.sessionsBegun) sessions of \(report.owners) owners")
            if report.interleaved { interleavedRuns += 1 }
            sessionsBegun += report.sessionsBegun
        }
        // Chunks of different sessions really interleave (A, then B, then A again) in most runs (720 of
        // the 1,000 seeded runs).
        #expect(interleavedRuns * 3 >= Self.runs * 2, "only \(interleavedRuns) of \(Self.runs) runs interleave puts")
        #expect(sessionsBegun >= 5 * Self.runs, "only \(sessionsBegun) sessions begun in \(Self.runs) runs")
    }

    struct RunReport {
        var problems: [String] = []
        /// Sessions begun (distinct ids returned by begin).
        var sessionsBegun = 0
        /// Owners that began a session.
        var owners = 0
        /// Whether an accepted chunk of one session came between two accepted chunks of another.
        var interleaved = false
    }

    static func check(_ kind: Backend, seed: UInt64) throws -> RunReport {
        var report = RunReport()
        var rng = SplitMix64(seed: seed)
        var storage = InMemoryStorage()
        var backend = try kind.make(configuration: Fixtures.small)
        var now: UInt64 = 1_000_000
        let owners = [Fixtures.alice, Fixtures.bob]
        let capsules = try owners.map { try backend.capsulesCreate(caller: $0, subject: nil, now: now).id }
        var model = UploadModel(configuration: Fixtures.small, owners: owners, now: now)
        var log: [String] = []
        var begun: Set<UInt64> = []
        var beginners: Set<Principal> = []
        var accepted: [UInt64] = []  // the session of each accepted chunk, in order
        for step in 0..<opsPerRun {
            let op =
                step < 6 && step % 2 == 0
                ? model.openingBegin(owner: step / 2 % 2, step: step, using: &rng) : model.randomOp(using: &rng)
            let expected = model.apply(op)
            let actual = apply(op, to: &backend, capsules: capsules, now: &now, storage: &storage)
            log.append("\(step): \(op) -> \(actual)")
            if case .session(let id) = actual, case .begin(let caller, _, _, _, _) = op {
                begun.insert(id)
                beginners.insert(caller)
            }
            if case .done = actual, case .put(_, let session, _, _) = op { accepted.append(session) }
            guard actual.caseOnly == expected else {
                report.problems.append(
                    "step \(step): expected \(expected), got \(actual)\n" + log.joined(separator: "\n"))
                return report
            }
        }
        report.sessionsBegun = begun.count
        report.owners = beginners.count
        report.interleaved = Self.interleaves(accepted)
        // The store holds exactly the model's blobs, byte for byte, with their SHA-256.
        let locators = backend.records.blobLocators
        if locators != model.blobs.keys.sorted(by: { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }) {
            report.problems.append("blobs \(locators) but the model has \(model.blobs.keys.sorted())")
        }
        for (locator, bytes) in model.blobs {
            let stored = try backend.records.blobBytes(locator, storage: storage)
            let digest = try backend.records.blobSHA256(locator)
            if stored != bytes || digest != SHA256.hash(bytes) {
                report.problems.append("\(locator) differs from the model")
            }
        }
        // Open sessions are the model's (after the same expiry), and the allocator holds exactly their bytes
        // plus the blobs'.
        model.sweep()
        _ = backend.sessionsCleanupExpired(now: now)
        let open = backend.pendingUploads.map(\.sessionId)
        if open != model.sessions.keys.sorted() {
            report.problems.append("open sessions \(open), model \(model.sessions.keys.sorted())")
        }
        let held =
            model.sessions.values.reduce(0) { $0 + $1.data.count } + model.blobs.values.reduce(0) { $0 + $1.count }
        if backend.records.allocatedBytes != UInt64(held) {
            report.problems.append("allocated \(backend.records.allocatedBytes) bytes, model holds \(held)")
        }
        if !report.problems.isEmpty { report.problems.append(log.joined(separator: "\n")) }
        return report
    }

    /// Whether some session's chunks were accepted before and after a chunk of another session.
    static func interleaves(_ sessions: [UInt64]) -> Bool {
        var seen: Set<UInt64> = []
        var previous: UInt64?
        for session in sessions {
            if let previous, previous != session, seen.contains(session) { return true }
            seen.insert(session)
            previous = session
        }
        return false
    }
}
