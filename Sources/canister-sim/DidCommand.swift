// Sources/canister-sim/DidCommand.swift - `canister-sim did`: the upload canister's Candid interface

import UploadCanister

/// Prints the `.did` of the upload canister, generated from its endpoint declarations.
enum DidCommand: Command {
    static let name = "did"
    static let summary = "print the upload canister's .did (futura's type names)"
    static let help = """
        usage: canister-sim did

        Prints the Candid interface of the upload canister: the named type definitions sorted by
        name (futura's names: AssetMetadata, Error, UploadFinishResult, Result13...), then
        `service : (InitArg) -> { ... }` with the methods sorted by name. The text is generated from
        the canister's method declarations; CANDID.md shows it after `<!-- upload-canister-did -->`,
        and a test fails when the two differ.
        """

    static func run(_ words: [String], output: Output) throws -> Int32 {
        let arguments = try Arguments(words)
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positionals[0])'")
        }
        let text: String
        do {
            text = try UploadCanisterInterface.didText()
        } catch {
            throw CommandError(code: "internal", "cannot describe the upload canister: \(error)")
        }
        output.out(String(text.dropLast()))
        return 0
    }
}
