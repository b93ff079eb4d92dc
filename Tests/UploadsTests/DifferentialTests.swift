// Tests/UploadsTests/DifferentialTests.swift - direct and compat on the same random calls: equal results, equal stores

import Candid
import Testing

@testable import Uploads
import TestSupport

@Suite("Differential: direct and compat")
struct DifferentialTests {
    static let runs = 300
    static let opsPerRun = 60

    /// The same random operation sequences on this backend and the other give equal results (error texts
    /// included) after every call, and equal stores, snapshots and storage bytes at the end.
    /// (One direction: comparing compat with direct is the same comparison.)
    @Test func sameCallsGiveEqualResultsAndStores() throws {
        for run in 0..<Self.runs {
            let seed = 0xD1FF_0000_0000_0000 &+ UInt64(run)
            let problem = try Self.compare(.direct, .compat, seed: seed)
            #expect(problem == nil, "seed \(seed): \(problem ?? "")")
            if problem != nil { return }
        }
    }

    static func compare(_ first: Backend, _ second: Backend, seed: UInt64) throws -> String? {
        var rng = SplitMix64(seed: seed)
        var storages = [InMemoryStorage(), InMemoryStorage()]
        var backends = [try first.make(configuration: Fixtures.small), try second.make(configuration: Fixtures.small)]
        var clocks: [UInt64] = [1_000_000, 1_000_000]
        let owners = [Fixtures.alice, Fixtures.bob]
        var capsules: [[String]] = [[], []]
        for side in 0..<2 {
            capsules[side] = try owners.map {
                try backends[side].capsulesCreate(caller: $0, subject: nil, now: clocks[side]).id
            }
        }
        var model = UploadModel(configuration: Fixtures.small, owners: owners, now: clocks[0])
        var log: [String] = []
        for step in 0..<opsPerRun {
            let op = model.randomOp(using: &rng)
            _ = model.apply(op)
            let a = apply(op, to: &backends[0], capsules: capsules[0], now: &clocks[0], storage: &storages[0])
            let b = apply(op, to: &backends[1], capsules: capsules[1], now: &clocks[1], storage: &storages[1])
            log.append("\(step): \(op) -> \(a)")
            if a != b { return "step \(step): \(first) \(a), \(second) \(b)\n" + log.joined(separator: "\n") }
            // Admin text too.
            if backends[0].sessionsList(now: clocks[0]) != backends[1].sessionsList(now: clocks[1])
                || backends[0].sessionsStats != backends[1].sessionsStats
            {
                return "step \(step): sessions_list or sessions_stats differ\n" + log.joined(separator: "\n")
            }
        }
        if backends[0].records != backends[1].records { return "stores differ\n" + log.joined(separator: "\n") }
        if backends[0].snapshot() != backends[1].snapshot() {
            return "snapshots differ\n" + log.joined(separator: "\n")
        }
        if storages[0].bytes != storages[1].bytes { return "storage bytes differ\n" + log.joined(separator: "\n") }
        return nil
    }

    /// Random sequences where the subject is upgraded at random steps (persist, then restore into the other
    /// backend, alternating) give the same results and state as a twin that is never upgraded.
    @Test(arguments: Backend.allCases)
    func upgradesThatSwitchBackendChangeNothing(_ kind: Backend) throws {
        for run in 0..<150 {
            let seed = 0x0B6A_0000_0000_0000 &+ UInt64(run)
            let problem = try Self.upgradeRun(kind, seed: seed)
            #expect(problem == nil, "seed \(seed): \(problem ?? "")")
            if problem != nil { return }
        }
    }

    static func upgradeRun(_ kind: Backend, seed: UInt64) throws -> String? {
        var rng = SplitMix64(seed: seed)
        var storages = [InMemoryStorage(), InMemoryStorage()]
        var twin = try kind.make(configuration: Fixtures.small)
        var subject = try kind.make(configuration: Fixtures.small)
        var subjectKind = kind
        var clocks: [UInt64] = [1_000_000, 1_000_000]
        let owners = [Fixtures.alice, Fixtures.bob]
        let capsules = try owners.map { try twin.capsulesCreate(caller: $0, subject: nil, now: clocks[0]).id }
        _ = try owners.map { try subject.capsulesCreate(caller: $0, subject: nil, now: clocks[1]).id }
        var model = UploadModel(configuration: Fixtures.small, owners: owners, now: clocks[0])
        var log: [String] = []
        var upgrades = 0
        for step in 0..<opsPerRun {
            if Int.random(in: 0..<8, using: &rng) == 0 {
                try subject.persist(into: &storages[1])
                subjectKind = subjectKind.other
                subject = try subjectKind.restore(from: storages[1])
                upgrades += 1
                log.append("\(step): upgrade to \(subjectKind)")
            }
            let op = model.randomOp(using: &rng)
            _ = model.apply(op)
            let a = apply(op, to: &twin, capsules: capsules, now: &clocks[0], storage: &storages[0])
            let b = apply(op, to: &subject, capsules: capsules, now: &clocks[1], storage: &storages[1])
            log.append("\(step): \(op) -> \(a)")
            if a != b { return "step \(step): twin \(a), upgraded \(b)\n" + log.joined(separator: "\n") }
        }
        if twin.snapshot() != subject.snapshot() { return "snapshots differ\n" + log.joined(separator: "\n") }
        for locator in twin.records.blobLocators
        where try twin.records.blobBytes(locator, storage: storages[0])
            != subject.records.blobBytes(locator, storage: storages[1])
        {
            return "\(locator) differs after \(upgrades) upgrades"
        }
        return nil
    }
}
