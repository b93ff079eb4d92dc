// Tests/CandidTests/ConformanceTests.swift - the official Candid conformance suite, all 467 assertions

import Candid
import Foundation
import Testing
import TestSupport

/// The suite's files and how to run one; where it is comes from TestSupport's `ConformanceSuite`.
extension ConformanceSuite {
    static let files: [(name: String, assertions: Int)] = [
        ("prim", 168), ("construct", 164), ("reference", 50), ("subtypes", 58), ("spacebomb", 17), ("overshoot", 10),
    ]

    static func results(of name: String, in directory: URL? = directory) throws -> [CandidConformance.Result] {
        let directory = try require(directory)
        let text = try String(contentsOf: directory.appendingPathComponent("\(name).test.did"), encoding: .utf8)
        return CandidConformance.run(try CandidTestFile.parse(text))
    }
}

@Suite(.enabled(if: ConformanceSuite.shouldRun, ConformanceSuite.skipNote))
struct ConformanceTests {
    @Test(arguments: ConformanceSuite.files.map(\.name))
    func file(_ name: String) throws {
        let results = try ConformanceSuite.results(of: name)
        let expected = ConformanceSuite.files.first { $0.name == name }?.assertions
        #expect(results.count == expected)
        for result in results where !result.passed {
            Issue.record("\(name).test.did:\(result.line): \(result.description): \(result.reason)")
        }
    }

    @Test func allAssertionsPass() throws {
        var run = 0
        var failed = 0
        for (name, _) in ConformanceSuite.files {
            let results = try ConformanceSuite.results(of: name)
            run += results.count
            failed += results.filter { !$0.passed }.count
        }
        #expect(run == 467)
        #expect(failed == 0)
    }

    @Test func aFailingAssertionIsReported() throws {
        // The runner itself must be able to fail: a wrong expectation gives a failed result.
        let file = try CandidTestFile.parse(
            #"assert blob "DIDL\00\01\7d\2a" == "(43)" : (nat) "wrong value"; assert blob "DIDL\00\01\7d\2a" !: (nat);"#
        )
        let results = CandidConformance.run(file)
        #expect(results.map(\.passed) == [false, false])
        #expect(results.map(\.line) == [1, 1])
        #expect(results[0].description == "wrong value")
        #expect(results[0].reason.contains("expected equal values"))
        #expect(results[1].reason.contains("expected a failure"))
    }
}

/// Under CI a missing conformance suite fails, never skips; locally it is skipped.
@Suite struct ConformanceGateTests {
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
