// Sources/Sessions/ExpiryQueue.swift - a min-heap of session deadlines with lazy deletion

/// The deadlines of live sessions, as a binary min-heap ordered by (deadline, id, stamp).
///
/// Entries are never removed when a session moves its deadline or goes away; instead each session
/// remembers the stamp of its current entry, and an entry whose stamp no longer matches is *stale* and
/// skipped when it reaches the top. ``SessionService`` rebuilds the heap from the live sessions when
/// stale entries outnumber live ones two to one, so the heap stays within `3 × live + slack` entries and
/// every push costs O(log n) amortized. Finding the expired sessions then costs O((expired + stale
/// popped) · log n), and each stale entry is popped at most once: O(expired) amortized, never a scan.
struct ExpiryQueue: Sendable {
    struct Entry: Hashable, Sendable {
        var deadline: UInt64
        var id: SessionId
        var stamp: UInt64
    }

    /// Extra entries allowed before a rebuild, so small services do not rebuild on every push.
    static let slack = 16

    private(set) var entries: [Entry] = []
    private var nextStamp: UInt64 = 1

    var count: Int { entries.count }

    /// Whether the heap holds more than `3 × live + slack` entries, i.e. stale entries exceed twice the
    /// live ones (plus slack).
    func needsRebuild(live: Int) -> Bool { entries.count > 3 * live + Self.slack }

    private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        if a.deadline != b.deadline { return a.deadline < b.deadline }
        if a.id != b.id { return a.id < b.id }
        return a.stamp < b.stamp
    }

    /// Adds a deadline for `id` and returns the entry's stamp.
    mutating func push(deadline: UInt64, id: SessionId) -> UInt64 {
        let stamp = nextStamp
        nextStamp += 1
        entries.append(Entry(deadline: deadline, id: id, stamp: stamp))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(entries[child], entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
        return stamp
    }

    /// The entry with the earliest deadline, if any.
    var top: Entry? { entries.first }

    /// Removes and returns the entry with the earliest deadline.
    mutating func pop() -> Entry? {
        guard let first = entries.first else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return first }
        entries[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { break }
            var smallest = left
            let right = left + 1
            if right < entries.count, Self.precedes(entries[right], entries[left]) { smallest = right }
            guard Self.precedes(entries[smallest], entries[parent]) else { break }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }

    /// Drops every entry (stamps keep counting, so old stamps never match new entries).
    ///
    /// To rebuild, push the live deadlines in ascending (deadline, id) order: a sorted array is a valid
    /// min-heap, so each push then costs O(1).
    mutating func removeAll(keepingCapacity: Int = 0) {
        entries = []
        entries.reserveCapacity(keepingCapacity)
    }
}
