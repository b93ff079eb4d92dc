// Tests/CanisterRuntimeTests/PropertyTests.swift - random call sequences against a model of the semantics

import Candid
import Testing
import TestSupport
@testable import CanisterRuntime

/// What `RawCounter` must hold if only the messages that did not trap took effect.
private struct Model {
    var count: UInt64 = 0
    var entries: [UInt64: UInt64] = [:]
    var preUpgradeTraps = false
    var upgrades: UInt64 = 0
    var stable: [UInt8] = []
    var time = ReplicaConfiguration.defaultStartTime
    var timers: [(due: UInt64, order: Int, amount: UInt64)] = []
    var timerOrder = 0

    mutating func ensure(bytes: UInt64) {
        let pageSize = UInt64(StableMemory.pageSize)
        let pages = (bytes + pageSize - 1) / pageSize
        if UInt64(stable.count) / pageSize < pages {
            stable += [UInt8](repeating: 0, count: Int(pages * pageSize) - stable.count)
        }
    }

    mutating func write(_ bytes: [UInt8], at offset: UInt64) {
        ensure(bytes: offset + UInt64(bytes.count))
        stable.replaceSubrange(Int(offset)..<(Int(offset) + bytes.count), with: bytes)
    }

    var pageCount: UInt64 { UInt64(stable.count / StableMemory.pageSize) }

    var sortedEntries: [UInt8] {
        entries.keys.sorted().flatMap { le($0) + le(entries[$0] ?? 0) }
    }
}

@Suite struct PropertyTests {
    static let seeds: [UInt64] = [1, 0xC0FFEE, 0x1234_5678_9ABC]

    @Test(arguments: Self.seeds)
    func randomSequencesMatchTheModel(seed: UInt64) async throws {
        var random = SplitMix64(seed: seed)
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        var model = Model()

        func pick(_ bound: UInt64) -> UInt64 { random.next() % bound }

        for step in 0..<400 {
            let where_ = "seed \(seed) step \(step)"
            switch pick(16) {
            case 0, 1:
                model.count += 1
                #expect(await replica.update(id, method: "inc", argument: []) == .success(le(model.count)), "\(where_)")
            case 2:
                let reject = await replica.update(id, method: "inc_then_trap", argument: []).failure
                #expect(reject?.errorCode == .canisterCalledTrap, "\(where_)")
            case 3:
                let reject = await replica.update(id, method: "inc_then_throw", argument: []).failure
                #expect(reject?.errorCode == .canisterCalledTrap, "\(where_)")
            case 4:
                model.count += 1
                let reject = await replica.update(id, method: "inc_then_reject", argument: []).failure
                #expect(reject?.code == .canisterReject, "\(where_)")
            case 5:
                let key = pick(40)
                let value = random.next()
                model.entries[key] = value
                let reply = await replica.update(id, method: "put", argument: le(key) + le(value))
                #expect(reply == .success(le(UInt64(model.entries.count))), "\(where_)")
            case 6:
                let reply = await replica.update(id, method: "put_then_trap", argument: le(pick(40)) + le(1))
                #expect(reply.failure?.errorCode == .canisterCalledTrap, "\(where_)")
            case 7:
                let offset = pick(UInt64(3 * StableMemory.pageSize - 64))
                let bytes = (0..<(1 + pick(64))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                model.write(bytes, at: offset)
                let reply = await replica.update(id, method: "write_stable", argument: le(offset) + bytes)
                #expect(reply == .success(le(model.pageCount)), "\(where_)")
            case 8:
                let offset = pick(UInt64(6 * StableMemory.pageSize))
                let reply = await replica.update(id, method: "write_stable_then_trap", argument: le(offset) + [1, 2])
                #expect(reply.failure?.errorCode == .canisterCalledTrap, "\(where_)")
            case 9:
                if model.preUpgradeTraps {
                    await #expect(throws: Reject.self, "\(where_)") { try await replica.upgrade(id, argument: []) }
                } else {
                    try await replica.upgrade(id, argument: [])
                    let image = RawCounter.image(
                        count: model.count, upgrades: model.upgrades,
                        entries: PersistentMap(model.entries.map { ($0.key, $0.value) })
                    )
                    model.write(image, at: RawCounter.imageOffset)
                    model.upgrades += 1
                    model.timers = []
                }
            case 10:
                await #expect(throws: Reject.self, "\(where_)") {
                    try await replica.install(CanisterModule(BrokenUpgrade.self), on: id, mode: .upgrade, argument: [])
                }
            case 11:
                model.preUpgradeTraps = pick(3) == 0
                _ = await replica.update(id, method: "arm_pre_upgrade_trap", argument: [model.preUpgradeTraps ? 1 : 0])
            case 12:
                let jump = pick(1_500)
                model.time += jump
                try replica.advance(nanoseconds: jump)
            case 13:
                let delay = pick(2_000)
                let amount = 1 + pick(5)
                model.timers.append((model.time + delay, model.timerOrder, amount))
                model.timerOrder += 1
                #expect(await replica.update(id, method: "set_timer", argument: le(delay) + le(amount)).success != nil)
            case 14:
                let due = model.timers.filter { $0.due <= model.time }
                    .sorted { ($0.due, $0.order) < ($1.due, $1.order) }
                model.timers.removeAll { $0.due <= model.time }
                for timer in due { model.count += timer.amount }
                #expect(await replica.tick() == due.count, "\(where_)")
            default:
                if model.stable.isEmpty { break }
                let offset = pick(UInt64(model.stable.count))
                let count = min(pick(100), UInt64(model.stable.count) - offset)
                let expected = Array(model.stable[Int(offset)..<Int(offset + count)])
                let reply = await replica.query(id, method: "read_stable", argument: le(offset) + le(count))
                #expect(reply == .success(expected), "\(where_)")
            }
            #expect(await replica.query(id, method: "get", argument: []) == .success(le(model.count)), "\(where_)")
            #expect(await replica.query(id, method: "time", argument: []) == .success(le(model.time)), "\(where_)")
            if step % 50 == 49 {
                await checkEverything(replica, id, model, where_)
            }
        }
        await checkEverything(replica, id, model, "seed \(seed) at the end")
    }

    private func checkEverything(_ replica: Replica, _ id: Principal, _ model: Model, _ where_: String) async {
        #expect(await replica.query(id, method: "entries", argument: []) == .success(model.sortedEntries), "\(where_)")
        #expect(await replica.query(id, method: "upgrades", argument: []) == .success(le(model.upgrades)), "\(where_)")
        let memory = try? await replica.stableMemory(of: id).bytes
        #expect(memory == model.stable, "\(where_): stable memory differs")
        let state = try? await replica.state(of: id, as: RawCounter.self)
        #expect(state?.preUpgradeTraps == model.preUpgradeTraps, "\(where_)")
        #expect(state?.entries.isValid == true, "\(where_)")
    }
}
