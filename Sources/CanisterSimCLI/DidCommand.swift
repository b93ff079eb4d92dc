// Sources/CanisterSimCLI/DidCommand.swift - `canister-sim did`: a registered canister's Candid interface

import Candid

/// Prints the `.did` of a registered canister, generated from its method declarations.
enum DidCommand: Command {
    static let name = "did"
    static let summary = "print a canister's .did (generated from its method declarations)"
    static let help = """
        usage: canister-sim did [--canister NAME]

        Prints the Candid interface of a canister the tool knows: the named type definitions sorted by
        name, then `service : (InitArg) -> { ... }` with the methods sorted by name. The text is
        generated from the canister's method declarations.

        --canister NAME   the canister to describe (the first one replay runs by default)
        """

    static func details(for tool: CommandLineTool) -> String {
        "\n" + ReplayCommand.canisterList(tool)
    }

    static func run(_ words: [String], tool: CommandLineTool, output: Output) throws -> Int32 {
        let arguments = try Arguments(words, valued: ["canister"])
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positionals[0])'")
        }
        guard let name = arguments.value("canister") ?? tool.defaultRun.first else {
            throw UsageError("the tool has no canister to describe")
        }
        let canister = try tool.canister(named: name)
        let text: String
        do {
            text = try canister.interface().formattedText
        } catch {
            throw CommandError(code: "internal", "cannot describe the canister '\(name)': \(error)")
        }
        output.out(text.hasSuffix("\n") ? String(text.dropLast()) : text)
        return 0
    }
}
