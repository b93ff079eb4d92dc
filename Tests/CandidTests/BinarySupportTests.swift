// Tests/CandidTests/BinarySupportTests.swift - helpers shared by the binary codec tests

@testable import Candid

/// Bytes from hex digits; spaces are ignored.
func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace })
    var bytes: [UInt8] = []
    var index = 0
    while index + 1 < digits.count {
        bytes.append(UInt8(String(digits[index...index + 1]), radix: 16) ?? 0)
        index += 2
    }
    return bytes
}

/// Lowercase hex of bytes.
func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

/// The error code a throwing call ends with, or nil when it succeeds.
func candidErrorCode(_ body: () throws -> Void) -> CandidError.Code? {
    do {
        try body()
        return nil
    } catch let error as CandidError {
        return error.code
    } catch {
        return .unsupported
    }
}

/// The CandidError a throwing call ends with.
func candidError(_ body: () throws -> Void) -> CandidError? {
    do {
        try body()
        return nil
    } catch {
        return error as? CandidError
    }
}

/// A principal from known-valid bytes.
func testPrincipal(_ bytes: [UInt8]) -> Principal { Principal(unchecked: bytes) }
