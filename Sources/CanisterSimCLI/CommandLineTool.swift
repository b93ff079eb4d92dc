// Sources/CanisterSimCLI/CommandLineTool.swift - the command-line tool as a value: its name, version and canisters

public import CanisterRuntime
public import Candid
import Foundation
import Synchronization
public import Replay

/// A canister type the command-line tool can install: a name scripts and options use, its module, the
/// install argument it gets when none is given, and the interface that types its replies.
///
/// Register one per implementation: two that serve the same interface can be compared call by call
/// (`replay --compare A,B`). A scenario of several canisters (a ledger and the escrow that calls it)
/// registers a set-up that installs them all.
public struct SimulatedCanister: Sendable {
    /// The name options use (`--canister NAME`); letters, digits, `-` and `_`.
    public let name: String
    /// One line for `--help`.
    public let summary: String
    /// The install argument in Candid text when `--init` gives none, e.g. `()`.
    public let installArgument: String
    /// The code of a single canister type, which scripts may also install through the management
    /// canister (`wasm_module = blob "NAME"`); `nil` for a scenario.
    private(set) var module: CanisterModule?
    /// The interface scripts are typed by (the module's own when not given).
    let interface: @Sendable () throws -> DidFile
    /// Extra parts of a run's summary line, from the calls the run made (e.g. "2 uploads finished").
    let summarize: @Sendable (ReplayTrace) -> [String]
    /// Installs the canister (and any it needs) on a fresh replica, `argument` being its install
    /// argument's bytes and `controller` the identity that installs it; returns the interface of each
    /// canister scripts may call.
    let setUp: @Sendable (_ replica: Replica, _ argument: [UInt8], _ controller: Principal) async throws
        -> [Principal: DidFile]

    /// A canister of type `C`.
    ///
    /// - Parameters:
    ///   - name: The name options and the `did` command use.
    ///   - summary: One line for `--help`.
    ///   - installArgument: The Candid text of the install argument when `--init` gives none.
    ///   - interface: The `.did` that types calls and replies; by default the one generated from `C`.
    ///   - summarize: Extra parts of the per-run summary line; by default none.
    public init<C: Canister>(
        _ type: C.Type,
        name: String,
        summary: String,
        installArgument: String = "()",
        interface: (@Sendable () throws -> DidFile)? = nil,
        summarize: @escaping @Sendable (ReplayTrace) -> [String] = { _ in [] }
    ) {
        let module = CanisterModule(type)
        // Built once per process: every run types its install argument and calls by it.
        let interface = Self.once(interface ?? { try module.interface().didFile })
        self.init(
            name: name, summary: summary, installArgument: installArgument, interface: interface,
            summarize: summarize
        ) { replica, argument, controller in
            let canister = replica.createCanister(controllers: [controller])
            try await replica.install(module, on: canister, argument: argument, sender: controller)
            return [canister: try interface()]
        }
        self.module = module
    }

    /// `make`'s result, computed at the first call and kept (the `.did` of a type never changes).
    private static func once(_ make: @escaping @Sendable () throws -> DidFile) -> @Sendable () throws -> DidFile {
        let kept = Mutex<Result<DidFile, any Error>?>(nil)
        return {
            try kept.withLock { kept in
                if let kept { return try kept.get() }
                let result = Result { try make() }
                kept = result
                return try result.get()
            }
        }
    }

    /// A scenario: `setUp` installs its canisters on a fresh replica and returns the interface of each
    /// one scripts may call; `interface` types the install argument (and is what `did` prints).
    public init(
        name: String,
        summary: String,
        installArgument: String = "()",
        interface: @escaping @Sendable () throws -> DidFile,
        summarize: @escaping @Sendable (ReplayTrace) -> [String] = { _ in [] },
        setUp: @escaping @Sendable (_ replica: Replica, _ argument: [UInt8], _ controller: Principal) async throws
            -> [Principal: DidFile]
    ) {
        self.name = name
        self.summary = summary
        self.installArgument = installArgument
        self.interface = interface
        self.summarize = summarize
        self.setUp = setUp
        self.module = nil
    }
}

/// The whole command-line tool (`replay`, `did`, `candid`, `principal`, `sha256`) for the canisters it is
/// given. A package's executable is a `@main` that registers its canisters and calls ``main()``:
///
/// ```swift
/// import CanisterSimCLI
///
/// @main enum TodoSim {
///     static func main() {
///         CommandLineTool(
///             name: "todo-sim", version: "1.0.0",
///             canisters: [SimulatedCanister(Todo.self, name: "todo", summary: "the todo list")]
///         ).main()
///     }
/// }
/// ```
public struct CommandLineTool: Sendable {
    /// The tool's name in usage lines and messages.
    public let name: String
    /// What `--version` prints after the name.
    public let version: String
    /// The canisters scripts can run against, in the order `--help` lists them.
    public let canisters: [SimulatedCanister]
    /// What `replay` runs without `--canister` or `--compare`: one name, or two to compare.
    public let defaultRun: [String]

    /// A tool for `canisters`.
    ///
    /// - Parameter defaultRun: What `replay` runs when no canister is named: one registered name, or
    ///   two to compare; by default the first canister. A name that is not registered is ignored.
    public init(name: String, version: String, canisters: [SimulatedCanister], defaultRun: [String] = []) {
        self.name = name
        self.version = version
        self.canisters = canisters
        let known = defaultRun.filter { name in canisters.contains { $0.name == name } }
        self.defaultRun = known.isEmpty ? Array(canisters.prefix(1).map(\.name)) : Array(known.prefix(2))
    }

    /// Runs the tool with the process's arguments and exits with its status.
    public func main() -> Never {
        exit(run(Array(CommandLine.arguments.dropFirst())))
    }

    /// Every subcommand, in the order the help lists them.
    static let commands: [any Command.Type] = [
        SHA256Command.self,
        PrincipalCommand.self,
        CandidCommand.self,
        DidCommand.self,
        ReplayCommand.self,
        ExploreCommand.self,
    ]

    /// The registered canister `name`, or a usage error listing the known ones.
    func canister(named name: String) throws(UsageError) -> SimulatedCanister {
        guard let canister = canisters.first(where: { $0.name == name }) else {
            let known = canisters.map(\.name).joined(separator: ", ")
            throw UsageError("unknown canister '\(name)'; known: \(known.isEmpty ? "none" : known)")
        }
        return canister
    }

    /// `text` with the placeholder tool name of the help texts replaced by this tool's name.
    func named(_ text: String) -> String {
        name == "canister-sim" ? text : text.replacingOccurrences(of: "canister-sim", with: name)
    }

    func topLevelHelp() -> String {
        var lines = ["usage: \(name) <command> [options]", "", "commands:"]
        for command in Self.commands {
            lines.append("  " + command.name.padding(toLength: 12, withPad: " ", startingAt: 0) + command.summary)
        }
        lines.append("")
        lines.append("options:")
        lines.append("  --help      Show this help.")
        lines.append("  --version   Print the version (\(name) \(version)).")
        lines.append("")
        lines.append("Run '\(name) <command> --help' for a command's options.")
        return lines.joined(separator: "\n")
    }

    /// Runs one command line (without the program name) and returns the exit status: 0 success,
    /// 1 failure, 2 usage error.
    public func run(_ words: [String]) -> Int32 {
        let output = Output()
        guard let first = words.first else {
            output.err("\(name): missing command")
            output.err(topLevelHelp())
            return 2
        }
        if first == "--help" || first == "-h" || first == "help" {
            output.out(topLevelHelp())
            return 0
        }
        if first == "--version" {
            output.out("\(name) \(version)")
            return 0
        }
        guard let command = Self.commands.first(where: { $0.name == first }) else {
            if first.hasPrefix("-") {
                output.err("\(name): unknown option \(first)")
            } else {
                output.err("\(name): unknown command '\(first)'")
            }
            output.err("Run '\(name) --help' for usage.")
            return 2
        }
        let rest = Array(words.dropFirst())
        // `--help` asks for help only among the options: after `--` it is an operand (a file named `--help`).
        let options = rest.prefix { $0 != "--" }
        if options.contains("--help") || options.contains("-h") {
            output.out(named(command.help) + command.details(for: self))
            return 0
        }
        do {
            return try command.run(rest, tool: self, output: output)
        } catch let error as UsageError {
            output.err("\(name) \(command.name): \(error.description)")
            output.err("Run '\(name) \(command.name) --help' for usage.")
            return 2
        } catch let error as CommandError {
            output.err("\(name) \(command.name): \(error.description)")
            return 1
        } catch {
            output.err("\(name) \(command.name): \(error)")
            return 1
        }
    }
}
