// Sources/Candid/Binary/TypeTable+Build.swift - CandidType and environment to a type table

/// Builds a ``TypeTable`` from ``CandidType`` values, resolving `.named` types in an environment.
///
/// Structurally equal anonymous entries are shared; each named composite type gets one entry
/// (so recursion works). ``TypeTable/canonical(roots:)`` later merges equal recursive entries too.
struct TypeTableBuilder {
    private(set) var table = TypeTable()
    private let environment: CandidTypeEnvironment
    private var named: [String: TypeRef] = [:]
    private var unique: [TypeEntry: Int] = [:]
    private var resolvingAliases: Set<String> = []
    /// Service methods whose types must turn out to be functions, checked once every entry is built
    /// (a method's named type may still be a placeholder while a recursive definition is built).
    private var methodChecks: [TableMethod] = []

    init(environment: CandidTypeEnvironment) {
        self.environment = environment
    }

    /// How deep types may nest, counting every composite type and every name followed on the way.
    /// Each level is a few stack frames, so a chain of thousands of definitions (`type A0 = opt A1;
    /// type A1 = opt A2; ...`) would exhaust the stack; 512 is the reference's depth limit when it
    /// cannot measure its stack.
    static let maxDepth = 512
    private var depth = 0

    /// The reference for `type`, adding entries as needed.
    mutating func add(_ type: CandidType) throws(CandidError) -> TypeRef {
        if let primitive = Self.primitive(type) { return primitive }
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw CandidError(
                .depthExceeded,
                "types nest deeper than \(Self.maxDepth) levels, counting the named definitions they go through")
        }
        if case .named(let name) = type { return try addNamed(name) }
        let entry = try makeEntry(type)
        if let index = unique[entry] { return TypeRef(index: index) }
        let index = table.entries.count
        table.entries.append(entry)
        unique[entry] = index
        return TypeRef(index: index)
    }

    private mutating func addNamed(_ name: String) throws(CandidError) -> TypeRef {
        if let ref = named[name] { return ref }
        guard let definition = environment.definitions[name] else {
            throw CandidError(.unknownType, "type \(name) is not defined")
        }
        if let primitive = Self.primitive(definition) {
            named[name] = primitive
            return primitive
        }
        if case .named = definition {
            guard resolvingAliases.insert(name).inserted else {
                throw CandidError(.unknownType, "type \(name) is defined only in terms of itself")
            }
            let ref = try add(definition)
            resolvingAliases.remove(name)
            named[name] = ref
            return ref
        }
        let index = table.entries.count
        table.entries.append(.record([]))  // placeholder until the definition is built
        named[name] = TypeRef(index: index)
        let entry = try makeEntry(definition)
        table.entries[index] = entry
        if unique[entry] == nil { unique[entry] = index }
        return TypeRef(index: index)
    }

    private mutating func makeEntry(_ type: CandidType) throws(CandidError) -> TypeEntry {
        switch type {
        case .opt(let inner):
            return .opt(try add(inner))
        case .vec(let inner):
            return .vec(try add(inner))
        case .record(let fields):
            return .record(try makeFields(fields, of: "record"))
        case .variant(let fields):
            return .variant(try makeFields(fields, of: "variant"))
        case .function(let function):
            var arguments: [TypeRef] = []
            for argument in function.arguments { arguments.append(try add(argument)) }
            var results: [TypeRef] = []
            for result in function.results { results.append(try add(result)) }
            let modes = Array(Set(function.modes)).sorted()
            return .function(arguments: arguments, results: results, modes: modes)
        case .service(let service):
            var methods: [TableMethod] = []
            for method in service.methods {
                let checked = TableMethod(name: method.name, type: try add(method.type))
                methods.append(checked)
                methodChecks.append(checked)
            }
            methods.sort { TypeTable.methodOrder($0.name, $1.name) }
            for index in methods.indices.dropFirst() where methods[index - 1].name == methods[index].name {
                throw CandidError(.typeMismatch, "service type has two methods named \(methods[index].name)")
            }
            return .service(methods)
        default:
            preconditionFailure("primitive and named types are handled by add(_:)")
        }
    }

    private mutating func makeFields(_ fields: [CandidField], of kind: String) throws(CandidError) -> [TableField] {
        var result: [TableField] = []
        result.reserveCapacity(fields.count)
        for field in fields { result.append(TableField(label: field.label, type: try add(field.type))) }
        result.sort { $0.label.id < $1.label.id }
        for index in result.indices.dropFirst() where result[index - 1].label.id == result[index].label.id {
            throw CandidError(.typeMismatch, "\(kind) type has two fields with id \(result[index].label.id)")
        }
        return result
    }

    /// Checks that every service method added so far has a function type.
    func checkMethods() throws(CandidError) {
        for method in methodChecks {
            guard case .function = table.entry(method.type) else {
                throw CandidError(.typeMismatch, "service method \(method.name) does not have a function type")
            }
        }
    }

    /// The opcode of a primitive type, or nil for composite and named types.
    static func primitive(_ type: CandidType) -> TypeRef? {
        switch type {
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
        case .empty: .empty
        case .principal: .principal
        default: nil
        }
    }
}

extension TypeTable {
    /// Builds the table of `types` in `environment`; returns it with the reference of each type.
    static func build(
        _ types: [CandidType],
        in environment: CandidTypeEnvironment
    ) throws(CandidError) -> (table: TypeTable, refs: [TypeRef]) {
        var builder = TypeTableBuilder(environment: environment)
        var refs: [TypeRef] = []
        refs.reserveCapacity(types.count)
        for type in types { refs.append(try builder.add(type)) }
        try builder.checkMethods()
        return (builder.table, refs)
    }

    /// The smallest equivalent table for `roots`: structurally equal entries (recursive ones
    /// included) merged, unreachable ones dropped, entries numbered in depth-first order.
    func canonical(roots: [TypeRef]) -> (table: TypeTable, roots: [TypeRef]) {
        // Partition refinement: start with every entry in one class, split by shape until stable.
        var classOf = [Int](repeating: 0, count: entries.count)
        var classCount = entries.isEmpty ? 0 : 1
        while true {
            var signatures: [Signature: Int] = [:]
            var next = [Int](repeating: 0, count: entries.count)
            for (index, entry) in entries.enumerated() {
                let shape = entry.mapChildren { $0.isPrimitive ? $0 : TypeRef(index: classOf[$0.index]) }
                let key = Signature(previous: classOf[index], shape: shape)
                if let existing = signatures[key] {
                    next[index] = existing
                } else {
                    next[index] = signatures.count
                    signatures[key] = signatures.count
                }
            }
            classOf = next
            if signatures.count == classCount { break }
            classCount = signatures.count
        }
        // Number the classes reachable from the roots in depth-first order.
        var numberOfClass: [Int: Int] = [:]
        var representative: [Int] = []
        var stack: [TypeRef] = roots.reversed()
        while let ref = stack.popLast() {
            guard !ref.isPrimitive else { continue }
            let cls = classOf[ref.index]
            guard numberOfClass[cls] == nil else { continue }
            numberOfClass[cls] = representative.count
            representative.append(ref.index)
            stack.append(contentsOf: entries[ref.index].children.reversed())
        }
        func map(_ ref: TypeRef) -> TypeRef {
            guard !ref.isPrimitive, let number = numberOfClass[classOf[ref.index]] else { return ref }
            return TypeRef(index: number)
        }
        let newEntries = representative.map { entries[$0].mapChildren(map) }
        return (TypeTable(entries: newEntries), roots.map(map))
    }

    private struct Signature: Hashable {
        var previous: Int
        var shape: TypeEntry
    }
}
