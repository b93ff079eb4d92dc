// Tests/UploadsTests/InterleavingPropertyTests.swift - random interleavings of sessions against the model

import Candid
import Hashing
import Testing

@testable import Uploads

@Suite("Interleaved sessions: random operations against a model")
struct InterleavingPropertyTests {
    static let runs = 1_000
    static let opsPerRun = 40
    static let baseSeed: UInt64 = 0x5EED_0000_0000_0000

    /// Runs `runs` random interleavings of begin / put (valid, duplicate, conflicting, wrong caller, out of
    /// range, wrong size) / finish (right and wrong hash, short hash, wrong length, retries) / abort / TTL
    /// over two owners and up to four sessions each, and checks every result and the final store against
    /// the model.
    @Test(arguments: Backend.allCases)
    func interleavedSessionsMatchTheModel(_ kind: Backend) throws {
        var sessionsSeen = 0
        for run in 0..<Self.runs {
            let seed = Self.baseSeed &+ UInt64(run)
            let failures = try Self.check(kind, seed: seed)
            #expect(failures.problems.isEmpty, "seed \(seed) (\(kind)): \(failures.problems.joined(separator: "\n"))")
            if !failures.problems.isEmpty { return }
            sessionsSeen += failures.sessionsBegun
        }
        // The runs did interleave many sessions (at least three per run on average).
        #expect(sessionsSeen >= 3 * Self.runs, "only \(sessionsSeen) sessions begun in \(Self.runs) runs")
    }

    struct RunReport {
        var problems: [String] = []
        var sessionsBegun = 0
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
        for step in 0..<opsPerRun {
            let op = model.randomOp(using: &rng)
            let expected = model.apply(op)
            let actual = apply(op, to: &backend, capsules: capsules, now: &now, storage: &storage)
            log.append("\(step): \(op) -> \(actual)")
            if case .session(let id) = actual, id >= UInt64(report.sessionsBegun) { report.sessionsBegun = Int(id) }
            guard actual.caseOnly == expected else {
                report.problems.append(
                    "step \(step): expected \(expected), got \(actual)\n" + log.joined(separator: "\n"))
                return report
            }
        }
        // The store holds exactly the model's blobs, byte for byte, with their SHA-256.
        let locators = backend.store.blobLocators
        if locators != model.blobs.keys.sorted(by: { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }) {
            report.problems.append("blobs \(locators) but the model has \(model.blobs.keys.sorted())")
        }
        for (locator, bytes) in model.blobs {
            let stored = try backend.store.blobBytes(locator, storage: storage)
            let digest = try backend.store.blobSHA256(locator)
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
        if backend.store.allocatedBytes != UInt64(held) {
            report.problems.append("allocated \(backend.store.allocatedBytes) bytes, model holds \(held)")
        }
        if !report.problems.isEmpty { report.problems.append(log.joined(separator: "\n")) }
        return report
    }
}
