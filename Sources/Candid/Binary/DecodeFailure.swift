// Sources/Candid/Binary/DecodeFailure.swift - the decoder's internal error, split by recoverability

/// An error inside the binary decoder.
///
/// A mismatch is a coercion failure: the wire value is well-formed but does not fit the expected
/// type. Under an `opt` it is recovered as `null` (the special opt rule). Every other failure is
/// hard: malformed bytes, limits, quotas; those always end decoding.
///
/// It is a class so that a thrown failure is one pointer: typed throws keep a slot for the error
/// in every frame of the recursive decoder, and those frames should stay small.
final class DecodeFailure: Error, Sendable {
    let error: CandidError
    let isMismatch: Bool

    init(_ error: CandidError, isMismatch: Bool) {
        self.error = error
        self.isMismatch = isMismatch
    }

    /// The same failure with `component` put in front of its path.
    func prefixed(_ component: String) -> DecodeFailure {
        var located = error
        located.path.insert(component, at: 0)
        return DecodeFailure(located, isMismatch: isMismatch)
    }

    static func hard(_ error: CandidError) -> DecodeFailure { DecodeFailure(error, isMismatch: false) }

    static func mismatch(_ error: CandidError) -> DecodeFailure { DecodeFailure(error, isMismatch: true) }

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
