// Sources/canister-bench/Benchmark.swift - one benchmark: what it measures, its unit, its targets
//
// A benchmark is registered by one line in the list in main.swift and defined in its own file
// (`Benchmarks+<Area>.swift`) as a computed `static var` of `Benchmark`: computed, so nothing is
// allocated unless it runs and there is no global state. Each one does a warm-up run that is not
// counted, then N timed samples; the report gives the median and the best, in the benchmark's unit,
// beside its target.

/// One benchmark: a name, what it measures, how to run it, and the targets it is held to.
struct Benchmark {
    /// How the benchmark is timed.
    enum Kind {
        /// Timed here. `setUp` runs once, untimed, and returns the body; each call of the body does
        /// the work once and returns how many units (bytes, calls, messages) it processed.
        case measured(setUp: () throws -> () throws -> Int)
        /// Timed by an external tool: each call runs it once and returns its rate in units per second.
        case external(run: () throws -> Double)
    }

    /// A benchmark that cannot run here (missing tool or CPU feature). It is reported, not failed.
    struct Skip: Error {
        var reason: String
    }

    /// The name `--filter` matches, e.g. `sha256-shani-1mib`.
    let name: String
    /// What one sample does, in a few words: the table's "what it measures" column.
    let measures: String
    /// What the body counts.
    let unit: BenchUnit
    let kind: Kind
    /// Other benchmarks this one is compared with: the report prints the ratio this / each of them.
    let references: [String]
    /// The speed this benchmark must reach, if any.
    let target: SpeedTarget?
    /// The peak memory check, if this benchmark is also measured for memory (in a child process).
    let memory: MemoryTarget?

    /// A benchmark timed in process.
    ///
    /// - Parameters:
    ///   - name: lowercase words joined by `-`.
    ///   - measures: what one sample does, for the report.
    ///   - unit: what the body's return value counts.
    ///   - references: the names of benchmarks to print the ratio against.
    ///   - target: the speed it must reach, if any.
    ///   - memory: measure its peak memory in a child process against this target, if given.
    ///   - setUp: untimed preparation (allocate, fill); returns the timed body, which returns the
    ///     number of units it processed. Throw `Benchmark.Skip` to skip.
    static func measured(
        _ name: String,
        measures: String,
        unit: BenchUnit = .bytes,
        references: [String] = [],
        target: SpeedTarget? = nil,
        memory: MemoryTarget? = nil,
        setUp: @escaping () throws -> () throws -> Int
    ) -> Benchmark {
        Benchmark(
            name: name, measures: measures, unit: unit, kind: .measured(setUp: setUp), references: references,
            target: target, memory: memory
        )
    }

    /// A benchmark whose figure comes from an external tool; `run` returns units per second. Throw
    /// `Benchmark.Skip` when the tool is missing.
    static func external(
        _ name: String,
        measures: String,
        unit: BenchUnit = .bytes,
        target: SpeedTarget? = nil,
        run: @escaping () throws -> Double
    ) -> Benchmark {
        Benchmark(
            name: name, measures: measures, unit: unit, kind: .external(run: run), references: [], target: target,
            memory: nil
        )
    }
}

extension Benchmark {
    /// What is wrong with a list of declarations: names used twice, comparisons with benchmarks that are
    /// not in the list, targets in a unit the benchmark does not count, memory targets on external tools.
    static func problems(in benchmarks: [Benchmark]) -> [String] {
        var problems: [String] = []
        let names = benchmarks.map(\.name)
        for name in Set(names).sorted() where names.filter({ $0 == name }).count > 1 {
            problems.append("two benchmarks are named '\(name)'")
        }
        for benchmark in benchmarks {
            let compared = benchmark.references + [benchmark.target?.reference].compactMap { $0 }
            for name in compared where !names.contains(name) {
                problems.append("\(benchmark.name) is compared with '\(name)', which is not in the list")
            }
            switch (benchmark.target?.rule, benchmark.unit) {
            case (.atLeastMegabytesPerSecond?, .operations):
                problems.append("\(benchmark.name) counts operations but has a target in MB/s")
            case (.atMostMicroseconds?, .bytes), (.atMostTimesOf?, .bytes):
                problems.append("\(benchmark.name) counts bytes but has a target in µs per operation")
            default:
                break
            }
            if benchmark.memory != nil, case .external = benchmark.kind {
                problems.append("\(benchmark.name) is timed by an external tool and cannot have a memory target")
            }
        }
        return problems
    }
}

/// What a benchmark counts, and so how its rate is printed.
enum BenchUnit: Equatable {
    /// Bytes: printed in MB/s (10^6 bytes per second).
    case bytes
    /// Operations of the named kind (`"call"`, `"message"`): printed per second and in µs per operation.
    case operations(String)

    /// `MB/s`, `calls/s`.
    var rateName: String {
        switch self {
        case .bytes: "MB/s"
        case .operations(let operation): "\(operation)s/s"
        }
    }

    /// The rate as printed: MB/s for bytes, operations per second otherwise.
    func scaled(_ perSecond: Double) -> Double {
        switch self {
        case .bytes: perSecond / 1_000_000
        case .operations: perSecond
        }
    }

    /// A rate in this unit, for a report: `1893.0 MB/s`, `702,114 calls/s (1.42 µs/call)`.
    func format(_ perSecond: Double) -> String {
        switch self {
        case .bytes:
            return BenchFormat.fixed(perSecond / 1_000_000, digits: 1) + " MB/s"
        case .operations(let operation):
            return BenchFormat.grouped(perSecond) + " \(operation)s/s ("
                + BenchFormat.microseconds(1_000_000 / perSecond) + " µs/\(operation))"
        }
    }
}

/// A speed a benchmark must reach, compared with its median.
struct SpeedTarget {
    enum Rule {
        /// At least this many MB/s (10^6 bytes per second).
        case atLeastMegabytesPerSecond(Double)
        /// At most this many microseconds per operation.
        case atMostMicroseconds(Double)
        /// A rate of at least `fraction` of another benchmark's median measured in the same run.
        case atLeastFractionOf(String, fraction: Double)
        /// At most `factor` times another benchmark's time per operation measured in the same run.
        case atMostTimesOf(String, factor: Double)
    }

    let rule: Rule
    /// Why this target, or what it compares with (printed under the table).
    let note: String?

    /// At least `value` MB/s.
    static func atLeast(megabytesPerSecond value: Double, note: String? = nil) -> SpeedTarget {
        SpeedTarget(rule: .atLeastMegabytesPerSecond(value), note: note)
    }

    /// At most `value` µs per operation.
    static func atMost(microseconds value: Double, note: String? = nil) -> SpeedTarget {
        SpeedTarget(rule: .atMostMicroseconds(value), note: note)
    }

    /// A median rate of at least `fraction` of `reference`'s median rate.
    static func atLeast(_ fraction: Double, of reference: String, note: String? = nil) -> SpeedTarget {
        SpeedTarget(rule: .atLeastFractionOf(reference, fraction: fraction), note: note)
    }

    /// A median time per operation of at most `factor` times `reference`'s.
    static func atMost(_ factor: Double, timesOf reference: String, note: String? = nil) -> SpeedTarget {
        SpeedTarget(rule: .atMostTimesOf(reference, factor: factor), note: note)
    }

    /// The other benchmark the rule compares with, if any.
    var reference: String? {
        switch rule {
        case .atLeastMegabytesPerSecond, .atMostMicroseconds: nil
        case .atLeastFractionOf(let name, _), .atMostTimesOf(let name, _): name
        }
    }
}

/// A peak memory target: the peak resident memory of `runs` bodies run one after another in a fresh
/// child process may grow at most `factor` × `bytes` above the resident memory after the set-up.
struct MemoryTarget {
    /// The size the limit is a multiple of (the uploaded file).
    let bytes: Int
    /// How many of those bytes the peak may grow by.
    let factor: Double
    /// How many times the child runs the body (the first run grows the storage; the later ones reuse it).
    let runs: Int
    /// Why this target (printed under the table).
    let note: String?

    /// The limit in bytes.
    var limit: Double { Double(bytes) * factor }
}

/// The outcome of one benchmark: its samples in units per second.
struct BenchResult {
    let name: String
    let unit: BenchUnit
    let samples: [Double]

    var median: Double {
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    var best: Double { samples.max() ?? 0 }
}

/// The peak memory of a benchmark's child process.
struct MemoryResult {
    /// Resident bytes after the set-up (VmRSS), the baseline.
    let baseline: Double
    /// Peak resident bytes (VmHWM) while the bodies ran.
    let peak: Double
    /// Whether the peak was reset after the set-up; when not, it may include the set-up's own peak.
    let peakWasReset: Bool

    /// How far the peak rose above the baseline.
    var growth: Double { max(0, peak - baseline) }
}
