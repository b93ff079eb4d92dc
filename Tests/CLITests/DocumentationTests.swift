// Tests/CLITests/DocumentationTests.swift - the commands the docs mark runnable print what the docs show

import Foundation
import Testing

/// Every ```sh block preceded by `<!-- runnable -->` in README.md and Documentation/*.md is run (each
/// line is `swift run canister-sim ARGS`, run here as the built binary), and when a block preceded by
/// `<!-- output -->` follows it, the standard output must equal that block.
@Suite("Runnable documentation")
struct DocumentationTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var file: String
        var line: Int
        var commands: [String]
        var output: String?
        var testDescription: String { "\(file):\(line)" }
    }

    static let documents: [String] = {
        let root = CLIRunner.packageRoot
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Documentation").path)) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "Documentation/" + $0 }
    }()

    static func examples() -> [Example] {
        var found: [Example] = []
        for document in documents {
            guard let text = try? String(contentsOf: CLIRunner.packageRoot.appendingPathComponent(document), encoding: .utf8)
            else { continue }
            let lines = text.components(separatedBy: "\n")
            var index = 0
            func block(after marker: Int) -> (body: [String], end: Int)? {
                guard marker + 1 < lines.count, lines[marker + 1].hasPrefix("```") else { return nil }
                var end = marker + 2
                while end < lines.count, lines[end] != "```" { end += 1 }
                return (Array(lines[(marker + 2)..<min(end, lines.count)]), end)
            }
            while index < lines.count {
                if lines[index] == "<!-- runnable -->", let (body, end) = block(after: index) {
                    var example = Example(file: document, line: index + 2, commands: body, output: nil)
                    var next = end + 1
                    while next < lines.count, lines[next] != "<!-- runnable -->" {
                        if lines[next] == "<!-- output -->", let (output, _) = block(after: next) {
                            example.output = output.joined(separator: "\n") + "\n"
                            break
                        }
                        next += 1
                    }
                    found.append(example)
                    index = end
                }
                index += 1
            }
        }
        return found
    }

    @Test func theReadmeHasRunnableExamples() {
        #expect(Self.examples().contains { $0.file == "README.md" && $0.output != nil })
    }

    @Test(arguments: Self.examples())
    func runsAsDocumented(_ example: Example) throws {
        var stdout = ""
        for command in example.commands where !command.isEmpty {
            let prefix = "swift run canister-sim "
            try #require(command.hasPrefix(prefix), "\(example.file):\(example.line): not a canister-sim command: \(command)")
            let arguments = command.dropFirst(prefix.count).split(separator: " ").map(String.init)
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 0, "\(example.file):\(example.line): \(command) exited \(result.status): \(result.stderr)")
            stdout += result.stdout
        }
        if let output = example.output {
            #expect(stdout == output, "\(example.file):\(example.line): the output differs from the docs")
        }
    }
}

/// The README's tool example is the Examples package's `main.swift` (after its header comment), so the
/// snippet a reader copies is code CI builds.
@Test func readmeShowsTheExamplesTool() throws {
    let root = CLIRunner.packageRoot
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let main = try String(contentsOf: root.appendingPathComponent("Examples/Sources/todo-sim/main.swift"), encoding: .utf8)
    let body = try #require(main.range(of: "\n\n")).upperBound
    #expect(readme.contains("```swift\n" + main[body...] + "```\n"), "README's CanisterSimCLI example differs from Examples")
}
