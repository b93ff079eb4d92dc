// Sources/canister-bench/Benchmarks+SHA256.swift - SHA-256 throughput: SHA-NI, portable, and openssl's

import Foundation
import Hashing

extension Benchmark {
    /// SHA-NI: 256 one-shot digests of a 1 MiB buffer (256 MiB per sample), compared with openssl.
    static var sha256SHANI: Benchmark {
        .measured("sha256-shani-1mib", reference: "sha256-openssl") { try sha256Body(.shaNI, buffers: 256) }
    }

    /// Portable C: 64 one-shot digests of a 1 MiB buffer (64 MiB per sample).
    static var sha256Portable: Benchmark {
        .measured("sha256-portable-1mib", reference: "sha256-openssl") { try sha256Body(.portable, buffers: 64) }
    }

    /// `openssl speed -evp sha256 -bytes 1048576 -seconds 3`, which also hashes 1 MiB messages.
    static var sha256OpenSSL: Benchmark {
        .external("sha256-openssl") { try openSSLSpeed() }
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
        process.arguments = ["speed", "-evp", "sha256", "-bytes", "1048576", "-seconds", "3"]
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
