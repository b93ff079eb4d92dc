// Tests/ReplayTests/FixtureTests.swift - every fixture script passes on both backends with identical replies

import Foundation
import Replay
import Testing
import UploadCanister

@Suite struct FixtureTests {
    @Test func theFixturesAreThere() {
        let names = UploadCanisterRuns.fixtureNames
        #expect(names.contains("two-lane-four-asset.repl"))
        #expect(names.count >= 17, "\(names)")
    }

    @Test(arguments: UploadCanisterRuns.fixtureNames)
    func fixturePassesOnBothBackendsWithIdenticalReplies(_ name: String) async throws {
        let compat = try await UploadCanisterRuns.runFixture(name, backend: .compat)
        let direct = try await UploadCanisterRuns.runFixture(name, backend: .direct)
        for run in [compat, direct] {
            #expect(run.result.succeeded, "\(name) on \(run.backend): \(describe(run.result))")
            #expect(run.result.passed > 0, "\(name) asserts nothing")
            #expect(run.result.calls > 0, "\(name) calls nothing")
        }
        let difference = ReplayDiffer.firstDifference(compat.trace, direct.trace, labels: ("compat", "direct"))
        #expect(difference == nil, "\(name): \(difference?.description ?? "")")
        #expect(compat.result.passed == direct.result.passed)
        #expect(compat.trace.entries.count == direct.trace.entries.count)
    }
}
