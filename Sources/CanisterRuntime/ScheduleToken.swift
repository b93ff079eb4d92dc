// Sources/CanisterRuntime/ScheduleToken.swift - the order a scheduler took, as a short text token

/// The order a ``Scheduler`` took, as the choices where it did not take the oldest enabled message.
///
/// A *decision* is a step where more than one pending message could run (the IC allows all of them); the
/// enabled messages are numbered oldest first, so choice 0 is FIFO. The token lists only the other choices,
/// one per preemption: `v1` is the FIFO order, `v1-3.1-7.2` took the second enabled message at decision 3
/// and the third at decision 7. Replaying a token (``SchedulePolicy/replay(_:)``) reproduces the run.
public struct ScheduleToken: Hashable, Sendable, CustomStringConvertible {
    /// One non-FIFO choice.
    public struct Choice: Hashable, Sendable {
        /// The decision, from 0.
        public var decision: Int
        /// The enabled message taken, oldest first, from 1 (0 is FIFO and never listed).
        public var index: Int

        /// A choice.
        public init(decision: Int, index: Int) {
            self.decision = decision
            self.index = index
        }
    }

    /// The most choices a token may list when parsed.
    public static let maximumChoices = 100_000

    /// The non-FIFO choices, by increasing decision.
    public private(set) var choices: [Choice]

    /// The FIFO order.
    public static let fifo = ScheduleToken(uncheckedChoices: [])

    /// A token of these choices: sorted by decision, index-0 choices dropped, the last of a repeated decision
    /// kept.
    public init(choices: [Choice]) {
        var byDecision: [Int: Int] = [:]
        for choice in choices where choice.decision >= 0 { byDecision[choice.decision] = choice.index }
        self.choices = byDecision.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            .map { Choice(decision: $0.key, index: $0.value) }
    }

    init(uncheckedChoices: [Choice]) {
        self.choices = uncheckedChoices
    }

    /// Parses `v1`, `v1-3.1-7.2`, ...
    ///
    /// - Throws: ``ScheduleTokenError`` naming what is wrong: not `v1`, a malformed choice, decisions not
    ///   increasing, an index 0, or more than ``maximumChoices`` choices.
    public init(parsing text: String) throws(ScheduleTokenError) {
        var parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.first == "v1" else {
            throw ScheduleTokenError(token: text, reason: "a schedule token starts with 'v1'")
        }
        parts.removeFirst()
        guard parts.count <= Self.maximumChoices else {
            throw ScheduleTokenError(token: text, reason: "more than \(Self.maximumChoices) choices")
        }
        var choices: [Choice] = []
        for part in parts {
            let numbers = part.split(separator: ".", omittingEmptySubsequences: false)
            guard numbers.count == 2, let decision = Int(numbers[0]), let index = Int(numbers[1]),
                decision >= 0, index >= 0
            else {
                throw ScheduleTokenError(token: text, reason: "'\(part)' is not DECISION.INDEX")
            }
            guard index > 0 else {
                throw ScheduleTokenError(token: text, reason: "'\(part)': index 0 is FIFO and is never listed")
            }
            if let last = choices.last, last.decision >= decision {
                throw ScheduleTokenError(token: text, reason: "decision \(decision) does not follow \(last.decision)")
            }
            choices.append(Choice(decision: decision, index: index))
        }
        self.choices = choices
    }

    /// The number of non-FIFO choices.
    public var preemptions: Int { choices.count }

    /// The choice at `decision` (0 when the token lists none).
    func index(at decision: Int) -> Int {
        var low = 0
        var high = choices.count
        while low < high {
            let middle = (low + high) / 2
            if choices[middle].decision < decision { low = middle + 1 } else { high = middle }
        }
        return low < choices.count && choices[low].decision == decision ? choices[low].index : 0
    }

    public var description: String {
        "v1" + choices.map { "-\($0.decision).\($0.index)" }.joined()
    }
}

/// A schedule token that does not parse.
public struct ScheduleTokenError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text given.
    public let token: String
    /// What is wrong with it.
    public let reason: String

    public var description: String { "invalid schedule token '\(token)': \(reason)" }
}

/// How a ``Scheduler`` picks the next message among those the IC allows to run.
public enum SchedulePolicy: Hashable, Sendable {
    /// The oldest enabled message first.
    case fifo
    /// A choice among the enabled messages drawn from a generator seeded with this number.
    case seeded(UInt64)
    /// The choices of a token; FIFO where it lists none, and the last enabled message where its index is
    /// past the end.
    case replay(ScheduleToken)
}

/// SplitMix64: the scheduler's seeded generator (a fixed, public algorithm, so a seed means one order on
/// every platform).
struct ScheduleRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0).
    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
