// Sources/canister-bench/BenchRunner.swift - the benchmark framework: registry entry, runner, report
//
// A benchmark is registered by one line in the list in main.swift and defined in its own file
// (`Benchmarks+<Area>.swift`) as a computed `static var` of `Benchmark`: computed, so nothing is
// allocated unless it runs and there is no global state. Each one does a warm-up run that is not
// counted, then N timed samples; the report gives the median and the best throughput in MB/s
// (10^6 bytes per second).

import Foundation

/// One benchmark: a name and how to run it.
struct Benchmark {
    /// How the benchmark is timed.
    enum Kind {
        /// Timed here. `setUp` runs once, untimed, and returns the body; each call of the body does
        /// the work once and returns how many bytes it processed.
        case measured(setUp: () throws -> () throws -> Int)
        /// Timed by an external tool: each call runs it once and returns its MB/s.
        case external(run: () throws -> Double)
    }

    /// A benchmark that cannot run here (missing tool or CPU feature). It is reported, not failed.
    struct Skip: Error {
        var reason: String
    }

    /// The name `--filter` matches, e.g. `sha256-shani-1mib`.
    let name: String
    let kind: Kind
    /// Another benchmark this one is compared with: the report prints the ratio this / reference.
    let reference: String?

    /// A benchmark timed in process.
    ///
    /// - Parameters:
    ///   - name: lowercase words joined by `-`.
    ///   - reference: the name of a benchmark to print the ratio against, if any.
    ///   - setUp: untimed preparation (allocate, fill); returns the timed body, which returns the
    ///     number of bytes it processed. Throw `Benchmark.Skip` to skip.
    static func measured(
        _ name: String,
        reference: String? = nil,
        setUp: @escaping () throws -> () throws -> Int
    ) -> Benchmark {
        Benchmark(name: name, kind: .measured(setUp: setUp), reference: reference)
    }

    /// A benchmark whose figure comes from an external tool. Throw `Benchmark.Skip` when the tool is missing.
    static func external(_ name: String, run: @escaping () throws -> Double) -> Benchmark {
        Benchmark(name: name, kind: .external(run: run), reference: nil)
    }
}

/// The outcome of one benchmark: its samples in MB/s.
struct BenchResult {
    let name: String
    let samples: [Double]
    var median: Double {
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
    var best: Double { samples.max() ?? 0 }
}

/// Parses the command line, runs the selected benchmarks, and prints the report.
enum BenchRunner {
    static let usage = """
        usage: canister-bench [--filter NAME]... [--samples N] [--list]

          --filter NAME   run only benchmarks whose name contains NAME (repeatable)
          --samples N     timed samples per benchmark, after one warm-up run (default 10);
                          an external tool is run min(N, 3) times
          --list          print the benchmark names and exit

        Build with -c release: a debug build measures the debug build.
        """

    struct Options {
        var filters: [String] = []
        var samples = 10
        var list = false
        var help = false
    }

    /// Runs everything; returns the process exit code (0 ran, 1 a benchmark failed, 2 usage).
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
        if Set(names).count != names.count {
            printError("canister-bench: two benchmarks share a name: \(names.sorted())")
            return 2
        }
        if options.help {
            print(usage)
            return 0
        }
        if options.list {
            for name in names { print(name) }
            return 0
        }

        printBuildBanner()
        let selected = benchmarks.filter { benchmark in
            options.filters.isEmpty || options.filters.contains { benchmark.name.contains($0) }
        }
        if selected.isEmpty {
            printError("canister-bench: no benchmark matches \(options.filters); --list shows the names")
            return 2
        }

        var results: [String: BenchResult] = [:]
        var failed = false
        for benchmark in selected {
            do {
                let result = try run(benchmark, samples: options.samples)
                results[benchmark.name] = result
                print(line(result))
            } catch let skip as Benchmark.Skip {
                print(pad(benchmark.name) + "skipped: \(skip.reason)")
            } catch {
                print(pad(benchmark.name) + "FAILED: \(error)")
                failed = true
            }
        }

        for benchmark in selected {
            guard let reference = benchmark.reference,
                let ours = results[benchmark.name], let theirs = results[reference]
            else { continue }
            print(
                "ratio \(benchmark.name) / \(reference): median "
                    + format(ours.median / theirs.median, digits: 3) + ", best "
                    + format(ours.best / theirs.best, digits: 3)
            )
        }
        return failed ? 1 : 0
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
            case "--list":
                options.list = true
            case "--help", "-h":
                options.help = true
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

    /// Warm-up, then the timed samples.
    static func run(_ benchmark: Benchmark, samples: Int) throws -> BenchResult {
        switch benchmark.kind {
        case .measured(let setUp):
            let body = try setUp()
            _ = try body()  // warm-up: page faults, caches, lazy statics
            let clock = ContinuousClock()
            var rates: [Double] = []
            for _ in 0..<samples {
                let start = clock.now
                let bytes = try body()
                let elapsed = clock.now - start
                rates.append(Double(bytes) / seconds(elapsed) / 1_000_000)
            }
            return BenchResult(name: benchmark.name, samples: rates)
        case .external(let run):
            var rates: [Double] = []
            for _ in 0..<min(samples, 3) {
                rates.append(try run())
            }
            return BenchResult(name: benchmark.name, samples: rates)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    static func printBuildBanner() {
        #if DEBUG
        let bar = String(repeating: "!", count: 78)
        print(bar)
        print("!!! WARNING: canister-bench was built in DEBUG mode. These numbers mean nothing.")
        print("!!! Build and run: swift build -c release --product canister-bench && .build/release/canister-bench")
        print(bar)
        #else
        print("canister-bench (release build); MB/s = 10^6 bytes per second")
        #endif
    }

    static func line(_ result: BenchResult) -> String {
        pad(result.name) + "median " + format(result.median, digits: 1, width: 9) + " MB/s   best "
            + format(result.best, digits: 1, width: 9) + " MB/s   (\(result.samples.count) samples)"
    }

    static func pad(_ name: String) -> String {
        name.count >= 32 ? name + " " : name.padding(toLength: 32, withPad: " ", startingAt: 0)
    }

    static func format(_ value: Double, digits: Int, width: Int = 0) -> String {
        let text = String(format: "%.\(digits)f", value)
        return text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
