// Sources/CanisterRuntime/Reject+Management.swift - the rejects of the management canister `aaaaa-aa`

import Candid

extension ErrorCode {
    /// IC0408: a management call's argument is not valid (it does not decode, or a value is out of range).
    public static let invalidManagementPayload = ErrorCode(rawValue: 408)
    /// IC0508: the canister is stopped; calls wait for `start_canister`.
    public static let canisterStopped = ErrorCode(rawValue: 508)
    /// IC0510: `delete_canister` needs a stopped canister.
    public static let canisterNotStopped = ErrorCode(rawValue: 510)
}

extension Reject {
    /// IC0508: calls to a stopped canister are refused.
    static func stopped(_ canister: Principal) -> Reject {
        Reject(
            code: .canisterError, errorCode: .canisterStopped,
            message: "Canister \(canister) is not running and cannot accept ingress messages."
        )
    }

    /// IC0510: only a stopped canister can be deleted.
    static func notStopped(_ canister: Principal) -> Reject {
        Reject(
            code: .canisterError, errorCode: .canisterNotStopped,
            message: "Canister \(canister) must be stopped before it is deleted."
        )
    }

    /// IC0408: the argument of a management call is not valid.
    static func invalidManagementPayload(_ method: String, _ reason: String) -> Reject {
        Reject(
            code: .canisterReject, errorCode: .invalidManagementPayload,
            message: "Error decoding the argument of ic00 method \(method): \(reason)"
        )
    }

    /// IC0536: the management canister has no method of that name.
    static func unknownManagementMethod(_ method: String) -> Reject {
        Reject(
            code: .canisterError, errorCode: .canisterMethodNotFound,
            message: "Management canister has no method '\(method)'"
        )
    }

    /// IC0505: `wasm_module` names no registered canister type.
    static func unknownModule(_ canister: Principal, name: String, known: [String]) -> Reject {
        let list = known.isEmpty ? "none are registered" : "the registered ones are " + known.joined(separator: ", ")
        return invalidModule(canister, reason: "wasm_module '\(name)' is not a registered module; \(list).")
    }
}
