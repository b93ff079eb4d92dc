// Sources/CanisterRuntime/Trap.swift - the two ways a handler ends a message without a reply

/// A trap: the message fails and every change it made is rolled back.
///
/// Throw one with ``CallContext/trap(_:)`` (or `throw Trap("…")`). Runtime faults such as an
/// out-of-bounds stable memory access throw one too. Any other Swift error a handler throws is treated
/// as an explicit trap whose message is the error's description, the way a Rust panic becomes
/// `ic0.trap`.
public struct Trap: Error, Hashable, Sendable, CustomStringConvertible {
    /// The IC error code the caller will see: 503 explicit trap, 502 runtime fault, 504 contract violation.
    public var errorCode: ErrorCode
    /// What went wrong, in the canister's words.
    public var message: String

    /// An explicit trap (`ic0.trap`), reported as IC0503.
    public init(_ message: String) {
        self.errorCode = .canisterCalledTrap
        self.message = message
    }

    /// A trap with a chosen IC error code (IC05xx).
    public init(errorCode: ErrorCode, message: String) {
        self.errorCode = errorCode
        self.message = message
    }

    public var description: String { "\(errorCode): \(message)" }

    /// A runtime fault: the canister trapped (IC0502).
    static func fault(_ message: String) -> Trap {
        Trap(errorCode: .canisterTrapped, message: message)
    }
}

/// An explicit reject (`ic0.msg_reject`): the caller gets reject code 4 with this message.
///
/// Unlike a trap, a reject is a normal way to finish a message: the changes the message made are kept,
/// exactly as on the IC. Throw it with ``CallContext/reject(_:)``.
public struct CanisterRejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// The reject message the caller receives verbatim.
    public var message: String

    /// A reject with this message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "rejected: \(message)" }
}
