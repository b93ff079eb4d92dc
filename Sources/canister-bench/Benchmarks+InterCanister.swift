// Sources/canister-bench/Benchmarks+InterCanister.swift - the scheduler's cost per message and per awaited call

import Candid
import CanisterRuntime

/// A canister whose `relay` awaits `inc` on another canister: one inter-canister call, three messages.
struct BenchRelay: Canister {
    init(install _: NoArguments, context: inout CallContext) throws {}

    static let methods: [Method<BenchRelay>] = [
        .asyncUpdate("relay") { (context: AsyncContext<BenchRelay>, target: Principal) async throws -> UInt64 in
            try await context.call(target, "inc", returning: UInt64.self)
        }
    ]
}

extension Benchmark {
    /// Calls per sample of the scheduler benchmarks.
    static let scheduledCallsPerSample = 5_000

    /// `inc` updates submitted to a FIFO scheduler and awaited one by one: a synchronous method as one message.
    static var schedulerUpdateCounter: Benchmark {
        .measured(
            "scheduler-update-counter",
            measures: "`inc` update on a small canister submitted to a FIFO Scheduler and awaited, reply checked, "
                + "5,000 per sample",
            unit: .operations("call"),
            references: ["replica-update-counter"],
            target: callTarget
        ) {
            let (replica, canister) = try blockingAwait {
                try await installBenchCanister(BenchCanister.self, entries: 16)
            }
            let scheduler = Scheduler(replica: replica)
            let argument = try Candid.encodeArguments()
            let calls = scheduledCallsPerSample
            return {
                try blockingAwait {
                    for _ in 0 ..< calls {
                        let id = try await scheduler.submit(canister, method: "inc", argument: argument)
                        guard case .success = try await scheduler.result(of: id) else { throw BenchError("inc failed") }
                    }
                }
                return calls
            }
        }
    }

    /// An async method that awaits one inter-canister call: the request, the callee's message and the reply
    /// that resumes the handler, two commits.
    static var interCanisterCall: Benchmark {
        .measured(
            "inter-canister-call",
            measures: "`relay` (an async method awaiting `inc` on another canister: 3 messages, 2 segments) "
                + "through a FIFO Scheduler, reply checked, 5,000 per sample",
            unit: .operations("call"),
            references: ["scheduler-update-counter"],
            target: .atMost(
                microseconds: 100,
                note: "an awaited inter-canister call costs at most 100 µs, so explorers run thousands of orders "
                    + "of a scenario per second"
            )
        ) {
            let (replica, counter) = try blockingAwait {
                try await installBenchCanister(BenchCanister.self, entries: 16)
            }
            let relay = try blockingAwait { try await replica.install(BenchRelay.self) }
            let scheduler = Scheduler(replica: replica)
            let argument = try Candid.encodeArguments(counter)
            let calls = scheduledCallsPerSample
            return {
                try blockingAwait {
                    for _ in 0 ..< calls {
                        let id = try await scheduler.submit(relay, method: "relay", argument: argument)
                        guard case .success = try await scheduler.result(of: id) else {
                            throw BenchError("relay failed")
                        }
                    }
                }
                return calls
            }
        }
    }
}
