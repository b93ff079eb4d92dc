// Sources/CanisterSimCLI/ExploreCommand.swift - `canister-sim explore`: a script under many schedules

import Candid
import CanisterRuntime
import Dispatch
import Replay
import Synchronization

/// Runs a call script under many orders of its messages, stops at the first failing one, shrinks it and
/// prints it as a token; `--schedule TOKEN` runs one order and prints its trace.
enum ExploreCommand: Command {
    static let name = "explore"
    static let summary = "run a call script under many message orders; find, shrink and print a failing one"
    static let help = """
        usage: canister-sim explore SCRIPT [--canister NAME] [--schedules N] [--seed S]
                                           [--exhaustive --max-preemptions K] [--shard K/N]
               canister-sim explore SCRIPT [--canister NAME] (--schedule TOKEN | --schedule-seed N)

        Runs the script on a fresh replica per order, its update calls through the deterministic
        scheduler (a par_call submits all its calls, then they interleave at their awaits), and checks its
        assertions. Stops at the first order where an assertion fails or the script stops on an error,
        shrinks that order to the fewest preemptions (non-FIFO choices) and prints it as a token.
        Documentation/InterCanister.md describes the model and the tokens.

        --canister NAME       the registered canister (or scenario of canisters) installed first, as
                              `replay` installs it; by default the first one replay runs
        --schedules N         distinct orders to run: FIFO, then seeded ones (default 100, at most 100000)
        --seed S              the seed of the seeded orders (default 0)
        --exhaustive          every order with at most --max-preemptions K non-FIFO choices, fewest first
        --max-preemptions K   the bound of --exhaustive (default 2, at most 16)
        --shard K/N           run only the orders whose number is K modulo N (0 <= K < N <= 1000)
        --schedule TOKEN      run the one order of TOKEN (e.g. v1-1.1-2.1) and print its trace
        --schedule-seed N     run the one order seed N picks and print its trace and token

        Exit code 1 when an order fails (or the script can't be read or parsed), 2 for a usage error.
        """

    enum Mode {
        case search(schedules: Int, seed: UInt64)
        case exhaustive(maxPreemptions: Int)
        case one(SchedulePolicy)
    }

    struct Settings {
        var script: String
        var canister: SimulatedCanister
        /// Every canister the tool knows, registered by name on each replica.
        var modules: [SimulatedCanister]
        var mode: Mode
        var shard: (index: Int, count: Int)
    }

    static func details(for tool: CommandLineTool) -> String {
        "\n" + ReplayCommand.canisterList(tool)
    }

    static func run(_ words: [String], tool: CommandLineTool, output: Output) throws -> Int32 {
        let settings = try parse(words, tool: tool)
        let status = Mutex<Int32>(1)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            let code = await explore(settings, output: output)
            status.withLock { $0 = code }
            done.signal()
        }
        done.wait()
        return status.withLock { $0 }
    }

    static func parse(_ words: [String], tool: CommandLineTool) throws -> Settings {
        let arguments = try Arguments(
            words, valued: ["canister", "schedules", "seed", "max-preemptions", "shard", "schedule", "schedule-seed"],
            boolean: ["exhaustive"]
        )
        guard arguments.positionals.count == 1, let script = arguments.positionals.first else {
            throw UsageError("give exactly one script")
        }
        guard let name = arguments.value("canister") ?? tool.defaultRun.first else {
            throw UsageError("the tool has no canister to explore")
        }
        let canister = try tool.canister(named: name)
        func number<T: FixedWidthInteger>(_ name: String, _ type: T.Type, range: ClosedRange<T>) throws -> T? {
            guard let text = arguments.value(name) else { return nil }
            guard let value = T(text), range.contains(value) else {
                throw UsageError("--\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound), not '\(text)'")
            }
            return value
        }
        var shard = (index: 0, count: 1)
        if let text = arguments.value("shard") {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
                count >= 1, count <= 1000, index >= 0, index < count
            else { throw UsageError("--shard must be K/N with 0 <= K < N <= 1000, not '\(text)'") }
            shard = (index, count)
        }
        let mode: Mode
        if let token = arguments.value("schedule") {
            guard arguments.value("schedule-seed") == nil else {
                throw UsageError("give --schedule or --schedule-seed, not both")
            }
            do {
                mode = .one(.replay(try ScheduleToken(parsing: token)))
            } catch {
                throw UsageError("--schedule: \(error)")
            }
        } else if let seed = try number("schedule-seed", UInt64.self, range: 0...UInt64.max) {
            mode = .one(.seeded(seed))
        } else if arguments.has("exhaustive") {
            mode = .exhaustive(maxPreemptions: try number("max-preemptions", Int.self, range: 0...16) ?? 2)
        } else {
            guard arguments.value("max-preemptions") == nil else {
                throw UsageError("--max-preemptions needs --exhaustive")
            }
            mode = .search(
                schedules: try number("schedules", Int.self, range: 1...100_000) ?? 100,
                seed: try number("seed", UInt64.self, range: 0...UInt64.max) ?? 0
            )
        }
        return Settings(script: script, canister: canister, modules: tool.canisters, mode: mode, shard: shard)
    }

    static func explore(_ settings: Settings, output: Output) async -> Int32 {
        let source: String
        switch readText(settings.script) {
        case .success(let text): source = text
        case .failure(let failure):
            output.err(failure.line(settings.script))
            return 1
        }
        let script: ReplayScript
        do {
            script = try ReplayParser.parse(source, file: settings.script)
        } catch {
            output.err("\(error.position): error: \(error.code): \(error.message)")
            return 1
        }
        let canister = settings.canister
        let modules = settings.modules
        let scenario = ReplayExplorer.scenario(script, builtins: [ReplayCommand.sha256]) { replica in
            try await ReplayCommand.install(canister, argument: canister.installArgument, on: replica, modules: modules)
        }
        let explorer = ScheduleExplorer(scenario)
        let report: ScheduleExplorer.Report
        switch settings.mode {
        case .one(let policy):
            return await runOne(script, policy: policy, settings: settings, output: output)
        case .search(let schedules, let seed):
            report = await explorer.search(schedules: schedules, seed: seed, shard: settings.shard)
        case .exhaustive(let bound):
            report = await explorer.exhaustive(maxPreemptions: bound, shard: settings.shard)
        }
        output.out("\(settings.script): \(report.distinctOrders) distinct orders, \(report.runs) runs")
        guard let found = report.found, let shrunk = report.shrunk else {
            output.out("every order passed")
            return 0
        }
        output.out("first failing order: \(found.token) (\(found.token.preemptions) preemptions)")
        output.out("shrunk: \(shrunk.token) (\(shrunk.token.preemptions) preemptions): \(shrunk.failure ?? "")")
        output.out("reproduce: canister-sim explore \(settings.script) --canister \(canister.name) "
            + "--schedule \(shrunk.token)")
        return 1
    }

    /// One order: its trace, its token and the script's result.
    static func runOne(_ script: ReplayScript, policy: SchedulePolicy, settings: Settings, output: Output) async -> Int32 {
        let replica = Replica()
        let scheduler = Scheduler(replica: replica, policy: policy)
        let interfaces: [Principal: ReplayInterface]
        do {
            interfaces = try await ReplayCommand.install(
                settings.canister, argument: settings.canister.installArgument, on: replica, modules: settings.modules
            )
        } catch {
            output.err("\(settings.script): error: install: cannot install the canister '\(settings.canister.name)': \(error)")
            return 1
        }
        let host = ScheduledReplayHost(scheduler: scheduler, interfaces: interfaces, builtins: [ReplayCommand.sha256])
        let result = await ReplayRunner.run(script, host: host)
        for line in await scheduler.trace { output.out("  " + line) }
        output.out("schedule: \(await scheduler.token)")
        if let failure = ReplayExplorer.failure(of: result) {
            output.out("failed: \(failure)")
            return 1
        }
        output.out("\(result.passed) passed, 0 failed")
        return 0
    }
}
