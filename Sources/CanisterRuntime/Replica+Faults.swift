// Sources/CanisterRuntime/Replica+Faults.swift - traps a test injects into chosen update messages

import Synchronization

/// Update messages a test makes trap after their handler ran, to show that a message is atomic: its
/// writes to the heap and to stable memory roll back as for any trap.
///
/// The replica numbers the update messages that reach a handler from 0, in the order they execute, over
/// all its canisters (``Replica/updateMessagesRun``); a message whose number is in ``trapAfterHandler``
/// and whose handler returned a reply traps (IC0503, "injected trap") instead of committing. A handler
/// that rejects or traps by itself is left alone, and queries, timers and installs are neither counted
/// nor trapped.
public struct InjectedFaults: Hashable, Sendable {
    /// The numbers of the update messages that trap after their handler returned.
    public var trapAfterHandler: Set<UInt64>

    /// A plan; by default nothing traps.
    public init(trapAfterHandler: Set<UInt64> = []) {
        self.trapAfterHandler = trapAfterHandler
    }
}

/// The plan and the count of update messages run, behind the replica's lock.
struct FaultState: Sendable {
    var plan = InjectedFaults()
    var updatesRun: UInt64 = 0

    /// Counts one update message; returns its number when it must trap after its handler.
    mutating func nextUpdate() -> UInt64? {
        defer { updatesRun += 1 }
        return plan.trapAfterHandler.contains(updatesRun) ? updatesRun : nil
    }
}

extension Trap {
    /// The trap an ``InjectedFaults`` plan puts after a handler.
    static func injected(number: UInt64, method: String) -> Trap {
        Trap("injected trap after the handler of update message \(number) (\(method)) ran")
    }
}

extension Replica {
    /// Replaces the fault plan; the numbering of update messages goes on from ``updateMessagesRun``.
    public func injectFaults(_ faults: InjectedFaults) {
        shared.faults.withLock { $0.plan = faults }
    }

    /// How many update messages reached a handler so far: the number the next one gets.
    public var updateMessagesRun: UInt64 {
        shared.faults.withLock { $0.updatesRun }
    }
}

extension StableMemoryView: Equatable {
    /// Whether two memories have the same size and the same bytes; a page never written equals a page of
    /// zeros. It compares page by page, without reading the pages out, so even a memory of many unwritten
    /// pages compares quickly (the fault tests compare the memory of a run with and without a call).
    public static func == (lhs: StableMemoryView, rhs: StableMemoryView) -> Bool {
        guard lhs.pageCount == rhs.pageCount else { return false }
        for (left, right) in zip(lhs.storage.pages, rhs.storage.pages) where left != right {
            guard left.isEmpty || right.isEmpty, (left.isEmpty ? right : left).allSatisfy({ $0 == 0 }) else {
                return false
            }
        }
        return true
    }
}
