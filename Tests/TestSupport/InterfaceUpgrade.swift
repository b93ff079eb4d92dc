// Tests/TestSupport/InterfaceUpgrade.swift - expecting a .did to be a safe upgrade of another

public import Candid
public import Testing

/// Records one issue per breaking change from `old` to `new` (``DidFile/incompatibilities(upgrading:)``),
/// each naming the method and what changed, so a test shows every break at once. Returns the changes.
@discardableResult
public func expectSafeUpgrade(
    _ new: DidFile, of old: DidFile, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws -> [DidIncompatibility] {
    let problems = try new.incompatibilities(upgrading: old)
    for problem in problems {
        let prefix = comment.map { "\($0.rawValue): " } ?? ""
        Issue.record(
            Comment(rawValue: prefix + "not a safe upgrade: " + problem.message), sourceLocation: sourceLocation)
    }
    return problems
}
