// Sources/Sessions/ExpiryQueue.swift - the deadlines of live sessions, in order

import PersistentCollections

/// The deadline of every live session, as a sorted set of (deadline, id), shared on copy.
///
/// Exactly one entry per live session: ``SessionService`` replaces a session's entry when its deadline
/// moves and removes it when the session goes. Finding the expired sessions takes the entries from the
/// front while their deadline has passed: O(expired · log n), never a scan of every session. Because the
/// set shares its nodes on copy, a message that moves one deadline after the runtime kept the previous
/// state allocates O(log n) nodes instead of copying a whole heap array.
struct ExpiryQueue: Sendable {
    struct Entry: Hashable, Comparable, Sendable {
        var deadline: UInt64
        var id: SessionId

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.deadline, lhs.id) < (rhs.deadline, rhs.id)
        }
    }

    private(set) var entries = PersistentSet<Entry>()

    var count: Int { entries.count }

    /// Adds the deadline of session `id`.
    mutating func insert(deadline: UInt64, id: SessionId) {
        entries.insert(Entry(deadline: deadline, id: id))
    }

    /// Removes the deadline of session `id` (which must be its current one).
    mutating func remove(deadline: UInt64, id: SessionId) {
        entries.remove(Entry(deadline: deadline, id: id))
    }

    /// The entry with the earliest deadline (the lowest id among equal deadlines), if any.
    var first: Entry? { entries.first }

    /// Drops every entry.
    mutating func removeAll() {
        entries = PersistentSet()
    }
}
