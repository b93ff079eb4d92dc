// Tests/TestSupport/PackageFiles.swift - the files of this repository that tests read

public import Foundation

/// Paths inside the package, found from this file's place (`Tests/TestSupport/PackageFiles.swift`), so a
/// test reads the repository's own files wherever the checkout is.
public enum PackageFiles {
    /// The package root.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `CANDID.md` at the package root.
    public static var candidMarkdown: URL { root.appendingPathComponent("CANDID.md") }

    /// futura's upload interface, `Fixtures/interfaces/futura-upload-subset.did`: what the domain types
    /// are compared against.
    public static var futuraSubset: URL { root.appendingPathComponent("Fixtures/interfaces/futura-upload-subset.did") }
}
