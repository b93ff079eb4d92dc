// Tests/HashingTests/SHA256SplitTests.swift - any split of the input gives the one-shot digest

import Candid
import Hashing
import Testing
import TestSupport

@Suite("SHA-256 incremental updates")
struct SHA256SplitTests {
    /// Lengths around every block and padding boundary, then a few random ones.
    static func lengths(_ random: inout SplitMix64) -> [Int] {
        [0, 1, 2, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 191, 192, 193]
            + (0..<6).map { _ in Int(random.next() % 300) }
    }

    @Test("two updates split at every boundary give the one-shot digest", arguments: availableImplementations)
    func everySplit(implementation: SHA256.Implementation) {
        for seed in testSeeds {
            var random = SplitMix64(seed: seed)
            var failures: [String] = []
            for length in Self.lengths(&random) {
                let message = random.bytes(length)
                let expected = SHA256.hash(message, implementation: implementation)
                for split in 0...length {
                    var hasher = SHA256(implementation: implementation)
                    hasher.update(message[..<split])
                    hasher.update(message[split...])
                    if hasher.finalize() != expected || hasher.byteCount != UInt64(length) {
                        failures.append("length \(length) split at \(split)")
                    }
                }
            }
            #expect(failures.isEmpty, "seed \(seed), \(implementation): \(failures.prefix(5))")
        }
    }

    @Test("three updates split at every pair of boundaries", arguments: availableImplementations)
    func everyPairOfSplits(implementation: SHA256.Implementation) {
        let seed = testSeeds[0]
        var random = SplitMix64(seed: seed)
        var failures: [String] = []
        for length in [63, 64, 65, 130] {
            let message = random.bytes(length)
            let expected = SHA256.hash(message, implementation: implementation)
            for first in 0...length {
                for second in first...length {
                    var hasher = SHA256(implementation: implementation)
                    hasher.update(message[..<first])
                    hasher.update(message[first..<second])
                    hasher.update(message[second...])
                    if hasher.finalize() != expected {
                        failures.append("length \(length) split at \(first) and \(second)")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "seed \(seed), \(implementation): \(failures.prefix(5))")
    }

    @Test("random pieces through every update overload give the one-shot digest", arguments: availableImplementations)
    func randomPieces(implementation: SHA256.Implementation) {
        for seed in testSeeds {
            var random = SplitMix64(seed: seed)
            var failures: [String] = []
            for round in 0..<40 {
                let message = random.bytes(Int(random.next() % 5000))
                let expected = SHA256.hash(message, implementation: implementation)
                var hasher = SHA256(implementation: implementation)
                var start = 0
                while start < message.count {
                    let size = Int(random.next() % 200)
                    let end = min(start + size, message.count)
                    switch random.next() % 4 {
                    case 0: hasher.update(Array(message[start..<end]))
                    case 1: hasher.update(message[start..<end])
                    case 2: message[start..<end].withUnsafeBytes { hasher.update($0) }
                    default: hasher.update(message[start..<end].lazy.map { $0 })
                    }
                    start = end
                }
                if hasher.finalize() != expected {
                    failures.append("round \(round), length \(message.count)")
                }
            }
            #expect(failures.isEmpty, "seed \(seed), \(implementation): \(failures.prefix(5))")
        }
    }

    @Test(
        "SHA-NI and portable agree on every length up to 600 bytes",
        .enabled(if: SHA256.isHardwareAccelerated, "this CPU has no SHA-NI"))
    func implementationsAgree() throws {
        try #require(SHA256.isHardwareAccelerated, "this CPU has no SHA-NI; nothing to compare")
        for seed in testSeeds {
            var random = SplitMix64(seed: seed)
            var failures: [Int] = []
            for length in 0...600 {
                let message = random.bytes(length)
                if SHA256.hash(message, implementation: .shaNI) != SHA256.hash(message, implementation: .portable) {
                    failures.append(length)
                }
            }
            #expect(failures.isEmpty, "seed \(seed): lengths \(failures.prefix(10)) differ")
        }
    }

    @Test("finalize peeks without changing the hasher", arguments: availableImplementations)
    func peek(implementation: SHA256.Implementation) {
        var hasher = SHA256(implementation: implementation)
        hasher.update(Array("ab".utf8))
        let before = hasher
        #expect(hex(hasher.finalize()) == "fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603")
        #expect(hasher == before)
        hasher.update(Array("c".utf8))
        #expect(hex(hasher.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hasher.byteCount == 3)
    }

    @Test("empty updates change nothing", arguments: availableImplementations)
    func emptyUpdates(implementation: SHA256.Implementation) {
        var hasher = SHA256(implementation: implementation)
        hasher.update([UInt8]())
        hasher.update(UnsafeRawBufferPointer(start: nil, count: 0))
        hasher.update(EmptyCollection<UInt8>())
        #expect(hasher == SHA256(implementation: implementation))
        #expect(hex(hasher.finalize()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}

/// The seeds the random tests run with. Change one to explore; a failure names the seed it used.
let testSeeds: [UInt64] = [0x5348_4132_3536, 1, 0xdead_beef_cafe_f00d, 20_260_501]
