// Sources/Replay/ScheduledReplayHost.swift - scripts whose calls go through a deterministic scheduler

public import Candid
public import CanisterRuntime

/// A ``ReplayHost`` whose update calls go through a `CanisterRuntime` ``Scheduler``, so canisters may await
/// inter-canister calls and a `par_call` interleaves its calls at their awaits in the order the scheduler's
/// policy picks. Everything else (interfaces, time, timers, upgrades, builtins) is the ``ReplicaReplayHost``
/// over the scheduler's replica.
///
/// A `call` submits one ingress message and runs messages until it has its result. A `par_call` submits all
/// its update calls first (its queries run at once, in order), then runs messages until each has its result.
public actor ScheduledReplayHost: ReplayHost {
    /// The scheduler the calls go through.
    public nonisolated let scheduler: Scheduler
    /// The host of everything but calls.
    public nonisolated let base: ReplicaReplayHost

    /// A host over `scheduler` and its replica; the other parameters are ``ReplicaReplayHost``'s.
    public init(
        scheduler: Scheduler,
        interfaces: [Principal: ReplayInterface] = [:],
        builtins: [ReplayBuiltin] = [],
        upgradeSender: Principal? = nil
    ) {
        self.scheduler = scheduler
        self.base = ReplicaReplayHost(
            replica: scheduler.replica, interfaces: interfaces, builtins: builtins, upgradeSender: upgradeSender
        )
    }

    public nonisolated var builtins: [ReplayBuiltin] { base.builtins }

    public func interface(of canister: Principal) async throws -> ReplayInterface {
        try await base.interface(of: canister)
    }

    public func call(
        canister: Principal,
        method: String,
        caller: Principal,
        argument: [UInt8],
        kind: MethodKind
    ) async -> CallResult {
        await callAll([ReplayHostCall(canister: canister, method: method, caller: caller, argument: argument, kind: kind)])
            .first ?? .failure(Self.refusal("no result"))
    }

    public func callAll(_ calls: [ReplayHostCall]) async -> [CallResult] {
        var submitted: [Result<Scheduler.MessageID, Reject>] = []
        var results: [CallResult?] = []
        for call in calls {
            if call.kind == .query {
                results.append(
                    await scheduler.query(call.canister, method: call.method, argument: call.argument, caller: call.caller)
                )
                submitted.append(.failure(Self.refusal("a query")))
                continue
            }
            results.append(nil)
            do {
                submitted.append(.success(
                    try await scheduler.submit(call.canister, method: call.method, argument: call.argument, caller: call.caller)
                ))
            } catch {
                submitted.append(.failure(Self.refusal(error.description)))
            }
        }
        for (index, entry) in submitted.enumerated() where results[index] == nil {
            switch entry {
            case .success(let id):
                do {
                    results[index] = try await scheduler.result(of: id)
                } catch {
                    results[index] = .failure(Self.refusal(error.description))
                }
            case .failure(let reject):
                results[index] = .failure(reject)
            }
        }
        return results.map { $0 ?? .failure(Self.refusal("no result")) }
    }

    public func time() async -> UInt64 { await base.time() }

    public func advanceTime(by nanoseconds: UInt64) async throws { try await base.advanceTime(by: nanoseconds) }

    public func setTime(_ nanoseconds: UInt64) async throws { try await base.setTime(nanoseconds) }

    public func tick() async throws { try await base.tick() }

    public func upgrade(canister: Principal, argument: [UInt8]) async throws {
        try await base.upgrade(canister: canister, argument: argument)
    }

    /// A call the scheduler could not take (queue full, step limit): a system error, code 1.
    static func refusal(_ reason: String) -> Reject {
        Reject(code: .systemFatal, errorCode: nil, message: "the scheduler refused the call: \(reason)")
    }
}
