// Sources/CanisterRuntime/Reject+Runtime.swift - the rejects the replica produces, worded as the IC does

import Candid

extension Reject {
    /// IC0301: no canister has that id.
    static func canisterNotFound(_ canister: Principal) -> Reject {
        Reject(code: .destinationInvalid, errorCode: .canisterNotFound, message: "Canister \(canister) not found.")
    }

    /// IC0537: the canister exists but has no code.
    static func noModule(_ canister: Principal) -> Reject {
        Reject(
            code: .canisterError,
            errorCode: .canisterWasmModuleNotFound,
            message: "Error from Canister \(canister): Attempted to execute a message, but the canister contains no "
                + "Wasm module."
        )
    }

    /// IC0536: no method of that name and kind.
    static func methodNotFound(_ canister: Principal, method: String, kind: MethodKind) -> Reject {
        Reject(
            code: .canisterError,
            errorCode: .canisterMethodNotFound,
            message: "Error from Canister \(canister): Canister has no \(kind) method '\(method)'."
        )
    }

    /// The ingress message is over the payload limit: the replica refuses it before execution.
    static func payloadTooLarge(size: Int, limit: Int) -> Reject {
        Reject(
            code: .systemFatal,
            errorCode: nil,
            message: "Request payload of \(size) bytes is larger than the maximum ingress payload of \(limit) bytes; "
                + "the replica refuses it (HTTP 413) before any canister runs."
        )
    }

    /// IC0512: only a controller may manage the canister.
    static func notController(_ canister: Principal, operation: String) -> Reject {
        Reject(
            code: .canisterError,
            errorCode: .canisterInvalidController,
            message: "Only controllers of canister \(canister) can call ic00 method \(operation)."
        )
    }

    /// IC0514: `install` needs an empty canister.
    static func nonEmpty(_ canister: Principal) -> Reject {
        Reject(
            code: .canisterError,
            errorCode: .canisterNonEmpty,
            message: "Canister \(canister) cannot be installed because the canister is not empty. "
                + "Try installing with mode='reinstall' instead."
        )
    }

    /// IC0505: the canister type's declaration is invalid (a method declared twice).
    static func invalidModule(_ canister: Principal, reason: String) -> Reject {
        Reject(
            code: .canisterError,
            errorCode: .canisterInvalidWasm,
            message: "Error from Canister \(canister): Canister's Wasm module is not valid: \(reason)"
        )
    }

    /// The reject for a message that ended with `error` (a trap, an explicit reject or a thrown error).
    static func from(_ error: any Error, canister: Principal) -> Reject {
        if let rejection = error as? CanisterRejection {
            return Reject(code: .canisterReject, errorCode: .canisterRejectedMessage, message: rejection.message)
        }
        let trap = (error as? Trap) ?? Trap(String(describing: error))
        let text: String
        switch trap.errorCode {
        case .canisterCalledTrap: text = "Canister called `ic0.trap` with message: '\(trap.message)'."
        case .canisterTrapped: text = "Canister trapped: \(trap.message)."
        case .canisterContractViolation: text = "Canister violated contract: \(trap.message)."
        default: text = trap.message
        }
        return Reject(
            code: trap.errorCode.rejectCode ?? .canisterError,
            errorCode: trap.errorCode,
            message: "Error from Canister \(canister): \(text)"
        )
    }
}
