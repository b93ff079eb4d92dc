// Sources/Replay/ReplayEvent.swift - what a run reports to an observer (the recorder)

public import Candid
public import CanisterRuntime

/// Receives every effect a script has on the replica, in order, as it happens.
public protocol ReplayObserver: AnyObject {
    func observe(_ event: ReplayEvent)
}

/// One effect of a script on the replica (or on the caller it uses).
public enum ReplayEvent: Sendable {
    /// `identity name;` ran.
    case identity(name: String, principal: Principal)
    /// `import name = "...";` ran.
    case importCanister(name: String, canister: Principal)
    /// A call (from `call` or `par_call`) completed.
    case call(ReplayCallRecord)
    /// `sim.advance(ns)` ran.
    case advanceTime(UInt64)
    /// `sim.set_time(ns)` ran.
    case setTime(UInt64)
    /// `sim.tick()` ran.
    case tick
    /// `sim.upgrade(canister, ...)` ran (successfully or not).
    case upgrade(ReplayUpgradeRecord)
}

/// One call as it ran: who called what with which arguments, and what came back.
public struct ReplayCallRecord: Sendable {
    /// Where the call is in the script.
    public var position: SourcePosition
    /// The identity name the call was made as, and its principal.
    public var callerName: String
    public var caller: Principal
    /// The callee.
    public var canister: Principal
    /// The variable the script named the canister by, if it used one.
    public var canisterName: String?
    /// The method name.
    public var method: String
    /// Query or update, as the interface declares the method.
    public var kind: MethodKind
    /// The arguments typed at the method's parameter types (blobs keep their ``BlobOrigin``).
    public var arguments: [ReplayValue]
    /// The encoded argument message (empty in a ``ReplayTrace`` that does not keep bytes).
    public var argumentBytes: [UInt8]
    /// The reply, the reject, or a reply that did not decode (its bytes empty in a ``ReplayTrace`` that
    /// does not keep bytes).
    public var outcome: ReplayCallOutcome
    /// The size and digest of the argument message, kept or not.
    public var argumentDigest: ByteDigest
    /// The size and digest of the reply (`nil` for a reject), kept or not.
    public var replyDigest: ByteDigest?
    /// When the call is inside a script function or a `load`ed file: how the script got there, innermost
    /// first.
    public var callers: [ReplayFrame] = []
}

/// How a call ended.
public enum ReplayCallOutcome: Sendable {
    /// The reply decoded at the result types, as the script sees it (one result: that value; several:
    /// `record { 0 = ...; 1 = ... }`; none: `null`), and the reply's bytes.
    case reply(ReplayValue, bytes: [UInt8])
    case reject(Reject)
    /// The reply did not decode at the method's result types.
    case undecodable(bytes: [UInt8], message: String)
}

/// One `sim.upgrade` as it ran.
public struct ReplayUpgradeRecord: Sendable {
    /// Where `sim.upgrade` is in the script.
    public var position: SourcePosition
    /// The upgraded canister, and the variable the script named it by.
    public var canister: Principal
    public var canisterName: String?
    /// The init arguments typed at the interface's init types.
    public var arguments: [ReplayValue]
    /// The encoded init argument message.
    public var argumentBytes: [UInt8]
    /// Why it failed, or `nil` when it succeeded.
    public var failure: String?
    /// When `sim.upgrade` is inside a script function or a `load`ed file: how the script got there,
    /// innermost first.
    public var callers: [ReplayFrame] = []
}
