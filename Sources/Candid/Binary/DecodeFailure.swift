// Sources/Candid/Binary/DecodeFailure.swift - the decoder's internal error, split by recoverability

/// An error inside the binary decoder.
///
/// A `mismatch` is a coercion failure: the wire value is well-formed but does not fit the expected
/// type. Under an `opt` it is recovered as `null` (the special opt rule). Everything else is `hard`:
/// malformed bytes, limits, quotas; those always end decoding.
enum DecodeFailure: Error {
    case hard(CandidError)
    case mismatch(CandidError)

    var error: CandidError {
        switch self {
        case .hard(let error), .mismatch(let error): error
        }
    }

    /// The same failure with `component` put in front of its path.
    func prefixed(_ component: String) -> DecodeFailure {
        switch self {
        case .hard(var error):
            error.path.insert(component, at: 0)
            return .hard(error)
        case .mismatch(var error):
            error.path.insert(component, at: 0)
            return .mismatch(error)
        }
    }

    static func hard(_ code: CandidError.Code, _ message: String, at offset: Int) -> DecodeFailure {
        .hard(CandidError(code, message, offset: offset))
    }

    static func mismatch(_ message: String, at offset: Int) -> DecodeFailure {
        .mismatch(CandidError(.typeMismatch, message, offset: offset))
    }
}

/// The path component of a record field or variant tag: its name, or its number.
func pathComponent(_ label: CandidLabel) -> String {
    label.name ?? String(label.id)
}
