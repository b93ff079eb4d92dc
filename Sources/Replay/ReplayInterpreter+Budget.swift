// Sources/Replay/ReplayInterpreter+Budget.swift - spending the run budget: steps, value bytes, nesting

import Candid

/// The size and nesting of a value, as the budget sees them.
struct ValueMeasure {
    /// Estimated bytes (see ``ReplayBudget/valueBytes``).
    var bytes: Int
    /// Container levels: 0 for a scalar, blob or text; `vec {}` is 1, `vec { opt 1 }` is 2.
    var depth: Int
}

extension Interpreter {
    /// The `limit` error of one part of the budget.
    func overBudget(_ resource: ReplayBudget.Resource, _ what: String, at position: SourcePosition) -> ReplayError {
        let limit = options.budget[resource]
        let unit = resource == .valueDepth ? "levels" : resource.description
        return ReplayError(.limit, at: position, "run budget: \(what) would go over the \(resource) limit of "
            + "\(limit) \(unit)", budget: resource)
    }

    /// Spends `count` steps.
    func spend(_ count: Int, _ what: @autoclosure () -> String = "the script", at position: SourcePosition)
        throws(ReplayError)
    {
        let (total, overflow) = steps.addingReportingOverflow(count)
        guard !overflow, total <= options.budget.steps else {
            steps = options.budget.steps + 1
            throw overBudget(.steps, what(), at: position)
        }
        steps = total
    }

    /// Spends the steps of visiting or copying `count` bytes.
    func spend(bytes count: Int, _ what: @autoclosure () -> String, at position: SourcePosition) throws(ReplayError) {
        try spend(1 + count / ReplayBudget.bytesPerStep, what(), at: position)
    }

    /// Checks that `count` more bytes fit beside the values the script holds, before they are allocated.
    func reserve(bytes count: Int, _ what: @autoclosure () -> String, at position: SourcePosition)
        throws(ReplayError)
    {
        let (total, overflow) = scope.bytes.addingReportingOverflow(count)
        guard !overflow, total <= options.budget.valueBytes else {
            throw overBudget(.valueBytes, what(), at: position)
        }
    }

    /// A canister call.
    func spendCall(at position: SourcePosition, pending: Int = 0) throws(ReplayError) {
        guard calls + pending < options.budget.calls else { throw overBudget(.calls, "another call", at: position) }
        try spend(1, "another call", at: position)
    }

    /// Walks `value` without recursion, a step per element, and returns its size and nesting.
    /// - Parameters:
    ///   - room: The bytes the value may take (the rest of the value budget when `nil`).
    ///   - maximumDepth: The deepest it may be (the value budget's nesting when `nil`).
    func measure(
        _ value: ReplayValue,
        _ what: @autoclosure () -> String,
        room: Int? = nil,
        maximumDepth: Int? = nil,
        at position: SourcePosition
    ) throws(ReplayError) -> ValueMeasure {
        let room = room ?? (options.budget.valueBytes - scope.bytes)
        let maximumDepth = maximumDepth ?? options.budget.valueDepth
        switch value {
        case .opt, .vec, .record, .variant: break
        default:
            // A scalar, blob or text: one element, no walk.
            let bytes = ReplayBudget.bytesPerElement + Self.leafBytes(value)
            try spend(1, what(), at: position)
            guard bytes <= room else { throw overBudget(.valueBytes, what(), at: position) }
            return ValueMeasure(bytes: bytes, depth: 0)
        }
        let stepsLeft = options.budget.steps - steps
        var stack: [(value: ReplayValue, depth: Int)] = [(value, 0)]
        var result = ValueMeasure(bytes: 0, depth: 0)
        var visited = 0
        while let (current, depth) = stack.popLast() {
            visited += 1
            var bytes = ReplayBudget.bytesPerElement
            var level = depth
            switch current {
            case .opt(let inner?):
                level += 1
                stack.append((inner, level))
            case .opt(nil): level += 1
            case .vec(let items):
                level += 1
                for item in items { stack.append((item, level)) }
            case .record(let fields):
                level += 1
                bytes += fields.count * ReplayBudget.bytesPerElement
                for field in fields { stack.append((field.value, level)) }
            case .variant(_, let payload):
                level += 1
                stack.append((payload, level))
            default: bytes += Self.leafBytes(current)
            }
            result.bytes += bytes
            result.depth = max(result.depth, level)
            guard visited <= stepsLeft else {
                steps = options.budget.steps + 1
                throw overBudget(.steps, what(), at: position)
            }
            guard result.bytes <= room else { throw overBudget(.valueBytes, what(), at: position) }
            guard level <= maximumDepth else { throw overBudget(.valueDepth, what(), at: position) }
        }
        steps += visited
        return result
    }

    /// The bytes a scalar, blob or text holds beyond its element.
    static func leafBytes(_ value: ReplayValue) -> Int {
        switch value {
        case .blob(let data, _): data.count
        case .text(let text): text.utf8.count
        case .number(let digits): digits.utf8.count
        case .nat(let n), .int(let n): n.bitWidth / 8
        default: 0
        }
    }

    /// Checks that a container built from `children` (a `vec`, `opt`, `record` or `variant`) stays within
    /// the nesting budget.
    func checkNesting(_ children: some Sequence<ReplayValue>, at position: SourcePosition) throws(ReplayError) {
        for child in children {
            switch child {
            case .opt, .vec, .record, .variant:
                _ = try measure(child, "nesting a value", room: .max,
                                maximumDepth: options.budget.valueDepth - 1, at: position)
            default: continue
            }
        }
    }

    /// Binds a variable in the innermost scope, charging its size.
    func bind(_ name: String, _ value: ReplayValue, at position: SourcePosition) throws(ReplayError) {
        let replaced = scope.boundBytes(name)
        let size = try measure(value, "binding \(name)", room: options.budget.valueBytes - scope.bytes + replaced,
                               maximumDepth: .max, at: position)
        scope.bind(name, value, bytes: size.bytes)
    }

    /// Whether an error is the budget running out (so `fail`, `exist` and `.filter` do not swallow it).
    static func isBudget(_ error: ReplayError) -> Bool { error.budget != nil }

    /// The character boundaries of `text`, for O(1) `size()` and `[i]`: the last text sized or indexed is
    /// kept, so a loop over one text is linear; another text costs a step per 64 bytes to index.
    func characterBoundaries(of text: String, at position: SourcePosition) throws(ReplayError) -> [String.Index] {
        if let cached = textBoundaries, cached.text == text { return cached.boundaries }
        try spend(bytes: text.utf8.count, "indexing a text", at: position)
        try reserve(bytes: text.utf8.count * MemoryLayout<String.Index>.stride, "indexing a text", at: position)
        var boundaries: [String.Index] = []
        var index = text.startIndex
        while index < text.endIndex {
            boundaries.append(index)
            index = text.index(after: index)
        }
        boundaries.append(text.endIndex)
        textBoundaries = (text, boundaries)
        return boundaries
    }
}

/// Variables and functions visible to the running statement: the script's own, then one frame for each
/// script function call running, innermost last. A call binds its parameters and locals in its frame,
/// which ends with it, so it sees the caller's variables as a copy of the scope would, without a copy.
struct Scope {
    struct Binding {
        var value: ReplayValue
        var bytes: Int
    }

    struct Frame {
        var variables: [String: Binding] = [:]
        var functions: [String: FunctionDefinition] = [:]
        var bytes = 0
    }

    private(set) var frames: [Frame] = [Frame()]
    /// The estimated bytes of every bound value.
    private(set) var bytes = 0

    func variable(_ name: String) -> ReplayValue? {
        for frame in frames.reversed() {
            if let binding = frame.variables[name] { return binding.value }
        }
        return nil
    }

    func function(_ name: String) -> FunctionDefinition? {
        for frame in frames.reversed() {
            if let function = frame.functions[name] { return function }
        }
        return nil
    }

    /// The bytes of `name` in the innermost frame (what rebinding it frees).
    func boundBytes(_ name: String) -> Int { frames[frames.count - 1].variables[name]?.bytes ?? 0 }

    mutating func bind(_ name: String, _ value: ReplayValue, bytes: Int) {
        let last = frames.count - 1
        let old = frames[last].variables.updateValue(Binding(value: value, bytes: bytes), forKey: name)
        let change = bytes - (old?.bytes ?? 0)
        frames[last].bytes += change
        self.bytes += change
    }

    mutating func define(_ name: String, _ function: FunctionDefinition) {
        frames[frames.count - 1].functions[name] = function
    }

    mutating func push() { frames.append(Frame()) }

    mutating func pop() {
        let frame = frames.removeLast()
        bytes -= frame.bytes
    }
}
