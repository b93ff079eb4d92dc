// Sources/Sessions/SessionService.swift - the session engine: state, configuration, queries

import PersistentCollections

/// A generic engine for chunked uploads: it allocates session ids, checks every chunk against the
/// session's spec and owner, tracks which chunks arrived, and expires sessions after a period without
/// activity. It never keeps chunk bytes: they go to a caller-provided ``ByteSink``. It knows nothing of
/// assets, hashes or principals.
///
/// A value type: copying it snapshots every session, and `==` compares every session and counter (the
/// internal expiry order is derived state and not compared). Its tables share their nodes on copy
/// (``PersistentMap``), so when a runtime keeps the state from before a message, the message's first write
/// costs O(log n) rather than a copy of every session.
///
/// ### Rules
/// - Ids start at 1 and never repeat (``begin(id:_:now:)`` moves the counter past a chosen id;
///   ``clearAll()`` does not reset it).
/// - One live session per (owner, idempotency key).
/// - A chunk is stored only when the session exists, the owner matches, the session has not expired, the
///   index is below the chunk count and the length is exact; then it is written to the sink, and only
///   after the write succeeded is it marked received. A duplicate index is reported, not written.
/// - Time is a `now` argument in nanoseconds, the one unit of every time here. The TTL slides: `begin`
///   and every stored chunk set `lastSeen = max(lastSeen, now)`, and a session expires once
///   `now >= lastSeen + ttl`. An expired session rejects chunks and finish with
///   ``SessionError/Code/expired``, and ``tickTTL(now:)`` removes it.
///   Until then it still shows in ``list()``, ``find(owner:idempotencyKey:)`` and ``count(owner:)``: call
///   ``tickTTL(now:)`` at the start of a message for exact expiry.
/// - A call that throws changes nothing.
public struct SessionService: Sendable {
    /// The default limit on chunks per session (2^20, a 128 KiB bitset).
    public static let defaultMaxChunks: UInt32 = 1 << 20

    /// How long a session lives without activity, in nanoseconds.
    public let ttl: UInt64
    /// The most chunks one session may have.
    public let maxChunks: UInt32
    /// The id the next ``begin(_:now:)`` allocates.
    public internal(set) var nextId: SessionId

    var sessions: PersistentMap<SessionId, Session> = [:]
    var idempotency: PersistentMap<IdempotencyKey, SessionId> = [:]
    var ownerCounts: PersistentMap<OwnerKey, Int> = [:]
    var expiry = ExpiryQueue()
    var counters = Counters()

    /// An empty service.
    ///
    /// - Parameters:
    ///   - ttl: Nanoseconds a session lives without activity (for 2 h: `7_200_000_000_000`).
    ///   - maxChunks: The most chunks one session may have; a larger spec is ``SessionError/Code/invalidSpec``.
    public init(ttl: UInt64, maxChunks: UInt32 = SessionService.defaultMaxChunks) {
        self.ttl = ttl
        self.maxChunks = maxChunks
        self.nextId = .first
    }

    // MARK: - Queries

    /// The number of live sessions.
    public var count: Int { sessions.count }

    /// A snapshot of session `id`, or `nil` when no live session has that id.
    public func session(_ id: SessionId) -> SessionInfo? {
        sessions[id].map { info(id, $0) }
    }

    /// Every live session, ascending by id.
    public func list() -> [SessionInfo] {
        sessions.map { id, session in info(id, session) }
    }

    /// The counters, with the number of live sessions.
    public var stats: SessionStats {
        SessionStats(
            active: sessions.count,
            begun: counters.begun,
            finished: counters.finished,
            aborted: counters.aborted,
            expired: counters.expired,
            cleared: counters.cleared
        )
    }

    /// How many chunks of session `id` were stored.
    ///
    /// - Throws: ``SessionError/Code/notFound``.
    public func receivedCount(_ id: SessionId) throws(SessionError) -> UInt32 {
        try existing(id).received.count
    }

    /// The indexes of the chunks session `id` still needs, ascending.
    ///
    /// - Throws: ``SessionError/Code/notFound``.
    public func missingChunks(_ id: SessionId) throws(SessionError) -> [UInt32] {
        try existing(id).received.indexes(present: false)
    }

    /// Whether chunk `index` of session `id` was stored.
    ///
    /// - Throws: ``SessionError/Code/notFound``; ``SessionError/Code/indexOutOfRange`` when
    ///   `index >= chunkCount`.
    public func isReceived(_ id: SessionId, index: UInt32) throws(SessionError) -> Bool {
        let session = try existing(id)
        try Self.checkIndex(index, of: session, id)
        return session.received.contains(index)
    }

    /// The live session of `owner` begun with `idempotencyKey`, if any.
    public func find(owner: [UInt8], idempotencyKey: String) -> SessionId? {
        idempotency[IdempotencyKey(owner: owner, key: idempotencyKey)]
    }

    /// How many live sessions `owner` has.
    public func count(owner: [UInt8]) -> Int {
        ownerCounts[OwnerKey(owner)] ?? 0
    }

    // MARK: - Internals shared by the extensions

    func existing(_ id: SessionId) throws(SessionError) -> Session {
        guard let session = sessions[id] else { throw .notFound(id) }
        return session
    }

    func deadline(_ session: Session) -> UInt64 {
        let (sum, overflow) = session.lastSeen.addingReportingOverflow(ttl)
        return overflow ? .max : sum
    }

    func info(_ id: SessionId, _ session: Session) -> SessionInfo {
        SessionInfo(
            id: id,
            spec: session.spec,
            chunkCount: session.received.capacity,
            createdAt: session.createdAt,
            lastSeen: session.lastSeen,
            expiresAt: deadline(session),
            receivedCount: session.received.count,
            bytesReceived: session.bytesReceived
        )
    }

    static func checkIndex(
        _ index: UInt32, length: Int = 0, of session: Session, _ id: SessionId
    ) throws(SessionError) {
        guard index < session.received.capacity else {
            throw SessionError(
                .indexOutOfRange,
                "chunk index \(index) out of range: session \(id) has \(session.received.capacity) chunks",
                sessionId: id,
                chunk: .init(
                    index: index, length: length, chunkCount: session.received.capacity,
                    chunkSize: session.spec.chunkSize, expectedLength: nil
                )
            )
        }
    }

    /// The number of deadlines kept, for tests of the O(expired) structure (one per live session).
    var expiryQueueCount: Int { expiry.count }

    /// How many nodes of this service's tables `other` does not share: what the writes since `other` was
    /// copied from it allocated. For tests (of this module and of the modules built on it).
    package func nodesNotShared(with other: SessionService) -> Int {
        sessions.nodesNotShared(with: other.sessions) + idempotency.nodesNotShared(with: other.idempotency)
            + ownerCounts.nodesNotShared(with: other.ownerCounts)
            + expiry.entries.map.nodesNotShared(with: other.expiry.entries.map)
    }
}

/// One live session.
struct Session: Sendable {
    var spec: SessionSpec
    let createdAt: UInt64
    var lastSeen: UInt64
    var received: ChunkBitset
    var bytesReceived: UInt64
}

extension Session: Equatable {}

/// Owner bytes as a table key: ordered lexicographically.
struct OwnerKey: Hashable, Comparable, Sendable {
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static func < (lhs: OwnerKey, rhs: OwnerKey) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}

struct IdempotencyKey: Hashable, Comparable, Sendable {
    var owner: [UInt8]
    var key: String

    static func < (lhs: IdempotencyKey, rhs: IdempotencyKey) -> Bool {
        lhs.owner != rhs.owner ? lhs.owner.lexicographicallyPrecedes(rhs.owner) : lhs.key < rhs.key
    }
}

struct Counters: Hashable, Sendable {
    var begun: UInt64 = 0
    var finished: UInt64 = 0
    var aborted: UInt64 = 0
    var expired: UInt64 = 0
    var cleared: UInt64 = 0
}

extension SessionService: Equatable {
    /// Equal when the configuration, the id counter, the counters and every session are equal.
    public static func == (lhs: SessionService, rhs: SessionService) -> Bool {
        lhs.ttl == rhs.ttl && lhs.maxChunks == rhs.maxChunks && lhs.nextId == rhs.nextId
            && lhs.counters == rhs.counters && lhs.sessions == rhs.sessions
    }
}
