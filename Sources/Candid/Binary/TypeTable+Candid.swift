// Sources/Candid/Binary/TypeTable+Candid.swift - table types back to CandidType, for wire types

extension TypeTable {
    /// The ``CandidType`` of each of `roots`, with an environment defining the recursive entries.
    ///
    /// Entries on a cycle become `.named("tableN")` with their definition in the environment; the
    /// others are written inline. Past a nesting depth, and once a budget of inlined entries is
    /// spent (a table can share entries so that inlining would grow exponentially), entries are
    /// named too. A future type is `reserved`.
    func candidTypes(_ roots: [TypeRef]) -> (types: [CandidType], environment: CandidTypeEnvironment) {
        var named = backEdgeTargets()
        var definitions: [String: CandidType] = [:]
        var pending: [Int] = named.sorted()
        var converter = Converter(table: self, named: named)
        let types = roots.map { converter.type($0, depth: 0) }
        pending.append(contentsOf: converter.newlyNamed)
        named.formUnion(converter.newlyNamed)
        var done: Set<Int> = []
        while let index = pending.popLast() {
            guard done.insert(index).inserted else { continue }
            converter.newlyNamed = []
            converter.named = named
            definitions[Self.name(index)] = converter.entry(entries[index], depth: 0)
            pending.append(contentsOf: converter.newlyNamed)
            named.formUnion(converter.newlyNamed)
        }
        return (types, CandidTypeEnvironment(definitions))
    }

    static func name(_ index: Int) -> String { "table\(index)" }

    private struct Converter {
        let table: TypeTable
        var named: Set<Int>
        var newlyNamed: [Int] = []
        var inlineBudget = 4096
        static let maxInlineDepth = 32

        mutating func type(_ ref: TypeRef, depth: Int) -> CandidType {
            if ref.isPrimitive { return Self.primitive(ref) }
            if named.contains(ref.index) { return .named(TypeTable.name(ref.index)) }
            inlineBudget -= 1
            if depth >= Self.maxInlineDepth || inlineBudget < 0 {
                named.insert(ref.index)
                newlyNamed.append(ref.index)
                return .named(TypeTable.name(ref.index))
            }
            return entry(table.entries[ref.index], depth: depth + 1)
        }

        mutating func entry(_ entry: TypeEntry, depth: Int) -> CandidType {
            switch entry {
            case .opt(let inner): return .opt(type(inner, depth: depth))
            case .vec(let inner): return .vec(type(inner, depth: depth))
            case .record(let fields):
                return .record(fields.map { CandidField($0.label, type($0.type, depth: depth)) })
            case .variant(let fields):
                return .variant(fields.map { CandidField($0.label, type($0.type, depth: depth)) })
            case .function(let arguments, let results, let modes):
                return .function(
                    CandidFunctionType(
                        arguments: arguments.map { type($0, depth: depth) },
                        results: results.map { type($0, depth: depth) }, modes: modes))
            case .service(let methods):
                return .service(
                    CandidServiceType(
                        methods: methods.map { .init(name: $0.name, type: type($0.type, depth: depth)) }))
            case .future:
                return .reserved
            }
        }

        static func primitive(_ ref: TypeRef) -> CandidType {
            switch ref {
            case .null: .null
            case .bool: .bool
            case .nat: .nat
            case .int: .int
            case .nat8: .nat8
            case .nat16: .nat16
            case .nat32: .nat32
            case .nat64: .nat64
            case .int8: .int8
            case .int16: .int16
            case .int32: .int32
            case .int64: .int64
            case .float32: .float32
            case .float64: .float64
            case .text: .text
            case .reserved: .reserved
            case .principal: .principal
            default: .empty
            }
        }
    }

    /// Entries that a depth-first walk reaches again while still inside them: every cycle has one.
    private func backEdgeTargets() -> Set<Int> {
        var state = [UInt8](repeating: 0, count: entries.count)  // 0 new, 1 on the path, 2 done
        var targets: Set<Int> = []
        for root in entries.indices where state[root] == 0 {
            var stack: [(index: Int, children: [TypeRef], next: Int)] = [(root, entries[root].children, 0)]
            state[root] = 1
            while !stack.isEmpty {
                let top = stack.count - 1
                if stack[top].next == stack[top].children.count {
                    state[stack[top].index] = 2
                    stack.removeLast()
                    continue
                }
                let child = stack[top].children[stack[top].next]
                stack[top].next += 1
                guard !child.isPrimitive else { continue }
                switch state[child.index] {
                case 0:
                    state[child.index] = 1
                    stack.append((child.index, entries[child.index].children, 0))
                case 1:
                    targets.insert(child.index)
                default:
                    break
                }
            }
        }
        return targets
    }
}
