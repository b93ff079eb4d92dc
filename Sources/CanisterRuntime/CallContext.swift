// Sources/CanisterRuntime/CallContext.swift - what a handler knows and may do during one message

public import Candid

/// The context of an update message (and of init, upgrade hooks and timers): who called, when, which
/// canister, its stable memory and timers, and the ways to end the message early.
///
/// It is passed `inout` to the handler. Everything done through it belongs to the message: a trap
/// undoes the stable memory writes and the timer changes together with the heap.
public struct CallContext: Sendable {
    /// The principal that sent the message: a user, the installer during init and upgrade, or the
    /// management canister (`aaaaa-aa`) for a timer.
    public let caller: Principal
    /// The replica time in nanoseconds since the Unix epoch; constant for the whole message.
    public let time: UInt64
    /// The canister's own id.
    public let canisterId: Principal
    /// The canister's controllers, sorted.
    public let controllers: [Principal]
    /// The method this message runs: a declared method, `canister_init`, `canister_pre_upgrade`,
    /// `canister_post_upgrade` or `canister_global_timer`.
    public let methodName: String
    /// The timer being run, when this message is a timer.
    public let currentTimer: TimerID?
    /// The canister's stable memory (journaled: a trap undoes the writes).
    public var stableMemory: StableMemory

    let canisterType: ObjectIdentifier
    let canisterTypeName: String
    var timerChanges: [TimerChange] = []
    var nextTimerID: UInt64
    var logSink: CanisterLog?

    init(
        caller: Principal,
        time: UInt64,
        canisterId: Principal,
        controllers: [Principal],
        methodName: String,
        currentTimer: TimerID? = nil,
        stableMemory: StableMemory,
        canisterType: ObjectIdentifier,
        canisterTypeName: String,
        nextTimerID: UInt64
    ) {
        self.caller = caller
        self.time = time
        self.canisterId = canisterId
        self.controllers = controllers
        self.methodName = methodName
        self.currentTimer = currentTimer
        self.stableMemory = stableMemory
        self.canisterType = canisterType
        self.canisterTypeName = canisterTypeName
        self.nextTimerID = nextTimerID
    }

    /// Whether `principal` is one of the canister's controllers.
    public func isController(_ principal: Principal) -> Bool {
        controllers.contains(principal)
    }

    /// Traps: the message fails with IC0503 and every change it made is undone.
    public func trap(_ message: String) throws -> Never {
        throw Trap(message)
    }

    /// Rejects the call: the caller gets reject code 4 (IC0406) with `message`; the message's changes
    /// are kept, as on the IC.
    public func reject(_ message: String) throws -> Never {
        throw CanisterRejection(message)
    }

    /// Schedules `action` to run once, as its own message, at the first ``Replica/tick()`` at or after
    /// `time + delay`.
    ///
    /// The timer exists only if this message completes, and like all timers it is cleared when the
    /// canister's code changes (install, upgrade, reinstall, uninstall): register it again in
    /// `init(upgrade:context:)`.
    /// - Throws: ``Trap`` if `delay` is negative, the due time overflows, or `C` is not this canister's type.
    @discardableResult
    public mutating func setTimer<C: Canister>(
        after delay: Duration,
        _ action: @escaping @Sendable (inout C, inout CallContext) throws -> Void
    ) throws(Trap) -> TimerID {
        try schedule(delay: delay, interval: nil, action: action)
    }

    /// Schedules `action` to run every `interval`, the first time at `time + interval`. After each run
    /// the next one is due `interval` after that run's time.
    ///
    /// - Throws: ``Trap`` if `interval` is not positive, or `C` is not this canister's type.
    @discardableResult
    public mutating func setTimerInterval<C: Canister>(
        every interval: Duration,
        _ action: @escaping @Sendable (inout C, inout CallContext) throws -> Void
    ) throws(Trap) -> TimerID {
        let nanoseconds = try Self.nanoseconds(interval)
        guard nanoseconds > 0 else { throw Trap("a periodic timer needs a positive interval, got \(interval)") }
        return try schedule(delay: interval, interval: nanoseconds, action: action)
    }

    /// Cancels a timer; unknown or finished timers are ignored.
    public mutating func clearTimer(_ timer: TimerID) {
        timerChanges.append(.clear(timer))
    }

    private mutating func schedule<C: Canister>(
        delay: Duration,
        interval: UInt64?,
        action: @escaping @Sendable (inout C, inout CallContext) throws -> Void
    ) throws(Trap) -> TimerID {
        guard ObjectIdentifier(C.self) == canisterType else {
            throw Trap("a timer of \(C.self) cannot run on canister type \(canisterTypeName)")
        }
        let (due, overflow) = time.addingReportingOverflow(try Self.nanoseconds(delay))
        guard !overflow else { throw Trap("timer due time overflows: \(time) + \(delay)") }
        let timer = TimerID(rawValue: nextTimerID)
        nextTimerID += 1
        timerChanges.append(.set(timer, due: due, interval: interval, action: TimerAction(action)))
        return timer
    }

    /// Whole nanoseconds of a non-negative duration.
    static func nanoseconds(_ duration: Duration) throws(Trap) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 else { throw Trap("a timer delay cannot be negative: \(duration)") }
        let (whole, overflow1) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        let (total, overflow2) = whole.addingReportingOverflow(UInt64(attoseconds / 1_000_000_000))
        guard !overflow1, !overflow2 else { throw Trap("a timer delay is too large: \(duration)") }
        return total
    }
}

/// The context of a query: like ``CallContext`` but read-only. The canister is passed by value and the
/// stable memory as a view, so nothing a query does can persist.
public struct QueryContext: Sendable {
    /// The principal that sent the query.
    public let caller: Principal
    /// The replica time in nanoseconds since the Unix epoch.
    public let time: UInt64
    /// The canister's own id.
    public let canisterId: Principal
    /// The canister's controllers, sorted.
    public let controllers: [Principal]
    /// The method this query runs.
    public let methodName: String
    /// The canister's stable memory, read-only.
    public let stableMemory: StableMemoryView
    var logSink: CanisterLog?

    /// Whether `principal` is one of the canister's controllers.
    public func isController(_ principal: Principal) -> Bool {
        controllers.contains(principal)
    }

    /// Traps: the query fails with IC0503.
    public func trap(_ message: String) throws -> Never {
        throw Trap(message)
    }

    /// Rejects the query: the caller gets reject code 4 (IC0406) with `message`.
    public func reject(_ message: String) throws -> Never {
        throw CanisterRejection(message)
    }
}

/// A timer of one canister.
public struct TimerID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number the canister's timers are counted with, from 1.
    public let rawValue: UInt64

    /// The timer with this number.
    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    public var description: String { "timer \(rawValue)" }

    public static func < (lhs: TimerID, rhs: TimerID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A timer change made by a message, applied when the message commits.
enum TimerChange: Sendable {
    case set(TimerID, due: UInt64, interval: UInt64?, action: any AnyTimerAction)
    case clear(TimerID)
}

/// A timer callback whose canister type is known only at run time.
protocol AnyTimerAction: Sendable {}

/// A timer callback on canisters of type `C`.
final class TimerAction<C: Canister>: AnyTimerAction {
    let body: @Sendable (inout C, inout CallContext) throws -> Void

    init(_ body: @escaping @Sendable (inout C, inout CallContext) throws -> Void) {
        self.body = body
    }
}
