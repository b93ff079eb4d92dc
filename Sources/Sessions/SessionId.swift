// Sources/Sessions/SessionId.swift - session identifiers

/// The identifier of an upload session: a positive 64-bit number that never repeats within a service.
///
/// ``SessionService`` allocates ids from a counter that starts at 1. ``SessionService/begin(id:_:now:)``
/// lets a caller choose the id instead, and moves the counter past it, so allocated ids never collide with
/// chosen ones. Valid ids are `1 ..< UInt64.max`.
public struct SessionId: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The id as a number (what crosses the wire as a `nat64`).
    public let rawValue: UInt64

    /// Wraps a number. Any value can be wrapped; the service rejects `0` and `UInt64.max`.
    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Wraps a number; the same as ``init(rawValue:)``.
    public init(_ rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// The smallest valid id, the first one a fresh service allocates.
    public static let first = SessionId(1)

    /// Whether this id may name a session (`1 ..< UInt64.max`).
    public var isValid: Bool { rawValue != 0 && rawValue != UInt64.max }

    public static func < (lhs: SessionId, rhs: SessionId) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The decimal number.
    public var description: String { String(rawValue) }
}
