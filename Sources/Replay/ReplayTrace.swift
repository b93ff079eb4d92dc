// Sources/Replay/ReplayTrace.swift - what a run did, kept for comparing runs and summarizing them

import Candid
import CanisterRuntime

/// Observes a run and keeps its calls and upgrades in order, passing every event on to other observers.
///
/// Two runs of one script against two implementations are compared with ``ReplayDiffer``.
public final class ReplayTrace: ReplayObserver {
    /// One effect of the run on the replica, in the order it happened.
    public enum Entry: Sendable {
        case call(ReplayCallRecord)
        case upgrade(ReplayUpgradeRecord)
    }

    /// Calls and upgrades in order.
    public private(set) var entries: [Entry] = []
    /// Observers that also receive every event (a recorder, a summary).
    public let forwardingTo: [any ReplayObserver]
    /// Whether kept calls hold their argument values, argument bytes and reply bytes. Without them a call
    /// keeps its reply value and the digests of both messages, which is what ``ReplayDiffer`` compares;
    /// observers still receive every event whole.
    public let keepsBytes: Bool

    /// A trace that also passes events to `observers`, in order.
    public init(forwardingTo observers: [any ReplayObserver] = [], keepsBytes: Bool = false) {
        self.forwardingTo = observers
        self.keepsBytes = keepsBytes
    }

    /// The calls, in the order they completed.
    public var calls: [ReplayCallRecord] {
        entries.compactMap { entry in
            if case .call(let call) = entry { return call }
            return nil
        }
    }

    /// Keeps calls and upgrades, and forwards the event.
    public func observe(_ event: ReplayEvent) {
        switch event {
        case .call(var call):
            if !keepsBytes {
                call.arguments = []
                call.argumentBytes = []
                switch call.outcome {
                case .reply(let value, _): call.outcome = .reply(value, bytes: [])
                case .undecodable(_, let message): call.outcome = .undecodable(bytes: [], message: message)
                case .reject: break
                }
            }
            entries.append(.call(call))
        case .upgrade(let upgrade): entries.append(.upgrade(upgrade))
        default: break
        }
        for observer in forwardingTo { observer.observe(event) }
    }
}

extension ReplayCallOutcome {
    /// The outcome on one line: the reply as typed Candid text (blobs over 256 bytes abbreviated), or the
    /// reject text.
    public var summary: String {
        switch self {
        case .reply(let value, _): return value.text(.message)
        case .reject(let reject): return reject.scriptText
        case .undecodable(let bytes, let message): return "undecodable reply of \(bytes.count) bytes (\(message))"
        }
    }

    /// Whether two outcomes are the same: equal reply bytes, or equal rejects.
    public func isSame(as other: ReplayCallOutcome) -> Bool {
        switch (self, other) {
        case let (.reply(_, a), .reply(_, b)), let (.undecodable(a, _), .undecodable(b, _)): return a == b
        case let (.reject(a), .reject(b)): return a == b
        default: return false
        }
    }
}

/// The first place where two runs of one script did not do the same thing.
public struct ReplayDifference: Sendable, CustomStringConvertible {
    /// Where in the script (the call or upgrade of the first run, or of the second if the first had none).
    public var position: SourcePosition
    /// The method called, or `sim.upgrade`.
    public var operation: String
    /// The names of the two runs (e.g. `compat`, `direct`).
    public var labels: (String, String)
    /// What each run got there, on one line each.
    public var outcomes: (String, String)
    /// When the call or upgrade is inside a script function or a `load`ed file: how the script got there,
    /// innermost first (the last frame names a line of the script that was run).
    public var callers: [ReplayFrame] = []

    /// `file:line:column: uploads_finish differs: compat: ...; direct: ...`, then the callers in
    /// parentheses if there are any.
    public var description: String {
        "\(position): \(operation) differs: \(labels.0): \(outcomes.0); \(labels.1): \(outcomes.1)"
            + ReplayFrame.suffix(callers)
    }
}

/// Compares runs of one script against two replicas, entry by entry.
public enum ReplayDiffer {
    /// The first call or upgrade where the two traces differ: another call or method, other argument
    /// bytes, another reply (compared by bytes) or reject, another upgrade outcome, or one run stopping
    /// earlier. `nil` when they did the same thing throughout.
    public static func firstDifference(
        _ first: ReplayTrace,
        _ second: ReplayTrace,
        labels: (String, String)
    ) -> ReplayDifference? {
        let count = max(first.entries.count, second.entries.count)
        for index in 0..<count {
            let a = index < first.entries.count ? first.entries[index] : nil
            let b = index < second.entries.count ? second.entries[index] : nil
            if let difference = compare(a, b, labels: labels) { return difference }
        }
        return nil
    }

    private static func compare(_ a: ReplayTrace.Entry?, _ b: ReplayTrace.Entry?, labels: (String, String))
        -> ReplayDifference?
    {
        switch (a, b) {
        case let (.call(x)?, .call(y)?):
            if x.method == y.method, x.canister == y.canister, x.caller == y.caller,
                x.argumentDigest == y.argumentDigest
            {
                if sameOutcome(x, y) { return nil }
                return ReplayDifference(position: x.position, operation: x.method, labels: labels,
                                        outcomes: (x.outcome.summary, y.outcome.summary), callers: x.callers)
            }
            return ReplayDifference(position: x.position, operation: x.method, labels: labels,
                                    outcomes: (describe(a), describe(b)), callers: x.callers)
        case let (.upgrade(x)?, .upgrade(y)?):
            if x.canister == y.canister, x.argumentBytes == y.argumentBytes, x.failure == y.failure { return nil }
            return ReplayDifference(position: x.position, operation: "sim.upgrade", labels: labels,
                                    outcomes: (describe(a), describe(b)), callers: x.callers)
        case (nil, nil):
            return nil
        default:
            let position = (a ?? b).map(position(of:)) ?? SourcePosition(file: "", line: 0, column: 0)
            let operation = (a ?? b).map(operation(of:)) ?? ""
            return ReplayDifference(position: position, operation: operation, labels: labels,
                                    outcomes: (describe(a), describe(b)), callers: (a ?? b).map(callers(of:)) ?? [])
        }
    }

    /// Equal reply digests (both replies, or both undecodable), or equal rejects.
    private static func sameOutcome(_ x: ReplayCallRecord, _ y: ReplayCallRecord) -> Bool {
        switch (x.outcome, y.outcome) {
        case (.reply, .reply), (.undecodable, .undecodable): return x.replyDigest == y.replyDigest
        case let (.reject(a), .reject(b)): return a == b
        default: return false
        }
    }

    private static func position(of entry: ReplayTrace.Entry) -> SourcePosition {
        switch entry {
        case .call(let call): return call.position
        case .upgrade(let upgrade): return upgrade.position
        }
    }

    private static func callers(of entry: ReplayTrace.Entry) -> [ReplayFrame] {
        switch entry {
        case .call(let call): return call.callers
        case .upgrade(let upgrade): return upgrade.callers
        }
    }

    private static func operation(of entry: ReplayTrace.Entry) -> String {
        switch entry {
        case .call(let call): return call.method
        case .upgrade: return "sim.upgrade"
        }
    }

    /// One entry on one line, naming what it was, where and what came back.
    private static func describe(_ entry: ReplayTrace.Entry?) -> String {
        switch entry {
        case nil:
            return "no further call (the run stopped)"
        case .call(let call)?:
            return "\(call.position) \(call.method) as \(call.callerName) -> \(call.outcome.summary)"
        case .upgrade(let upgrade)?:
            return "\(upgrade.position) sim.upgrade -> " + (upgrade.failure.map { "failed: \($0)" } ?? "ok")
        }
    }
}
