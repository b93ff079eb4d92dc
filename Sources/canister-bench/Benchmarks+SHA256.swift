// Sources/canister-bench/Benchmarks+SHA256.swift - SHA-256 throughput: SHA-NI, portable, and openssl's

import Foundation
import Hashing

extension Benchmark {
    /// SHA-NI: 256 one-shot digests of a 1 MiB buffer (256 MiB per sample), held to 90% of openssl's own
    /// SHA-256 measured in the same run (openssl uses SHA-NI too where the CPU has it).
    static var sha256SHANI: Benchmark {
        .measured(
            "sha256-shani-1mib",
            measures: "SHA-256 with SHA-NI, one-shot digests of a 1 MiB message (256 MiB per sample)",
            references: ["sha256-openssl"],
            target: .atLeast(0.9, of: "sha256-openssl", note: "SHA-NI is held to openssl's SHA-256 in the same run")
        ) { try sha256Body(.shaNI, buffers: 256) }
    }

    /// Portable C: 64 one-shot digests of a 1 MiB buffer (64 MiB per sample).
    static var sha256Portable: Benchmark {
        .measured(
            "sha256-portable-1mib",
            measures: "SHA-256 in portable C (no SHA-NI), one-shot digests of a 1 MiB message (64 MiB per sample)",
            references: ["sha256-openssl"],
            target: .atLeast(
                megabytesPerSecond: 200,
                note: "every uploaded byte is hashed: on a CPU without SHA-NI the portable path must keep up "
                    + "with the 200 MB/s upload target"
            )
        ) { try sha256Body(.portable, buffers: 64) }
    }

    /// `openssl speed -elapsed -evp sha256 -bytes 1048576 -seconds 3`, which also hashes 1 MiB messages.
    /// `-elapsed` makes openssl divide by wall-clock time, as this bench does, instead of its CPU time: on a
    /// shared machine both figures then suffer the same.
    static var sha256OpenSSL: Benchmark {
        .external(
            "sha256-openssl",
            measures: "reference: `openssl speed -elapsed -evp sha256 -bytes 1048576 -seconds 3` (wall-clock time)"
        ) { try openSSLSpeed() * 1_000_000 }
    }

    /// The timed body: hash a 1 MiB buffer `buffers` times, each a whole message like openssl's.
    static func sha256Body(_ implementation: SHA256.Implementation, buffers: Int) throws -> () throws -> Int {
        guard implementation.isAvailable else { throw Skip(reason: "this CPU has no SHA-NI") }
        var random = UInt64(0x5348_4132_3536)
        let buffer = (0..<(1 << 20)).map { _ in
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: random >> 56)
        }
        return {
            var check: UInt8 = 0
            for _ in 0..<buffers {
                check ^= SHA256.hash(buffer, implementation: implementation)[0]
            }
            blackHole(check)
            return buffers * buffer.count
        }
    }

    /// Runs openssl's own SHA-256 benchmark and returns its figure in MB/s.
    static func openSSLSpeed() throws -> Double {
        guard let openssl = executableInPath("openssl") else { throw Skip(reason: "openssl is not in PATH") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = ["speed", "-elapsed", "-evp", "sha256", "-bytes", "1048576", "-seconds", "3"]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0, let rate = parseOpenSSLSpeed(text) else {
            throw OpenSSLOutputError(status: process.terminationStatus, output: text)
        }
        return rate
    }

    /// The MB/s in openssl speed's table: the `sha256` row gives thousands of bytes per second
    /// (`sha256         1878963.46k`).
    static func parseOpenSSLSpeed(_ output: String) -> Double? {
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 2, fields[0] == "sha256", fields[1].hasSuffix("k"),
                let thousands = Double(fields[1].dropLast())
            else { continue }
            return thousands * 1000 / 1_000_000
        }
        return nil
    }

    struct OpenSSLOutputError: Error, CustomStringConvertible {
        var status: Int32
        var output: String
        var description: String { "openssl speed exited \(status) without a sha256 row; it printed: \(output)" }
    }

    static func executableInPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
