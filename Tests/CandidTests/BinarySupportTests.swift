// Tests/CandidTests/BinarySupportTests.swift - helpers shared by the binary codec tests

@testable import Candid

/// Bytes from hex digits; spaces are ignored. A fixture that is not hex fails the test run.
func hexBytes(_ text: String) -> [UInt8] {
    do {
        return try [UInt8](hex: text.filter { !$0.isWhitespace })
    } catch {
        preconditionFailure("fixture is not hex: \(error)")
    }
}

/// Lowercase hex of bytes.
func hexString(_ bytes: [UInt8]) -> String { hex(bytes) }

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
