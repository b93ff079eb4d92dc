// Sources/Uploads/Records/ReservationLedger.swift - what the open sessions hold, per caller and in all

import Candid
import PersistentCollections

/// The open upload sessions, counted per caller: how many each caller has open over all capsules, and
/// how many of the bytes their regions reserve have not been sent yet.
///
/// The per-caller and global budgets of ``UploadConfiguration`` are checked against it at every
/// `uploads_begin`, in O(log n). It is derived state: both backends update it at the same points (begin,
/// a stored chunk, a session leaving) and rebuild it from the uploads in flight on restore, so it is not
/// persisted.
struct ReservationLedger: Hashable, Sendable {
    /// What one caller's open sessions hold.
    struct Usage: Hashable, Sendable {
        var sessions: UInt32 = 0
        var unsentBytes: UInt64 = 0
    }

    /// One open session: whose, and how many of its reserved bytes are still to come.
    struct Entry: Hashable, Sendable {
        var caller: Principal
        var unsentBytes: UInt64
    }

    private(set) var entries: PersistentMap<UInt64, Entry> = [:]
    private(set) var callers: PersistentMap<Principal, Usage> = [:]
    /// The sum of every entry's unsent bytes.
    private(set) var unsentTotal: UInt64 = 0

    /// What `caller`'s open sessions hold (zero when it has none).
    func usage(of caller: Principal) -> Usage { callers[caller] ?? Usage() }

    /// Records a session begun by `caller` that reserves `bytes`.
    mutating func open(_ sessionId: UInt64, caller: Principal, bytes: UInt64) {
        guard entries[sessionId] == nil else { return }
        entries[sessionId] = Entry(caller: caller, unsentBytes: bytes)
        var usage = self.usage(of: caller)
        usage.sessions += 1
        usage.unsentBytes += bytes
        callers[caller] = usage
        unsentTotal += bytes
    }

    /// Records `bytes` newly stored in session `sessionId` (a chunk received for the first time).
    mutating func received(_ sessionId: UInt64, bytes: UInt64) {
        guard var entry = entries[sessionId] else { return }
        let sent = min(bytes, entry.unsentBytes)
        entry.unsentBytes -= sent
        entries[sessionId] = entry
        var usage = self.usage(of: entry.caller)
        usage.unsentBytes -= sent
        callers[entry.caller] = usage
        unsentTotal -= sent
    }

    /// Forgets session `sessionId` (finished, aborted, expired or cleared).
    mutating func close(_ sessionId: UInt64) {
        guard let entry = entries.removeValue(forKey: sessionId) else { return }
        var usage = self.usage(of: entry.caller)
        usage.sessions -= 1
        usage.unsentBytes -= entry.unsentBytes
        callers[entry.caller] = usage.sessions == 0 ? nil : usage
        unsentTotal -= entry.unsentBytes
    }
}
