// Sources/Candid/Principal.swift - IC principals: bytes, text, validation

/// An Internet Computer principal: at most 29 bytes, written as CRC32-checked base32 with dashes.
public struct Principal: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The raw bytes (0 to 29).
    public let bytes: [UInt8]

    /// - Throws: `CandidError.Code.invalidPrincipal` when over 29 bytes.
    public init(bytes: [UInt8]) throws {
        guard bytes.count <= 29 else {
            throw CandidError(.invalidPrincipal, "a principal has at most 29 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Parses the textual form; it must be canonical (lowercase or uppercase, dashes every 5).
    public init(text: String) throws {
        // STUB: implemented by the Candid work.
        throw CandidError(.unsupported, "Principal(text:) not yet implemented")
    }

    /// The textual form, e.g. `2vxsx-fae`.
    public var text: String { "" }  // STUB

    public var description: String { text }

    /// The anonymous principal, `2vxsx-fae` (byte `04`).
    public static let anonymous = Principal(unchecked: [0x04])
    /// The management canister, `aaaaa-aa` (no bytes).
    public static let managementCanister = Principal(unchecked: [])

    /// Bytes known to be valid (at most 29).
    package init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    public static func < (lhs: Principal, rhs: Principal) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}
