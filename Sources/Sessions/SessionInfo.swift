// Sources/Sessions/SessionInfo.swift - snapshots of sessions and of the service, and put outcomes

/// A snapshot of one live session, as returned by ``SessionService/session(_:)`` and
/// ``SessionService/list()``. All times are nanoseconds.
public struct SessionInfo: Hashable, Sendable {
    /// Whether a session still waits for chunks.
    public enum State: String, Hashable, Sendable {
        /// Some chunk has not been received yet.
        case receiving
        /// Every chunk has been received; the session waits for ``SessionService/finish(_:owner:now:)``.
        case complete
    }

    /// The session's id.
    public let id: SessionId
    /// What the session expects.
    public let spec: SessionSpec
    /// `spec.chunkCount`, as the index type.
    public let chunkCount: UInt32
    /// When the session began.
    public let createdAt: UInt64
    /// The last activity: begin, or the latest stored chunk (the latest `now` seen).
    public let lastSeen: UInt64
    /// `lastSeen + ttl` (saturating): the session expires once `now >= expiresAt`.
    public let expiresAt: UInt64
    /// How many distinct chunks were stored.
    public let receivedCount: UInt32
    /// How many bytes those chunks hold.
    public let bytesReceived: UInt64

    /// ``State/complete`` when every chunk was received, else ``State/receiving``.
    public var state: State { receivedCount == chunkCount ? .complete : .receiving }
}

/// A session that left the service: finished, aborted, expired or cleared.
///
/// It says which chunks had been written, so the caller can free whatever its ``ByteSink`` stored.
public struct ClosedSession: Hashable, Sendable {
    /// Why the session left.
    public enum Reason: String, Hashable, Sendable {
        /// ``SessionService/finish(_:owner:now:)`` succeeded.
        case finished
        /// ``SessionService/abort(_:owner:)`` removed it.
        case aborted
        /// ``SessionService/tickTTL(now:)`` found it past its deadline.
        case expired
        /// ``SessionService/clearAll()`` removed it.
        case cleared
    }

    /// The session as it was when it left.
    public let info: SessionInfo
    /// Why it left.
    public let reason: Reason
    let received: ChunkBitset

    /// The session's id.
    public var id: SessionId { info.id }
    /// The session's spec (with its owner).
    public var spec: SessionSpec { info.spec }
    /// The indexes of the chunks that were written, ascending.
    public var receivedChunks: [UInt32] { received.indexes() }
    /// Whether chunk `index` was written.
    public func isReceived(_ index: UInt32) -> Bool { received.contains(index) }
}

/// What ``SessionService/putChunk(_:index:bytes:owner:now:sink:)`` did with a valid chunk.
public enum PutOutcome: String, Hashable, Sendable {
    /// The chunk was written to the sink and marked received.
    case stored
    /// The index had been received before: nothing was written and nothing changed. The caller decides
    /// whether the bytes match (for example by reading the stored chunk back).
    case duplicate
}

/// Counters of a ``SessionService`` since it was created (they survive serialization).
///
/// `begun == active + finished + aborted + expired + cleared` always holds.
public struct SessionStats: Hashable, Sendable {
    /// Sessions live now.
    public var active: Int
    /// Sessions ever begun.
    public var begun: UInt64
    /// Sessions finished.
    public var finished: UInt64
    /// Sessions aborted.
    public var aborted: UInt64
    /// Sessions removed by ``SessionService/tickTTL(now:)``.
    public var expired: UInt64
    /// Sessions removed by ``SessionService/clearAll()``.
    public var cleared: UInt64

    /// Creates a stats value.
    public init(active: Int, begun: UInt64, finished: UInt64, aborted: UInt64, expired: UInt64, cleared: UInt64) {
        self.active = active
        self.begun = begun
        self.finished = finished
        self.aborted = aborted
        self.expired = expired
        self.cleared = cleared
    }
}
