// Tests/HashingTests/AuditSHA256Tests.swift - both paths forced explicitly, splits checked across paths

import Hashing
import Testing
import TestSupport

@Suite("SHA-256 audit: forced paths and cross-checked splits")
struct AuditSHA256Tests {
    /// The FIPS 180-4 examples, hashed with each path chosen explicitly (not through the default).
    static let fips: [(message: [UInt8], digest: String)] = [
        ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            Array(
                ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                    + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
        (
            [UInt8](repeating: 0x61, count: 1_000_000),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        ),
    ]

    @Test("the portable path, forced, gives the FIPS digests and stays portable")
    func forcedPortable() {
        for (message, digest) in Self.fips {
            var hasher = SHA256(implementation: .portable)
            hasher.update(message)
            #expect(hasher.implementation == .portable)
            #expect(hex(hasher.finalize()) == digest)
            #expect(hex(SHA256.hash(message, implementation: .portable)) == digest)
        }
        // The state survives export and import onto the portable path.
        var hasher = SHA256(implementation: .portable)
        hasher.update(Array("ab".utf8))
        var resumed = try? SHA256(exportedState: hasher.exportState(), implementation: .portable)
        resumed?.update(Array("c".utf8))
        #expect(resumed?.implementation == .portable)
        #expect(
            resumed.map { hex($0.finalize()) } == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("the SHA-NI path, forced, gives the FIPS digests", .enabled(if: SHA256.isHardwareAccelerated))
    func forcedSHANI() {
        for (message, digest) in Self.fips {
            #expect(hex(SHA256.hash(message, implementation: .shaNI)) == digest)
        }
    }

    /// Each path, split at every boundary of random messages up to 4 KiB, against the other path's
    /// one-shot digest (so a shared mistake in the buffering could not hide behind itself).
    @Test("every split of random messages, checked against the other path", arguments: availableImplementations)
    func everySplitAgainstTheOtherPath(implementation: SHA256.Implementation) {
        let other = availableImplementations.first { $0 != implementation } ?? implementation
        for seed in testSeeds {
            var random = SplitMix64(seed: seed)
            var failures: [String] = []
            for length in [255, 256, 257, 1000, 4096] + (0..<2).map({ _ in Int(random.next() % 4096) }) {
                let message = random.bytes(length)
                let expected = SHA256.hash(message, implementation: other)
                for split in 0...length {
                    var hasher = SHA256(implementation: implementation)
                    hasher.update(message[..<split])
                    hasher.update(message[split...])
                    if hasher.finalize() != expected { failures.append("length \(length) split at \(split)") }
                }
            }
            #expect(failures.isEmpty, "seed \(seed), \(implementation) vs \(other): \(failures.prefix(5))")
        }
    }

    @Test("random pieces of a 3 MiB message agree across paths")
    func largeMessageInRandomPieces() {
        let seed = testSeeds[3]
        var random = SplitMix64(seed: seed)
        let message = random.bytes(3 << 20 | 77)
        let digests = availableImplementations.map { implementation -> [UInt8] in
            var hasher = SHA256(implementation: implementation)
            var start = 0
            while start < message.count {
                let end = min(message.count, start + Int(random.next() % 300_000))
                hasher.update(message[start..<end])
                start = end
            }
            return hasher.finalize()
        }
        let oneShot = SHA256.hash(message, implementation: .portable)
        #expect(digests.allSatisfy { $0 == oneShot }, "seed \(seed)")
    }
}
