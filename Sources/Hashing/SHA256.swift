// Sources/Hashing/SHA256.swift - the package's one SHA-256: incremental, one-shot, peekable

internal import CSHA256

/// SHA-256 (FIPS 180-4), incremental and one-shot, over the C compression function of `CSHA256`.
///
/// Feed bytes with `update` in pieces of any size; the digest does not depend on how the input was
/// split. ``finalize()`` does not change the hasher, so a running hash can be read at any point and
/// then fed further. The whole blocks of every input are compressed straight from the caller's
/// memory; only an unfinished block (fewer than 64 bytes) is kept inside the value.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(Array("ab".utf8))
/// hasher.update(Array("c".utf8))
/// hex(hasher.finalize())  // Candid's hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
///
/// The value is about 100 bytes, holds no references, and can be persisted with
/// ``exportState()`` and ``init(exportedState:implementation:)``.
///
/// Two hashers are equal when they have absorbed the same bytes (the same chaining words, length
/// and unfinished block). The ``implementation`` is how the blocks are computed, not what was
/// hashed, so it takes no part in equality.
public struct SHA256: Sendable, Hashable {
    /// The size in bytes of one block.
    public static let blockSize = 64
    /// The size in bytes of a digest.
    public static let digestSize = 32
    /// The longest input SHA-256 is defined for: its length in bits must fit in 64 bits.
    public static let maximumByteCount: UInt64 = (1 << 61) - 1

    /// The initial hash value H(0) (FIPS 180-4, section 5.3.3).
    static let initialWords = SIMD8<UInt32>(
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )

    /// The chaining words H0...H7 after the last whole block.
    var words: SIMD8<UInt32>
    /// The unfinished block: its first `byteCount % 64` bytes are input, the rest are always zero.
    var tail: SIMD64<UInt8>
    /// How many bytes have been absorbed so far.
    public private(set) var byteCount: UInt64
    /// The code that compresses the blocks.
    public let implementation: Implementation

    /// A hasher with nothing absorbed, using the fastest implementation this CPU runs
    /// (``hardwareImplementation``).
    public init() {
        self.init(implementation: Self.hardwareImplementation)
    }

    /// A hasher with nothing absorbed, using the given implementation.
    ///
    /// - Parameter implementation: `.portable` runs everywhere; `.shaNI` needs a CPU with the
    ///   x86-64 SHA extensions. Asking for `.shaNI` where ``isHardwareAccelerated`` is `false` is a
    ///   programmer error and stops the program.
    public init(implementation: Implementation) {
        precondition(
            implementation.isAvailable,
            "SHA256: the \(implementation) implementation is not available on this CPU (check isHardwareAccelerated)"
        )
        self.words = Self.initialWords
        self.tail = .zero
        self.byteCount = 0
        self.implementation = implementation
    }

    /// Builds a hasher from checked parts; used by the state import.
    init(words: SIMD8<UInt32>, tail: SIMD64<UInt8>, byteCount: UInt64, implementation: Implementation) {
        self.words = words
        self.tail = tail
        self.byteCount = byteCount
        self.implementation = implementation
    }

    /// How many bytes of the unfinished block are held.
    var tailCount: Int { Int(truncatingIfNeeded: byteCount) & (Self.blockSize - 1) }

    // MARK: - Absorbing bytes

    /// Absorbs the bytes of a raw buffer. Whole blocks are compressed straight from `buffer`.
    ///
    /// - Precondition: the total stays within ``maximumByteCount``.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard let start = buffer.baseAddress, !buffer.isEmpty else { return }
        let (total, overflow) = byteCount.addingReportingOverflow(UInt64(buffer.count))
        precondition(!overflow && total <= Self.maximumByteCount, "SHA256: input longer than 2^61 - 1 bytes")

        var input = start
        var remaining = buffer.count
        let held = tailCount
        byteCount = total

        if held > 0 {
            // Complete the unfinished block first.
            let taken = min(Self.blockSize - held, remaining)
            withUnsafeMutablePointer(to: &tail) { block in
                (UnsafeMutableRawPointer(block) + held).copyMemory(from: input, byteCount: taken)
            }
            input += taken
            remaining -= taken
            guard held + taken == Self.blockSize else { return }
            var block = tail
            withUnsafePointer(to: &block) { Self.compress(&words, UnsafeRawPointer($0), blocks: 1, implementation) }
            tail = .zero
        }

        let wholeBlocks = remaining / Self.blockSize
        if wholeBlocks > 0 {
            Self.compress(&words, input, blocks: wholeBlocks, implementation)
            input += wholeBlocks * Self.blockSize
            remaining -= wholeBlocks * Self.blockSize
        }

        if remaining > 0 {
            let rest = remaining
            withUnsafeMutablePointer(to: &tail) { block in
                UnsafeMutableRawPointer(block).copyMemory(from: input, byteCount: rest)
            }
        }
    }

    /// Absorbs an array's bytes, read in place (no copy).
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Absorbs an array slice's bytes, read in place (no copy).
    public mutating func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Absorbs any sequence of bytes. Contiguous storage (a `String.UTF8View`, `ContiguousArray`,
    /// `Data`) is read in place; anything else is copied through a small buffer.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let readInPlace: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        guard readInPlace == nil else { return }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(4096)
        for byte in bytes {
            chunk.append(byte)
            if chunk.count == 4096 {
                update(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        update(chunk)
    }

    // MARK: - Digest

    /// The digest of everything absorbed so far: 32 bytes.
    ///
    /// The hasher itself does not change, so it can be read mid-stream and fed further.
    public func finalize() -> [UInt8] {
        var state = words
        // The unfinished block and a spare: the padding takes two blocks when 56 or more bytes are held.
        var padded = (tail, SIMD64<UInt8>.zero)
        let held = tailCount
        let blocks = held < Self.blockSize - 8 ? 1 : 2
        let bitCount = byteCount << 3
        withUnsafeMutablePointer(to: &padded) { pointer in
            let raw = UnsafeMutableRawPointer(pointer)
            raw.storeBytes(of: 0x80, toByteOffset: held, as: UInt8.self)
            raw.storeBytes(of: bitCount.bigEndian, toByteOffset: blocks * Self.blockSize - 8, as: UInt64.self)
            Self.compress(&state, UnsafeRawPointer(raw), blocks: blocks, implementation)
        }
        return Self.bigEndianBytes(state)
    }

    /// The digest of `bytes` in one call.
    ///
    /// - Parameters:
    ///   - bytes: the whole message.
    ///   - implementation: the code to use; the fastest one this CPU runs by default.
    /// - Returns: the 32-byte digest.
    public static func hash(_ bytes: [UInt8], implementation: Implementation = hardwareImplementation) -> [UInt8] {
        var hasher = SHA256(implementation: implementation)
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of the bytes of a raw buffer in one call, read in place.
    ///
    /// - Parameters:
    ///   - buffer: the whole message.
    ///   - implementation: the code to use; the fastest one this CPU runs by default.
    /// - Returns: the 32-byte digest.
    public static func hash(
        _ buffer: UnsafeRawBufferPointer,
        implementation: Implementation = hardwareImplementation
    ) -> [UInt8] {
        var hasher = SHA256(implementation: implementation)
        hasher.update(buffer)
        return hasher.finalize()
    }

    // MARK: - Equality

    /// Equal when both absorbed the same bytes; the implementation does not count.
    public static func == (lhs: SHA256, rhs: SHA256) -> Bool {
        lhs.byteCount == rhs.byteCount && lhs.words == rhs.words && lhs.tail == rhs.tail
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(byteCount)
        hasher.combine(words)
        hasher.combine(tail)
    }

    // MARK: - Helpers

    /// Compresses `blocks` whole blocks at `data` into `words`, with `implementation`.
    static func compress(
        _ words: inout SIMD8<UInt32>,
        _ data: UnsafeRawPointer,
        blocks: Int,
        _ implementation: Implementation
    ) {
        withUnsafeMutablePointer(to: &words) { vector in
            vector.withMemoryRebound(to: UInt32.self, capacity: 8) { state in
                switch implementation {
                case .shaNI: csha256_blocks_shani(state, data, blocks)
                case .portable: csha256_blocks_portable(state, data, blocks)
                }
            }
        }
    }

    /// The eight words as 32 big-endian bytes.
    static func bigEndianBytes(_ words: SIMD8<UInt32>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in 0..<8 {
            let word = words[index]
            bytes.append(UInt8(truncatingIfNeeded: word >> 24))
            bytes.append(UInt8(truncatingIfNeeded: word >> 16))
            bytes.append(UInt8(truncatingIfNeeded: word >> 8))
            bytes.append(UInt8(truncatingIfNeeded: word))
        }
        return bytes
    }
}
