// Sources/CanisterRuntime/Replica+Time.swift - the replica clock and the timers it drives

import Synchronization

extension Replica {
    /// The replica time in nanoseconds since the Unix epoch. It moves only through ``advance(by:)``,
    /// ``advance(nanoseconds:)`` and ``setTime(_:)``.
    public var time: UInt64 {
        shared.now
    }

    /// Moves the clock forward by `duration`.
    ///
    /// - Throws: ``TimeError`` for a negative duration or a time past `UInt64.max`; the clock is unchanged.
    public func advance(by duration: Duration) throws(TimeError) {
        let nanoseconds: UInt64
        do {
            nanoseconds = try CallContext.nanoseconds(duration)
        } catch {
            let code: TimeError.Code = duration < .zero ? .negativeDuration : .overflow
            throw TimeError(code: code, current: time, message: "cannot advance the clock by \(duration)")
        }
        try advance(nanoseconds: nanoseconds)
    }

    /// Moves the clock forward by `nanoseconds`.
    ///
    /// - Throws: ``TimeError`` (`overflow`) when the time would pass `UInt64.max`; the clock is unchanged.
    public func advance(nanoseconds: UInt64) throws(TimeError) {
        try shared.clock.withLock { (clock) throws(TimeError) in
            let (new, overflow) = clock.addingReportingOverflow(nanoseconds)
            guard !overflow else {
                throw TimeError(
                    code: .overflow, current: clock,
                    message: "advancing the clock at \(clock) ns by \(nanoseconds) ns overflows 64 bits"
                )
            }
            clock = new
        }
    }

    /// Sets the clock to `nanoseconds` since the Unix epoch.
    ///
    /// - Throws: ``TimeError`` (`backwards`) when that is before the current time; time never goes back.
    public func setTime(_ nanoseconds: UInt64) throws(TimeError) {
        try shared.clock.withLock { (clock) throws(TimeError) in
            guard nanoseconds >= clock else {
                throw TimeError(
                    code: .backwards, current: clock,
                    message: "cannot set the time to \(nanoseconds) ns: it is before the current time \(clock) ns"
                )
            }
            clock = nanoseconds
        }
    }

    /// Runs every timer due at the current time, across all canisters, in order of due time (ties in the
    /// order they were scheduled). Each timer runs as its own message with the management canister as
    /// caller and the usual rollback on trap. Timers that become due during the tick (scheduled by these
    /// messages) wait for the next tick. The clock does not move.
    ///
    /// - Returns: How many timer messages ran.
    @discardableResult
    public func tick() async -> Int {
        let now = time
        let due = shared.timers.withLock { $0.popDue(at: now) }
        var ran = 0
        for entry in due {
            guard let host = try? host(entry.canister) else { continue }
            if await host.runTimer(entry) {
                ran += 1
            }
        }
        return ran
    }

    /// The due time of the earliest pending timer of any canister.
    public var nextTimerDue: UInt64? {
        shared.timers.withLock { $0.entries.first?.due }
    }
}
