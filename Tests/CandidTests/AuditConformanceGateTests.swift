// Tests/CandidTests/AuditConformanceGateTests.swift - under CI a missing conformance suite fails, never skips

import Foundation
import Testing
import TestSupport

@Suite struct AuditConformanceGateTests {
    static let nowhere = URL(fileURLWithPath: "/nonexistent-root/canister-sim")

    @Test func theEnvironmentVariableComesFirstThenTheSharedFolder() {
        let exists: (String) -> Bool = {
            $0 == "/suite/prim.test.did" || $0 == "/nonexistent-root/shared/candid-testsuite/prim.test.did"
        }
        let fromVariable = ConformanceSuite.locate(
            environment: ["CANDID_TESTSUITE": "/suite"], root: Self.nowhere, exists: exists)
        #expect(fromVariable?.path == "/suite")
        let fromShared = ConformanceSuite.locate(environment: [:], root: Self.nowhere, exists: exists)
        #expect(fromShared?.path == "/nonexistent-root/shared/candid-testsuite")
        let wrongVariable = ConformanceSuite.locate(
            environment: ["CANDID_TESTSUITE": "/elsewhere"], root: Self.nowhere, exists: exists)
        #expect(wrongVariable?.path == "/nonexistent-root/shared/candid-testsuite")
    }

    @Test func underCIAMissingSuiteRunsAndFails() {
        // CI=true CANDID_TESTSUITE=/nonexistent with no ../shared: nothing is found...
        let environment = ["CI": "true", "CANDID_TESTSUITE": "/nonexistent"]
        let directory = ConformanceSuite.locate(
            environment: environment, root: Self.nowhere, exists: { FileManager.default.fileExists(atPath: $0) })
        #expect(directory == nil)
        // ...the suite is enabled all the same...
        #expect(ConformanceSuite.shouldRun(directory: directory, environment: environment))
        // ...and each of its tests throws, which fails it, instead of passing.
        #expect(throws: ConformanceSuite.Missing.self) {
            _ = try ConformanceSuite.results(of: "prim", in: directory)
        }
    }

    @Test func locallyAMissingSuiteIsSkipped() {
        #expect(!ConformanceSuite.shouldRun(directory: nil, environment: [:]))
        #expect(ConformanceSuite.shouldRun(directory: Self.nowhere, environment: [:]))
    }

    @Test(.enabled(if: ConformanceSuite.shouldRun, ConformanceSuite.skipNote)) func theSuiteIsFoundHere() throws {
        // In this checkout the suite is present, so the conformance tests really run.
        let directory = try #require(ConformanceSuite.directory)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("prim.test.did").path))
    }
}
