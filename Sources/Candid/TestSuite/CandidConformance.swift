// Sources/Candid/TestSuite/CandidConformance.swift - running the official .test.did assertions

/// Runs the assertions of a Candid conformance file (`*.test.did`) the way the reference runner
/// does: binary inputs decode at the assertion's types with a decoding quota of 20 million, text
/// inputs parse at the types, and `==` compares the resulting values (all `reserved` values are
/// equal; a float NaN equals nothing, as in the reference).
public enum CandidConformance {
    /// The outcome of one assertion.
    public struct Result: Hashable, Sendable {
        /// The line of the `assert` keyword.
        public var line: Int
        /// The assertion's description, or `""`.
        public var description: String
        /// Whether the assertion held.
        public var passed: Bool
        /// Why it failed; empty when it passed.
        public var reason: String

        /// An outcome with these parts.
        public init(line: Int, description: String, passed: Bool, reason: String) {
            self.line = line
            self.description = description
            self.passed = passed
            self.reason = reason
        }
    }

    /// Runs every assertion of `file`, in order.
    public static func run(_ file: CandidTestFile, limits: CandidLimits = .conformance) -> [Result] {
        file.assertions.map { run($0, in: file.environment, limits: limits) }
    }

    /// Runs one assertion.
    public static func run(
        _ assertion: CandidTestFile.Assertion,
        in environment: CandidTypeEnvironment,
        limits: CandidLimits = .conformance
    ) -> Result {
        let left = evaluate(assertion.left, assertion.types, environment, limits)
        var failure: String?
        switch assertion.kind {
        case .decodes:
            if case .failure(let error) = left { failure = "expected it to decode, but: \(error)" }
        case .fails:
            if case .success(let values) = left { failure = "expected a failure, but it decoded to \(show(values))" }
        case .equal, .notEqual:
            guard let rightInput = assertion.right else {
                failure = "the assertion has no right-hand side"
                break
            }
            let right = evaluate(rightInput, assertion.types, environment, limits)
            switch (left, right) {
            case (.failure(let error), _):
                failure = "the left side failed: \(error)"
            case (_, .failure(let error)):
                failure = "the right side failed: \(error)"
            case (.success(let lhs), .success(let rhs)):
                if assertion.kind == .equal, lhs != rhs {
                    failure = "expected equal values, got \(show(lhs)) and \(show(rhs))"
                } else if assertion.kind == .notEqual, lhs == rhs {
                    failure = "expected different values, both are \(show(lhs))"
                }
            }
        }
        return Result(
            line: assertion.line, description: assertion.description ?? "", passed: failure == nil,
            reason: failure ?? "")
    }

    private static func evaluate(
        _ input: CandidTestFile.Input,
        _ types: [CandidType],
        _ environment: CandidTypeEnvironment,
        _ limits: CandidLimits
    ) -> Swift.Result<[CandidValue], CandidError> {
        do {
            switch input {
            case .blob(let bytes):
                return .success(try Candid.decode(bytes, as: types, in: environment, limits: limits))
            case .text(let text):
                return .success(try Candid.parseArguments(text, as: types, in: environment))
            }
        } catch {
            return .failure(error)
        }
    }

    private static func show(_ values: [CandidValue]) -> String {
        let text = Candid.printArguments(values)
        return text.isEmpty ? "\(values)" : text
    }
}
