// Tests/CanisterRuntimeTests/ParallelismTests.swift - canisters run in parallel; a message's time is fixed

import Candid
import Foundation
import Synchronization
import Testing
@testable import CanisterRuntime

/// Gates that a `Gated` canister's handler waits on, shared with the test that opens them.
final class Gates: Sendable {
    struct Gate: Sendable {
        var entered = false
        var open = false
        var left = false
    }

    static let shared = Gates()
    private let table = Mutex([UInt64: Gate]())
    private let next = Mutex(UInt64(1))

    /// A new closed gate.
    func make() -> UInt64 {
        next.withLock { next in
            defer { next += 1 }
            return next
        }
    }

    func update(_ gate: UInt64, _ body: (inout Gate) -> Void) {
        table.withLock { table in
            var entry = table[gate] ?? Gate()
            body(&entry)
            table[gate] = entry
        }
    }

    func state(_ gate: UInt64) -> Gate {
        table.withLock { $0[gate] ?? Gate() }
    }
}

/// A canister whose `wait` handler blocks its message until the test opens a gate.
struct Gated: Canister {
    var runs: UInt64 = 0

    init(install _: NoArguments, context: inout CallContext) throws {}

    static let methods: [Method<Gated>] = [
        // Argument: the gate. Marks it entered, waits (at most five minutes) until it is open, marks it left.
        // Replies whether the gate opened, then the message's time read before and after the wait.
        .rawUpdate("wait") { gated, context, argument in
            let gate = uint64(argument)
            let before = context.time
            Gates.shared.update(gate) { $0.entered = true }
            let deadline = ContinuousClock.now.advanced(by: .seconds(300))
            var opened = false
            while ContinuousClock.now < deadline {
                if Gates.shared.state(gate).open {
                    opened = true
                    break
                }
                usleep(100)
            }
            gated.runs += 1
            Gates.shared.update(gate) { $0.left = true }
            return le(opened ? 1 : 0) + le(before) + le(context.time)
        },
        .rawUpdate("ping") { gated, context, _ in
            gated.runs += 1
            return le(context.time)
        },
    ]
}

/// The tests block a thread of the cooperative pool inside a handler, so they need at least two threads and
/// must not run at the same time as each other (two blocked handlers could hold every thread of a 2-core pool).
@Suite(.serialized) struct ParallelismTests {
    /// Waits (yielding) until `condition` holds, for at most five minutes of real time (other suites may hold
    /// the pool's threads meanwhile).
    func eventually(_ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .seconds(300))
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(1))
        }
        return true
    }

    /// While a message of canister A is running (blocked inside its handler), a message of canister B runs to
    /// its end: the replica does not serialize calls to different canisters. It needs two threads.
    @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount > 1))
    func twoCanistersExecuteAtTheSameTime() async throws {
        let replica = Replica()
        let a = try await replica.install(Gated.self)
        let b = try await replica.install(Gated.self)
        let gate = Gates.shared.make()
        let blocked = Task { await replica.update(a, method: "wait", argument: le(gate)) }
        #expect(try await eventually { Gates.shared.state(gate).entered }, "A's message never started")

        // A is inside its message: B's update completes meanwhile.
        let start = replica.time
        #expect(await replica.update(b, method: "ping", argument: []) == .success(le(start)))
        let during = Gates.shared.state(gate)
        #expect(during.entered && !during.left, "B waited for A: calls to different canisters were serialized")

        // The clock moves while A's message runs; A's time stays what it was when the message started.
        try replica.advance(by: .seconds(5))
        Gates.shared.update(gate) { $0.open = true }
        let reply = await blocked.value
        #expect(reply == .success(le(1) + le(start) + le(start)), "A timed out or saw the clock move")
        #expect(replica.time == start + 5_000_000_000)
        #expect(try await replica.state(of: a, as: Gated.self).runs == 1)
        #expect(try await replica.state(of: b, as: Gated.self).runs == 1)
    }

    /// While a message of canister A is blocked, a second message to A waits: it starts only after the first
    /// one ends.
    @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount > 1))
    func aSecondMessageToTheSameCanisterWaits() async throws {
        let replica = Replica()
        let a = try await replica.install(Gated.self)
        let first = Gates.shared.make()
        let second = Gates.shared.make()
        Gates.shared.update(second) { $0.open = true }
        let blocked = Task { await replica.update(a, method: "wait", argument: le(first)) }
        #expect(try await eventually { Gates.shared.state(first).entered })
        let queued = Task { await replica.update(a, method: "wait", argument: le(second)) }
        // Give the second message every chance to start; it must not.
        for _ in 0 ..< 50 {
            await Task.yield()
            try await Task.sleep(for: .milliseconds(1))
        }
        #expect(!Gates.shared.state(second).entered, "a second message entered while the first was running")
        Gates.shared.update(first) { $0.open = true }
        #expect(await blocked.value.success?.prefix(8) == le(1)[...])
        #expect(await queued.value.success?.prefix(8) == le(1)[...])
        #expect(Gates.shared.state(second).entered)
        #expect(try await replica.state(of: a, as: Gated.self).runs == 2)
    }
}
