// Sources/CanisterRuntime/CallContext+Log.swift - writing to the canister's log from a message

extension CallContext {
    /// Writes a line to the canister's log (the IC's `ic0.debug_print`): kept with the message's time even
    /// if the message later traps, read with ``Replica/logs(of:)`` or `fetch_canister_logs`.
    public func log(_ text: String) {
        logSink?.append(text, time: time)
    }

    /// The IC's name for ``log(_:)``.
    public func debugPrint(_ text: String) {
        log(text)
    }
}

extension QueryContext {
    /// Writes a line to the canister's log (see ``CallContext/log(_:)``).
    public func log(_ text: String) {
        logSink?.append(text, time: time)
    }

    /// The IC's name for ``log(_:)``.
    public func debugPrint(_ text: String) {
        log(text)
    }
}
