// Sources/CanisterSimCLI/CandidCommand.swift - `canister-sim candid`: conformance tests, encode, decode

import Candid
import Foundation

/// `canister-sim candid test|parse|check|encode|decode`.
struct CandidCommand: Command {
    static let name = "candid"
    static let summary = "run Candid conformance files, read .did files, encode and decode DIDL messages"
    static let help = """
        usage: canister-sim candid test FILE...
               canister-sim candid parse FILE.did
               canister-sim candid check NEW.did OLD.did
               canister-sim candid encode TEXT [--types TYPES]
               canister-sim candid decode HEX [--types TYPES]

        subcommands:
          test FILE...     Run the assertions of Candid conformance files (*.test.did). Prints one line
                           per failed assertion (file:line: description: why), a count line per file,
                           and last 'N passed, M failed' (', K errors' when K files could not be
                           run). A file that can't be read or parsed is reported on standard error
                           as 'FILE: error: CODE: reason' and the others still run. Exits 1 if any
                           assertion failed or any file could not be run.
          parse FILE.did   Read FILE.did with its imports ('import "other.did";' adds other.did's
                           types, 'import service "other.did";' also its methods; paths are relative
                           to the importing file) and print it as one .did: the definitions, then the
                           service with its methods sorted by name. A missing import is 'importFailed',
                           a file importing itself (through others) 'importCycle'.
          check NEW OLD    Whether the service of NEW.did is a safe upgrade of OLD.did's, under Candid's
                           subtyping (as 'didc check'): every old method is still there with the same
                           annotation, each old argument decodes at the new argument type, each new
                           result at the old result type, and new arguments are opt. Prints one line
                           per breaking change and 'N breaking changes' (exit 1), or 'NEW.did is a
                           safe upgrade of OLD.did (M methods checked)' (exit 0). Init arguments are
                           not compared.
          encode TEXT      Parse TEXT as a Candid argument tuple, e.g. '(42 : nat, "hi")', and print the
                           hex of its DIDL message.
          decode HEX       Decode the DIDL message HEX (whitespace allowed) and print its arguments as
                           Candid text.

        options:
          --types TYPES    The argument types, e.g. '(nat, record { a : text })'. encode parses TEXT at
                           them; decode decodes at them (with Candid's coercion) instead of at the
                           message's own types.
          --help           Show this help.

        Binary decoding uses the default limits: a decoding quota of 50 million units, and at most 16
        vector elements or record fields per byte of the message (plus 4096). 'test' uses the reference
        runner's limits: a quota of 20 million and no value limit.
        """

    static func run(_ words: [String], tool: CommandLineTool, output: Output) throws -> Int32 {
        guard let subcommand = words.first else {
            throw UsageError("missing subcommand: test, parse, check, encode or decode")
        }
        let rest = Array(words.dropFirst())
        switch subcommand {
        case "test":
            let arguments = try Arguments(rest)
            guard !arguments.positionals.isEmpty else { throw UsageError("test needs at least one FILE") }
            return try test(arguments.positionals, output: output)
        case "parse":
            let arguments = try Arguments(rest)
            guard arguments.positionals.count == 1 else { throw UsageError("parse takes one FILE.did") }
            output.out(String(try loadDid(arguments.positionals[0]).text.dropLast()))
            return 0
        case "check":
            let arguments = try Arguments(rest)
            guard arguments.positionals.count == 2 else { throw UsageError("check takes NEW.did and OLD.did") }
            return try check(new: arguments.positionals[0], old: arguments.positionals[1], output: output)
        case "encode":
            let arguments = try Arguments(rest, valued: ["types"])
            guard arguments.positionals.count == 1 else { throw UsageError("encode takes one TEXT argument") }
            return try encode(arguments.positionals[0], types: arguments.value("types"), output: output)
        case "decode":
            let arguments = try Arguments(rest, valued: ["types"])
            guard arguments.positionals.count == 1 else { throw UsageError("decode takes one HEX argument") }
            return try decode(arguments.positionals[0], types: arguments.value("types"), output: output)
        default:
            throw UsageError("unknown subcommand '\(subcommand)': expected test, parse, check, encode or decode")
        }
    }

    private static func test(_ paths: [String], output: Output) throws -> Int32 {
        var passed = 0
        var failed = 0
        var unreadable = 0
        for path in paths {
            let file: CandidTestFile
            switch readText(path) {
            case .failure(let failure):
                output.err(failure.line(path))
                unreadable += 1
                continue
            case .success(let text):
                do {
                    file = try CandidTestFile.parse(text)
                } catch {
                    output.err("\(path): error: \(error.code): \(error.message)")
                    unreadable += 1
                    continue
                }
            }
            let results = CandidConformance.run(file)
            var filePassed = 0
            for result in results {
                if result.passed {
                    filePassed += 1
                } else {
                    let label = result.description.isEmpty ? "(no description)" : result.description
                    output.out("\(path):\(result.line): \(label): \(result.reason)")
                }
            }
            output.out("\(path): \(filePassed) passed, \(results.count - filePassed) failed")
            passed += filePassed
            failed += results.count - filePassed
        }
        var summary = "\(passed) passed, \(failed) failed"
        if unreadable > 0 { summary += ", \(unreadable) error\(unreadable == 1 ? "" : "s")" }
        output.out(summary)
        return failed == 0 && unreadable == 0 ? 0 : 1
    }

    /// The `.did` file at `path` with its imports, each file read as `readText` reads it.
    static func loadDid(_ path: String) throws -> DidFile {
        let text: String
        switch readText(path) {
        case .failure(let failure): throw CommandError(code: failure.code, "\(path): \(failure.reason)")
        case .success(let read): text = read
        }
        do {
            return try DidFile.parse(text, path: path) { (file: String) throws(CandidError) -> String in
                switch readText(file) {
                case .failure(let failure): throw CandidError(.importFailed, "cannot read \(file): \(failure.reason)")
                case .success(let read): return read
                }
            }
        } catch {
            throw CommandError(error)
        }
    }

    private static func check(new newPath: String, old oldPath: String, output: Output) throws -> Int32 {
        let new = try loadDid(newPath)
        let old = try loadDid(oldPath)
        let problems: [DidIncompatibility]
        do {
            problems = try new.incompatibilities(upgrading: old)
        } catch {
            throw CommandError(error)
        }
        guard !problems.isEmpty else {
            let count = old.service?.methods.count ?? 0
            output.out("\(newPath) is a safe upgrade of \(oldPath) (\(count) method\(count == 1 ? "" : "s") checked)")
            return 0
        }
        for problem in problems { output.out(problem.message) }
        output.out("\(problems.count) breaking change\(problems.count == 1 ? "" : "s")")
        return 1
    }

    private static func encode(_ text: String, types: String?, output: Output) throws -> Int32 {
        do {
            let bytes: [UInt8]
            if let types {
                let parsed = try Candid.parseTypes(types)
                let values = try Candid.parseArguments(text, as: parsed)
                bytes = try Candid.encode(values, as: parsed)
            } else {
                bytes = try Candid.encode(try Candid.parseArguments(text))
            }
            output.out(hex(bytes))
            return 0
        } catch {
            throw CommandError(error)
        }
    }

    private static func decode(_ text: String, types: String?, output: Output) throws -> Int32 {
        guard let bytes = bytesFromHex(text, ignoringWhitespace: true) else {
            throw CommandError(code: "invalid_hex", "HEX must be pairs of hexadecimal digits, e.g. 4449444c00017d2a")
        }
        do {
            let values: [CandidValue]
            if let types {
                values = try Candid.decode(bytes, as: try Candid.parseTypes(types))
            } else {
                values = try Candid.decode(bytes)
            }
            output.out(Candid.printArguments(values))
            return 0
        } catch {
            throw CommandError(error)
        }
    }

}
