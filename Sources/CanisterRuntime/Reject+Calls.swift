// Sources/CanisterRuntime/Reject+Calls.swift - the rejects of inter-canister calls and the scheduler

import Candid

extension Reject {
    /// An inter-canister call's argument is over the limit: `call_perform` fails, nothing is sent.
    static func callPayloadTooLarge(size: Int, limit: Int) -> Reject {
        Reject(
            code: .systemFatal,
            errorCode: nil,
            message: "Inter-canister call argument of \(size) bytes is larger than the limit of \(limit) bytes; "
                + "the call was not sent."
        )
    }

    /// A handler started a second call while one was awaited (`async let`, task groups).
    static func overlappingAwait(_ canister: Principal) -> Reject {
        Reject(
            code: .systemFatal,
            errorCode: nil,
            message: "Canister \(canister) started a call while another was awaited (or outside its message); "
                + "the simulator runs one await at a time per call."
        )
    }

    /// IC0527: a composite query was called as an update (replicated mode).
    static func compositeQueryReplicated(_ canister: Principal, method: String) -> Reject {
        Reject(
            code: .canisterError,
            errorCode: ErrorCode(rawValue: 527),
            message: "Error from Canister \(canister): Composite query '\(method)' cannot be called in replicated "
                + "mode."
        )
    }

    /// The scheduler's queue is full: the call is refused as a transient error.
    static func queueFull(limit: Int) -> Reject {
        Reject(
            code: .systemTransient,
            errorCode: nil,
            message: "The scheduler holds \(limit) pending messages (Scheduler.Limits.maximumPendingMessages); "
                + "the call was not queued."
        )
    }

    /// A composite query nested deeper than the limit.
    static func queryDepthExceeded(_ canister: Principal, limit: Int) -> Reject {
        Reject(
            code: .canisterError,
            errorCode: .canisterTrapped,
            message: "Error from Canister \(canister): Composite query calls nest deeper than \(limit) "
                + "(Scheduler.Limits.maximumCompositeQueryDepth)."
        )
    }

    /// The callback cannot run: the canister's code was removed or replaced while the call was awaited.
    static func callbackLost(_ canister: Principal) -> Reject {
        Reject(
            code: .canisterError,
            errorCode: .canisterWasmModuleNotFound,
            message: "Error from Canister \(canister): the code that awaited this call was uninstalled or "
                + "replaced; its callback cannot run."
        )
    }
}
