// Sources/CanisterRuntime/CallLog.swift - the record of every call the replica executed

public import Candid

/// What kind of message a ``CallRecord`` is.
public enum CallKind: Hashable, Sendable, CustomStringConvertible {
    /// An update or query call.
    case method(MethodKind)
    /// A timer (`canister_global_timer`), sent by the management canister.
    case timer
    /// `install_code` in mode install (the method is `canister_init`).
    case install
    /// `install_code` in mode reinstall (`canister_init`).
    case reinstall
    /// `install_code` in mode upgrade (`canister_pre_upgrade` then `canister_post_upgrade`).
    case upgrade
    /// `uninstall_code`.
    case uninstall

    /// `update`, `query`, `timer`, `install`, `reinstall`, `upgrade` or `uninstall`.
    public var description: String {
        switch self {
        case .method(let kind): kind.description
        case .timer: "timer"
        case .install: "install"
        case .reinstall: "reinstall"
        case .upgrade: "upgrade"
        case .uninstall: "uninstall"
        }
    }
}

/// One executed call: who called what, when, with which bytes, and what came back.
public struct CallRecord: Hashable, Sendable {
    /// The position in the log, from 0, in the order calls finished.
    public let sequence: UInt64
    /// The replica time the message ran at.
    public let time: UInt64
    /// The sender.
    public let caller: Principal
    /// The canister called.
    public let canister: Principal
    /// The method name (`canister_global_timer` for timers, `install_code` / `uninstall_code` for management).
    public let method: String
    /// Update, query, timer or a management operation.
    public let kind: CallKind
    /// The argument bytes (the install argument for management operations).
    public let argument: [UInt8]
    /// The reply bytes or the reject.
    public let result: CallResult
}

/// The shared log.
struct CallLog: Sendable {
    var records: [CallRecord] = []
    var nextSequence: UInt64 = 0
}
