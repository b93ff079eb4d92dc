// Sources/CanisterRuntime/ScheduleExplorer.swift - runs a scenario under many orders and shrinks a failing one

/// One run of a scenario under one order: the token taken, the branching seen, and the failure if any.
public struct ScheduleTrial: Hashable, Sendable {
    /// The order the run took.
    public var token: ScheduleToken
    /// How many messages were enabled at each decision.
    public var decisionSizes: [Int]
    /// Why the run failed (an assertion or an invariant), or `nil`.
    public var failure: String?

    /// A trial.
    public init(token: ScheduleToken, decisionSizes: [Int], failure: String?) {
        self.token = token
        self.decisionSizes = decisionSizes
        self.failure = failure
    }
}

extension Scheduler {
    /// This run as a trial with `failure`.
    public func trial(failure: String?) -> ScheduleTrial {
        ScheduleTrial(token: token, decisionSizes: decisionSizes, failure: failure)
    }
}

/// Runs a scenario under many orders the IC allows, stops at the first failing one and shrinks it to the
/// fewest preemptions.
///
/// The scenario builds a fresh replica and a ``Scheduler`` with the policy it is given, runs, checks its
/// assertions and invariants, and returns ``Scheduler/trial(failure:)``.
public struct ScheduleExplorer: Sendable {
    /// A scenario run under one policy.
    public typealias Scenario = @Sendable (SchedulePolicy) async -> ScheduleTrial

    /// What an exploration found.
    public struct Report: Hashable, Sendable {
        /// Runs made, shrinking included.
        public var runs: Int
        /// Distinct orders explored (shrinking excluded).
        public var distinctOrders: Int
        /// The first failing order found, before shrinking.
        public var found: ScheduleTrial?
        /// That order shrunk to the fewest preemptions that still fail.
        public var shrunk: ScheduleTrial?
    }

    /// The most runs a shrink makes.
    public var maximumShrinkRuns = 500

    private let scenario: Scenario

    /// An explorer of `scenario`.
    public init(_ scenario: @escaping Scenario) {
        self.scenario = scenario
    }

    /// Runs FIFO, then seeded orders until `schedules` distinct orders ran (or `10 × schedules` attempts),
    /// stopping at the first failure. `shard` `k/n` takes only the attempts whose number is `k` modulo `n`.
    public func search(
        schedules: Int,
        seed: UInt64,
        shard: (index: Int, count: Int) = (0, 1)
    ) async -> Report {
        var report = Report(runs: 0, distinctOrders: 0)
        var seen: Set<ScheduleToken> = []
        let attempts = max(schedules, 0).multipliedReportingOverflow(by: 10)
        let limit = attempts.overflow ? Int.max : attempts.partialValue
        var attempt = 0
        while seen.count < schedules, attempt < limit {
            defer { attempt += 1 }
            guard shard.count > 0, attempt % shard.count == shard.index else { continue }
            let policy: SchedulePolicy = attempt == 0 ? .fifo : .seeded(Self.mix(seed, UInt64(attempt)))
            let trial = await scenario(policy)
            report.runs += 1
            guard seen.insert(trial.token).inserted else { continue }
            report.distinctOrders += 1
            if trial.failure != nil {
                return await finish(report, found: trial)
            }
        }
        return report
    }

    /// Runs every order with at most `maxPreemptions` non-FIFO choices, fewest first, up to `limit` runs;
    /// the first failure is already minimal in preemptions. `shard` splits the orders as in ``search``.
    public func exhaustive(
        maxPreemptions: Int,
        limit: Int = 100_000,
        shard: (index: Int, count: Int) = (0, 1)
    ) async -> Report {
        var report = Report(runs: 0, distinctOrders: 0)
        var queue: [[ScheduleToken.Choice]] = [[]]
        var head = 0
        var position = 0
        while head < queue.count, report.runs < limit {
            let choices = queue[head]
            head += 1
            let mine = shard.count > 0 && position % shard.count == shard.index
            position += 1
            // Every shard runs every order to learn its children; only its own count and can fail.
            let trial = await scenario(.replay(ScheduleToken(choices: choices)))
            report.runs += 1
            if mine {
                report.distinctOrders += 1
                if trial.failure != nil { return await finish(report, found: trial) }
            }
            guard choices.count < maxPreemptions else { continue }
            let first = (choices.last?.decision ?? -1) + 1
            for decision in first..<max(first, trial.decisionSizes.count) {
                for index in 1..<max(1, trial.decisionSizes[decision]) where queue.count < limit {
                    queue.append(choices + [.init(decision: decision, index: index)])
                }
            }
        }
        return report
    }

    /// Shrinks a failing trial: drops choices, then lowers their indices, while the run still fails.
    public func shrink(_ failing: ScheduleTrial) async -> (trial: ScheduleTrial, runs: Int) {
        var best = failing
        var runs = 0
        var improved = true
        while improved, runs < maximumShrinkRuns {
            improved = false
            let choices = best.token.choices
            var candidates: [[ScheduleToken.Choice]] = choices.indices.map { skip in
                choices.enumerated().filter { $0.offset != skip }.map(\.element)
            }
            for (offset, choice) in choices.enumerated() where choice.index > 1 {
                var lowered = choices
                lowered[offset].index -= 1
                candidates.append(lowered)
            }
            for candidate in candidates where runs < maximumShrinkRuns {
                let trial = await scenario(.replay(ScheduleToken(choices: candidate)))
                runs += 1
                if trial.failure != nil, Self.smaller(trial.token, than: best.token) {
                    best = trial
                    improved = true
                    break
                }
            }
        }
        return (best, runs)
    }

    private func finish(_ report: Report, found: ScheduleTrial) async -> Report {
        var report = report
        report.found = found
        let (shrunk, runs) = await shrink(found)
        report.shrunk = shrunk
        report.runs += runs
        return report
    }

    /// Fewer preemptions, or as many with a smaller sum of indices.
    static func smaller(_ lhs: ScheduleToken, than rhs: ScheduleToken) -> Bool {
        if lhs.preemptions != rhs.preemptions { return lhs.preemptions < rhs.preemptions }
        return lhs.choices.reduce(0) { $0 + $1.index } < rhs.choices.reduce(0) { $0 + $1.index }
    }

    /// The seed of attempt `attempt` under `seed`.
    static func mix(_ seed: UInt64, _ attempt: UInt64) -> UInt64 {
        var random = ScheduleRandom(seed: seed ^ (attempt &* 0xD1B5_4A32_D192_ED03))
        return random.next()
    }
}
