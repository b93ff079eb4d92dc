// Tests/UploadCanisterTests/DidDocumentTests.swift - CANDID.md shows the .did the canister generates

import Candid
import Foundation
import Testing
import TestSupport
import UploadCanister

@Suite("CANDID.md")
struct DidDocumentTests {
    static let marker = "<!-- upload-canister-did -->"

    /// The lines of the first ```candid block after the marker line, joined with newlines; `nil` when the
    /// marker or the block is missing.
    static func documentedDid(in markdown: String) -> String? {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        guard let marker = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == Self.marker }) else {
            return nil
        }
        guard let open = lines[(marker + 1)...].firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
            lines[open].trimmingCharacters(in: .whitespaces) == "```candid",
            let close = lines[(open + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "```" })
        else { return nil }
        return lines[(open + 1) ..< close].map { $0 + "\n" }.joined()
    }

    @Test("the candid block after <!-- upload-canister-did --> in CANDID.md is the generated .did")
    func candidMarkdownMatches() throws {
        let generated = try UploadCanisterInterface.didText()
        let regenerate = "regenerate it: `swift run canister-sim did` prints the text to put in a ```candid block "
            + "right after the line \(Self.marker) in CANDID.md"
        guard let markdown = try? PackageFiles.read(PackageFiles.candidMarkdown) else {
            Issue.record("CANDID.md is missing at \(PackageFiles.candidMarkdown.path); \(regenerate)")
            return
        }
        guard let documented = Self.documentedDid(in: markdown) else {
            Issue.record("CANDID.md has no ```candid block after \(Self.marker); \(regenerate)")
            return
        }
        #expect(documented == generated, "CANDID.md shows an outdated .did; \(regenerate)")
    }

    @Test("the block extraction finds the fenced block after the marker, and only there")
    func extraction() {
        let text = "# x\n```candid\nnot this\n```\n\(Self.marker)\n\n"
            + "```candid\ntype A = nat;\nservice : {}\n```\nafter\n"
        #expect(Self.documentedDid(in: text) == "type A = nat;\nservice : {}\n")
        #expect(Self.documentedDid(in: "no marker\n```candid\nx\n```\n") == nil)
        #expect(Self.documentedDid(in: "\(Self.marker)\ntext first\n```candid\nx\n```\n") == nil)
        #expect(Self.documentedDid(in: "\(Self.marker)\n```candid\nunclosed\n") == nil)
    }
}
