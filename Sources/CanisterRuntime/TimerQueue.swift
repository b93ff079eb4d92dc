// Sources/CanisterRuntime/TimerQueue.swift - the replica-wide schedule of canister timers

import Candid

/// Every pending timer of every canister, in the order ``Replica/tick()`` runs them: by due time, ties by
/// the order they were scheduled in.
struct TimerQueue: Sendable {
    struct Entry: Hashable, Sendable {
        var due: UInt64
        var sequence: UInt64
        var canister: Principal
        var timer: TimerID

        func precedes(_ other: Entry) -> Bool {
            (due, sequence) < (other.due, other.sequence)
        }
    }

    private(set) var entries: [Entry] = []
    private var nextSequence: UInt64 = 0

    /// Adds a timer; returns its sequence number (which identifies this arming of the timer).
    mutating func schedule(due: UInt64, canister: Principal, timer: TimerID) -> UInt64 {
        let entry = Entry(due: due, sequence: nextSequence, canister: canister, timer: timer)
        nextSequence += 1
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].precedes(entry) { low = middle + 1 } else { high = middle }
        }
        entries.insert(entry, at: low)
        return entry.sequence
    }

    /// Removes one timer of one canister.
    mutating func remove(canister: Principal, timer: TimerID) {
        entries.removeAll { $0.canister == canister && $0.timer == timer }
    }

    /// Removes every timer of one canister.
    mutating func removeAll(canister: Principal) {
        entries.removeAll { $0.canister == canister }
    }

    /// Removes and returns the timers due at or before `time`, in run order.
    mutating func popDue(at time: UInt64) -> [Entry] {
        let count = entries.prefix { $0.due <= time }.count
        let due = Array(entries.prefix(count))
        entries.removeFirst(count)
        return due
    }
}
