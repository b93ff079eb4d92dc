// Sources/Sessions/SessionService+Lifecycle.swift - begin, put, finish, abort, expire, clear

import PersistentCollections

extension SessionService {
    // MARK: - Begin

    /// Begins a session with the next id from the counter.
    ///
    /// - Parameters:
    ///   - spec: What the session expects; `chunkSize > 0`, `bytesExpected > 0`, at most ``maxChunks``
    ///     chunks, and no live session of the same owner with the same idempotency key.
    ///   - now: The time in nanoseconds; becomes `createdAt` and `lastSeen`.
    /// - Returns: The new session's id.
    /// - Throws: ``SessionError/Code/invalidSpec``, ``SessionError/Code/alreadyExists`` (idempotency key),
    ///   ``SessionError/Code/invalidId`` (the counter reached `UInt64.max`).
    public mutating func begin(_ spec: SessionSpec, now: UInt64) throws(SessionError) -> SessionId {
        let id = nextId
        guard id.isValid else {
            throw SessionError(.invalidId, "session ids are exhausted (next would be \(id))")
        }
        try begin(id: id, spec, now: now)
        return id
    }

    /// Begins a session with an id the caller chose, and moves the id counter past it.
    ///
    /// - Parameters:
    ///   - id: The id; `1 ..< UInt64.max` and not live. It may be below ``nextId`` (the counter then stays).
    ///   - spec: As for ``begin(_:now:)``.
    ///   - now: The time in nanoseconds.
    /// - Throws: ``SessionError/Code/invalidId``, ``SessionError/Code/invalidSpec``,
    ///   ``SessionError/Code/alreadyExists`` (the id is live, or the idempotency key is taken).
    public mutating func begin(id: SessionId, _ spec: SessionSpec, now: UInt64) throws(SessionError) {
        guard id.isValid else {
            throw SessionError(.invalidId, "session id \(id) is reserved (valid ids are 1 ..< 2^64-1)", sessionId: id)
        }
        let chunkCount = try validate(spec)
        guard sessions[id] == nil else {
            throw SessionError(.alreadyExists, "session \(id) already exists", sessionId: id)
        }
        let key = IdempotencyKey(owner: spec.owner, key: spec.idempotencyKey)
        if let other = idempotency[key] {
            throw SessionError(
                .alreadyExists,
                "the owner already has session \(other) with idempotency key \"\(spec.idempotencyKey)\"",
                sessionId: other
            )
        }
        let session = Session(
            spec: spec,
            createdAt: now,
            lastSeen: now,
            received: ChunkBitset(capacity: chunkCount),
            bytesReceived: 0
        )
        insert(id, session)
        counters.begun += 1
        if id >= nextId { nextId = SessionId(id.rawValue + 1) }
    }

    /// Checks a spec and returns its chunk count.
    func validate(_ spec: SessionSpec) throws(SessionError) -> UInt32 {
        guard spec.chunkSize > 0 else { throw SessionError(.invalidSpec, "chunkSize must be > 0, got 0") }
        guard spec.bytesExpected > 0 else { throw SessionError(.invalidSpec, "bytesExpected must be > 0, got 0") }
        let chunks = spec.chunkCount
        guard chunks <= UInt64(maxChunks) else {
            throw SessionError(
                .invalidSpec,
                "\(spec.bytesExpected) bytes in chunks of \(spec.chunkSize) bytes need \(chunks) chunks; "
                    + "the limit is \(maxChunks)"
            )
        }
        return UInt32(chunks)
    }

    // MARK: - Put

    /// Stores one chunk: validates it, writes it to `sink`, and only then marks it received.
    ///
    /// The checks, in order: the session exists, `owner` matches, the session has not expired, `index` is
    /// below the chunk count, and the chunk is exactly ``SessionSpec/length(ofChunk:)`` bytes. A valid
    /// chunk whose index was already received returns ``PutOutcome/duplicate`` without writing or
    /// changing anything (not even `lastSeen`). Otherwise the bytes are written at `index × chunkSize`;
    /// when the write succeeds the chunk is marked received, its bytes are counted and `lastSeen` moves
    /// to `now`.
    ///
    /// - Parameters:
    ///   - id: The session.
    ///   - index: The chunk index, from 0.
    ///   - bytes: The chunk.
    ///   - owner: The caller's owner bytes; must equal the spec's.
    ///   - now: The time in nanoseconds.
    ///   - sink: Where the bytes go.
    /// - Returns: ``PutOutcome/stored`` or ``PutOutcome/duplicate``.
    /// - Throws: ``SessionError/Code/notFound``, ``SessionError/Code/notOwner``, ``SessionError/Code/expired``,
    ///   ``SessionError/Code/indexOutOfRange``, ``SessionError/Code/wrongChunkSize``,
    ///   ``SessionError/Code/sinkFailed`` (with the sink's error as ``SessionError/underlying``). The
    ///   session is unchanged after any of them.
    public mutating func putChunk(
        _ id: SessionId,
        index: UInt32,
        bytes: UnsafeRawBufferPointer,
        owner: [UInt8],
        now: UInt64,
        sink: inout some ByteSink
    ) throws(SessionError) -> PutOutcome {
        let put = try checkPut(id, index: index, length: bytes.count, owner: owner, now: now)
        guard case (var session, let offset)? = put else { return .duplicate }
        do {
            try sink.write(at: offset, bytes)
        } catch {
            throw SessionError(
                .sinkFailed,
                "writing chunk \(index) of session \(id) at offset \(offset) failed: \(error)",
                sessionId: id,
                underlying: error
            )
        }
        let oldDeadline = deadline(session)
        session.received.insert(index)
        session.bytesReceived += UInt64(bytes.count)
        session.lastSeen = max(session.lastSeen, now)
        let newDeadline = deadline(session)
        sessions[id] = session
        if newDeadline != oldDeadline {
            expiry.remove(deadline: oldDeadline, id: id)
            expiry.insert(deadline: newDeadline, id: id)
        }
        return .stored
    }

    /// Stores one chunk given as any byte collection (an array, a slice...); see
    /// ``putChunk(_:index:bytes:owner:now:sink:)``.
    public mutating func putChunk<Bytes: Collection<UInt8>, Sink: ByteSink>(
        _ id: SessionId,
        index: UInt32,
        bytes: Bytes,
        owner: [UInt8],
        now: UInt64,
        sink: inout Sink
    ) throws(SessionError) -> PutOutcome {
        // `withContiguousStorageIfAvailable` and `withUnsafeBytes` rethrow untyped errors, so carry the
        // typed result out of the closure instead of throwing through it.
        var result: Result<PutOutcome, SessionError>?
        _ = bytes.withContiguousStorageIfAvailable { buffer in
            result = putResult(id, index, UnsafeRawBufferPointer(buffer), owner, now, &sink)
        }
        if result == nil {
            Array(bytes).withUnsafeBytes { buffer in result = putResult(id, index, buffer, owner, now, &sink) }
        }
        return try (result ?? .failure(.notFound(id))).get()
    }

    private mutating func putResult(
        _ id: SessionId, _ index: UInt32, _ bytes: UnsafeRawBufferPointer, _ owner: [UInt8], _ now: UInt64,
        _ sink: inout some ByteSink
    ) -> Result<PutOutcome, SessionError> {
        do {
            return .success(try putChunk(id, index: index, bytes: bytes, owner: owner, now: now, sink: &sink))
        } catch {
            return .failure(error)
        }
    }

    /// Validates a put; returns the session and the chunk's offset, or `nil` for a duplicate.
    private func checkPut(
        _ id: SessionId,
        index: UInt32,
        length: Int,
        owner: [UInt8],
        now: UInt64
    ) throws(SessionError) -> (Session, offset: UInt64)? {
        let session = try checkAccess(id, owner: owner, now: now)
        try Self.checkIndex(index, length: length, of: session, id)
        let expected = session.spec.length(ofChunk: index) ?? 0
        guard length == Int(expected) else {
            throw SessionError(
                .wrongChunkSize,
                "chunk \(index) has \(length) bytes; expected \(expected)",
                sessionId: id,
                chunk: .init(
                    index: index, length: length, chunkCount: session.received.capacity,
                    chunkSize: session.spec.chunkSize, expectedLength: expected
                )
            )
        }
        return session.received.contains(index) ? nil : (session, session.spec.offset(ofChunk: index))
    }

    // MARK: - Finish and abort

    /// Finishes a complete session and removes it.
    ///
    /// - Parameters:
    ///   - id: The session.
    ///   - owner: Must equal the spec's owner.
    ///   - now: The time in nanoseconds; an expired session cannot finish.
    /// - Returns: The session as it was, with reason ``ClosedSession/Reason/finished``.
    /// - Throws: ``SessionError/Code/notFound``, ``SessionError/Code/notOwner``, ``SessionError/Code/expired``,
    ///   ``SessionError/Code/incomplete`` (naming the first missing chunks and how many are missing).
    @discardableResult
    public mutating func finish(_ id: SessionId, owner: [UInt8], now: UInt64) throws(SessionError) -> ClosedSession {
        let session = try checkAccess(id, owner: owner, now: now)
        guard session.received.isFull else {
            let shown = 8
            let missing = session.received.indexes(present: false, limit: shown)
            let missingCount = Int(session.received.capacity - session.received.count)
            var list = missing.map(String.init).joined(separator: ", ")
            if missingCount > missing.count { list += " and \(missingCount - missing.count) more" }
            throw SessionError(
                .incomplete,
                "session \(id) is missing \(missingCount) of \(session.received.capacity) chunks: \(list)",
                sessionId: id
            )
        }
        counters.finished += 1
        return remove(id, session, reason: .finished)
    }

    /// Aborts a session and removes it, whatever its state (an expired one too).
    ///
    /// - Returns: The session as it was, with reason ``ClosedSession/Reason/aborted``; its
    ///   ``ClosedSession/receivedChunks`` say what the sink holds.
    /// - Throws: ``SessionError/Code/notFound``, ``SessionError/Code/notOwner``.
    @discardableResult
    public mutating func abort(_ id: SessionId, owner: [UInt8]) throws(SessionError) -> ClosedSession {
        let session = try existing(id)
        guard session.spec.owner == owner else { throw .notOwner(id) }
        counters.aborted += 1
        return remove(id, session, reason: .aborted)
    }

    // MARK: - Expiry and clearing

    /// Removes every session whose deadline has passed (`now >= lastSeen + ttl`) and returns them.
    ///
    /// Takes the expired sessions from the front of the deadline order: O(expired · log n), not a scan of
    /// every session.
    ///
    /// - Parameter now: The time in nanoseconds.
    /// - Returns: The expired sessions, ascending by id, with reason ``ClosedSession/Reason/expired``.
    public mutating func tickTTL(now: UInt64) -> [ClosedSession] {
        var expired: [ClosedSession] = []
        while let first = expiry.first, first.deadline <= now {
            guard let session = sessions[first.id] else {
                expiry.remove(deadline: first.deadline, id: first.id)  // unreachable: one entry per session
                continue
            }
            counters.expired += 1
            expired.append(remove(first.id, session, reason: .expired))
        }
        return expired.sorted { $0.id < $1.id }
    }

    /// Removes every session (the id counter keeps counting) and returns them, ascending by id.
    @discardableResult
    public mutating func clearAll() -> [ClosedSession] {
        let closed = sessions.map { id, session in
            ClosedSession(info: info(id, session), reason: .cleared, received: session.received)
        }
        counters.cleared += UInt64(closed.count)
        sessions = [:]
        idempotency = [:]
        ownerCounts = [:]
        expiry.removeAll()
        return closed
    }

    // MARK: - Helpers

    /// The session, if it exists, belongs to `owner` and has not expired.
    private func checkAccess(_ id: SessionId, owner: [UInt8], now: UInt64) throws(SessionError) -> Session {
        let session = try existing(id)
        guard session.spec.owner == owner else { throw .notOwner(id) }
        let deadline = deadline(session)
        guard now < deadline else { throw .expired(id, deadline: deadline, now: now) }
        return session
    }

    /// Adds a live session to every table.
    mutating func insert(_ id: SessionId, _ session: Session) {
        sessions[id] = session
        idempotency[IdempotencyKey(owner: session.spec.owner, key: session.spec.idempotencyKey)] = id
        ownerCounts[OwnerKey(session.spec.owner)] = (ownerCounts[OwnerKey(session.spec.owner)] ?? 0) + 1
        expiry.insert(deadline: deadline(session), id: id)
    }

    /// Removes a live session from every table.
    private mutating func remove(_ id: SessionId, _ session: Session, reason: ClosedSession.Reason) -> ClosedSession {
        let closed = ClosedSession(info: info(id, session), reason: reason, received: session.received)
        sessions[id] = nil
        idempotency[IdempotencyKey(owner: session.spec.owner, key: session.spec.idempotencyKey)] = nil
        let owner = OwnerKey(session.spec.owner)
        let remaining = (ownerCounts[owner] ?? 1) - 1
        ownerCounts[owner] = remaining > 0 ? remaining : nil
        expiry.remove(deadline: deadline(session), id: id)
        return closed
    }
}
