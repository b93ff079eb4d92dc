// Sources/CanisterRuntime/Locked.swift - a value behind a lock, shared between tasks

import Foundation

/// A value that several tasks share, every access under one lock.
///
/// The replica's clock, registry, timer queue and call log live in these. `NSLock` is used rather
/// than `Synchronization.Mutex` so the module has no platform availability floor; accesses are
/// short and never suspend.
final class Locked<State: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var state: State

    init(_ state: State) {
        self.state = state
    }

    /// Runs `body` with exclusive access to the state.
    func withLock<Result, Failure: Error>(
        _ body: (inout State) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }
}
