// Tests/CLITests/ReplayBudgetOptionTests.swift - `canister-sim replay --budget`: the run budget from the command line

import Replay
import Testing
import UploadCanister

@testable import CanisterSimCLI
@testable import canister_sim

@Suite struct ReplayBudgetOptionTests {
    @Test func budgetPartsParseAndBadOnesAreUsageErrors() throws {
        #expect(try ReplayCommand.parse(["a.repl"], tool: canisterSim).budget == ReplayBudget())
        let settings = try ReplayCommand.parse(["a.repl", "--budget", "steps=5,bytes=1024,calls=3,depth=9"], tool: canisterSim)
        #expect(settings.budget == ReplayBudget(steps: 5, valueBytes: 1024, calls: 3, valueDepth: 9))
        #expect(try ReplayCommand.parse(["a.repl", "--budget", "calls=7"], tool: canisterSim).budget.calls == 7)
        for bad in ["steps", "steps=0", "steps=-1", "steps=x", "time=5", "steps=1,,calls=2"] {
            #expect(throws: UsageError.self) { try ReplayCommand.parse(["a.repl", "--budget", bad], tool: canisterSim) }
        }
    }

    @Test func aScriptStopsAtTheBudgetGiven() async throws {
        let script = try ReplayParser.parse("let i = 0; while true { let i = add(i, 1); };", file: "loop.repl")
        let run = try await ReplayCommand.runOnce(
            script, canister: uploadCanister(.direct), argument: uploadCanister(.direct).installArgument,
            budget: ReplayBudget(steps: 500), observers: []
        ).get()
        #expect(run.result.error?.budget == .steps)
        #expect(run.result.error?.message.hasSuffix("the steps limit of 500 steps") == true)
    }
}
