// Tests/UploadsTests/DifferentialTests.swift - direct and compat on the same random calls: equal results, equal stores

import Candid
import Testing
@testable import Uploads

@Suite("Differential: direct and compat")
struct DifferentialTests {
    static let runs = 300
    static let opsPerRun = 60

    /// The same random operation sequences on this backend and the other give equal results (error texts
    /// included) after every call, and equal stores, snapshots and storage bytes at the end.
    @Test(arguments: Backend.allCases)
    func sameCallsGiveEqualResultsAndStores(_ kind: Backend) throws {
        for run in 0 ..< Self.runs {
            let seed = 0xD1FF_0000_0000_0000 &+ UInt64(run)
            let problem = try Self.compare(kind, kind.other, seed: seed)
            #expect(problem == nil, "seed \(seed): \(problem ?? "")")
            if problem != nil { return }
        }
    }

    static func compare(_ first: Backend, _ second: Backend, seed: UInt64) throws -> String? {
        var rng = SplitMix64(seed: seed)
        let storages = [InMemoryStorage(), InMemoryStorage()]
        var backends = [
            try first.make(configuration: Fixtures.small, storage: storages[0]),
            try second.make(configuration: Fixtures.small, storage: storages[1]),
        ]
        var clocks: [UInt64] = [1_000_000, 1_000_000]
        let owners = [Fixtures.alice, Fixtures.bob]
        var capsules: [[String]] = [[], []]
        for side in 0 ..< 2 {
            capsules[side] = try owners.map { try backends[side].capsulesCreate(caller: $0, subject: nil, now: clocks[side]).id }
        }
        var model = UploadModel(configuration: Fixtures.small, owners: owners, now: clocks[0])
        var log: [String] = []
        for step in 0 ..< opsPerRun {
            let op = model.randomOp(using: &rng)
            _ = model.apply(op)
            let a = apply(op, to: &backends[0], capsules: capsules[0], now: &clocks[0])
            let b = apply(op, to: &backends[1], capsules: capsules[1], now: &clocks[1])
            log.append("\(step): \(op) -> \(a)")
            if a != b { return "step \(step): \(first) \(a), \(second) \(b)\n" + log.joined(separator: "\n") }
            // Admin text too.
            if backends[0].sessionsList(now: clocks[0]) != backends[1].sessionsList(now: clocks[1])
                || backends[0].sessionsStats != backends[1].sessionsStats
            {
                return "step \(step): sessions_list or sessions_stats differ\n" + log.joined(separator: "\n")
            }
        }
        if backends[0].store != backends[1].store { return "stores differ\n" + log.joined(separator: "\n") }
        if backends[0].snapshot() != backends[1].snapshot() { return "snapshots differ\n" + log.joined(separator: "\n") }
        if storages[0].bytes != storages[1].bytes { return "storage bytes differ\n" + log.joined(separator: "\n") }
        return nil
    }
}
