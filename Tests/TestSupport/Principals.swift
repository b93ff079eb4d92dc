// Tests/TestSupport/Principals.swift - the fixed principals the tests call as

public import Candid

/// Fixed test principals: the same bytes every run. Each is self-authenticating in shape (28 bytes of
/// its tag, then the 0x02 suffix), so every API that checks a caller's principal accepts it.
public enum TestPrincipals {
    public static let alice = principal(0x0A)
    public static let bob = principal(0x0B)
    public static let carol = principal(0x0C)
    /// The anonymous principal, `2vxsx-fae`.
    public static let anonymous = Principal.anonymous

    /// The self-authenticating-shaped principal of `tag`: 28 bytes of `tag` and the 0x02 suffix.
    public static func principal(_ tag: UInt8) -> Principal {
        Principal(unchecked: Array(repeating: tag, count: 28) + [0x02])
    }
}
