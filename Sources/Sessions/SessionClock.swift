// Sources/Sessions/SessionClock.swift - where the session engine's time comes from

/// Gives the session engine the time: nanoseconds since the Unix epoch, the one time unit of the module.
///
/// Every time-dependent operation of ``SessionService`` takes the time as a `now` argument, so a caller
/// that already knows it (a canister message, whose time is constant within the message) passes it
/// directly; the overloads here read it from a clock instead. The engine never reads a wall clock: a
/// canister passes its message time, a test a ``ManualSessionClock``.
///
/// (The issue calls this protocol `Clock`; it is `SessionClock` here so that it does not shadow the
/// standard library's `Clock` in modules that import `Sessions`.)
public protocol SessionClock {
    /// The current time in nanoseconds since the Unix epoch.
    var nanoseconds: UInt64 { get }
}

/// A clock that moves only when told to: for tests and tools.
public struct ManualSessionClock: SessionClock, Hashable, Sendable {
    /// The current time in nanoseconds.
    public var nanoseconds: UInt64

    /// A clock showing `nanoseconds`.
    public init(nanoseconds: UInt64) {
        self.nanoseconds = nanoseconds
    }

    /// Moves the clock forward by `delta` nanoseconds (saturating at `UInt64.max`).
    public mutating func advance(by delta: UInt64) {
        let (sum, overflow) = nanoseconds.addingReportingOverflow(delta)
        nanoseconds = overflow ? .max : sum
    }
}

extension SessionService {
    /// ``begin(_:now:)`` at the clock's time.
    public mutating func begin(_ spec: SessionSpec, clock: some SessionClock) throws(SessionError) -> SessionId {
        try begin(spec, now: clock.nanoseconds)
    }

    /// ``begin(id:_:now:)`` at the clock's time.
    public mutating func begin(id: SessionId, _ spec: SessionSpec, clock: some SessionClock) throws(SessionError) {
        try begin(id: id, spec, now: clock.nanoseconds)
    }

    /// ``putChunk(_:index:bytes:owner:now:sink:)`` at the clock's time.
    public mutating func putChunk<Bytes: Collection<UInt8>, Sink: ByteSink>(
        _ id: SessionId,
        index: UInt32,
        bytes: Bytes,
        owner: [UInt8],
        clock: some SessionClock,
        sink: inout Sink
    ) throws(SessionError) -> PutOutcome {
        try putChunk(id, index: index, bytes: bytes, owner: owner, now: clock.nanoseconds, sink: &sink)
    }

    /// ``finish(_:owner:now:)`` at the clock's time.
    @discardableResult
    public mutating func finish(_ id: SessionId, owner: [UInt8], clock: some SessionClock) throws(SessionError)
        -> ClosedSession
    {
        try finish(id, owner: owner, now: clock.nanoseconds)
    }

    /// ``tickTTL(now:)`` at the clock's time.
    public mutating func tickTTL(clock: some SessionClock) -> [ClosedSession] {
        tickTTL(now: clock.nanoseconds)
    }
}
