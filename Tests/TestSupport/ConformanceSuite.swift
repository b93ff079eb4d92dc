// Tests/TestSupport/ConformanceSuite.swift - where the official Candid conformance suite is, for every test target

public import Foundation
public import Testing

/// Where the suite's `*.test.did` files are: `$CANDID_TESTSUITE`, else `../shared/candid-testsuite`
/// next to the package root. Missing locally, the tests are skipped; with `CI` set they fail.
public enum ConformanceSuite {
    /// The package root.
    public static var packageRoot: URL { PackageFiles.root }

    /// The first candidate directory holding `prim.test.did`: `CANDID_TESTSUITE`, then
    /// `../shared/candid-testsuite` beside `root`. `exists` answers for a file path.
    public static func locate(environment: [String: String], root: URL, exists: (String) -> Bool) -> URL? {
        let candidates = [
            environment["CANDID_TESTSUITE"].map { URL(fileURLWithPath: $0) },
            root.deletingLastPathComponent().appendingPathComponent("shared/candid-testsuite"),
        ]
        return candidates.compactMap { $0 }.first { exists($0.appendingPathComponent("prim.test.did").path) }
    }

    /// Whether the suite's tests run: when it is there, and always under CI, where a missing suite
    /// must be a failure and never a skip.
    public static func shouldRun(directory: URL?, environment: [String: String]) -> Bool {
        directory != nil || environment["CI"] != nil
    }

    public static let directory: URL? = locate(
        environment: ProcessInfo.processInfo.environment, root: packageRoot,
        exists: { FileManager.default.fileExists(atPath: $0) })

    public static let shouldRun = shouldRun(directory: directory, environment: ProcessInfo.processInfo.environment)

    /// The pinned commit of dfinity/candid whose `test/` folder the expected counts are from.
    public static let pinnedCommit = "d24fb18fadaabbe56b3abd0bb597e49117ca4bfa"

    /// What the skip note and the `Missing` failure say: where to get the suite.
    static let missingText = "official Candid suite not found: set CANDID_TESTSUITE to the test/ folder of "
        + "https://github.com/dfinity/candid at commit \(pinnedCommit)"

    /// Why the suite's tests are skipped when it is missing and `CI` is not set.
    public static let skipNote = Comment(rawValue: missingText)

    /// Thrown (so the test fails) when the suite is needed but missing.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String { ConformanceSuite.missingText }
    }

    /// The directory, or a thrown `Missing` error, which fails the test that needed it.
    public static func require(_ directory: URL?) throws -> URL {
        guard let directory else { throw Missing() }
        return directory
    }
}
