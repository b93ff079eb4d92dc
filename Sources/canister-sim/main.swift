// Sources/canister-sim/main.swift - entry point: dispatch to a subcommand

import Foundation

/// Every subcommand, in the order the help lists them.
let commands: [any Command.Type] = [
    SHA256Command.self,
    PrincipalCommand.self,
    CandidCommand.self,
    DidCommand.self,
    ReplayCommand.self,
    ExploreCommand.self,
]

let output = Output()

@MainActor func topLevelHelp() -> String {
    var lines = ["usage: canister-sim <command> [options]", "", "commands:"]
    for command in commands {
        lines.append("  " + command.name.padding(toLength: 12, withPad: " ", startingAt: 0) + command.summary)
    }
    lines.append("")
    lines.append("options:")
    lines.append("  --help      Show this help.")
    lines.append("  --version   Print the version (canister-sim \(canisterSimVersion)).")
    lines.append("")
    lines.append("Run 'canister-sim <command> --help' for a command's options.")
    return lines.joined(separator: "\n")
}

@MainActor func main(_ words: [String]) -> Int32 {
    guard let first = words.first else {
        output.err("canister-sim: missing command")
        output.err(topLevelHelp())
        return 2
    }
    if first == "--help" || first == "-h" || first == "help" {
        output.out(topLevelHelp())
        return 0
    }
    if first == "--version" {
        output.out("canister-sim \(canisterSimVersion)")
        return 0
    }
    guard let command = commands.first(where: { $0.name == first }) else {
        if first.hasPrefix("-") {
            output.err("canister-sim: unknown option \(first)")
        } else {
            output.err("canister-sim: unknown command '\(first)'")
        }
        output.err("Run 'canister-sim --help' for usage.")
        return 2
    }
    let rest = Array(words.dropFirst())
    // `--help` asks for help only among the options: after `--` it is an operand (a file named `--help`).
    let options = rest.prefix { $0 != "--" }
    if options.contains("--help") || options.contains("-h") {
        output.out(command.help)
        return 0
    }
    do {
        return try command.run(rest, output: output)
    } catch let error as UsageError {
        output.err("canister-sim \(command.name): \(error.description)")
        output.err("Run 'canister-sim \(command.name) --help' for usage.")
        return 2
    } catch let error as CommandError {
        output.err("canister-sim \(command.name): \(error.description)")
        return 1
    } catch {
        output.err("canister-sim \(command.name): \(error)")
        return 1
    }
}

exit(main(Array(CommandLine.arguments.dropFirst())))
