// Tests/CanisterRuntimeTests/TestSupport.swift - principals and byte helpers for the tests

import Candid
@testable import CanisterRuntime
import TestSupport

/// Fixed test principals, deliberately short (3 and 4 bytes, valid all the same): some tests pin their
/// length-prefixed bytes, so they stay apart from TestSupport's 29-byte `TestPrincipals`.
enum Principals {
    static let alice = Principal(unchecked: [0xA1, 0x1C, 0xE0, 0x02])
    static let bob = Principal(unchecked: [0xB0, 0xB0, 0x02])
    static let carol = Principal(unchecked: [0xCA, 0x20, 0x02])
}

/// Little-endian bytes of an integer.
func le(_ value: UInt64) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}

/// The integer of 8 little-endian bytes at `offset` (0 when short).
func uint64(_ bytes: [UInt8], at offset: Int = 0) -> UInt64 {
    guard bytes.count >= offset + 8 else { return 0 }
    var value: UInt64 = 0
    for index in (0..<8).reversed() {
        value = value << 8 | UInt64(bytes[offset + index])
    }
    return value
}

extension Result {
    /// The success value, or `nil`.
    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }

    /// The failure, or `nil`.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
