// Sources/Candid/Text/CandidTypeEnvironment+Resolve.swift - following names, checking definitions

extension CandidTypeEnvironment {
    /// The type with `.named` references followed until a constructor or primitive.
    ///
    /// Only the outermost names are followed: `type A = B; type B = opt A` resolves `A` to `opt A`.
    ///
    /// - Throws: `CandidError.Code.unknownType` when a name is not defined, and
    ///   `CandidError.Code.invalidTypeReference` when names only lead to each other
    ///   (`type A = B; type B = A`).
    public func resolve(_ type: CandidType) throws(CandidError) -> CandidType {
        var current = type
        var visited: [String] = []
        var seen: Set<String> = []
        while case .named(let name) = current {
            guard seen.insert(name).inserted else { throw Self.cycle(visited + [name]) }
            guard let definition = definitions[name] else {
                throw CandidError(.unknownType, "unknown type name '\(name)'")
            }
            visited.append(name)
            current = definition
        }
        return current
    }

    /// Checks the definitions: every name they use is defined, no definition is only a cycle of
    /// names, and every service method type is a function type. Takes time linear in the definitions,
    /// however long their chains of names (`type A = B; type B = C; ...`).
    ///
    /// - Throws: `.unknownType`, `.invalidTypeReference`, or `.syntax` for a method that is not a function.
    public func validate() throws(CandidError) {
        // Names known to lead to a type that is not a name.
        var settled: Set<String> = []
        for name in definitions.keys.sorted() {
            guard let definition = definitions[name] else { continue }
            try checkReferences(in: definition)
            var chain: [String] = []
            var inChain: Set<String> = []
            var current = name
            while !settled.contains(current) {
                guard inChain.insert(current).inserted else { throw Self.cycle(chain + [current]) }
                chain.append(current)
                guard let next = definitions[current] else {
                    throw CandidError(.unknownType, "unknown type name '\(current)'")
                }
                guard case .named(let target) = next else { break }
                current = target
            }
            settled.formUnion(chain)
        }
    }

    private static func cycle(_ chain: [String]) -> CandidError {
        let name = chain.last ?? ""
        return CandidError(
            .invalidTypeReference,
            "type \(name) is a cycle of names with no type: \(chain.joined(separator: " = "))")
    }

    /// Checks that every `.named` reference inside `type` is defined here, and that service methods
    /// are (or name) function types.
    ///
    /// - Throws: `CandidError.Code.unknownType` naming the first undefined name.
    public func checkReferences(in type: CandidType) throws(CandidError) {
        switch type {
        case .null, .bool, .nat, .int, .nat8, .nat16, .nat32, .nat64, .int8, .int16, .int32, .int64,
            .float32, .float64, .text, .reserved, .empty, .principal:
            return
        case .opt(let inner), .vec(let inner):
            try checkReferences(in: inner)
        case .record(let fields), .variant(let fields):
            for field in fields { try checkReferences(in: field.type) }
        case .function(let function):
            for inner in function.arguments + function.results { try checkReferences(in: inner) }
        case .service(let service):
            try checkMethods(of: service)
        case .named(let name):
            guard definitions[name] != nil else { throw CandidError(.unknownType, "unknown type name '\(name)'") }
        }
    }

    /// Checks that each method's type is defined and is a function type.
    func checkMethods(of service: CandidServiceType) throws(CandidError) {
        for method in service.methods {
            try checkReferences(in: method.type)
            guard case .function = try resolve(method.type) else {
                let name = CandidTextSyntax.name(method.name)
                throw CandidError(.syntax, "method \(name) has type \(method.type), not a function type")
            }
        }
    }
}
