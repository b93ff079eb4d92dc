// Tests/CLITests/DidCommandTests.swift - `canister-sim did` prints the .did that CANDID.md shows

import Foundation
import Testing

@Suite struct DidCommandTests {
    static let marker = "<!-- upload-canister-did -->"

    /// The ```candid block after the marker line of CANDID.md, each line ending in a newline. The
    /// UploadCanister tests keep that block equal to `UploadCanisterInterface.didText()`.
    static func documentedDid() throws -> String {
        let url = CLIRunner.packageRoot.appendingPathComponent("CANDID.md")
        let markdown = try String(contentsOf: url, encoding: .utf8)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let marker = try #require(lines.firstIndex(of: Self.marker), "CANDID.md has no \(Self.marker)")
        let open = try #require(lines[(marker + 1)...].firstIndex { !$0.isEmpty })
        try #require(lines[open] == "```candid", "no ```candid block right after the marker")
        let close = try #require(lines[(open + 1)...].firstIndex(of: "```"), "the ```candid block is not closed")
        return lines[(open + 1) ..< close].map { $0 + "\n" }.joined()
    }

    @Test func didPrintsTheDocumentedInterfaceAndExitsZero() throws {
        let result = try CLIRunner.run(["did"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let documented = try Self.documentedDid()
        #expect(result.stdout == documented, "canister-sim did and CANDID.md differ")
        // What the text is: definitions first, then the service with its 18 methods, one per line.
        #expect(result.stdout.hasPrefix("type AccessCondition = variant {\n"))
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let service = try #require(lines.firstIndex(of: "service : (InitArg) -> {"))
        #expect(lines.suffix(2) == ["}", ""])
        let methods = lines[(service + 1) ..< (lines.count - 2)].map { String($0.prefix { $0 != ":" }) }
        #expect(methods == [
            "  blob_delete ", "  blob_get_meta ", "  blob_read ", "  blob_read_chunk ", "  capsules_create ",
            "  capsules_read_basic ", "  memories_list ", "  memories_read ", "  sessions_cleanup_expired ",
            "  sessions_clear_all ", "  sessions_list ", "  sessions_stats ", "  upload_config ", "  uploads_abort ",
            "  uploads_begin ", "  uploads_finish ", "  uploads_put_chunk ", "  whoami ",
        ])
        #expect(lines.contains(
            "  uploads_begin : (text, AssetMetadata, nat32, text) -> (Result13);"
        ))
        #expect(lines.contains("  blob_read : (text) -> (Result_4) query;"))
        // The same bytes every run.
        #expect(try CLIRunner.run(["did"]).stdout == result.stdout)
    }

    @Test func didHelpExitsZero() throws {
        for flag in ["--help", "-h"] {
            let result = try CLIRunner.run(["did", flag])
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty)
            #expect(result.stdout.hasPrefix("usage: canister-sim did [--canister NAME]\n"))
            let canisters: [String] = [
                "canisters:",
                "  compat        the upload canister on the compat backend (the old API through the SessionCompat "
                    + "shim), futura's limits",
                "  direct        the upload canister on the direct backend (the session engine used directly), "
                    + "futura's limits",
                "  escrow        a ledger and an escrow whose withdraw debits after it awaits the transfer (the "
                    + "explorer's example)",
                "  escrow-fixed  a ledger and an escrow whose withdraw debits before it awaits the transfer (the "
                    + "explorer's example)",
                "  counter       a counter that logs (the module scripts deploy)",
                "default: --compare compat,direct",
            ]
            #expect(result.stdout.hasSuffix("\n" + canisters.joined(separator: "\n") + "\n"), "\(result.stdout)")
        }
        let top = try CLIRunner.run(["--help"])
        #expect(top.status == 0)
        #expect(top.stdout.contains("\n  did         print a canister's .did"))
    }

    @Test func didNamesItsCanister() throws {
        let compat = try CLIRunner.run(["did", "--canister", "compat"])
        #expect(compat.status == 0)
        #expect(compat.stdout == (try CLIRunner.run(["did"])).stdout)
        let unknown = try CLIRunner.run(["did", "--canister", "todo"])
        #expect(unknown.status == 2)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr == "canister-sim did: unknown canister 'todo'; known: compat, direct, escrow, escrow-fixed, counter\n"
            + "Run 'canister-sim did --help' for usage.\n")
    }

    @Test func didRefusesArgumentsWithAUsageError() throws {
        let extra = try CLIRunner.run(["did", "upload"])
        #expect(extra.status == 2)
        #expect(extra.stdout.isEmpty)
        #expect(extra.stderr == "canister-sim did: unexpected argument 'upload'\n"
            + "Run 'canister-sim did --help' for usage.\n")
        let option = try CLIRunner.run(["did", "--bogus"])
        #expect(option.status == 2)
        #expect(option.stderr.hasPrefix("canister-sim did: unknown option --bogus\n"))
    }
}
