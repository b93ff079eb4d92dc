// Sources/Hashing/SHA256+State.swift - a running hasher as bytes, and back (persisted across upgrades)

extension SHA256 {
    /// The fixed part of an exported state: eight chaining words and the length.
    public static let exportedStateHeaderSize = 40

    /// The hasher as bytes, to persist a running hash (for example across a canister upgrade).
    ///
    /// Fixed layout, every integer big-endian:
    ///
    /// | bytes | content |
    /// |---|---|
    /// | 0..<32 | the chaining words H0...H7 (4 bytes each) |
    /// | 32..<40 | ``byteCount``, the number of bytes absorbed (UInt64) |
    /// | 40... | the unfinished block: exactly `byteCount % 64` bytes |
    ///
    /// So a state is 40 to 103 bytes long. The implementation is not part of it.
    public func exportState() -> [UInt8] {
        var bytes = Self.bigEndianBytes(words)
        bytes.reserveCapacity(Self.exportedStateHeaderSize + tailCount)
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: byteCount >> UInt64(shift)))
        }
        for index in 0..<tailCount {
            bytes.append(tail[index])
        }
        return bytes
    }

    /// A hasher that continues from a state made by ``exportState()``.
    ///
    /// - Parameters:
    ///   - exportedState: the bytes ``exportState()`` returned.
    ///   - implementation: the code to continue with; the fastest one this CPU runs by default.
    /// - Throws: ``StateError`` naming what is wrong: too short (`.truncated`), a length beyond
    ///   ``maximumByteCount`` (`.lengthOutOfRange`), a tail that is not `byteCount % 64` bytes
    ///   (`.tailLengthMismatch`), or chaining words other than the initial ones while fewer than
    ///   64 bytes were absorbed (`.inconsistentWords`).
    public init(exportedState: [UInt8], implementation: Implementation = hardwareImplementation) throws(StateError) {
        let header = Self.exportedStateHeaderSize
        guard exportedState.count >= header else {
            throw StateError(
                .truncated,
                "the state is \(exportedState.count) bytes; it needs at least \(header) "
                    + "(8 chaining words and the length)"
            )
        }
        var words = SIMD8<UInt32>()
        for index in 0..<8 {
            words[index] = exportedState[(4 * index)..<(4 * index + 4)].reduce(0) { $0 << 8 | UInt32($1) }
        }
        let byteCount = exportedState[32..<40].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard byteCount <= Self.maximumByteCount else {
            throw StateError(
                .lengthOutOfRange,
                "the length \(byteCount) is beyond the SHA-256 limit of \(Self.maximumByteCount) bytes"
            )
        }
        let expectedTail = Int(byteCount % UInt64(Self.blockSize))
        let actualTail = exportedState.count - header
        guard actualTail == expectedTail else {
            throw StateError(
                .tailLengthMismatch,
                "the length \(byteCount) leaves \(expectedTail) buffered bytes, but the state carries \(actualTail)"
            )
        }
        guard byteCount >= UInt64(Self.blockSize) || words == Self.initialWords else {
            throw StateError(
                .inconsistentWords,
                "fewer than \(Self.blockSize) bytes were absorbed, so the chaining words must be the initial ones"
            )
        }
        var tail = SIMD64<UInt8>.zero
        for index in 0..<actualTail {
            tail[index] = exportedState[header + index]
        }
        guard implementation.isAvailable else {
            preconditionFailure("SHA256: the \(implementation) implementation is not available on this CPU")
        }
        self.init(words: words, tail: tail, byteCount: byteCount, implementation: implementation)
    }

    /// Why bytes are not a valid exported ``SHA256`` state. Equality compares only the code.
    public struct StateError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What kind of problem. Open set: new codes are not a breaking change.
        public struct Code: Hashable, Sendable, CustomStringConvertible {
            fileprivate enum Backing: String, Hashable, Sendable {
                case truncated, lengthOutOfRange, tailLengthMismatch, inconsistentWords
            }
            fileprivate let backing: Backing
            public var description: String { backing.rawValue }

            /// Fewer than 40 bytes: the chaining words or the length are cut off.
            public static let truncated = Code(backing: .truncated)
            /// The length is more than ``SHA256/maximumByteCount``.
            public static let lengthOutOfRange = Code(backing: .lengthOutOfRange)
            /// The buffered tail is not exactly `byteCount % 64` bytes.
            public static let tailLengthMismatch = Code(backing: .tailLengthMismatch)
            /// Fewer than 64 bytes were absorbed but the chaining words are not the initial ones.
            public static let inconsistentWords = Code(backing: .inconsistentWords)
        }

        /// What kind of problem.
        public let code: Code
        /// What exactly is wrong, with the numbers involved.
        public let message: String

        /// An error with a code and a readable message.
        public init(_ code: Code, _ message: String) {
            self.code = code
            self.message = message
        }

        /// `invalid SHA-256 state (code): message`.
        public var description: String { "invalid SHA-256 state (\(code)): \(message)" }

        public static func == (lhs: StateError, rhs: StateError) -> Bool { lhs.code == rhs.code }
        public func hash(into hasher: inout Hasher) { hasher.combine(code) }
    }
}
