// Sources/Candid/Candid+Text.swift - textual entry points. STUB: the Candid work implements them.

extension Candid {
    /// Parses a textual argument tuple such as `(42 : nat, record { a = "x" })`, typed at `types` when given.
    public static func parseArguments(
        _ text: String,
        as types: [CandidType]? = nil,
        in environment: CandidTypeEnvironment = .init()
    ) throws -> [CandidValue] {
        throw CandidError(.unsupported, "not yet implemented")
    }

    /// Prints an argument tuple as Candid text: `(42 : nat, record { a = "x" })`.
    public static func printArguments(_ values: [CandidValue]) -> String { "" }
}
