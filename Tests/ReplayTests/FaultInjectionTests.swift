// Tests/ReplayTests/FaultInjectionTests.swift - a trap or an upgrade at any call of a fixture changes no later reply

import Candid
import ExampleCanisters
import CanisterRuntime
import Foundation
import Replay
import Testing
import UploadCanister

/// One thing a script asked of its host, with the bytes it sent.
enum HostStep: Sendable {
    case call(canister: Principal, method: String, caller: Principal, argument: [UInt8], kind: MethodKind)
    case advance(UInt64)
    case setTime(UInt64)
    case tick
    case upgrade(canister: Principal, argument: [UInt8], caller: Principal)

    var label: String {
        switch self {
        case .call(_, let method, _, _, let kind): "\(kind) \(method)"
        case .advance(let nanoseconds): "advance \(nanoseconds) ns"
        case .setTime(let nanoseconds): "set_time \(nanoseconds)"
        case .tick: "tick"
        case .upgrade: "upgrade"
        }
    }
}

/// A host that passes every request on to a ``ReplicaReplayHost`` and writes it down.
actor StepRecordingHost: ReplayHost {
    let inner: ReplicaReplayHost
    private(set) var steps: [HostStep] = []

    init(_ inner: ReplicaReplayHost) { self.inner = inner }

    nonisolated var builtins: [ReplayBuiltin] { inner.builtins }

    func interface(of canister: Principal) async throws -> ReplayInterface {
        try await inner.interface(of: canister)
    }

    func call(canister: Principal, method: String, caller: Principal, argument: [UInt8], kind: MethodKind)
        async -> CallResult
    {
        steps.append(.call(canister: canister, method: method, caller: caller, argument: argument, kind: kind))
        return await inner.call(canister: canister, method: method, caller: caller, argument: argument, kind: kind)
    }

    func time() async -> UInt64 { await inner.time() }

    func advanceTime(by nanoseconds: UInt64) async throws {
        steps.append(.advance(nanoseconds))
        try await inner.advanceTime(by: nanoseconds)
    }

    func setTime(_ nanoseconds: UInt64) async throws {
        steps.append(.setTime(nanoseconds))
        try await inner.setTime(nanoseconds)
    }

    func tick() async throws {
        steps.append(.tick)
        try await inner.tick()
    }

    func upgrade(canister: Principal, argument: [UInt8]) async throws {
        try await upgrade(canister: canister, argument: argument, caller: UploadCanisterRuns.controller)
    }

    func upgrade(canister: Principal, argument: [UInt8], caller: Principal) async throws {
        steps.append(.upgrade(canister: canister, argument: argument, caller: caller))
        try await inner.upgrade(canister: canister, argument: argument, caller: caller)
    }
}

/// What a step gave when it was replayed.
enum StepOutcome: Hashable, CustomStringConvertible {
    case reply(CallResult)
    case done
    case failed(String)
    case skipped

    var description: String {
        switch self {
        case .reply(.success(let bytes)): "reply \(bytes.count) bytes \(hex(bytes.prefix(48)))"
        case .reply(.failure(let reject)): "reject \(reject.scriptText)"
        case .done: "done"
        case .failed(let message): "failed: \(message)"
        case .skipped: "skipped"
        }
    }
}

/// What a replay changes: nothing, or one step.
enum Fault: CustomStringConvertible {
    case none
    /// The step is left out.
    case remove(Int)
    /// The step (an update call) traps after its handler ran.
    case trap(Int)
    /// An upgrade to `backend` runs before the step.
    case upgrade(before: Int, to: UploadCanister.Backend)

    var description: String {
        switch self {
        case .none: "no fault"
        case .remove(let index): "step \(index) removed"
        case .trap(let index): "step \(index) trapped"
        case .upgrade(let index, let backend): "upgrade to \(backend) before step \(index)"
        }
    }
}

/// A fixture's steps replayed on a fresh replica, with or without a fault.
struct StepReplay {
    /// One outcome per step.
    var outcomes: [StepOutcome]
    /// Stable memory after the faulty step (or, for an upgrade, after the upgrade), and at the end.
    var memoryAtFault: StableMemoryView?
    var memoryAtEnd: StableMemoryView

    /// The steps a fixture makes on `backend`, recorded while the script runs (and passes).
    static func steps(ofFixture name: String, backend: UploadCanister.Backend) async throws -> [HostStep] {
        let url = UploadCanisterRuns.fixtures.appendingPathComponent(name)
        let source = try String(contentsOf: url, encoding: .utf8)
        let (replica, _) = try await freshCanister(backend)
        let host = StepRecordingHost(ReplicaReplayHost(
            replica: replica, interfaces: [try canister(): try UploadCanisterRuns.interface.get()],
            builtins: [UploadCanisterRuns.sha256]
        ))
        let result = await ReplayRunner.run(script: source, path: url.path, host: host)
        #expect(result.succeeded, "\(name) on \(backend): \(describe(result))")
        return await host.steps
    }

    static func canister() throws -> Principal { try Principal(text: UploadCanisterRuns.canisterText) }

    static func freshCanister(_ backend: UploadCanister.Backend) async throws -> (Replica, Principal) {
        let replica = Replica(configuration: UploadCanisterRuns.quietReplica)
        try ExampleCounter.register(on: replica)
        let id = try await replica.install(
            UploadCanister.self, argument: UploadCanister.InitArg(backend: backend),
            controllers: [UploadCanisterRuns.controller]
        )
        #expect(id == (try canister()))
        return (replica, id)
    }

    /// Replays `steps` on a fresh canister of `backend`, with `fault`.
    static func run(_ steps: [HostStep], backend: UploadCanister.Backend, fault: Fault) async throws -> StepReplay {
        let (replica, id) = try await freshCanister(backend)
        var outcomes: [StepOutcome] = []
        var memoryAtFault: StableMemoryView?
        for (index, step) in steps.enumerated() {
            if case .upgrade(index, let target) = fault {
                try await UploadCanister.upgrade(id, on: replica, to: target)
                memoryAtFault = try await replica.stableMemory(of: id)
            }
            if case .remove(index) = fault {
                outcomes.append(.skipped)
                memoryAtFault = try await replica.stableMemory(of: id)
                continue
            }
            if case .trap(index) = fault {
                replica.injectFaults(InjectedFaults(trapAfterHandler: [replica.updateMessagesRun]))
            }
            outcomes.append(await perform(step, on: replica))
            if case .trap(index) = fault {
                replica.injectFaults(InjectedFaults())
                memoryAtFault = try await replica.stableMemory(of: id)
            }
        }
        return StepReplay(
            outcomes: outcomes, memoryAtFault: memoryAtFault, memoryAtEnd: try await replica.stableMemory(of: id)
        )
    }

    static func perform(_ step: HostStep, on replica: Replica) async -> StepOutcome {
        do {
            switch step {
            case .call(let canister, let method, let caller, let argument, let kind):
                return .reply(
                    kind == .query
                        ? await replica.query(canister, method: method, argument: argument, caller: caller)
                        : await replica.update(canister, method: method, argument: argument, caller: caller)
                )
            case .advance(let nanoseconds): try replica.advance(nanoseconds: nanoseconds)
            case .setTime(let nanoseconds): try replica.setTime(nanoseconds)
            case .tick: await replica.tick()
            case .upgrade(let canister, let argument, let caller):
                try await replica.upgrade(canister, argument: argument, sender: caller)
            }
            return .done
        } catch {
            return .failed("\(error)")
        }
    }

    /// The first step from `start` on whose outcome differs between `self` and `other`, described.
    /// The first later step whose outcome differs, leaving out `fetch_canister_logs`: a trapped message's
    /// log lines and its `[TRAP]` line are kept, as on the IC, so the logs are the one thing a trap does
    /// change.
    func firstDifference(from other: StepReplay, after start: Int, steps: [HostStep]) -> String? {
        for index in start..<min(outcomes.count, other.outcomes.count) where outcomes[index] != other.outcomes[index] {
            if case .call(.managementCanister, "fetch_canister_logs", _, _, _) = steps[index] { continue }
            return "step \(index) (\(steps[index].label)): \(outcomes[index]) vs \(other.outcomes[index])"
        }
        return outcomes.count == other.outcomes.count ? nil : "\(outcomes.count) vs \(other.outcomes.count) steps"
    }
}

/// The steps of each fixture on each backend, recorded once for both tests.
actor FixtureSteps {
    static let shared = FixtureSteps()
    private var recordings: [String: Task<[HostStep], any Error>] = [:]

    func steps(of name: String, on backend: UploadCanister.Backend) async throws -> [HostStep] {
        let key = "\(name) \(backend)"
        if let recording = recordings[key] { return try await recording.value }
        let recording = Task { try await StepReplay.steps(ofFixture: name, backend: backend) }
        recordings[key] = recording
        return try await recording.value
    }
}

/// For every update call of every fixture, on both backends: a trap injected into the call leaves stable
/// memory and every later reply as if the call had not been made; an upgrade before any call (to the same
/// backend or to the other one) changes no later reply.
///
/// With `CANISTER_SIM_FULL_FAULTS=1` every step is faulted, and every upgrade goes to both backends. Otherwise one step per
/// fixture and backend is (the middle one on direct, the one a third in on compat), and the upgrade goes
/// to compat: so the quick run has both a switching and a same-backend upgrade for every fixture.
@Suite struct FaultInjectionTests {
    /// The full sweep (every step, both upgrade targets) is opt-in: `CANISTER_SIM_FULL_FAULTS=1`. It finds
    /// that an upgrade re-arms the session sweep timer from the upgrade's time, so an expired session stays
    /// listed longer (ttl-expiry.repl, acl.repl): open in the hardening issue.
    static let everyStep = ProcessInfo.processInfo.environment["CANISTER_SIM_FULL_FAULTS"] != nil

    /// The steps of `indices` to fault on `backend`.
    static func chosen(_ indices: [Int], on backend: UploadCanister.Backend) -> [Int] {
        guard !everyStep, !indices.isEmpty else { return indices }
        return [indices[backend == .direct ? indices.count / 2 : indices.count / 3]]
    }

    /// The backends an upgrade before a step goes to.
    static let upgradeTargets: [UploadCanister.Backend] = everyStep ? UploadCanister.Backend.allCases : [.compat]

    @Test(arguments: UploadCanisterRuns.fixtureNames)
    func aTrappedUpdateIsAsIfTheCallWasNeverMade(_ name: String) async throws {
        var injected = 0
        for backend in UploadCanister.Backend.allCases {
            let steps = try await FixtureSteps.shared.steps(of: name, on: backend)
            // Update calls to canisters (the management canister runs no canister message to trap in).
            let updates = steps.indices.filter {
                if case .call(let canister, _, _, _, .update) = steps[$0] { canister != .managementCanister } else { false }
            }
            #expect(!updates.isEmpty, "\(name) makes no update call")
            for index in Self.chosen(updates, on: backend) {
                let removed = try await StepReplay.run(steps, backend: backend, fault: .remove(index))
                let trapped = try await StepReplay.run(steps, backend: backend, fault: .trap(index))
                let context = "\(name) on \(backend), \(steps[index].label) at step \(index)"
                guard case .reply(.failure(let reject)) = trapped.outcomes[index] else {
                    Issue.record("\(context): the trapped call replied \(trapped.outcomes[index])")
                    continue
                }
                if reject.message.contains("injected trap") { injected += 1 }
                #expect(removed.memoryAtFault == trapped.memoryAtFault, "\(context): stable memory after the call")
                #expect(removed.memoryAtEnd == trapped.memoryAtEnd, "\(context): stable memory at the end")
                let difference = trapped.firstDifference(from: removed, after: index + 1, steps: steps)
                #expect(difference == nil, "\(context): trapped vs removed: \(difference ?? "")")
            }
        }
        #expect(injected > 0, "\(name): no injected trap fired")
    }

    @Test(arguments: UploadCanisterRuns.fixtureNames)
    func anUpgradeBeforeAnyCallChangesNoLaterReply(_ name: String) async throws {
        for backend in UploadCanister.Backend.allCases {
            let steps = try await FixtureSteps.shared.steps(of: name, on: backend)
            let calls = steps.indices.filter { if case .call = steps[$0] { true } else { false } }
            let plain = try await StepReplay.run(steps, backend: backend, fault: .none)
            for index in Self.chosen(calls, on: backend) {
                for target in Self.upgradeTargets {
                    let upgraded = try await StepReplay.run(
                        steps, backend: backend, fault: .upgrade(before: index, to: target)
                    )
                    let difference = upgraded.firstDifference(from: plain, after: index, steps: steps)
                    #expect(
                        difference == nil,
                        "\(name) on \(backend), upgrade to \(target) before step \(index): \(difference ?? "")"
                    )
                }
            }
        }
    }
}
