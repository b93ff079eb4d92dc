// Sources/Candid/Binary/SubtypeChecker.swift - coinductive subtyping between wire and expected types

/// Decides `wire <: expected` for reference values (func and service), as the spec's subtyping rules.
///
/// Recursive types are handled coinductively: a pair under test is assumed to hold while its parts
/// are checked (the `Gamma` memo of the reference implementation). Function arguments are
/// contravariant, so checks flip between the two tables; the memo keys carry the direction.
/// A class: the decoder holds it by reference and its memo lives for the whole message.
final class SubtypeChecker {
    let wire: TypeTable
    let expected: TypeTable
    let maxDepth: Int
    private var proven: Set<PairKey> = []
    private var refuted: Set<PairKey> = []
    private var assumed: Set<PairKey> = []

    init(wire: TypeTable, expected: TypeTable, maxDepth: Int) {
        self.wire = wire
        self.expected = expected
        self.maxDepth = maxDepth
    }

    private struct PairKey: Hashable {
        var lhs: Int32
        var rhs: Int32
        var flipped: Bool
    }

    /// Whether `wireType` (in the wire table) is a subtype of `expectedType` (in the expected table).
    /// - Throws: `depthExceeded` when the types nest deeper than the limit.
    func isSubtype(_ wireType: TypeRef, _ expectedType: TypeRef) throws(CandidError) -> Bool {
        assumed.removeAll(keepingCapacity: true)
        let result = try check(wireType, expectedType, flipped: false, depth: 0)
        if result { proven.formUnion(assumed) }
        assumed.removeAll(keepingCapacity: true)
        return result
    }

    /// `lhs <: rhs`; when not `flipped`, `lhs` is in the wire table and `rhs` in the expected one.
    private func check(_ lhs: TypeRef, _ rhs: TypeRef, flipped: Bool, depth: Int) throws(CandidError)
        -> Bool
    {
        guard depth < maxDepth else {
            throw CandidError(.depthExceeded, "types nest deeper than \(maxDepth) levels in a subtype check")
        }
        let left = flipped ? expected : wire
        let right = flipped ? wire : expected
        if rhs == .reserved || lhs == .empty { return true }
        if lhs.isPrimitive && rhs.isPrimitive { return lhs == rhs || (lhs == .nat && rhs == .int) }
        let rightEntry = right.entry(rhs)
        // Every type is a subtype of an option: the special opt rules always end in success.
        if case .opt = rightEntry { return true }
        guard let leftEntry = left.entry(lhs) else { return false }
        if rhs == .principal {
            if case .service = leftEntry { return true }
            return false
        }
        guard let rightEntry else { return false }
        let key = PairKey(lhs: lhs.raw, rhs: rhs.raw, flipped: flipped)
        if proven.contains(key) || assumed.contains(key) { return true }
        if refuted.contains(key) { return false }
        assumed.insert(key)
        let result = try structural(leftEntry, rightEntry, flipped: flipped, depth: depth + 1)
        if !result {
            assumed.remove(key)
            refuted.insert(key)
        }
        return result
    }

    private func structural(_ left: TypeEntry, _ right: TypeEntry, flipped: Bool, depth: Int)
        throws(CandidError) -> Bool
    {
        let rightTable = flipped ? wire : expected
        let leftTable = flipped ? expected : wire
        switch (left, right) {
        case (.vec(let lhs), .vec(let rhs)):
            return try check(lhs, rhs, flipped: flipped, depth: depth)
        case (.record(let lhs), .record(let rhs)):
            for field in rhs {
                if let index = TypeTable.field(withID: field.label.id, in: lhs) {
                    guard try check(lhs[index].type, field.type, flipped: flipped, depth: depth) else { return false }
                } else if !rightTable.isNullLike(field.type) {
                    return false
                }
            }
            return true
        case (.variant(let lhs), .variant(let rhs)):
            for field in lhs {
                guard let index = TypeTable.field(withID: field.label.id, in: rhs),
                    try check(field.type, rhs[index].type, flipped: flipped, depth: depth)
                else { return false }
            }
            return true
        case (
            .function(let lhsArguments, let lhsResults, let lhsModes),
            .function(let rhsArguments, let rhsResults, let rhsModes)
        ):
            guard Set(lhsModes) == Set(rhsModes) else { return false }
            // Arguments are contravariant: the right's arguments must be subtypes of the left's,
            // and arguments only the left takes must be optional.
            for (index, argument) in lhsArguments.enumerated() {
                if index < rhsArguments.count {
                    guard try check(rhsArguments[index], argument, flipped: !flipped, depth: depth) else {
                        return false
                    }
                } else if !leftTable.isNullLike(argument) {
                    return false
                }
            }
            for (index, result) in rhsResults.enumerated() {
                if index < lhsResults.count {
                    guard try check(lhsResults[index], result, flipped: flipped, depth: depth) else { return false }
                } else if !rightTable.isNullLike(result) {
                    return false
                }
            }
            return true
        case (.service(let lhs), .service(let rhs)):
            for method in rhs {
                guard let match = lhs.first(where: { $0.name == method.name }),
                    try check(match.type, method.type, flipped: flipped, depth: depth)
                else { return false }
            }
            return true
        default:
            return false
        }
    }
}
