// Tests/HashingTests/SHA256StateTests.swift - exporting a running hasher and continuing from the bytes

import Candid
import Hashing
import Testing
import TestSupport

@Suite("SHA-256 state export")
struct SHA256StateTests {
    /// H(0) of FIPS 180-4 as 32 big-endian bytes.
    static let initialWordBytes: [UInt8] = [
        0x6a, 0x09, 0xe6, 0x67, 0xbb, 0x67, 0xae, 0x85, 0x3c, 0x6e, 0xf3, 0x72, 0xa5, 0x4f, 0xf5, 0x3a,
        0x51, 0x0e, 0x52, 0x7f, 0x9b, 0x05, 0x68, 0x8c, 0x1f, 0x83, 0xd9, 0xab, 0x5b, 0xe0, 0xcd, 0x19,
    ]

    @Test("the exported bytes of a fresh hasher and of one that absorbed \"abc\"")
    func exactLayout() {
        var hasher = SHA256()
        #expect(hasher.exportState() == Self.initialWordBytes + [0, 0, 0, 0, 0, 0, 0, 0])
        hasher.update(Array("abc".utf8))
        #expect(hasher.exportState() == Self.initialWordBytes + [0, 0, 0, 0, 0, 0, 0, 3, 0x61, 0x62, 0x63])
    }

    @Test("after a whole block the words are H(1) and the tail is empty", arguments: availableImplementations)
    func afterOneBlock(implementation: SHA256.Implementation) throws {
        var hasher = SHA256(implementation: implementation)
        hasher.update([UInt8](repeating: 0, count: 64))
        let state = hasher.exportState()
        // H(1) after one all-zero block (computed independently with a Python model of FIPS 180-4
        // section 6.2.2), then the length 64 and no tail.
        let zeroBlockWords: [UInt8] = [
            0xda, 0x56, 0x98, 0xbe, 0x17, 0xb9, 0xb4, 0x69, 0x62, 0x33, 0x57, 0x99, 0x77, 0x9f, 0xbe, 0xca,
            0x8c, 0xe5, 0xd4, 0x91, 0xc0, 0xd2, 0x62, 0x43, 0xba, 0xfe, 0xf9, 0xea, 0x18, 0x37, 0xa9, 0xd8,
        ]
        #expect(state == zeroBlockWords + [0, 0, 0, 0, 0, 0, 0, 64])
        let restored = try SHA256(exportedState: state)
        #expect(restored == hasher)
    }

    @Test("export, import and continue gives the one-shot digest at every length", arguments: availableImplementations)
    func roundTrip(implementation: SHA256.Implementation) throws {
        let seed = testSeeds[0]
        var random = SplitMix64(seed: seed)
        let message = random.bytes(300)
        let expected = SHA256.hash(message, implementation: implementation)
        for split in 0...message.count {
            var hasher = SHA256(implementation: implementation)
            hasher.update(message[..<split])
            let state = hasher.exportState()
            #expect(state.count == 40 + split % 64, "seed \(seed), split \(split)")
            var restored = try SHA256(exportedState: state, implementation: implementation)
            #expect(restored == hasher, "seed \(seed), split \(split)")
            #expect(restored.byteCount == UInt64(split))
            restored.update(message[split...])
            #expect(restored.finalize() == expected, "seed \(seed), split \(split)")
        }
    }

    @Test(
        "a state exported by SHA-NI continues on the portable code, and back",
        .enabled(if: SHA256.isHardwareAccelerated, "this CPU has no SHA-NI"))
    func acrossImplementations() throws {
        try #require(SHA256.isHardwareAccelerated, "this CPU has no SHA-NI")
        let message = Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno".utf8)
            + Array("ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8)
        let expected = "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"

        var hardware = SHA256(implementation: .shaNI)
        hardware.update(message[..<70])
        var portable = try SHA256(exportedState: hardware.exportState(), implementation: .portable)
        #expect(portable.implementation == .portable)
        #expect(portable == hardware)  // the implementation takes no part in equality
        portable.update(message[70..<100])
        var back = try SHA256(exportedState: portable.exportState(), implementation: .shaNI)
        back.update(message[100...])
        #expect(hex(back.finalize()) == expected)
        #expect(Set([hardware, SHA256(implementation: .portable)]).count == 2)
    }

    @Test("fewer than 40 bytes is .truncated")
    func truncated() {
        let error = #expect(throws: SHA256.StateError.self) {
            try SHA256(exportedState: Array(Self.initialWordBytes + [0, 0, 0, 0, 0, 0, 0]))
        }
        #expect(error?.code == .truncated)
        #expect(error?.message == "the state is 39 bytes; it needs at least 40 (8 chaining words and the length)")
        #expect(throws: SHA256.StateError(.truncated, "")) { try SHA256(exportedState: []) }
    }

    @Test("a tail that is not byteCount % 64 bytes is .tailLengthMismatch")
    func tailMismatch() {
        // Length 3 but no tail.
        let error = #expect(throws: SHA256.StateError.self) {
            try SHA256(exportedState: Self.initialWordBytes + [0, 0, 0, 0, 0, 0, 0, 3])
        }
        #expect(error?.code == .tailLengthMismatch)
        #expect(error?.message == "the length 3 leaves 3 buffered bytes, but the state carries 0")
        // Length 64 (whole block) with a stray byte.
        #expect(throws: SHA256.StateError(.tailLengthMismatch, "")) {
            try SHA256(exportedState: Self.initialWordBytes + [0, 0, 0, 0, 0, 0, 0, 64, 0x61])
        }
    }

    @Test("a length beyond 2^61 - 1 bytes is .lengthOutOfRange")
    func lengthOutOfRange() {
        let error = #expect(throws: SHA256.StateError.self) {
            try SHA256(exportedState: Self.initialWordBytes + [0x20, 0, 0, 0, 0, 0, 0, 0])
        }
        #expect(error?.code == .lengthOutOfRange)
        #expect(
            error?.message == "the length 2305843009213693952 is beyond the SHA-256 limit of 2305843009213693951 bytes"
        )
        // The largest allowed length, 2^61 - 1, leaves 63 bytes in the tail and is accepted.
        let largest = Self.initialWordBytes.map { $0 ^ 1 } + [0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
            + [UInt8](repeating: 7, count: 63)
        #expect(throws: Never.self) { try SHA256(exportedState: largest) }
    }

    @Test("changed words with fewer than 64 bytes absorbed is .inconsistentWords")
    func inconsistentWords() {
        var words = Self.initialWordBytes
        words[31] ^= 1
        let error = #expect(throws: SHA256.StateError.self) {
            try SHA256(exportedState: words + [0, 0, 0, 0, 0, 0, 0, 1, 0x61])
        }
        #expect(error?.code == .inconsistentWords)
        #expect(error?.description.hasPrefix("invalid SHA-256 state (inconsistentWords): fewer than 64 bytes") == true)
    }
}
