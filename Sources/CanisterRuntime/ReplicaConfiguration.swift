// Sources/CanisterRuntime/ReplicaConfiguration.swift - limits, start time and options of a replica

import Candid

/// The settings of a ``Replica``. The defaults are the IC's limits.
public struct ReplicaConfiguration: Hashable, Sendable {
    /// 2026-01-01T00:00:00Z in nanoseconds since the Unix epoch.
    public static let defaultStartTime: UInt64 = 1_767_225_600_000_000_000

    /// The replica time at creation, in nanoseconds since the Unix epoch.
    public var startTime: UInt64 = Self.defaultStartTime
    /// The largest argument an ingress call may carry (2 MiB). Larger ones are refused before execution.
    public var maximumIngressPayloadBytes: Int = 2 * 1024 * 1024
    /// The largest reply of an update call (2 MiB); a larger one traps (IC0504) and rolls back.
    public var maximumUpdateReplyBytes: Int = 2 * 1024 * 1024
    /// The largest reply of a query call (3 MiB).
    public var maximumQueryReplyBytes: Int = 3 * 1024 * 1024
    /// The most 64 KiB pages a canister's stable memory may grow to (default 1,048,576 pages, 64 GiB).
    /// Pages never written take no memory.
    public var maximumStableMemoryPages: UInt64 = 1 << 20
    /// The index of the first canister id: index `i` is the principal of the 8 big-endian bytes of `i`
    /// followed by `01 01`, so index 1 (the default) is `rrkah-fqaaa-aaaaa-aaaaq-cai`.
    public var firstCanisterIndex: UInt64 = 1
    /// Whether the replica keeps a log of every call (see ``Replica/callLog``). Turn off for long benchmarks.
    public var recordsCalls: Bool = true
    /// Whether the call log keeps each call's argument and reply bytes; without them it keeps their sizes
    /// and digests (``CallRecord/argumentDigest``), so long runs of large calls stay small. On by default
    /// (tests read the bytes); the `replay` command turns it off.
    public var callLogKeepsBytes: Bool = true
    /// Whether every update, timer and install message moves the clock forward by 1 ns before it runs, as
    /// PocketIC does (so two messages never see the same time). Off by default: the clock moves only when
    /// told to. Queries never move it. See `Documentation/Management.md`.
    public var advancesTimePerMessage: Bool = false

    /// The defaults: the IC's limits, 2026-01-01 as start time, call log on.
    public init() {}
}

/// A time change the replica refused; the clock is unchanged.
public struct TimeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of refused time change.
    public enum Code: Hashable, Sendable {
        /// The new time is before the current time.
        case backwards
        /// The new time does not fit in 64 bits of nanoseconds.
        case overflow
        /// A negative duration was given to `advance`.
        case negativeDuration
    }

    /// What was wrong.
    public let code: Code
    /// The current time, in nanoseconds.
    public let current: UInt64
    /// A readable explanation.
    public let message: String

    public var description: String { message }
}

/// The principal of canister number `index`: its 8 big-endian bytes followed by `01 01`.
func canisterPrincipal(index: UInt64) -> Principal {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(10)
    for shift in stride(from: 56, through: 0, by: -8) {
        bytes.append(UInt8(truncatingIfNeeded: index >> UInt64(shift)))
    }
    bytes += [0x01, 0x01]
    return Principal(unchecked: bytes)
}
