// Tests/HashingTests/SHA256DispatchTests.swift - the CPUID choice, and the C entry points directly

import CSHA256
import Foundation
import Hashing
import Testing
import TestSupport

@Suite("SHA-256 dispatch and C blocks")
struct SHA256DispatchTests {
    /// The CPU flags the Linux kernel reports, or nil elsewhere.
    static func kernelCPUFlags() -> Set<Substring>? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        return Set(line.split(separator: " "))
    }

    @Test("the CPUID check agrees with the kernel's CPU flags", .enabled(if: kernelCPUFlags() != nil, "no /proc/cpuinfo"))
    func cpuidMatchesKernel() throws {
        let flags = try #require(Self.kernelCPUFlags(), "no /proc/cpuinfo on this system")
        let kernelSays = flags.contains("sha_ni") && flags.contains("ssse3") && flags.contains("sse4_1")
        #expect(SHA256.isHardwareAccelerated == kernelSays)
        #expect(SHA256.Implementation.shaNI.isAvailable == kernelSays)
        #expect(SHA256.hardwareImplementation == (kernelSays ? .shaNI : .portable))
        #expect(SHA256().implementation == SHA256.hardwareImplementation)
        #expect(availableImplementations == (kernelSays ? [.shaNI, .portable] : [.portable]))
    }

    @Test("the portable path can be forced")
    func forcePortable() {
        let hasher = SHA256(implementation: .portable)
        #expect(hasher.implementation == .portable)
        #expect(SHA256.Implementation.portable.isAvailable)
    }

    @Test(
        "C: SHA-NI and portable blocks agree from unaligned addresses and in one call or many",
        .enabled(if: csha256_shani_available() == 1, "this CPU has no SHA-NI"))
    func cBlocksAgree() throws {
        try #require(csha256_shani_available() == 1, "this CPU has no SHA-NI")
        let seed = testSeeds[2]
        var random = SplitMix64(seed: seed)
        let data = random.bytes(64 * 33 + 16)
        var failures: [String] = []
        data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            for offset in 0..<16 {
                for blocks in [1, 2, 3, 32] {
                    let start = (0..<8).map { _ in UInt32(truncatingIfNeeded: random.next()) }
                    var portable = start
                    var hardware = start
                    var oneAtATime = start
                    csha256_blocks_portable(&portable, base + offset, blocks)
                    csha256_blocks_shani(&hardware, base + offset, blocks)
                    for block in 0..<blocks {
                        csha256_blocks_shani(&oneAtATime, base + offset + 64 * block, 1)
                    }
                    if portable != hardware || hardware != oneAtATime {
                        failures.append("offset \(offset), \(blocks) blocks")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(5))")
    }

    @Test("C: the portable block of \"abc\" padded gives the FIPS digest words")
    func cPortableAbc() {
        var block = [UInt8](repeating: 0, count: 64)
        block[0] = 0x61
        block[1] = 0x62
        block[2] = 0x63
        block[3] = 0x80
        block[63] = 24
        var state: [UInt32] = [
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
        ]
        block.withUnsafeBytes { buffer in
            if let base = buffer.baseAddress { csha256_blocks_portable(&state, base, 1) }
        }
        #expect(
            state == [
                0xba78_16bf, 0x8f01_cfea, 0x4141_40de, 0x5dae_2223, 0xb003_61a3, 0x9617_7a9c, 0xb410_ff61, 0xf200_15ad,
            ]
        )
    }
}
