// Tests/CanisterRuntimeTests/TimeAndTimerTests.swift - the clock, and timers run by tick

import Candid
import Testing
@testable import CanisterRuntime

@Suite struct TimeAndTimerTests {
    let start = ReplicaConfiguration.defaultStartTime

    @Test func clockStartsFixedAndMovesOnlyWhenTold() async throws {
        let replica = Replica()
        #expect(replica.time == 1_767_225_600_000_000_000)
        let id = try await installRawCounter(on: replica)
        #expect(await replica.query(id, method: "time", argument: []) == .success(le(start)))
        try replica.advance(by: .seconds(2))
        try replica.advance(nanoseconds: 5)
        #expect(replica.time == start + 2_000_000_005)
        #expect(await replica.update(id, method: "time_twice", argument: [])
            == .success(le(start + 2_000_000_005) + le(start + 2_000_000_005)))
        try replica.setTime(start + 3_000_000_000)
        try replica.setTime(start + 3_000_000_000)
        #expect(replica.time == start + 3_000_000_000)
    }

    @Test func timeNeverGoesBackwards() throws {
        var configuration = ReplicaConfiguration()
        configuration.startTime = 1_000
        let replica = Replica(configuration: configuration)
        let backwards = #expect(throws: TimeError.self) { try replica.setTime(999) }
        #expect(backwards?.code == .backwards)
        #expect(backwards?.current == 1_000)
        #expect(backwards?.description == "cannot set the time to 999 ns: it is before the current time 1000 ns")
        let negative = #expect(throws: TimeError.self) { try replica.advance(by: .seconds(-1)) }
        #expect(negative?.code == .negativeDuration)
        let overflow = #expect(throws: TimeError.self) { try replica.advance(nanoseconds: .max) }
        #expect(overflow?.code == .overflow)
        #expect(replica.time == 1_000)
    }

    @Test func oneShotTimerRunsAtItsTime() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        #expect(await replica.update(id, method: "set_timer", argument: le(1_000) + le(10)) == .success(le(1)))
        #expect(replica.nextTimerDue == start + 1_000)
        #expect(await replica.tick() == 0)
        try replica.advance(nanoseconds: 999)
        #expect(await replica.tick() == 0)
        try replica.advance(nanoseconds: 1)
        #expect(await replica.tick() == 1)
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(10)))
        #expect(await replica.tick() == 0)
        #expect(replica.nextTimerDue == nil)
    }

    @Test func timersRunInDueOrderThenRegistrationOrder() async throws {
        let replica = Replica()
        let first = try await installRawCounter(on: replica)
        let second = try await installRawCounter(on: replica)
        // Same due time on two canisters, registered second-then-first, plus an earlier one.
        _ = await replica.update(second, method: "set_timer", argument: le(500) + le(1))
        _ = await replica.update(first, method: "set_timer", argument: le(500) + le(2))
        _ = await replica.update(first, method: "set_timer", argument: le(100) + le(4))
        try replica.advance(nanoseconds: 1_000)
        replica.clearCallLog()
        #expect(await replica.tick() == 3)
        let order = replica.callLog.map { $0.canister }
        #expect(order == [first, second, first])
        #expect(replica.callLog.allSatisfy { $0.kind == .timer && $0.method == "canister_global_timer" })
        #expect(replica.callLog.allSatisfy { $0.caller == .managementCanister && $0.time == start + 1_000 })
        #expect(await replica.query(first, method: "get", argument: []) == .success(le(6)))
        #expect(await replica.query(second, method: "get", argument: []) == .success(le(1)))
    }

    @Test func oneShotAndPeriodicTimersRunInTimeOrder() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        // Periodic every 100 ns (marker 1), one-shots at 150 (2), 50 (3) and 250 (4), registered in that order.
        _ = await replica.update(id, method: "set_marker_periodic", argument: le(100) + le(1))
        _ = await replica.update(id, method: "set_marker_timer", argument: le(150) + le(2))
        _ = await replica.update(id, method: "set_marker_timer", argument: le(50) + le(3))
        _ = await replica.update(id, method: "set_marker_timer", argument: le(250) + le(4))
        var ran: [Int] = []
        for _ in 0 ..< 6 {
            try replica.advance(nanoseconds: 50)
            ran.append(await replica.tick())
        }
        // At 50: 3; 100: 1; 150: 2; 200: 1; 250: 4; 300: 1.
        #expect(ran == [1, 1, 1, 1, 1, 1])
        #expect(await replica.query(id, method: "trail", argument: []) == .success([3, 1, 2, 1, 4, 1].flatMap(le)))
        #expect(replica.nextTimerDue == start + 400)

        // One tick long after: every due timer once, by due time (the periodic one at 400 before the one-shot
        // at 450), and the periodic one is next due 100 after that run.
        _ = await replica.update(id, method: "set_marker_timer", argument: le(150) + le(5))  // due 450
        try replica.advance(nanoseconds: 700)  // now 1,000
        replica.clearCallLog()
        #expect(await replica.tick() == 2)
        let trail = [3, 1, 2, 1, 4, 1, 1, 5].flatMap(le)
        #expect(await replica.query(id, method: "trail", argument: []) == .success(trail))
        #expect(replica.callLog.filter { $0.kind == .timer }.map(\.time) == [start + 1_000, start + 1_000])
        #expect(replica.nextTimerDue == start + 1_100)
    }

    @Test func timerContextNamesTheManagementCanister() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        _ = await replica.update(id, method: "caller_of_timer", argument: [])
        #expect(await replica.tick() == 1)
        let state = try await replica.state(of: id, as: RawCounter.self)
        #expect(state.entries[1_000] == 0 && state.entries[1_001] == 1)
    }

    @Test func periodicTimerRepeatsAndCanClearItself() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        _ = await replica.update(id, method: "set_periodic", argument: le(100))
        // Due at +100; a tick long after runs it once, next due 100 after that run.
        try replica.advance(nanoseconds: 250)
        #expect(await replica.tick() == 1)
        #expect(replica.nextTimerDue == start + 350)
        #expect(await replica.tick() == 0)
        try replica.advance(nanoseconds: 100)
        #expect(await replica.tick() == 1)
        try replica.advance(nanoseconds: 100)
        #expect(await replica.tick() == 1)  // third run clears the timer
        try replica.advance(nanoseconds: 1_000)
        #expect(await replica.tick() == 0)
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(3)))
        #expect(replica.nextTimerDue == nil)
    }

    @Test func trappingTimerRollsBack() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        _ = await replica.update(id, method: "set_trapping_timer", argument: le(0))
        #expect(await replica.tick() == 1)
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(0)))
        let record = try #require(replica.callLog.last { $0.kind == .timer })
        #expect(record.kind == .timer)
        #expect(record.result.failure?.message
            == "Error from Canister \(id): Canister called `ic0.trap` with message: 'timer boom'.")
        #expect(await replica.tick() == 0)
    }

    @Test func rejectInATimerIsAContractViolation() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        _ = await replica.update(id, method: "set_rejecting_timer", argument: [])
        #expect(await replica.tick() == 1)
        let record = try #require(replica.callLog.last)
        #expect(record.result.failure == Reject(code: .canisterError, errorCode: .canisterContractViolation,
            message: "Error from Canister \(id): Canister violated contract: ic0.msg_reject cannot be called in "
                + "a timer: nobody to reject."))
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(0)))
    }

    @Test func timerSetByATrappingMessageDoesNotExist() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        #expect(await replica.update(id, method: "set_timer_then_trap", argument: le(0)).failure != nil)
        #expect(replica.nextTimerDue == nil)
        #expect(await replica.tick() == 0)
    }

    @Test func clearedTimerDoesNotRun() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        let timer = try #require(await replica.update(id, method: "set_timer", argument: le(10) + le(1)).success)
        _ = await replica.update(id, method: "clear_timer", argument: timer)
        try replica.advance(nanoseconds: 10)
        #expect(await replica.tick() == 0)
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(0)))
    }

    @Test func upgradeClearsTimers() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        _ = await replica.update(id, method: "set_timer", argument: le(10) + le(1))
        try await replica.upgrade(id, argument: [])
        try replica.advance(nanoseconds: 10)
        #expect(await replica.tick() == 0)
        #expect(replica.nextTimerDue == nil)
    }

    @Test func failedUpgradeKeepsTimers() async throws {
        let replica = Replica()
        let id = try await installRawCounter(on: replica)
        _ = await replica.update(id, method: "set_timer", argument: le(10) + le(1))
        await #expect(throws: Reject.self) {
            try await replica.install(CanisterModule(BrokenUpgrade.self), on: id, mode: .upgrade, argument: [])
        }
        try replica.advance(nanoseconds: 10)
        #expect(await replica.tick() == 1)
        #expect(await replica.query(id, method: "get", argument: []) == .success(le(1)))
    }

    @Test func durationConversion() throws {
        #expect(try CallContext.nanoseconds(.milliseconds(3)) == 3_000_000)
        #expect(try CallContext.nanoseconds(.seconds(2) + .nanoseconds(7)) == 2_000_000_007)
        #expect(throws: Trap.self) { try CallContext.nanoseconds(.seconds(-1)) }
        #expect(throws: Trap.self) { try CallContext.nanoseconds(.seconds(Int64.max)) }
    }
}
