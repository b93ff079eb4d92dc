// Sources/CanisterSimCLI/ReplayCommand.swift - `canister-sim replay`: call scripts against a registered canister

import Candid
import CanisterRuntime
import Dispatch
import Foundation
import Hashing
import Replay

/// Runs call scripts against a fresh canister per script and implementation, and compares two
/// implementations call by call.
enum ReplayCommand: Command {
    static let name = "replay"
    static let summary = "run call scripts (.repl) against a canister; compare two implementations"
    static let help = """
        usage: canister-sim replay SCRIPT... [--canister NAME | --compare A,B] [--init TEXT]
                                   [--record OUT [--force]] [--verbose] [--budget steps=N,bytes=N,calls=N,depth=N]
                                   [--schedule TOKEN | --schedule-seed N]

        Runs each call script against a fresh canister: a new replica, clock at
        2026-01-01T00:00:00Z, the canister installed as rrkah-fqaaa-aaaaa-aaaaq-cai (the replica's first
        canister id, the same every run) by the identity `default`, its only controller. Scripts name
        it with `import backend = "rrkah-fqaaa-aaaaa-aaaaq-cai";`. The builtin sim.sha256(blob) gives a
        blob's SHA-256 digest. Documentation/Scripts.md describes the language.

        --canister NAME  run on the registered canister NAME
        --compare A,B    run each script on A and on B and also fail when any reply differs, naming
                         the first call that differs
        --backend B      the upload canister's older spelling: compat or direct (--canister B), or
                         both (--compare compat,direct)
        --init TEXT      the install argument in Candid text, e.g. '(record { owner = null })', typed
                         by the canister's .did; by default the canister's own
        --record OUT  write the calls that ran as a script whose asserts are the observed replies (large
                      blobs by reference); with several scripts (or an OUT that is a directory or
                      ends in /) each recording goes to OUT/<script file name>
        --force       let --record replace existing files (the recording and its side files
                      <name>-1.bin, ...); without it they are refused. A recording never replaces an
                      input script, and scripts with the same file name get distinct recordings
                      (OUT/<parent folder>-<name>)
        --verbose     print each call and its reply
        --budget B    change parts of the run budget (Documentation/Scripts.md), e.g. steps=1000000;
                      defaults steps=10000000, bytes=268435456 (of script values), calls=100000,
                      depth=256; a script that would overspend one stops with a limit error naming it
        --schedule TOKEN   run update calls through the deterministic scheduler in the order of TOKEN
                      (from `canister-sim explore`; Documentation/InterCanister.md), so a par_call's calls
                      interleave; prints the token taken
        --schedule-seed N  the same with the order seed N picks

        Prints a summary per script, one line per failed assertion (file:line:column and both
        values), errors that stopped a script, and last `N passed, M failed`: assertions, each counted
        once per script (with both backends a failure names the backends it failed on), plus one
        failure per script whose backends' replies differ, and `, K errors` when K scripts stopped on
        an error. A script that can't be read or parsed, and a recording that can't be written, are
        reported on standard error as `PATH: error: CODE: reason`. Exit code 1 when anything failed,
        2 for a usage error (an unknown option, no script, an option given twice, an unknown
        canister).
        """

    static func details(for tool: CommandLineTool) -> String {
        "\n" + canisterList(tool)
    }

    /// The registered canisters, one per line, and what runs by default.
    static func canisterList(_ tool: CommandLineTool) -> String {
        var lines = ["canisters:"]
        let width = max(12, (tool.canisters.map(\.name.count).max() ?? 0) + 2)
        for canister in tool.canisters {
            lines.append("  " + canister.name.padding(toLength: width, withPad: " ", startingAt: 0) + canister.summary)
        }
        let run = tool.defaultRun.count == 2 ? "--compare " + tool.defaultRun.joined(separator: ",")
            : "--canister " + (tool.defaultRun.first ?? "")
        lines.append("default: \(run)")
        return lines.joined(separator: "\n")
    }

    /// The identity that installs and controls the canister (ic-repl's default identity).
    static let controllerName = "default"

    struct Settings {
        var scripts: [String]
        /// One canister, or the two compared.
        var canisters: [SimulatedCanister]
        /// Every canister the tool knows: each replica registers their modules by name.
        var modules: [SimulatedCanister] = []
        /// `--init`: the install argument's Candid text for every canister run.
        var initArgument: String?
        var record: String?
        var verbose: Bool
        var force = false
        /// The run budget of every script.
        var budget = ReplayBudget()
        /// The scheduler's policy, when `--schedule` or `--schedule-seed` is given.
        var schedule: SchedulePolicy?
        /// Where each script's recording goes, by script index (empty without `--record`).
        var recordings: [String] = []
    }

    static func run(_ words: [String], tool: CommandLineTool, output: Output) throws -> Int32 {
        let settings = try parse(words, tool: tool)
        let box = StatusBox()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.status = await runScripts(settings, output: output)
            done.signal()
        }
        done.wait()
        return box.status
    }

    static func parse(_ words: [String], tool: CommandLineTool) throws -> Settings {
        let arguments = try Arguments(
            words, valued: ["canister", "compare", "backend", "init", "record", "budget", "schedule", "schedule-seed"],
            boolean: ["verbose", "force"]
        )
        guard !arguments.positionals.isEmpty else { throw UsageError("give at least one script") }
        let chosen = ["canister", "compare", "backend"].filter { arguments.value($0) != nil }
        guard chosen.count <= 1 else {
            throw UsageError(chosen.map { "--" + $0 }.joined(separator: " and ") + " exclude each other")
        }
        var names = tool.defaultRun
        if let name = arguments.value("canister") { names = [name] }
        if let pair = arguments.value("compare") {
            names = pair.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard names.count == 2, names[0] != names[1] else {
                throw UsageError("--compare takes two different canister names, A,B, not '\(pair)'")
            }
        }
        if let backend = arguments.value("backend"), backend != "both" { names = [backend] }
        var settings = Settings(
            scripts: arguments.positionals, canisters: try names.map { try tool.canister(named: $0) },
            initArgument: arguments.value("init"), record: arguments.value("record"),
            verbose: arguments.has("verbose"), force: arguments.has("force")
        )
        if let text = settings.initArgument {
            for canister in settings.canisters {
                do {
                    _ = try installArgument(text, for: canister)
                } catch let error as CandidError {
                    throw UsageError("--init for '\(canister.name)': \(error)")
                }
            }
        }
        settings.modules = tool.canisters
        settings.recordings = recordingPaths(settings)
        if let budget = arguments.value("budget") { settings.budget = try parseBudget(budget) }
        settings.schedule = try schedulePolicy(arguments)
        return settings
    }

    /// `steps=N,bytes=N,calls=N,depth=N`, any subset, each a positive integer.
    static func parseBudget(_ text: String) throws -> ReplayBudget {
        var budget = ReplayBudget()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, let value = Int(pair[1]), value > 0 else {
                throw UsageError("--budget takes name=N parts (N a positive integer), not '\(part)'")
            }
            switch pair[0] {
            case "steps": budget.steps = value
            case "bytes": budget.valueBytes = value
            case "calls": budget.calls = value
            case "depth": budget.valueDepth = value
            default: throw UsageError("--budget parts are steps, bytes, calls and depth, not '\(pair[0])'")
            }
        }
        return budget
    }

    /// `--schedule TOKEN` or `--schedule-seed N`, if given.
    static func schedulePolicy(_ arguments: Arguments) throws -> SchedulePolicy? {
        switch (arguments.value("schedule"), arguments.value("schedule-seed")) {
        case (nil, nil): return nil
        case (let token?, nil):
            do {
                return .replay(try ScheduleToken(parsing: token))
            } catch {
                throw UsageError("--schedule: \(error)")
            }
        case (nil, let seed?):
            guard let value = UInt64(seed) else {
                throw UsageError("--schedule-seed must be a whole number in 0...\(UInt64.max), not '\(seed)'")
            }
            return .seeded(value)
        case (_?, _?): throw UsageError("give --schedule or --schedule-seed, not both")
        }
    }

    // MARK: - Running

    /// Counts over every script.
    struct Totals {
        var passed = 0
        var failed = 0
        var errors = 0
    }

    static func runScripts(_ settings: Settings, output: Output) async -> Int32 {
        var totals = Totals()
        if let refusal = recordingRefusal(settings) {
            output.err(refusal)
            return 1
        }
        if let out = settings.record, recordsIntoDirectory(settings) {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                output.err("\(out): error: io: cannot create the recordings directory: \(plainReason(error))")
                return 1
            }
        }
        for (index, script) in settings.scripts.enumerated() {
            let recording = settings.recordings.indices.contains(index) ? settings.recordings[index] : nil
            await runScript(script, recording: recording, settings: settings, output: output, totals: &totals)
        }
        var summary = "\(totals.passed) passed, \(totals.failed) failed"
        if totals.errors > 0 { summary += ", \(totals.errors) error\(totals.errors == 1 ? "" : "s")" }
        output.out(summary)
        return totals.failed == 0 && totals.errors == 0 ? 0 : 1
    }

    /// One run of a script on one canister.
    struct BackendRun {
        var canister: SimulatedCanister
        var result: ReplayResult
        var trace: ReplayTrace
        var startTime: UInt64
        var endTime: UInt64
        /// The order taken, when the calls went through the scheduler.
        var token: ScheduleToken? = nil
        /// The log lines each call wrote, by call number (from 1), for the calls that wrote any.
        var logs: [Int: [String]] = [:]
    }

    static func runScript(
        _ path: String, recording: String?, settings: Settings, output: Output, totals: inout Totals
    ) async {
        let source: String
        switch readText(path) {
        case .success(let text): source = text
        case .failure(let failure):
            output.err(failure.line(path))
            totals.errors += 1
            return
        }
        output.out(title(of: source).map { "\(path): \($0)" } ?? path)
        let script: ReplayScript
        do {
            script = try ReplayParser.parse(source, file: path)
        } catch {
            output.err("\(error.position): error: \(error.code): \(error.message)")
            totals.errors += 1
            return
        }
        let recorder = recording.map { ReplayRecorder(name: baseName(ofRecording: $0)) }
        var runs: [BackendRun] = []
        for canister in settings.canisters {
            var observers: [any ReplayObserver] = []
            if runs.isEmpty, let recorder { observers.append(recorder) }
            if settings.verbose { observers.append(VerbosePrinter(label: canister.name, output: output)) }
            let logs = LogCollector(label: canister.name, output: settings.verbose ? output : nil)
            let argument = settings.initArgument ?? canister.installArgument
            switch await runOnce(
                script, canister: canister, argument: argument, budget: settings.budget, modules: settings.modules,
                observers: observers, logs: logs, schedule: settings.schedule
            ) {
            case .success(let run): runs.append(run)
            case .failure(let error):
                output.err("\(path): error: install: cannot install the canister '\(canister.name)': \(error)")
                totals.errors += 1
                return
            }
        }
        report(runs, output: output, totals: &totals)
        for run in runs { if let token = run.token { output.out("  \(run.canister.name): schedule \(token)") } }
        if let recorder, let first = runs.first, let destination = recording {
            let written = recorder.recording
            if !settings.force {
                let paths = [destination] + written.files.map { ReplayOptions.resolve($0.name, relativeTo: destination) }
                if let existing = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) {
                    output.err("\(existing): error: exists: the recording would overwrite it (use --force)")
                    totals.errors += 1
                    return
                }
            }
            do {
                try written.write(scriptPath: destination)
                output.out("  recorded \(SummaryText.count(first.result.calls, "call")) (\(first.canister.name)) to \(destination)")
            } catch {
                output.err("\(destination): error: io: cannot write the recording: \(plainReason(error))")
                totals.errors += 1
            }
        }
    }

    /// `sim.sha256(blob)`.
    static let sha256 = ReplayBuiltin.blobFunction("sha256", summary: "sha256(blob) -> blob") { SHA256.hash($0) }

    /// Installs `simulated` with the install argument `argument` (Candid text) on a fresh replica and
    /// runs the script against it.
    static func runOnce(
        _ script: ReplayScript,
        canister simulated: SimulatedCanister,
        argument: String,
        budget: ReplayBudget = ReplayBudget(),
        modules: [SimulatedCanister] = [],
        observers: [any ReplayObserver],
        logs: LogCollector? = nil,
        schedule: SchedulePolicy? = nil
    ) async -> Result<BackendRun, any Error> {
        var configuration = ReplicaConfiguration()
        configuration.callLogKeepsBytes = false
        let replica = Replica(configuration: configuration)
        let interfaces: [Principal: ReplayInterface]
        do {
            interfaces = try await install(simulated, argument: argument, on: replica, modules: modules)
        } catch {
            return .failure(error)
        }
        logs?.replica = replica
        let trace = ReplayTrace(forwardingTo: observers + (logs.map { [$0] } ?? []))
        let start = replica.time
        var options = ReplayOptions()
        options.budget = budget
        guard let schedule else {
            let host = ReplicaReplayHost(replica: replica, interfaces: interfaces, builtins: [sha256])
            let result = await ReplayRunner.run(script, host: host, options: options, observer: trace)
            return .success(BackendRun(
                canister: simulated, result: result, trace: trace, startTime: start, endTime: replica.time,
                logs: logs?.lines ?? [:]
            ))
        }
        let scheduler = Scheduler(replica: replica, policy: schedule)
        let host = ScheduledReplayHost(scheduler: scheduler, interfaces: interfaces, builtins: [sha256])
        let result = await ReplayRunner.run(script, host: host, options: options, observer: trace)
        return .success(BackendRun(
            canister: simulated, result: result, trace: trace, startTime: start, endTime: replica.time,
            token: await scheduler.token, logs: logs?.lines ?? [:]
        ))
    }

    /// Installs `canister` (its set-up, as the identity `default`) with the install argument `argument`
    /// (Candid text) on `replica`, and returns the interface of each canister scripts may call.
    static func install(
        _ canister: SimulatedCanister, argument: String, on replica: Replica, modules: [SimulatedCanister]
    ) async throws -> [Principal: ReplayInterface] {
        for registered in modules {
            if let module = registered.module { try replica.register(module, as: registered.name) }
        }
        let bytes = try installArgument(argument, for: canister)
        let controller = ReplayIdentity.principal(named: controllerName)
        var interfaces: [Principal: ReplayInterface] = [:]
        for (id, didFile) in try await canister.setUp(replica, bytes, controller) {
            interfaces[id] = try ReplayInterface(didFile: didFile)
        }
        return interfaces
    }

    /// The install argument `text` (Candid text) as bytes, typed by the canister's `.did` service arguments.
    static func installArgument(_ text: String, for canister: SimulatedCanister) throws -> [UInt8] {
        let didFile = try canister.interface()
        let types = didFile.serviceArguments ?? []
        let values = try Candid.parseArguments(text, as: types, in: didFile.environment)
        return try Candid.encode(values, as: types, in: didFile.environment)
    }

    // MARK: - Reporting

    /// Prints the ``reportLines(_:totals:)`` of a script's runs: results on standard output, the errors
    /// that stopped a run on standard error.
    static func report(_ runs: [BackendRun], output: Output, totals: inout Totals) {
        let report = reportLines(runs, totals: &totals)
        for line in report.out { output.out(line) }
        for line in report.err { output.err(line) }
    }

    /// Summary lines, then failures and the first difference (`out`), and the errors that stopped a run
    /// (`err`), each naming the callers when it is inside a script function or a loaded file; adds to the
    /// totals.
    static func reportLines(_ runs: [BackendRun], totals: inout Totals) -> (out: [String], err: [String]) {
        var lines: [String] = []
        for run in runs {
            lines.append("  \(run.canister.name): " + RunSummary(run).text)
        }
        var failures: [(text: String, backends: [String])] = []
        // What the call before each failed assertion logged, from the first run that logged it.
        var failureLogs: [String: [String]] = [:]
        for run in runs {
            for failure in run.result.failures {
                let text = "\(failure.position): assertion failed: left \(failure.op.rawValue) right with "
                    + "left = \(failure.left), right = \(failure.right)" + ReplayFrame.suffix(failure.callers)
                if let index = failures.firstIndex(where: { $0.text == text }) {
                    failures[index].backends.append(run.canister.name)
                } else {
                    failures.append((text, [run.canister.name]))
                }
                if failureLogs[text] == nil, let logged = run.logs[failure.callsBefore] { failureLogs[text] = logged }
            }
        }
        var errors: [(text: String, backends: [String])] = []
        for run in runs {
            guard let error = run.result.error else { continue }
            let text = "\(error.position): error: \(error.code): \(error.message)" + ReplayFrame.suffix(error.callers)
            if let index = errors.firstIndex(where: { $0.text == text }) {
                errors[index].backends.append(run.canister.name)
            } else {
                errors.append((text, [run.canister.name]))
            }
        }
        let labels = runs.count > 1 ? runs.map(\.canister.name) : []
        func tagged(_ line: (text: String, backends: [String])) -> String {
            labels.isEmpty ? line.text : line.text + " [" + line.backends.joined(separator: ", ") + "]"
        }
        var difference: ReplayDifference?
        if runs.count == 2 {
            difference = ReplayDiffer.firstDifference(
                runs[0].trace, runs[1].trace, labels: (runs[0].canister.name, runs[1].canister.name)
            )
            if difference == nil {
                let calls = runs[0].result.calls
                let which = calls == 1 ? "the 1 call" : "all \(SummaryText.count(calls, "call"))"
                lines.append("  \(labels.joined(separator: " and ")): identical replies to \(which)")
            }
        }
        for failure in failures {
            lines.append(tagged(failure))
            for line in failureLogs[failure.text] ?? [] { lines.append("  the previous call's " + line) }
        }
        if let difference {
            lines.append("\(difference.position): replies differ: \(difference.operation): "
                + "\(difference.labels.0): \(difference.outcomes.0); \(difference.labels.1): \(difference.outcomes.1)"
                + ReplayFrame.suffix(difference.callers))
        }
        totals.passed += runs.map(\.result.passed).min() ?? 0
        totals.failed += failures.count + (difference == nil ? 0 : 1)
        totals.errors += errors.count
        return (lines, errors.map(tagged))
    }

    /// The first line of the script when it is a `//` comment: what the script is about.
    static func title(of source: String) -> String? {
        guard let first = source.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first,
            first.hasPrefix("//")
        else { return nil }
        let text = first.dropFirst(2).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// A file-system error in plain words: the POSIX reason when there is one, not an NSError dump.
    static func plainReason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        switch nsError.code {
        case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "permission denied"
        case NSFileWriteFileExistsError: return "a file is in the way"
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or directory"
        default: return "the file system refused (error \(nsError.code))"
        }
    }

    // MARK: - Recording paths

    /// Whether `--record OUT` names a directory: several scripts, an existing directory, or a trailing `/`.
    static func recordsIntoDirectory(_ settings: Settings) -> Bool {
        guard let out = settings.record else { return false }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory)
        return settings.scripts.count > 1 || out.hasSuffix("/") || (exists && isDirectory.boolValue)
    }

    /// Where each script's recording goes: OUT itself, or `OUT/<script file name>`. Two scripts with the
    /// same file name get distinct names: the later one is prefixed with its parent folder's name
    /// (`b-x.repl`), or with its position (`2-x.repl`) when that is taken too.
    static func recordingPaths(_ settings: Settings) -> [String] {
        guard let out = settings.record else { return [] }
        guard recordsIntoDirectory(settings) else { return settings.scripts.map { _ in out } }
        var taken: Set<String> = []
        var paths: [String] = []
        for (index, script) in settings.scripts.enumerated() {
            let url = URL(fileURLWithPath: script)
            var name = url.lastPathComponent
            if taken.contains(name) {
                let parent = url.deletingLastPathComponent().lastPathComponent
                name = parent.isEmpty || parent == "/" ? "\(index + 1)-\(name)" : "\(parent)-\(name)"
                if taken.contains(name) { name = "\(index + 1)-\(url.lastPathComponent)" }
            }
            taken.insert(name)
            paths.append(URL(fileURLWithPath: out).appendingPathComponent(name).path)
        }
        return paths
    }

    /// Why the recordings must not be written, before anything runs: a recording that would replace an
    /// input script, or an existing OUT file without `--force`.
    static func recordingRefusal(_ settings: Settings) -> String? {
        let inputs = Set(settings.scripts.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path })
        for recording in settings.recordings {
            let path = URL(fileURLWithPath: recording).standardizedFileURL.resolvingSymlinksInPath().path
            if inputs.contains(path) {
                return "\(recording): error: exists: the recording would overwrite an input script"
            }
        }
        if !settings.force, let out = settings.record, !recordsIntoDirectory(settings),
            FileManager.default.fileExists(atPath: out)
        {
            return "\(out): error: exists: the recording would overwrite it (use --force)"
        }
        return nil
    }

    /// The base name of the recording's side files: the recording's file name without `.repl`.
    static func baseName(ofRecording path: String) -> String {
        let file = URL(fileURLWithPath: path).lastPathComponent
        return file.hasSuffix(".repl") ? String(file.dropLast(5)) : file
    }

}

/// The exit status handed back from the task that runs the scripts; the semaphore orders the accesses.
private final class StatusBox: @unchecked Sendable {
    var status: Int32 = 1
}

/// What one run did, in words: calls, what the canister's own summary adds, clock, assertions.
struct RunSummary {
    var calls = 0
    var rejected = 0
    var errReplies = 0
    /// The parts ``SimulatedCanister`` adds (uploads finished, chunks stored...).
    var canisterParts: [String] = []
    var clock: UInt64 = 0
    var passed = 0
    var failed = 0

    init(_ run: ReplayCommand.BackendRun) {
        calls = run.result.calls
        passed = run.result.passed
        failed = run.result.failed
        clock = run.endTime &- run.startTime
        for call in run.trace.calls {
            guard case .reply(let value, _) = call.outcome else {
                rejected += 1
                continue
            }
            if case .variant(let label, _) = value, label == CandidLabel("Err") { errReplies += 1 }
        }
        canisterParts = run.canister.summarize(run.trace)
    }

    var text: String {
        var callText = SummaryText.count(calls, "call")
        var notes: [String] = []
        if errReplies > 0 { notes.append("\(errReplies) Err") }
        if rejected > 0 { notes.append("\(rejected) rejected") }
        if !notes.isEmpty { callText += " (" + notes.joined(separator: ", ") + ")" }
        let parts = [callText] + canisterParts + ["simulated time +\(SummaryText.duration(clock))"]
        return parts.joined(separator: ", ") + "; \(passed) passed, \(failed) failed"
    }

}

/// The words of summary lines, for the summaries a ``SimulatedCanister`` adds too.
public enum SummaryText {
    /// `1 call`, `2 calls`, `21,827,484 bytes`: the count with thousands separators and the noun, plural
    /// unless the count is 1.
    public static func count(_ value: Int, _ noun: String) -> String {
        count(UInt64(max(value, 0)), noun)
    }

    /// ``count(_:_:)`` of an unsigned count.
    public static func count(_ value: UInt64, _ noun: String) -> String {
        "\(grouped(value)) \(noun)\(value == 1 ? "" : "s")"
    }

    /// `21,827,484`.
    public static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return text
    }

    /// `0 s`, `2 h`, `6 h 29 min 0.001800001 s`: the non-zero parts.
    static func duration(_ nanoseconds: UInt64) -> String {
        let total = nanoseconds / 1_000_000_000
        let fraction = nanoseconds % 1_000_000_000
        var parts: [String] = []
        if total >= 3600 { parts.append("\(grouped(total / 3600)) h") }
        if total % 3600 >= 60 { parts.append("\(total % 3600 / 60) min") }
        if total % 60 > 0 || fraction > 0 || parts.isEmpty {
            var seconds = String(total % 60)
            if fraction > 0 {
                var digits = String(fraction)
                digits = String(repeating: "0", count: 9 - digits.count) + digits
                while digits.hasSuffix("0") { digits.removeLast() }
                seconds += "." + digits
            }
            parts.append(seconds + " s")
        }
        return parts.joined(separator: " ")
    }
}

/// The lines each call's canister logged during it (`debug_print`, traps), read from the replica's log
/// ring after the call: printed after the call with `--verbose`, and kept for the calls of the last
/// ``keptCalls`` that wrote any, so that a failed assertion shows what the previous call logged.
final class LogCollector: ReplayObserver {
    /// How many calls' lines are kept for the report (older ones are dropped).
    static let keptCalls = 256

    let label: String
    /// Where `--verbose` prints the lines as they come, if it is on.
    let output: Output?
    /// The replica the run uses, set once it exists.
    var replica: Replica?
    /// The lines of each call that logged, by call number.
    private(set) var lines: [Int: [String]] = [:]
    private var calls = 0
    /// The next log index to read, per canister.
    private var next: [Principal: UInt64] = [:]

    init(label: String, output: Output?) {
        self.label = label
        self.output = output
    }

    func observe(_ event: ReplayEvent) {
        guard case .call(let call) = event else { return }
        calls += 1
        guard let replica, let records = try? replica.logs(of: call.canister, from: next[call.canister] ?? 0),
            !records.isEmpty
        else { return }
        var written: [String] = []
        for record in records {
            let line = "log \(call.canister.text) @\(record.timestamp): \(record.text)"
            output?.out("    [\(label)] " + line)
            written.append(line)
            next[call.canister] = record.index + 1
        }
        lines[calls] = written
        if lines.count > Self.keptCalls, let oldest = lines.keys.min() { lines[oldest] = nil }
    }
}

/// `--verbose`: each call, identity switch, time change, tick and upgrade as it happens.
final class VerbosePrinter: ReplayObserver {
    let label: String
    let output: Output

    init(label: String, output: Output) {
        self.label = label
        self.output = output
    }

    func observe(_ event: ReplayEvent) {
        let text: String
        switch event {
        case .identity(let name, let principal): text = "identity \(name) (\(principal.text))"
        case .importCanister(let name, let canister): text = "import \(name) = \(canister.text)"
        case .call(let call):
            let arguments = call.arguments.map { $0.text(ReplayPrintOptions(typed: false, abbreviateBlobsOver: 16)) }
            text = "\(call.position) \(call.kind) \(call.method)(\(arguments.joined(separator: ", "))) -> "
                + abbreviated(call.outcome.summary)
        case .advanceTime(let nanoseconds): text = "sim.advance(\(nanoseconds))"
        case .setTime(let nanoseconds): text = "sim.set_time(\(nanoseconds))"
        case .tick: text = "sim.tick()"
        case .upgrade(let upgrade):
            text = "\(upgrade.position) sim.upgrade -> " + (upgrade.failure.map { "failed: \($0)" } ?? "ok")
        }
        output.out("    [\(label)] " + abbreviated(text))
    }

    /// At most 240 characters.
    private func abbreviated(_ text: String) -> String {
        text.count <= 240 ? text : String(text.prefix(239)) + "…"
    }
}
