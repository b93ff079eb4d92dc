// Sources/CanisterRuntime/ReplicaShared.swift - the state every canister host shares: clock, log, timers

import Candid
import Synchronization

/// The replica-wide state the canister hosts use while they execute: the clock, the call log and the timer
/// queue, each behind its own lock. Hosts hold this object, never the registry of hosts.
final class ReplicaShared: Sendable {
    let configuration: ReplicaConfiguration
    let clock: Mutex<UInt64>
    let log = Mutex(CallLog())
    let timers = Mutex(TimerQueue())
    /// The traps a test injects (see `Replica+Faults.swift`).
    let faults = Mutex(FaultState())

    init(configuration: ReplicaConfiguration) {
        self.configuration = configuration
        self.clock = Mutex(configuration.startTime)
    }

    /// The current replica time.
    var now: UInt64 { clock.withLock { $0 } }

    /// Appends a call to the log, if the replica keeps one.
    func record(
        time: UInt64,
        caller: Principal,
        canister: Principal,
        method: String,
        kind: CallKind,
        argument: [UInt8],
        result: CallResult
    ) {
        guard configuration.recordsCalls else { return }
        let keepsBytes = configuration.callLogKeepsBytes
        var replyDigest: ByteDigest?
        if case .success(let reply) = result { replyDigest = ByteDigest(reply) }
        let argumentDigest = ByteDigest(argument)
        log.withLock { log in
            log.records.append(
                CallRecord(
                    sequence: log.nextSequence,
                    time: time,
                    caller: caller,
                    canister: canister,
                    method: method,
                    kind: kind,
                    argument: keepsBytes ? argument : [],
                    result: keepsBytes ? result : result.map { _ in [] },
                    argumentDigest: argumentDigest,
                    replyDigest: replyDigest
                )
            )
            log.nextSequence += 1
        }
    }
}
