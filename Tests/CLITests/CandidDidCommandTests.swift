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

    static func check(_ name: String) -> String {
        PackageFiles.root.appendingPathComponent("Fixtures/interfaces/check/\(name)").path
    }

    @Test func checkAcceptsASafeUpgrade() throws {
        let result = try CLIRunner.run(["candid", "check", Self.check("v2-compatible.did"), Self.check("v1.did")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("v2-compatible.did is a safe upgrade of \(Self.check("v1.did")) (5 methods checked)\n"))
    }

    @Test func checkNamesEachBreakingChange() throws {
        let result = try CLIRunner.run(["candid", "check", Self.check("v2-breaking.did"), Self.check("v1.did")])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                method count: result 0: the new type int does not decode as the old type nat
                method drop was removed
                method get: changed from query to an update
                method pair: result 1 (text) is no longer returned, and old callers need it
                method put: argument 0: the old type Item does not decode as the new type Item: field size: nat is required and absent
                method put: argument 1: the old type Kind does not decode as the new type Kind: case b: no such case
                method put: argument 2 (text) is new, and old callers don't send it: a new argument must be opt, null or reserved
                method put: result 0: the new type variant { ok; err : text; other } does not decode as the old type variant { ok; err : text }: case other: no such case
                8 breaking changes

                """)
        // The files the other way round: v1 lacks what v2 added, so it is no upgrade of v2 either.
        let reverse = try CLIRunner.run(["candid", "check", Self.check("v1.did"), Self.check("v2-compatible.did")])
        #expect(reverse.status == 1)
        #expect(reverse.stdout.contains("method fresh was removed"))
        let usage = try CLIRunner.run(["candid", "check", Self.check("v1.did")])
        #expect(usage.status == 2)
    }
}
