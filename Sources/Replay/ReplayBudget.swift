// Sources/Replay/ReplayBudget.swift - the run budget: how much work and memory one script may use

/// What one run of a script may spend. A run that would go over any part stops with a `limit` error
/// that names the part (``ReplayError/budget``); nothing past that point runs.
///
/// The defaults keep any script under about 10 s and 1 GiB in a release build, and are generous for
/// real scripts (an upload of 16,384 chunks spends well under a tenth of each).
public struct ReplayBudget: Sendable, Hashable {
    /// A part of the budget, as errors name it.
    public enum Resource: String, Sendable, Hashable, CustomStringConvertible {
        /// ``ReplayBudget/steps``.
        case steps
        /// ``ReplayBudget/valueBytes``.
        case valueBytes = "value bytes"
        /// ``ReplayBudget/calls``.
        case calls
        /// ``ReplayBudget/valueDepth``.
        case valueDepth = "value depth"

        public var description: String { rawValue }
    }

    /// Units of work. One step each: a statement, a loop iteration, a script function call, a builtin,
    /// a canister call, and every element `.map`, `.filter`, `.fold`, `concat`, `encode`, `stringify`,
    /// `==`, a value binding or a typed argument visits (a blob or text counts one step per
    /// ``bytesPerStep`` bytes). Default 10,000,000.
    public var steps: Int
    /// Bytes the script's values may hold: every bound variable (function parameters and locals
    /// included, until the function returns) plus the value being built. A value's size is estimated
    /// as it is laid out in memory (an element or field is ``bytesPerElement`` bytes, a blob or text its
    /// bytes), shared parts counted each time they are reachable. What `concat`, `sim.blob`, `file`,
    /// `.map`, `.filter`, `encode` and `stringify` build is charged before it is allocated.
    /// Default 256 MiB.
    public var valueBytes: Int
    /// Canister calls (each call of a `par_call` counts). Default 100,000.
    public var calls: Int
    /// Deepest nesting of a value built at run time (`opt`, `vec`, `record`, `variant` literals and
    /// `.map` results), as the parser's 200 and Candid's 256 bound what they build. Default 256.
    public var valueDepth: Int

    /// A step for this many bytes of a blob or text that an operation copies or visits.
    public static let bytesPerStep = 64
    /// The estimated size of one vec element, record field or boxed scalar.
    public static let bytesPerElement = 32

    /// The defaults above.
    public init(
        steps: Int = 10_000_000,
        valueBytes: Int = 256 << 20,
        calls: Int = 100_000,
        valueDepth: Int = 256
    ) {
        self.steps = steps
        self.valueBytes = valueBytes
        self.calls = calls
        self.valueDepth = valueDepth
    }

    /// The limit of one part.
    public subscript(resource: Resource) -> Int {
        switch resource {
        case .steps: steps
        case .valueBytes: valueBytes
        case .calls: calls
        case .valueDepth: valueDepth
        }
    }
}
