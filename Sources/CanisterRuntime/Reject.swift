// Sources/CanisterRuntime/Reject.swift - reject codes, IC error codes and the reject a call returns

/// The reject code of the IC interface specification: the class of a failed call.
public enum RejectCode: UInt8, Hashable, Sendable, CustomStringConvertible {
    /// Fatal system error; retrying is unlikely to help.
    case systemFatal = 1
    /// Transient system error; retrying may help.
    case systemTransient = 2
    /// The destination (canister or method) is invalid.
    case destinationInvalid = 3
    /// The canister rejected the call explicitly.
    case canisterReject = 4
    /// The canister trapped or could not run the call.
    case canisterError = 5
    /// The response is unknown (best-effort calls).
    case systemUnknown = 6

    /// The specification's name, e.g. `CANISTER_ERROR`.
    public var description: String {
        switch self {
        case .systemFatal: "SYS_FATAL"
        case .systemTransient: "SYS_TRANSIENT"
        case .destinationInvalid: "DESTINATION_INVALID"
        case .canisterReject: "CANISTER_REJECT"
        case .canisterError: "CANISTER_ERROR"
        case .systemUnknown: "SYS_UNKNOWN"
        }
    }
}

/// An error code of the IC implementation, printed `IC0503`. Its first digit is the reject code.
///
/// The numbers are the replica's `ErrorCode` values. Only the ones the simulator produces have names;
/// any other value can still be built with ``init(rawValue:)``.
public struct ErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The replica's number, e.g. 503.
    public let rawValue: UInt16

    /// The error code with this number.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// `IC` and four digits, e.g. `IC0536`.
    public var description: String {
        let digits = String(rawValue)
        return "IC" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The reject code this error code belongs to (its first digit), if that is a valid one.
    public var rejectCode: RejectCode? {
        RejectCode(rawValue: UInt8(clamping: rawValue / 100))
    }

    /// IC0301: the destination canister does not exist.
    public static let canisterNotFound = ErrorCode(rawValue: 301)
    /// IC0406: the canister rejected the message (an explicit reject).
    public static let canisterRejectedMessage = ErrorCode(rawValue: 406)
    /// IC0502: the canister trapped (out-of-bounds stable memory access and other runtime faults).
    public static let canisterTrapped = ErrorCode(rawValue: 502)
    /// IC0503: the canister called `ic0.trap` (an explicit trap, or a Swift error thrown by a handler).
    public static let canisterCalledTrap = ErrorCode(rawValue: 503)
    /// IC0504: the canister violated the system contract (a reply over the size limit).
    public static let canisterContractViolation = ErrorCode(rawValue: 504)
    /// IC0505: the canister's module is invalid (here: a method declared twice).
    public static let canisterInvalidWasm = ErrorCode(rawValue: 505)
    /// IC0512: the sender is not a controller of the canister.
    public static let canisterInvalidController = ErrorCode(rawValue: 512)
    /// IC0514: `install` on a canister that already has code.
    public static let canisterNonEmpty = ErrorCode(rawValue: 514)
    /// IC0536: the canister has no method of that name and kind.
    public static let canisterMethodNotFound = ErrorCode(rawValue: 536)
    /// IC0537: the canister has no code (never installed, or uninstalled).
    public static let canisterWasmModuleNotFound = ErrorCode(rawValue: 537)
}

/// A failed call: what the IC returns instead of reply bytes.
///
/// `errorCode` is `nil` only where the IC has none: an ingress message over the payload limit is
/// refused by the replica's HTTP endpoint (HTTP 413) before any canister sees it.
public struct Reject: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of failure (1...6).
    public var code: RejectCode
    /// The IC error code, e.g. `IC0503`.
    public var errorCode: ErrorCode?
    /// The reject message, e.g. `Error from Canister …: Canister has no update method 'x'.`
    public var message: String

    /// A reject with the given parts.
    public init(code: RejectCode, errorCode: ErrorCode?, message: String) {
        self.code = code
        self.errorCode = errorCode
        self.message = message
    }

    /// `IC0536 (CANISTER_ERROR): message`.
    public var description: String {
        let prefix = errorCode.map { "\($0) " } ?? ""
        return "\(prefix)(\(code)): \(message)"
    }
}

/// The outcome of a call: the reply bytes, or a reject.
public typealias CallResult = Result<[UInt8], Reject>
