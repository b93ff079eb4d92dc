// Sources/canister-bench/BenchRunner.swift - the command line, the runs, and the exit code
//
// The runner times every selected benchmark in process (a warm-up, then N samples), measures the peak
// memory of those that declare a memory target in a child process of its own (`--child NAME`, see
// BenchRunner+Memory.swift), then prints each figure beside its target with PASS or MISS and a summary
// (BenchRunner+Report.swift). With `--markdown` the progress goes to stderr and stdout gets the README's
// performance table.

import Foundation

/// Parses the command line, runs the selected benchmarks, and prints the report.
enum BenchRunner {
    /// The version `canister-bench --version` prints: the same as canister-sim's.
    static let benchVersion = "0.2.0"

    static let usage = """
        usage: canister-bench [--filter NAME]... [--samples N] [--markdown] [--check] [--list]
               canister-bench --version

          --filter NAME   run only benchmarks whose name contains NAME (repeatable), and the rows their
                          targets are relative to
          --samples N     timed samples per benchmark, after one warm-up run (default 10);
                          an external tool is run min(N, 3) times
          --markdown      print the README performance table on stdout (progress goes to stderr)
          --check         exit 1 when a target is missed (without it, a MISS is reported and the
                          exit code stays 0)
          --list          print the benchmark names and exit
          --version       print the version and exit
          --child NAME    (internal) run NAME's memory probe and print its peak resident memory

        Every figure is printed beside its target, if it has one, with PASS or MISS. Benchmarks with a
        memory target are run once more in a child process, whose peak resident memory (VmHWM) is
        compared with its resident memory after the set-up.
        Build with -c release: a debug build measures the debug build.
        """

    struct Options {
        var filters: [String] = []
        var samples = 10
        var list = false
        var help = false
        var version = false
        var markdown = false
        var check = false
        var child: String?
    }

    /// Everything one run measured, by benchmark name.
    struct Outcome {
        var speed: [String: BenchResult] = [:]
        var memory: [String: MemoryResult] = [:]
        /// Why a benchmark did not run: skipped (a missing tool) or failed (an error), by name.
        var skipped: [String: String] = [:]
        var failed: [String: String] = [:]
        /// Why a memory probe failed, by name.
        var memoryFailed: [String: String] = [:]
    }

    /// Runs everything; returns the process exit code (0 ran, 1 a benchmark failed or `--check` saw a
    /// MISS, 2 usage).
    static func main(benchmarks: [Benchmark], arguments: [String]) -> Int32 {
        let options: Options
        do {
            options = try parse(arguments)
        } catch {
            printError("canister-bench: \(error)")
            printError(usage)
            return 2
        }
        let names = benchmarks.map(\.name)
        let problems = Benchmark.problems(in: benchmarks)
        guard problems.isEmpty else {
            for problem in problems { printError("canister-bench: \(problem)") }
            return 2
        }
        if options.help {
            print(usage)
            return 0
        }
        if options.version {
            print("canister-bench \(benchVersion)")
            return 0
        }
        if options.list {
            for name in names { print(name) }
            return 0
        }
        if let child = options.child {
            guard let benchmark = benchmarks.first(where: { $0.name == child }) else {
                printError("canister-bench: --child: no benchmark is named '\(child)'")
                return 2
            }
            return MemoryProbe.runChild(benchmark)
        }

        let selected = selection(benchmarks, filters: options.filters)
        if selected.isEmpty {
            printError("canister-bench: no benchmark matches \(options.filters); --list shows the names")
            return 2
        }
        // With --markdown, stdout is the table alone; the progress and text report go to stderr.
        let log: (String) -> Void = options.markdown ? { printError($0) } : { print($0) }
        let machine = Machine.current
        log(buildBanner(machine))

        let outcome = run(selected, samples: options.samples, log: log)
        let report = Report(benchmarks: selected, outcome: outcome)
        for line in report.textLines() { log(line) }
        if options.markdown {
            print(report.markdown(samples: options.samples, command: commandLine(arguments), machine: machine))
        }
        let missed = !report.misses.isEmpty
        let failed = !outcome.failed.isEmpty || !outcome.memoryFailed.isEmpty
        return failed || (options.check && missed) ? 1 : 0
    }

    /// Times each benchmark, then measures the memory of those with a memory target.
    /// The benchmarks whose name contains a filter (all without filters), plus every benchmark a selected
    /// one's target is relative to, so that no ratio is left unevaluated; in the list's order.
    static func selection(_ benchmarks: [Benchmark], filters: [String]) -> [Benchmark] {
        var names = Set(benchmarks.map(\.name).filter { name in filters.isEmpty || filters.contains { name.contains($0) } })
        guard !names.isEmpty else { return [] }
        // Each pass adds the references of what is selected; a chain of n references needs n passes.
        for _ in benchmarks {
            let references = benchmarks.filter { names.contains($0.name) }.compactMap { $0.target?.reference }
            guard !names.isSuperset(of: references) else { break }
            names.formUnion(references)
        }
        return benchmarks.filter { names.contains($0.name) }
    }

    static func run(_ selected: [Benchmark], samples: Int, log: (String) -> Void) -> Outcome {
        var outcome = Outcome()
        for benchmark in selected {
            do {
                let result = try run(benchmark, samples: samples)
                outcome.speed[benchmark.name] = result
                log(line(result))
            } catch let skip as Benchmark.Skip {
                outcome.skipped[benchmark.name] = skip.reason
                log(BenchFormat.pad(benchmark.name, 32) + "skipped: \(skip.reason)")
                continue
            } catch {
                outcome.failed[benchmark.name] = "\(error)"
                log(BenchFormat.pad(benchmark.name, 32) + "FAILED: \(error)")
                continue
            }
            guard let target = benchmark.memory else { continue }
            do {
                let memory = try MemoryProbe.measureInChild(benchmark.name)
                outcome.memory[benchmark.name] = memory
                log(memoryLine(benchmark.name, memory, target: target))
            } catch {
                outcome.memoryFailed[benchmark.name] = "\(error)"
                log(BenchFormat.pad(benchmark.name, 32) + "memory probe FAILED: \(error)")
            }
        }
        return outcome
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var index = 0
        func value(_ flag: String) throws -> String {
            guard index < arguments.count else { throw UsageError(message: "\(flag) needs a value") }
            defer { index += 1 }
            return arguments[index]
        }
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            // `--flag=value` or `--flag value`.
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let flag = String(parts[0])
            let inline = parts.count > 1 ? String(parts[1]) : nil
            switch flag {
            case "--filter":
                options.filters.append(try inline ?? value(flag))
            case "--samples":
                let text = try inline ?? value(flag)
                guard let samples = Int(text), samples >= 1 else {
                    throw UsageError(message: "--samples needs a whole number of at least 1, not '\(text)'")
                }
                options.samples = samples
            case "--child":
                options.child = try inline ?? value(flag)
            case "--list", "--help", "-h", "--markdown", "--check", "--version":
                guard inline == nil else { throw UsageError(message: "\(flag) takes no value") }
                switch flag {
                case "--list": options.list = true
                case "--markdown": options.markdown = true
                case "--check": options.check = true
                case "--version": options.version = true
                default: options.help = true
                }
            default:
                throw UsageError(message: "unknown argument '\(word)'")
            }
        }
        return options
    }

    struct UsageError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Warm-up, then the timed samples, in units per second.
    static func run(_ benchmark: Benchmark, samples: Int) throws -> BenchResult {
        switch benchmark.kind {
        case .measured(let setUp):
            let body = try setUp()
            _ = try body()  // warm-up: page faults, caches, lazy statics
            let clock = ContinuousClock()
            var rates: [Double] = []
            for _ in 0..<samples {
                let start = clock.now
                let units = try body()
                let elapsed = clock.now - start
                rates.append(Double(units) / seconds(elapsed))
            }
            return BenchResult(name: benchmark.name, unit: benchmark.unit, samples: rates)
        case .external(let run):
            var rates: [Double] = []
            for _ in 0..<min(samples, 3) {
                rates.append(try run())
            }
            return BenchResult(name: benchmark.name, unit: benchmark.unit, samples: rates)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    static func buildBanner(_ machine: Machine) -> String {
        #if DEBUG
        let bar = String(repeating: "!", count: 78)
        return [
            bar,
            "!!! WARNING: canister-bench was built in DEBUG mode. These numbers mean nothing.",
            "!!! Build and run: swift build -c release --product canister-bench && .build/release/canister-bench",
            bar,
        ].joined(separator: "\n")
        #else
        return "canister-bench (release build) on \(machine.summary), load average \(machine.loadAverage)\n"
            + "MB/s = 10^6 bytes per second; MiB = 2^20 bytes; µs per call = 10^6 / calls per second"
        #endif
    }

    /// The progress line of a timed benchmark.
    static func line(_ result: BenchResult) -> String {
        BenchFormat.pad(result.name, 32) + "median " + BenchFormat.pad(result.unit.format(result.median), 34)
            + "best " + BenchFormat.pad(result.unit.format(result.best), 34) + "(\(result.samples.count) samples)"
    }

    /// The progress line of a memory probe.
    static func memoryLine(_ name: String, _ memory: MemoryResult, target: MemoryTarget) -> String {
        BenchFormat.pad(name, 32) + "peak memory +" + BenchFormat.mebibytes(memory.growth) + " over "
            + BenchFormat.mebibytes(memory.baseline) + " after set-up = "
            + BenchFormat.times(memory.growth / Double(target.bytes)) + " the file (child process, "
            + "\(target.runs) runs" + (memory.peakWasReset ? ")" : "; peak not reset, includes the set-up)")
    }

    /// The command as typed, for the table: `.build/release/canister-bench --markdown`.
    static func commandLine(_ arguments: [String]) -> String {
        var program = CommandLine.arguments.first ?? "canister-bench"
        if let range = program.range(of: ".build/") {
            program = String(program[range.lowerBound...])
        }
        return ([program] + arguments).joined(separator: " ")
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
