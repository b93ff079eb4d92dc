// Tests/CLITests/CandidDidCommandTests.swift - `canister-sim candid parse` (and `check`): .did files with imports

import Foundation
import Testing
import TestSupport

@Suite struct CandidDidCommandTests {
    static func fixture(_ name: String) -> String {
        PackageFiles.root.appendingPathComponent("Fixtures/interfaces/imports/\(name)").path
    }

    @Test func parsePrintsTheMergedFile() throws {
        let result = try CLIRunner.run(["candid", "parse", Self.fixture("main.did")])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "type Request = record { id : Id; note : opt Note };")
        #expect(lines.contains("type Id = nat64;"))
        #expect(lines.contains("  reset : (Id) -> ();"))
        #expect(lines.last == "}")
    }

    @Test func parseReportsImportErrors() throws {
        let missing = try CLIRunner.run(["candid", "parse", Self.fixture("bad/missing.did")])
        #expect(missing.status == 1)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.hasPrefix("canister-sim candid: error: importFailed: "), "\(missing.stderr)")
        #expect(missing.stderr.contains("imports \"nowhere.did\""))
        let cycle = try CLIRunner.run(["candid", "parse", Self.fixture("cycle/self.did")])
        #expect(cycle.status == 1)
        #expect(cycle.stderr.hasPrefix("canister-sim candid: error: importCycle: "), "\(cycle.stderr)")
        let absent = try CLIRunner.run(["candid", "parse", Self.fixture("absent.did")])
        #expect(absent.status == 1)
        #expect(absent.stderr.contains("not_found"), "\(absent.stderr)")
    }
}
