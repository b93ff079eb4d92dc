// Sources/CanisterRuntime/CanisterLog.swift - the log lines a canister writes, kept in a bounded ring

import Synchronization

/// One line a canister wrote (``CallContext/log(_:)``, ``QueryContext/log(_:)``, or a trap's message).
public struct CanisterLogRecord: Hashable, Sendable {
    /// The position in the canister's log, from 0; it keeps counting when old records are dropped.
    public let index: UInt64
    /// The replica time of the message that wrote it, in nanoseconds since the Unix epoch.
    public let timestamp: UInt64
    /// The bytes written (UTF-8 of the text; a trap is `[TRAP]: message`).
    public let content: [UInt8]

    /// The content as text (invalid UTF-8 repaired).
    public var text: String { String(decoding: content, as: UTF8.self) }
}

/// The log ring of one canister: the newest records whose contents total at most
/// ``CanisterLog/capacityBytes`` (4 KiB, the IC's canister log size); older ones are dropped first, and a
/// single line longer than the capacity keeps only its first `capacityBytes` bytes.
///
/// Lines are written as the message runs and are kept when it traps or rejects, as on the IC (that is
/// what makes logs useful for finding a trap). The ring belongs to the canister id: it survives upgrades
/// and reinstalls, and goes with the canister when it is deleted.
final class CanisterLog: Sendable {
    /// The most content bytes a canister's log keeps: 4 KiB, as on the IC.
    static let capacityBytes = 4 * 1024

    private struct Ring: Sendable {
        var records: [CanisterLogRecord] = []
        var start = 0
        var bytes = 0
        var nextIndex: UInt64 = 0
    }

    private let ring = Mutex(Ring())

    /// Appends a line at `time`, dropping the oldest lines until the contents fit.
    func append(_ text: String, time: UInt64) {
        let content = Array(text.utf8.prefix(Self.capacityBytes))
        ring.withLock { ring in
            ring.records.append(CanisterLogRecord(index: ring.nextIndex, timestamp: time, content: content))
            ring.nextIndex += 1
            ring.bytes += content.count
            while ring.bytes > Self.capacityBytes {
                ring.bytes -= ring.records[ring.start].content.count
                ring.start += 1
            }
            // Compact once the dropped prefix is as long as the live part: amortised O(1) per line.
            if ring.start > 0, ring.start * 2 >= ring.records.count {
                ring.records.removeFirst(ring.start)
                ring.start = 0
            }
        }
    }

    /// Logs the message of a trap (`[TRAP]: message`), the way the IC logs a trapped execution; an
    /// explicit reject is a reply, not a trap, and is not logged.
    func appendTrap(_ error: any Error, time: UInt64) {
        guard !(error is CanisterRejection) else { return }
        let message = (error as? Trap)?.message ?? String(describing: error)
        append("[TRAP]: \(message)", time: time)
    }

    /// The kept records, oldest first.
    var records: [CanisterLogRecord] {
        ring.withLock { Array($0.records[$0.start...]) }
    }

    /// The kept records with an index of at least `index`, oldest first.
    func records(from index: UInt64) -> [CanisterLogRecord] {
        ring.withLock { ring in ring.records[ring.start...].filter { $0.index >= index } }
    }
}
