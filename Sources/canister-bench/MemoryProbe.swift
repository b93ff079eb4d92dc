// Sources/canister-bench/MemoryProbe.swift - peak resident memory of a benchmark, in a child process
//
// Peak memory cannot be measured well inside the process that already ran every other benchmark: its
// peak (VmHWM, ru_maxrss) only ever grows, and freed heap stays resident. So the parent starts
// `canister-bench --child NAME`, which does NAME's set-up, returns the heap's free memory to the system,
// reads its resident memory (VmRSS) as the baseline, resets its peak (writing 5 to
// /proc/self/clear_refs), runs the body, and prints the peak (VmHWM) for the parent to read.

import Foundation

#if canImport(Glibc)
import Glibc
#endif

enum MemoryProbe {
    /// What the child prints on stdout, followed by `baseline=<bytes> peak=<bytes> reset=<0|1>`.
    static let marker = "memory-probe"

    /// Runs `canister-bench --child name` and reads its figures.
    ///
    /// - Throws: ``ProbeError`` when the child cannot start, fails, or prints no figures.
    static func measureInChild(_ name: String) throws -> MemoryResult {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--child", name]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let result = parse(output) else {
            throw ProbeError(
                description: "the child exited \(process.terminationStatus); it printed: \(output)\(errors)"
            )
        }
        return result
    }

    /// The figures of the child's `memory-probe` line.
    static func parse(_ output: String) -> MemoryResult? {
        for line in output.split(separator: "\n") where line.hasPrefix(marker + " ") {
            var fields: [String: Double] = [:]
            for field in line.split(separator: " ").dropFirst() {
                let parts = field.split(separator: "=")
                guard parts.count == 2, let value = Double(parts[1]) else { return nil }
                fields[String(parts[0])] = value
            }
            guard let baseline = fields["baseline"], let peak = fields["peak"], let reset = fields["reset"] else {
                return nil
            }
            return MemoryResult(baseline: baseline, peak: peak, peakWasReset: reset == 1)
        }
        return nil
    }

    /// The child's side: set up, take the baseline, run the body, print the peak. Returns the exit code.
    static func runChild(_ benchmark: Benchmark) -> Int32 {
        guard case .measured(let setUp) = benchmark.kind, let target = benchmark.memory else {
            BenchRunner.printError("canister-bench: \(benchmark.name) has no memory target")
            return 2
        }
        do {
            let body = try setUp()
            trimHeap()
            guard let baseline = statusField("VmRSS") else {
                throw ProbeError(description: "/proc/self/status has no VmRSS line")
            }
            let reset = resetPeak()
            for _ in 0..<target.runs {
                _ = try body()
            }
            guard let peak = statusField("VmHWM") else {
                throw ProbeError(description: "/proc/self/status has no VmHWM line")
            }
            print("\(marker) baseline=\(baseline) peak=\(peak) reset=\(reset ? 1 : 0)")
            return 0
        } catch {
            BenchRunner.printError("canister-bench --child \(benchmark.name): \(error)")
            return 1
        }
    }

    /// A field of /proc/self/status in bytes (`VmRSS:     13572 kB`).
    static func statusField(_ name: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/status") else { return nil }
        defer { try? handle.close() }
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count == 3, words[2] == "kB", let kilobytes = Int(words[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// Resets the peak resident memory (VmHWM) to the current one. Returns whether the kernel allowed it.
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }

    /// Gives the heap's free memory back to the system, so that the baseline holds only live data: glibc's
    /// `malloc_trim(0)`, looked up at run time (the Glibc module does not export `malloc.h`).
    static func trimHeap() {
        #if canImport(Glibc)
        guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "malloc_trim") else { return }
        typealias MallocTrim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }

    struct ProbeError: Error, CustomStringConvertible {
        var description: String
    }
}
