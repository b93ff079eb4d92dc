// Sources/Replay/ReplayExplorer.swift - a script under many schedules: the explorer's scenario for scripts

public import Candid
public import CanisterRuntime

/// Runs a parsed script as a ``ScheduleExplorer`` scenario: for each order, a fresh replica set up by
/// `setUp` (which returns the interfaces to use instead of the declared ones), a ``Scheduler`` with the
/// order's policy, and the script through a ``ScheduledReplayHost`` with `builtins`.
/// An order fails when an assertion fails or the script stops on an error; the failure names the first.
public enum ReplayExplorer {
    /// The scenario of `script` on the replicas `setUp` prepares.
    public static func scenario(
        _ script: ReplayScript,
        options: ReplayOptions = ReplayOptions(),
        limits: Scheduler.Limits = .init(),
        builtins: [ReplayBuiltin] = [],
        setUp: @escaping @Sendable (Replica) async throws -> [Principal: ReplayInterface]
    ) -> ScheduleExplorer.Scenario {
        { policy in
            let replica = Replica()
            let scheduler = Scheduler(replica: replica, policy: policy, limits: limits)
            let interfaces: [Principal: ReplayInterface]
            do {
                interfaces = try await setUp(replica)
            } catch {
                return await scheduler.trial(failure: "the set-up failed: \(error)")
            }
            let result = await ReplayRunner.run(
                script, host: ScheduledReplayHost(scheduler: scheduler, interfaces: interfaces, builtins: builtins),
                options: options
            )
            return await scheduler.trial(failure: failure(of: result))
        }
    }

    /// The first failed assertion or the error that stopped the script, or `nil`.
    public static func failure(of result: ReplayResult) -> String? {
        if let first = result.failures.first { return first.description }
        return result.error.map { "\($0)" }
    }
}
