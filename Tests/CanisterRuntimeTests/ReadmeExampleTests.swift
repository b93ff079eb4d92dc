// The README's library example, verbatim between the markers; `readmeShowsThisFile` keeps the two equal.
// BEGIN README EXAMPLE
import Candid
import CanisterRuntime
import Testing

struct Tally: Canister {
    var count: UInt64 = 0
    init(install _: NoArguments, context: inout CallContext) throws {}
    static let methods: [Method<Tally>] = [
        .update("inc") { (t: inout Tally, _: inout CallContext) -> UInt64 in
            t.count += 1
            return t.count
        },
        .query("get") { (t: Tally, _: QueryContext) -> UInt64 in t.count },
    ]
}

@Test func tallyCountsUp() async throws {
    let replica = Replica()
    let alice = try Principal(bytes: Array("alice".utf8))
    let id = try await replica.install(Tally.self, controllers: [alice])
    #expect(try await replica.update(id, "inc", caller: alice, returning: UInt64.self) == 1)
    #expect(try await replica.query(id, "get", caller: alice, returning: UInt64.self) == 1)
}
// END README EXAMPLE

import Foundation

@Test func readmeShowsThisFile() throws {
    let here = URL(fileURLWithPath: #filePath)
    let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let source = try String(contentsOf: here, encoding: .utf8)
    let begin = try #require(source.range(of: "// BEGIN README EXAMPLE\n"))
    let end = try #require(source.range(of: "// END README EXAMPLE\n", range: begin.upperBound..<source.endIndex))
    let example = String(source[begin.upperBound..<end.lowerBound])
    #expect(readme.contains("```swift\n" + example + "```\n"), "README's library example differs from \(here.lastPathComponent)")
}
