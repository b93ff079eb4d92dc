// Tests/HashingTests/SHA256VectorTests.swift - FIPS 180-4 examples and CAVP vectors, on every implementation

import Candid
import Hashing
import Testing
import TestSupport

/// A known-answer vector: a message and its SHA-256 digest in hex.
struct Vector: Sendable, CustomTestStringConvertible {
    enum Source: Sendable {
        case hex(String)
        case text(String, repeated: Int)
    }

    let name: String
    let source: Source
    let digest: String

    init(_ name: String, hex: String, digest: String) {
        self.name = name
        self.source = .hex(hex)
        self.digest = digest
    }

    init(_ name: String, text: String, repeated: Int = 1, digest: String) {
        self.name = name
        self.source = .text(text, repeated: repeated)
        self.digest = digest
    }

    var testDescription: String { name }

    func message() throws -> [UInt8] {
        switch source {
        case .hex(let text): try [UInt8](hex: text)
        case .text(let text, let count): Array(String(repeating: text, count: count).utf8)
        }
    }
}

/// Every implementation this CPU runs. On a CPU with SHA-NI both run; `SHA256DispatchTests`
/// checks that against the kernel's CPU flags, so a silent fallback would fail there.
let availableImplementations = SHA256.Implementation.allCases.filter(\.isAvailable)

@Suite("SHA-256 known answers")
struct SHA256VectorTests {
    /// The examples of FIPS 180-4 (and its companion document of examples).
    static let fipsVectors: [Vector] = [
        Vector("FIPS empty", text: "", digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        Vector("FIPS abc", text: "abc", digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        Vector(
            "FIPS 448-bit",
            text: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        Vector(
            "FIPS 896-bit",
            text: "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
        Vector(
            "FIPS one million a",
            text: "a",
            repeated: 1_000_000,
            digest: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        ),
    ]

    /// A selection of the byte-oriented CAVP vectors (SHA256ShortMsg.rsp and SHA256LongMsg.rsp),
    /// chosen around the padding boundaries (55, 56, 57, 63, 64 bytes) and across several blocks.
    static let cavpVectors: [Vector] = [
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 11.0 Len = 8",
            hex: "d3",
            digest: "28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 11.0 Len = 16",
            hex: "11af",
            digest: "5ca7133fa735326081558ac312c620eeca9970d1e70a4b95533d956f072d1f98"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 11.0 Len = 24",
            hex: "b4190e",
            digest: "dff2e73091f6c05e528896c4c831b9448653dc2ff043528f6769437bc7b975c2"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 11.0 Len = 32",
            hex: "74ba2521",
            digest: "b16aa56be3880d18cd41e68384cf1ec8c17680c45a02b1575dc1518923ae8b0e"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 11.0 Len = 440",
            hex: [
                "3ebfb06db8c38d5ba037f1363e118550aad94606e26835a01af05078533cc25f2f39573c04b632f62f68c294ab31f2a3",
                "e2a1a0d8c2be51",
            ].joined(),
            digest: "6595a2ef537a69ba8583dfbf7f5bec0ab1f93ce4c8ee1916eff44a93af5749c4"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 11.0 Len = 448",
            hex: [
                "2d52447d1244d2ebc28650e7b05654bad35b3a68eedc7f8515306b496d75f3e73385dd1b002625024b81a02f2fd6dffb",
                "6e6d561cb7d0bd7a",
            ].joined(),
            digest: "cfb88d6faf2de3a69d36195acec2e255e2af2b7d933997f348e09f6ce5758360"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 11.0 Len = 456",
            hex: [
                "4cace422e4a015a75492b3b3bbfbdf3758eaff4fe504b46a26c90dacc119fa9050f603d2b58b398cad6d6d9fa922a154",
                "d9e0bc4389968274b0",
            ].joined(),
            digest: "4d54b2d284a6794581224e08f675541c8feab6eefa3ac1cfe5da4e03e62f72e4"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 11.0 Len = 512",
            hex: [
                "5a86b737eaea8ee976a0a24da63e7ed7eefad18a101c1211e2b3650c5187c2a8a650547208251f6d4237e661c7bf4c77",
                "f335390394c37fa1a9f9be836ac28509",
            ].joined(),
            digest: "42e61e174fbb3897d6dd6cef3dd2802fe67b331953b06114a65c772859dfc1aa"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 21.3 Len = 8",
            hex: "9e",
            digest: "35af2d15ebde4d67b29569ec19749e813c76f02286afc5a2a9871c2bfbdaab32"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 21.3 Len = 40",
            hex: "e457cfe06f",
            digest: "b0572462d42fb82e53c71425f43461c3238273adfa763ffafabc972a7fc60939"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 21.3 Len = 96",
            hex: "1cc11443731d24ec2a1ee88a",
            digest: "28ec14531af5e52597d5ac74512ec40f57ba8963423a7cea2ef3bf6975023371"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 21.3 Len = 128",
            hex: "90fada11538dd065fbe41bd3022695e4",
            digest: "4d9715cd24507b2b723fd7f1f9393bb25b098f05a19bd9fbfa55f81955ff31b3"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 21.3 Len = 256",
            hex: "b1d4b3f09f8c4645b6465e701d9df61043539b0dc6a0738694c97f0b50f51d0d",
            digest: "28a71ed67523190e9eae6ed83de531ac3267739f85153a7ce787d589dcffbd6c"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 21.3 Len = 320",
            hex: [
                "0b274b6a9dc0d023d33762c8161fd627046fd890c385dcf1956b5740ad582e19427a6ea9e1f23fca",
            ].joined(),
            digest: "3f0d507bbd9837ebd761fb57ba85bf05d078e15f42bbdd8870e331525c65d55d"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 21.3 Len = 448",
            hex: [
                "08f645ff0f9a765593bd419ff60a308d3b4e70e816388577455d3c1f237ee14d7b0eb3999aef95a3a87d064138cd53dd",
                "1d360b187f11b4b3",
            ].joined(),
            digest: "76f082a9a8e45c02a376ee1b42629cfb5db30e0ba1632f19cd28c96363f9da66"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 21.3 Len = 504",
            hex: [
                "c3e81f34b716b165addda4fce195ba39e3a496ccf44f3746b3d0c0cef9a87a1501361b8ccc8949d4c3735a759fde5ed4",
                "86635f5f7619e70be7abc300acae07",
            ].joined(),
            digest: "2775a3f9bb46a4fda00eef650b45db52a8e8c948b6eff3b7a8206544de4f3ba0"
        ),
        Vector(
            "CAVP SHA256ShortMsg.rsp CAVS 21.3 Len = 512",
            hex: [
                "3d007ab1483de3511ce9a7edc7a9610bcacac0ec6f3d7cb45de08fcc6a00a185b01bc4fee3ea6147e29e72c68b6bf2da",
                "d44392bf17e4aeb2ae147f55c02b9254",
            ].joined(),
            digest: "b9e850d487a74e6b8e07330b7648b6c1aa84cdcc16b238c96d47613de313e2f9"
        ),
        Vector(
            "CAVP SHA256LongMsg.rsp CAVS 11.0 Len = 1304",
            hex: [
                "451101250ec6f26652249d59dc974b7361d571a8101cdfd36aba3b5854d3ae086b5fdd4597721b66e3c0dc5d8c606d96",
                "57d0e323283a5217d1f53f2f284f57b85c8a61ac8924711f895c5ed90ef17745ed2d728abd22a5f7a13479a462d71b56",
                "c19a74a40b655c58edfe0a188ad2cf46cbf30524f65d423c837dd1ff2bf462ac4198007345bb44dbb7b1c861298cdf61",
                "982a833afc728fae1eda2f87aa2c9480858bec",
            ].joined(),
            digest: "3c593aa539fdcdae516cdf2f15000f6634185c88f505b39775fb9ab137a10aa2"
        ),
        Vector(
            "CAVP SHA256LongMsg.rsp CAVS 11.0 Len = 2096",
            hex: [
                "6b918fb1a5ad1f9c5e5dbdf10a93a9c8f6bca89f37e79c9fe12a57227941b173ac79d8d440cde8c64c4ebc84a4c803d1",
                "98a296f3de060900cc427f58ca6ec373084f95dd6c7c427ecfbf781f68be572a88dbcbb188581ab200bfb99a3a816407",
                "e7dd6dd21003554d4f7a99c93ebfce5c302ff0e11f26f83fe669acefb0c1bbb8b1e909bd14aa48ba3445c88b0e1190ee",
                "f765ad898ab8ca2fe507015f1578f10dce3c11a55fb9434ee6e9ad6cc0fdc4684447a9b3b156b908646360f24fec2d8f",
                "a69e2c93db78708fcd2eef743dcb9353819b8d667c48ed54cd436fb1476598c4a1d7028e6f2ff50751db36ab6bc32435",
                "152a00abd3d58d9a8770d9a3e52d5a3628ae3c9e0325",
            ].joined(),
            digest: "46500b6ae1ab40bde097ef168b0f3199049b55545a1588792d39d594f493dca7"
        ),    ]

    static let allVectors = fipsVectors + cavpVectors

    @Test("one-shot digest", arguments: availableImplementations, allVectors)
    func oneShot(implementation: SHA256.Implementation, vector: Vector) throws {
        let message = try vector.message()
        #expect(hex(SHA256.hash(message, implementation: implementation)) == vector.digest)
        let fromBuffer = message.withUnsafeBytes { SHA256.hash($0, implementation: implementation) }
        #expect(hex(fromBuffer) == vector.digest)
    }

    @Test("digest fed in pieces of 1, 7, 63, 64, 65 and 1000 bytes", arguments: availableImplementations, allVectors)
    func pieces(implementation: SHA256.Implementation, vector: Vector) throws {
        let message = try vector.message()
        for pieceSize in [1, 7, 63, 64, 65, 1000] where pieceSize > 1 || message.count <= 100_000 {
            var hasher = SHA256(implementation: implementation)
            var start = 0
            while start < message.count {
                let end = min(start + pieceSize, message.count)
                hasher.update(message[start..<end])
                start = end
            }
            #expect(hasher.byteCount == UInt64(message.count))
            #expect(hex(hasher.finalize()) == vector.digest, "pieces of \(pieceSize) bytes")
        }
    }

    @Test("one million 'a' fed as the classic 1000 updates of 1000 bytes", arguments: availableImplementations)
    func millionA(implementation: SHA256.Implementation) {
        let thousand = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        var hasher = SHA256(implementation: implementation)
        for _ in 0..<1000 { hasher.update(thousand) }
        #expect(hasher.byteCount == 1_000_000)
        #expect(hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("the other update overloads give the same digest")
    func overloads() {
        let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        var fromString = SHA256()
        fromString.update("abc".utf8)
        #expect(hex(fromString.finalize()) == expected)

        var fromLazy = SHA256()
        fromLazy.update((0..<3).lazy.map { UInt8(ascii: "a") + UInt8($0) })
        #expect(hex(fromLazy.finalize()) == expected)

        var fromSlice = SHA256()
        let padded: [UInt8] = [0xff, 0x61, 0x62, 0x63, 0xff]
        fromSlice.update(padded[1..<4])
        #expect(hex(fromSlice.finalize()) == expected)

        var fromContiguous = SHA256()
        fromContiguous.update(ContiguousArray("abc".utf8))
        #expect(hex(fromContiguous.finalize()) == expected)

        // A sequence longer than the 4096-byte copy buffer, without contiguous storage.
        var long = SHA256()
        long.update((0..<1_000_000).lazy.map { _ in UInt8(ascii: "a") })
        #expect(hex(long.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    // MARK: - Both paths forced explicitly, splits checked across paths

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

    @Test(
        "the SHA-NI path, forced, gives the FIPS digests",
        .enabled(if: SHA256.isHardwareAccelerated, "this CPU has no SHA-NI"))
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
