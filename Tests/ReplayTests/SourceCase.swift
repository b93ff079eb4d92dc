// Tests/ReplayTests/SourceCase.swift - a script snippet and its expected outcome, named on one line

import Testing

/// A parameterized case whose name in the test output is the source with its newlines escaped, so a
/// multi-line snippet prints as one line instead of broken fragments.
struct SourceCase: Sendable, CustomTestStringConvertible {
    var source: String
    var expected: String

    init(_ pair: (String, String)) {
        (source, expected) = pair
    }

    var testDescription: String { source.debugDescription }
}
