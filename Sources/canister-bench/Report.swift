// Sources/canister-bench/Report.swift - every figure beside its target: PASS/MISS, ratios, summary, markdown

import Foundation

/// The results of one run held against their targets, as text lines or as the README's markdown table.
struct Report {
    enum Status: Equatable {
        case pass
        case miss
        /// The target could not be checked (its reference did not run, or this benchmark did not).
        case notEvaluated(String)
        /// No target.
        case none
        /// The benchmark threw an error.
        case failed

        var text: String {
            switch self {
            case .pass: "PASS"
            case .miss: "MISS"
            case .notEvaluated: "n/a"
            case .none: "—"
            case .failed: "FAILED"
            }
        }
    }

    /// One line of the table: a speed figure or a peak memory figure.
    struct Row {
        var name: String
        /// What the row shows of the benchmark besides its speed: `peak memory`.
        var aspect: String? = nil
        var measures: String
        var result: String
        var best: String
        var target: String
        var status: Status

        /// `upload-direct-21mb (peak memory)`.
        var label: String { name + (aspect.map { " (\($0))" } ?? "") }
    }

    let rows: [Row]
    /// The notes under the table: why each target, and what could not be checked.
    let notes: [String]
    /// The comparisons: this / reference, for speed and for peak memory.
    let ratios: [String]

    init(benchmarks: [Benchmark], outcome: BenchRunner.Outcome) {
        var rows: [Row] = []
        var notes: [(names: [String], text: String)] = []
        func note(_ name: String, _ text: String?) {
            guard let text else { return }
            if let index = notes.firstIndex(where: { $0.text == text }) {
                notes[index].names.append(name)
            } else {
                notes.append(([name], text))
            }
        }
        for benchmark in benchmarks {
            rows.append(Self.speedRow(benchmark, outcome: outcome))
            note(benchmark.name, benchmark.target?.note)
            if case .notEvaluated(let reason) = rows[rows.count - 1].status {
                note(benchmark.name, "target not checked: \(reason)")
            }
            if let memory = benchmark.memory {
                rows.append(Self.memoryRow(benchmark, target: memory, outcome: outcome))
                note(benchmark.name + " (peak memory)", memory.note)
            }
        }
        self.rows = rows
        self.notes = notes.map { "\($0.names.joined(separator: ", ")): \($0.text)" }
        self.ratios = Self.ratios(benchmarks, outcome: outcome)
    }

    /// The rows whose target was missed.
    var misses: [String] { rows.filter { $0.status == .miss }.map(\.label) }

    /// `summary: 17 targets: 15 PASS, 2 MISS (a, b), 0 not evaluated, 0 failed`.
    var summary: String {
        let passes = rows.filter { $0.status == .pass }.count
        let misses = self.misses
        let open = rows.filter { if case .notEvaluated = $0.status { true } else { false } }.count
        let failed = rows.filter { $0.status == .failed }.count
        let targets = passes + misses.count + open
        return "summary: \(targets) target\(targets == 1 ? "" : "s"): \(passes) PASS, \(misses.count) MISS"
            + (misses.isEmpty ? "" : " (\(misses.joined(separator: ", ")))")
            + (open == 0 ? "" : ", \(open) not evaluated") + (failed == 0 ? "" : ", \(failed) failed")
    }

    // MARK: - Rows

    static func speedRow(_ benchmark: Benchmark, outcome: BenchRunner.Outcome) -> Row {
        var row = Row(
            name: benchmark.name, measures: benchmark.measures, result: "", best: "", target: "—", status: .none
        )
        if let target = benchmark.target {
            let (text, status) = evaluate(target, benchmark: benchmark, outcome: outcome)
            row.target = text
            row.status = status
        }
        if let result = outcome.speed[benchmark.name] {
            row.result = result.unit.format(result.median)
            row.best = result.unit.format(result.best)
        } else if let reason = outcome.skipped[benchmark.name] {
            row.result = "skipped: \(reason)"
            row.best = "—"
        } else {
            row.result = "FAILED: \(outcome.failed[benchmark.name] ?? "did not run")"
            row.best = "—"
            row.status = .failed
        }
        return row
    }

    static func memoryRow(_ benchmark: Benchmark, target: MemoryTarget, outcome: BenchRunner.Outcome) -> Row {
        let file = Double(target.bytes)
        var row = Row(
            name: benchmark.name,
            aspect: "peak memory",
            measures: "peak resident memory (VmHWM) above the resident memory after set-up, in a child process "
                + "doing \(target.runs) run\(target.runs == 1 ? "" : "s") in a row",
            result: "", best: "—",
            target: "≤ " + BenchFormat.times(target.factor) + " file = " + BenchFormat.mebibytes(target.limit),
            status: .none
        )
        if let memory = outcome.memory[benchmark.name] {
            row.result = "+" + BenchFormat.mebibytes(memory.growth) + " ("
                + BenchFormat.times(memory.growth / file) + " file)"
                + (memory.peakWasReset ? "" : ", includes set-up")
            row.status = memory.growth <= target.limit ? .pass : .miss
        } else if let reason = outcome.memoryFailed[benchmark.name] {
            row.result = "FAILED: \(reason)"
            row.status = .failed
        } else {
            row.result = "not measured"
            row.status = .notEvaluated("\(benchmark.name) did not run")
        }
        return row
    }

    /// The target as text and whether the median meets it.
    static func evaluate(
        _ target: SpeedTarget,
        benchmark: Benchmark,
        outcome: BenchRunner.Outcome
    ) -> (String, Status) {
        let ours = outcome.speed[benchmark.name]
        let unit = benchmark.unit
        let operation = operationName(unit)
        switch target.rule {
        case .atLeastMegabytesPerSecond(let megabytes):
            let text = "≥ " + BenchFormat.fixed(megabytes, digits: 0) + " MB/s"
            guard let ours else { return (text, .notEvaluated("\(benchmark.name) did not run")) }
            return (text, ours.median / 1_000_000 >= megabytes ? .pass : .miss)
        case .atMostMicroseconds(let microseconds):
            let text = "≤ " + BenchFormat.microseconds(microseconds) + " µs/\(operation)"
            guard let ours else { return (text, .notEvaluated("\(benchmark.name) did not run")) }
            return (text, 1_000_000 / ours.median <= microseconds ? .pass : .miss)
        case .atLeastFractionOf(let reference, let fraction):
            var text = "≥ " + BenchFormat.fixed(fraction * 100, digits: 0) + "% of \(reference)"
            guard let theirs = outcome.speed[reference] else {
                return (text, .notEvaluated("\(reference) did not run"))
            }
            let threshold = theirs.median * fraction
            text += " (≥ " + rateOnly(threshold, unit: unit) + ")"
            guard let ours else { return (text, .notEvaluated("\(benchmark.name) did not run")) }
            return (text, ours.median >= threshold ? .pass : .miss)
        case .atMostTimesOf(let reference, let factor):
            var text = "≤ " + BenchFormat.times(factor) + " \(reference)'s µs/\(operation)"
            guard let theirs = outcome.speed[reference] else {
                return (text, .notEvaluated("\(reference) did not run"))
            }
            let limit = factor * 1_000_000 / theirs.median
            text += " (≤ " + BenchFormat.microseconds(limit) + " µs)"
            guard let ours else { return (text, .notEvaluated("\(benchmark.name) did not run")) }
            return (text, 1_000_000 / ours.median <= limit ? .pass : .miss)
        }
    }

    /// `call` for calls, `byte` for bytes.
    static func operationName(_ unit: BenchUnit) -> String {
        if case .operations(let name) = unit { name } else { "byte" }
    }

    /// A rate without the per-operation time: `1717.0 MB/s`, `45,000 calls/s`.
    static func rateOnly(_ perSecond: Double, unit: BenchUnit) -> String {
        switch unit {
        case .bytes: BenchFormat.fixed(perSecond / 1_000_000, digits: 1) + " MB/s"
        case .operations: BenchFormat.grouped(perSecond) + " " + unit.rateName
        }
    }

    /// `upload-compat-21mb / upload-direct-21mb: speed 0.980 (median), 1.010 (best); peak memory growth 1.020`.
    static func ratios(_ benchmarks: [Benchmark], outcome: BenchRunner.Outcome) -> [String] {
        var lines: [String] = []
        for benchmark in benchmarks {
            for reference in benchmark.references {
                var parts: [String] = []
                if let ours = outcome.speed[benchmark.name], let theirs = outcome.speed[reference] {
                    // Bytes compare as speed (higher is faster), operations as time per operation.
                    if benchmark.unit == .bytes {
                        parts.append(
                            "speed " + BenchFormat.fixed(ours.median / theirs.median, digits: 3) + " (median), "
                                + BenchFormat.fixed(ours.best / theirs.best, digits: 3) + " (best)"
                        )
                    } else {
                        parts.append(
                            "time per \(Self.operationName(benchmark.unit)) "
                                + BenchFormat.fixed(theirs.median / ours.median, digits: 3) + " (median), "
                                + BenchFormat.fixed(theirs.best / ours.best, digits: 3) + " (best)"
                        )
                    }
                }
                if let ours = outcome.memory[benchmark.name], let theirs = outcome.memory[reference],
                    theirs.growth > 0
                {
                    parts.append("peak memory growth " + BenchFormat.fixed(ours.growth / theirs.growth, digits: 3))
                }
                guard !parts.isEmpty else { continue }
                lines.append("\(benchmark.name) / \(reference): " + parts.joined(separator: "; "))
            }
        }
        return lines
    }

    // MARK: - Text

    /// The text report: the table, the ratios, the notes, the summary.
    func textLines() -> [String] {
        let nameWidth = max(34, (rows.map(\.label.count).max() ?? 0) + 2)
        let resultWidth = max(30, (rows.map(\.result.count).max() ?? 0) + 2)
        let targetWidth = max(24, (rows.map(\.target.count).max() ?? 0) + 2)
        func format(_ name: String, _ result: String, _ target: String, _ status: String) -> String {
            BenchFormat.pad(name, nameWidth) + BenchFormat.pad(result, resultWidth)
                + BenchFormat.pad(target, targetWidth) + status
        }
        var lines = ["", "results against targets (median of the samples)"]
        lines.append(format("benchmark", "result (median)", "target", "status"))
        for row in rows {
            lines.append(format(row.label, row.result, row.target, row.status.text))
        }
        if !ratios.isEmpty {
            lines.append("")
            lines.append("ratios (this / reference)")
            lines += ratios.map { "  " + $0 }
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append("notes")
            lines += notes.map { "  " + $0 }
        }
        lines.append("")
        lines.append(summary)
        return lines
    }

    // MARK: - Markdown

    /// The README performance table, with the machine, the command and the notes.
    func markdown(samples: Int, command: String, machine: Machine) -> String {
        var lines: [String] = []
        lines.append("Machine: \(machine.summary); load average \(machine.loadAverage) at the start (a shared machine "
            + "slows every figure, and the targets are checked against the medians).")
        lines.append("")
        #if DEBUG
        lines.append("**This is a debug build: these numbers mean nothing.**")
        lines.append("")
        #endif
        let runs = min(samples, 3) == 1 ? "once" : "\(min(samples, 3)) times"
        lines.append(
            "Command: `swift build -c release --product canister-bench && \(command)` (median and best of "
                + "\(samples) timed \(samples == 1 ? "sample" : "samples") after one warm-up; `sha256-openssl` runs "
                + "\(runs); MB/s = 10^6 bytes/s, MiB = 2^20 bytes)."
        )
        lines.append("")
        lines.append("| benchmark | what it measures | result (median) | best | target | status |")
        lines.append("|---|---|---|---|---|---|")
        for row in rows {
            let cells = [
                "`\(row.name)`" + (row.aspect.map { " (\($0))" } ?? ""), row.measures, row.result, row.best, row.target,
                row.status == .pass || row.status == .miss ? "**\(row.status.text)**" : row.status.text,
            ]
            lines.append("| " + cells.map(Self.escaped).joined(separator: " | ") + " |")
        }
        if !ratios.isEmpty {
            lines.append("")
            lines.append("Ratios (this / reference):")
            lines.append("")
            lines += ratios.map { "- " + $0 }
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes:")
            lines.append("")
            lines += notes.map { "- " + $0 }
        }
        lines.append("")
        lines.append(summary.prefix(1).uppercased() + summary.dropFirst() + ".")
        return lines.joined(separator: "\n")
    }

    /// A table cell: `|` would end the cell.
    static func escaped(_ cell: String) -> String {
        cell.replacingOccurrences(of: "|", with: "\\|")
    }
}

/// The machine the numbers come from.
struct Machine {
    /// The CPU model from /proc/cpuinfo, or `unknown CPU`.
    let cpu: String
    /// Logical CPUs the process may use.
    let cores: Int
    /// Whether the SHA-256 instructions are there (`sha_ni` in the flags).
    let shaNI: Bool
    /// The 1, 5 and 15 minute load averages from /proc/loadavg: how busy the machine was.
    let loadAverage: String

    static var current: Machine {
        let text = (FileHandle(forReadingAtPath: "/proc/cpuinfo")?.readDataToEndOfFile())
            .map { String(decoding: $0, as: UTF8.self) } ?? ""
        var cpu = "unknown CPU"
        var flags: [Substring] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            if key == "model name" && cpu == "unknown CPU" {
                cpu = parts[1].trimmingCharacters(in: .whitespaces)
            } else if key == "flags" && flags.isEmpty {
                flags = parts[1].split(separator: " ")
            }
        }
        let load = (FileHandle(forReadingAtPath: "/proc/loadavg")?.readDataToEndOfFile())
            .map { String(decoding: $0, as: UTF8.self).split(separator: " ").prefix(3).joined(separator: " ") }
        return Machine(
            cpu: cpu, cores: ProcessInfo.processInfo.activeProcessorCount, shaNI: flags.contains("sha_ni"),
            loadAverage: load ?? "unknown"
        )
    }

    /// `AMD EPYC, 2 cores, SHA-NI`.
    var summary: String {
        "\(cpu), \(cores) \(cores == 1 ? "core" : "cores")" + (shaNI ? ", SHA-NI" : ", no SHA-NI")
    }
}
