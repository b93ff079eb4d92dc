// Tests/CandidTests/ConformanceTests.swift - the official Candid conformance suite, all 467 assertions

import Candid
import Foundation
import Testing

/// Where the suite's `*.test.did` files are: `$CANDID_TESTSUITE`, else `../shared/candid-testsuite`
/// next to the package root. Missing locally, the tests are skipped; with `CI` set they fail.
enum ConformanceSuite {
    /// The package root, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The first candidate directory holding `prim.test.did`: `CANDID_TESTSUITE`, then
    /// `../shared/candid-testsuite` beside `root`. `exists` answers for a file path.
    static func locate(environment: [String: String], root: URL, exists: (String) -> Bool) -> URL? {
        let candidates = [
            environment["CANDID_TESTSUITE"].map { URL(fileURLWithPath: $0) },
            root.deletingLastPathComponent().appendingPathComponent("shared/candid-testsuite"),
        ]
        return candidates.compactMap { $0 }.first { exists($0.appendingPathComponent("prim.test.did").path) }
    }

    /// Whether the suite's tests run: when it is there, and always under CI, where a missing suite
    /// must be a failure and never a skip.
    static func shouldRun(directory: URL?, environment: [String: String]) -> Bool {
        directory != nil || environment["CI"] != nil
    }

    static let directory: URL? = locate(
        environment: ProcessInfo.processInfo.environment, root: packageRoot,
        exists: { FileManager.default.fileExists(atPath: $0) })

    static let shouldRun = shouldRun(directory: directory, environment: ProcessInfo.processInfo.environment)

    /// Why the suite's tests are skipped when it is missing and `CI` is not set.
    static let skipNote = Comment(rawValue: missingText)

    /// The pinned commit of dfinity/candid whose `test/` folder the expected counts below are from.
    static let pinnedCommit = "d24fb18fadaabbe56b3abd0bb597e49117ca4bfa"

    /// What the skip note and the `Missing` failure say: where to get the suite.
    static let missingText = "official Candid suite not found: set CANDID_TESTSUITE to the test/ folder of "
        + "https://github.com/dfinity/candid at commit \(pinnedCommit)"

    static let files: [(name: String, assertions: Int)] = [
        ("prim", 168), ("construct", 164), ("reference", 50), ("subtypes", 58), ("spacebomb", 17), ("overshoot", 10),
    ]

    /// Thrown (so the test fails) when the suite is needed but missing.
    struct Missing: Error, CustomStringConvertible {
        var description: String { missingText }
    }

    /// The directory, or a thrown `Missing` error, which fails the test that needed it.
    static func require(_ directory: URL?) throws -> URL {
        guard let directory else { throw Missing() }
        return directory
    }

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
