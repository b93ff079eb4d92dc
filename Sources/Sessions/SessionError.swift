// Sources/Sessions/SessionError.swift - the one error type of the Sessions module

/// An error from the session engine. A call that throws it changed no state.
///
/// It carries a ``Code``, a readable message naming the values involved (`chunk 3 has 10 bytes; expected
/// 1800000`), the session it is about (when there is one) and, for ``Code/sinkFailed``, the error the
/// ``ByteSink`` threw. Equality compares only the code.
public struct SessionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure. Open set: new codes are not a breaking change.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: String, Hashable, Sendable {
            case notFound, notOwner, expired, indexOutOfRange, wrongChunkSize, incomplete
            case alreadyExists, invalidSpec, invalidId, sinkFailed, invalidSerialization
        }
        fileprivate let backing: Backing
        public var description: String { backing.rawValue }

        /// No live session has this id (never begun, or already finished, aborted, expired or cleared).
        public static let notFound = Code(backing: .notFound)
        /// The owner bytes presented differ from the session's.
        public static let notOwner = Code(backing: .notOwner)
        /// The session's deadline has passed (`now >= lastSeen + ttl`); ``SessionService/tickTTL(now:)``
        /// will remove it.
        public static let expired = Code(backing: .expired)
        /// The chunk index is not below the session's chunk count.
        public static let indexOutOfRange = Code(backing: .indexOutOfRange)
        /// The chunk is not exactly as long as its index requires.
        public static let wrongChunkSize = Code(backing: .wrongChunkSize)
        /// Finish was called before every chunk was received.
        public static let incomplete = Code(backing: .incomplete)
        /// The id is taken, or the owner already has a session with this idempotency key.
        public static let alreadyExists = Code(backing: .alreadyExists)
        /// The spec is unusable: zero chunk size, zero bytes, or more chunks than the service allows.
        public static let invalidSpec = Code(backing: .invalidSpec)
        /// The id is `0` or `UInt64.max`, or the id counter is exhausted.
        public static let invalidId = Code(backing: .invalidId)
        /// The ``ByteSink`` threw; ``SessionError/underlying`` holds its error.
        public static let sinkFailed = Code(backing: .sinkFailed)
        /// Serialized state is truncated, has a bad magic or version, or is inconsistent.
        public static let invalidSerialization = Code(backing: .invalidSerialization)
    }

    /// What kind of failure.
    public let code: Code
    /// A readable sentence naming the values involved.
    public let message: String
    /// The session the failure is about, if any.
    public let sessionId: SessionId?
    /// For ``Code/sinkFailed``: what the sink threw.
    public let underlying: (any Error)?
    /// For ``Code/indexOutOfRange`` and ``Code/wrongChunkSize``: the chunk refused and the limits it broke,
    /// so that a layer above can word its own error without checking again.
    public let chunk: Chunk?

    /// The values of a refused chunk.
    public struct Chunk: Hashable, Sendable {
        /// The chunk's index.
        public let index: UInt32
        /// Its length in bytes.
        public let length: Int
        /// The session's chunk count (the index must be below it).
        public let chunkCount: UInt32
        /// The session's chunk size (no chunk may be longer).
        public let chunkSize: UInt32
        /// The exact length this index requires; `nil` when the index is out of range.
        public let expectedLength: UInt32?
    }

    /// Creates an error.
    public init(
        _ code: Code, _ message: String, sessionId: SessionId? = nil, underlying: (any Error)? = nil,
        chunk: Chunk? = nil
    ) {
        self.code = code
        self.message = message
        self.sessionId = sessionId
        self.underlying = underlying
        self.chunk = chunk
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }

    public static func == (lhs: SessionError, rhs: SessionError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

extension SessionError {
    static func notFound(_ id: SessionId) -> SessionError {
        SessionError(.notFound, "session \(id) not found", sessionId: id)
    }

    static func notOwner(_ id: SessionId) -> SessionError {
        SessionError(.notOwner, "session \(id) belongs to another owner", sessionId: id)
    }

    static func expired(_ id: SessionId, deadline: UInt64, now: UInt64) -> SessionError {
        SessionError(.expired, "session \(id) expired at \(deadline) ns (now \(now) ns)", sessionId: id)
    }
}
