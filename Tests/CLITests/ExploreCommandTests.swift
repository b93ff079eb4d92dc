// Tests/CLITests/ExploreCommandTests.swift - `canister-sim explore` and `replay --schedule`

import Testing

@Suite struct ExploreCommandTests {
    static let escrowScript = "Fixtures/explore/escrow-double-withdrawal.repl"

    @Test func exploreFindsTheDoubleWithdrawalAndPrintsAToken() throws {
        let result = try CLIRunner.run(["explore", Self.escrowScript, "--canister", "escrow", "--schedules", "20"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("first failing order: v1 (0 preemptions)"))
        #expect(result.stdout.contains("left:  (90 : nat64)"))
        #expect(result.stdout.contains("reproduce: canister-sim explore \(Self.escrowScript) --canister escrow --schedule v1"))
    }

    @Test func theFixedEscrowPassesEveryOrderUpToTheBound() throws {
        let result = try CLIRunner.run([
            "explore", Self.escrowScript, "--canister", "escrow-fixed", "--exhaustive", "--max-preemptions", "3",
        ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("every order passed"))
    }

    @Test func oneScheduleRunsTheSameTraceTwice() throws {
        let arguments = ["explore", Self.escrowScript, "--canister", "escrow", "--schedule", "v1-1.1-2.1"]
        let first = try CLIRunner.run(arguments)
        let second = try CLIRunner.run(arguments)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.contains("schedule: v1-1.1-2.1\n"))
        #expect(first.stdout.contains("1 passed, 0 failed"))
    }

    @Test func replayTakesAScheduleAndPrintsTheTokenTaken() throws {
        let result = try CLIRunner.run([
            "replay", "Fixtures/scripts/two-lane-four-asset.repl", "--backend", "direct", "--schedule", "v1",
        ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("  direct: schedule v1\n"))
    }

    static let usageErrors: [(arguments: [String], message: String)] = [
        (["explore"], "give exactly one script"),
        (["explore", "a.repl", "--canister", "nope"], "unknown canister 'nope'; known: compat, direct, escrow, escrow-fixed, counter"),
        (["explore", "a.repl", "--shard", "2/2"], "--shard must be K/N"),
        (["explore", "a.repl", "--schedules", "0"], "--schedules must be a whole number in 1...100000"),
        (["explore", "a.repl", "--max-preemptions", "2"], "--max-preemptions needs --exhaustive"),
        (["explore", "a.repl", "--schedule", "v1-0.0"], "index 0 is FIFO"),
        (["replay", "a.repl", "--schedule", "v1", "--schedule-seed", "1"], "not both"),
        (["replay", "a.repl", "--schedule-seed", "-1"], "--schedule-seed must be a whole number"),
    ]

    @Test(arguments: Self.usageErrors)
    func badOptionsAreUsageErrors(arguments: [String], message: String) throws {
        try CLIRunner.run(arguments).expectUsageError(containing: message)
    }
}
