// Sources/Candid/DidFile+Check.swift - is a new interface a safe upgrade of an old one (`didc check`)

extension Candid {
    /// Whether `sub` is a subtype of `sup` under Candid's subtyping: whether every value of `sub`
    /// decodes at `sup`, as the binary decoder decides it for references. `t <: opt t'` always holds
    /// (the special opt rule), `nat <: int`, every type is a subtype of `reserved`, `empty` of every
    /// type, a record may gain fields and a variant lose cases, and recursive types are compared
    /// coinductively.
    ///
    /// - Parameters:
    ///   - sub: The type values are written at, with its definitions in `subEnvironment`.
    ///   - sup: The type they are read at, with its definitions in `supEnvironment`.
    /// - Throws: `.unknownType` for an undefined name, `.depthExceeded` for types nested past 512 levels.
    public static func isSubtype(
        _ sub: CandidType, in subEnvironment: CandidTypeEnvironment = .init(),
        of sup: CandidType, in supEnvironment: CandidTypeEnvironment = .init()
    ) throws(CandidError) -> Bool {
        let (subTable, subRefs) = try TypeTable.build([sub], in: subEnvironment)
        let (supTable, supRefs) = try TypeTable.build([sup], in: supEnvironment)
        let checker = SubtypeChecker(wire: subTable, expected: supTable, maxDepth: TypeTableBuilder.maxDepth)
        return try checker.isSubtype(subRefs[0], supRefs[0])
    }
}

/// One way a new interface breaks the callers of an old one.
public struct DidIncompatibility: Hashable, Sendable, CustomStringConvertible {
    /// What changed.
    public enum Kind: Hashable, Sendable {
        /// A method of the old service is not in the new one.
        case methodRemoved
        /// The method's annotation (`query`, `oneway`, `composite_query`, or none) changed.
        case annotationChanged
        /// An old argument does not decode at the new argument type.
        case argumentChanged
        /// The new method takes an argument old callers don't send, and it is not `opt`, `null` or `reserved`.
        case argumentAdded
        /// A new result does not decode at the old result type: the result was narrowed or changed.
        case resultChanged
        /// The new method returns fewer results, and the missing one is not `opt`, `null` or `reserved`.
        case resultRemoved
    }

    /// The method's name.
    public var method: String
    public var kind: Kind
    /// The argument or result position (from 0), when the change is about one.
    public var position: Int?
    /// The change in words: `method get: result 0: the new type int does not decode as the old type nat`.
    public var message: String
    public var description: String { message }

    public init(method: String, kind: Kind, position: Int? = nil, message: String) {
        self.method = method
        self.kind = kind
        self.position = position
        self.message = message
    }
}

extension DidFile {
    /// The breaking changes from `old` to this file's service, as `didc check NEW OLD` finds them;
    /// none when this service is a subtype of the old one, so that every caller of the old interface
    /// keeps working. Methods are checked in `old`'s order (sorted by name), arguments and results
    /// by position:
    ///
    /// - every method of `old` must still exist, with the same annotation;
    /// - each old argument type must be a subtype of the new one (arguments may widen: a new variant
    ///   case, `nat` to `int`, a record field dropped), and an argument only the new method takes
    ///   must be `opt`, `null` or `reserved`;
    /// - each new result type must be a subtype of the old one (results may narrow: a new record
    ///   field, a variant case dropped), and a result only the old method returned must be `opt`,
    ///   `null` or `reserved`.
    ///
    /// New methods are fine. The init arguments (`service : (A) -> ...`) are not compared, as
    /// `didc check` does not. Subtyping includes the special opt rule, under which any change
    /// inside an `opt` is accepted (values that no longer fit decode as `null`).
    ///
    /// - Throws: `.syntax` when either file has no service; what ``Candid/isSubtype(_:in:of:in:)`` throws.
    public func incompatibilities(upgrading old: DidFile) throws(CandidError) -> [DidIncompatibility] {
        guard let newService = service else { throw CandidError(.syntax, "the new .did has no service to check") }
        guard let oldService = old.service else { throw CandidError(.syntax, "the old .did has no service to check") }
        let oldMethods = try Self.functions(of: oldService, in: old.environment)
        let newMethods = try Self.functions(of: newService, in: environment)
        var newByName: [String: CandidFunctionType] = [:]
        for (name, function) in newMethods { newByName[name] = function }
        // One table per side, so that recursive definitions are built once for all methods.
        var oldTypes: [CandidType] = []
        var newTypes: [CandidType] = []
        for (name, function) in oldMethods {
            guard let new = newByName[name] else { continue }
            oldTypes += function.arguments + function.results
            newTypes += new.arguments + new.results
        }
        let (oldTable, oldRefs) = try TypeTable.build(oldTypes, in: old.environment)
        let (newTable, newRefs) = try TypeTable.build(newTypes, in: environment)
        let maxDepth = TypeTableBuilder.maxDepth
        let widening = SubtypeChecker(wire: oldTable, expected: newTable, maxDepth: maxDepth)
        let narrowing = SubtypeChecker(wire: newTable, expected: oldTable, maxDepth: maxDepth)

        var problems: [DidIncompatibility] = []
        var oldNext = 0
        var newNext = 0
        for (name, oldFunction) in oldMethods {
            let label = "method " + CandidTextSyntax.name(name)
            guard let newFunction = newByName[name] else {
                problems.append(.init(method: name, kind: .methodRemoved, message: "\(label) was removed"))
                continue
            }
            let oldArguments = oldRefs[oldNext..<oldNext + oldFunction.arguments.count]
            let oldResults = oldRefs[oldArguments.endIndex..<oldArguments.endIndex + oldFunction.results.count]
            let newArguments = newRefs[newNext..<newNext + newFunction.arguments.count]
            let newResults = newRefs[newArguments.endIndex..<newArguments.endIndex + newFunction.results.count]
            oldNext = oldResults.endIndex
            newNext = newResults.endIndex
            if Set(oldFunction.modes) != Set(newFunction.modes) {
                let change = "\(Self.describe(oldFunction.modes)) to \(Self.describe(newFunction.modes))"
                problems.append(
                    .init(method: name, kind: .annotationChanged, message: "\(label): changed from \(change)"))
            }
            // Arguments flow from old callers to the new method, results from the new method to old callers.
            let (oldArgs, oldRets, newArgs, newRets) =
                (oldFunction.arguments, oldFunction.results, newFunction.arguments, newFunction.results)
            let (oldEnvironment, newEnvironment) = (old.environment, environment)
            /// `: <where it fails>` for `sub </: sup`, or nothing when the failure is at the top.
            func detail(
                _ sub: CandidType, _ subIn: CandidTypeEnvironment, _ sup: CandidType, _ supIn: CandidTypeEnvironment
            ) -> String {
                (try? Self.failure(sub, in: subIn, sup, in: supIn, depth: 0)).flatMap { $0 }.map { ": " + $0 } ?? ""
            }
            let directions: [(found: [(position: Int, changed: Bool)], changed: DidIncompatibility.Kind,
                missing: DidIncompatibility.Kind, describe: (Int, Bool) -> String)] = [
                (try Self.mismatches(from: oldArguments, to: newArguments, in: newTable, checker: widening),
                 .argumentChanged, .argumentAdded, { position, changed in
                     changed
                         ? "argument \(position): the old type \(oldArgs[position]) does not decode as "
                             + "the new type \(newArgs[position])"
                             + detail(oldArgs[position], oldEnvironment, newArgs[position], newEnvironment)
                         : "argument \(position) (\(newArgs[position])) is new, and old callers don't send it: "
                             + "a new argument must be opt, null or reserved"
                 }),
                (try Self.mismatches(from: newResults, to: oldResults, in: oldTable, checker: narrowing),
                 .resultChanged, .resultRemoved, { position, changed in
                     changed
                         ? "result \(position): the new type \(newRets[position]) does not decode as "
                             + "the old type \(oldRets[position])"
                             + detail(newRets[position], newEnvironment, oldRets[position], oldEnvironment)
                         : "result \(position) (\(oldRets[position])) is no longer returned, "
                             + "and old callers need it"
                 }),
            ]
            for direction in directions {
                for (position, changed) in direction.found {
                    problems.append(.init(
                        method: name, kind: changed ? direction.changed : direction.missing, position: position,
                        message: "\(label): " + direction.describe(position, changed)))
                }
            }
        }
        return problems
    }

    /// The positions of the tuple `to` that a `from` tuple does not fill: `true` where `from` has a
    /// value whose type is not a subtype, `false` where `from` has none and `to`'s type is not
    /// `opt`, `null` or `reserved`. (`from`'s extra values are ignored by a reader of `to`.)
    private static func mismatches(
        from: ArraySlice<TypeRef>, to: ArraySlice<TypeRef>, in toTable: TypeTable, checker: SubtypeChecker
    ) throws(CandidError) -> [(position: Int, changed: Bool)] {
        var found: [(position: Int, changed: Bool)] = []
        for (position, target) in to.enumerated() {
            if position < from.count {
                if try !checker.isSubtype(from[from.startIndex + position], target) { found.append((position, true)) }
            } else if !toTable.isNullLike(target) {
                found.append((position, false))
            }
        }
        return found
    }

    /// How deep ``failure(_:in:_:in:depth:)`` follows a failing subtype check into fields and cases.
    private static let maxFailureDepth = 16

    /// Where inside `sub` and `sup` the subtype check fails (`sub </: sup`), as the first failing
    /// field or case: `field size: nat is required and absent`, `case c: no such case`,
    /// `field tags.element: nat to text`. Nil when the types differ at the top (`nat` and `text`).
    private static func failure(
        _ sub: CandidType, in subEnvironment: CandidTypeEnvironment,
        _ sup: CandidType, in supEnvironment: CandidTypeEnvironment, depth: Int
    ) throws(CandidError) -> String? {
        guard depth < maxFailureDepth else { return nil }
        /// `component` then where inside the pair it fails, or the pair itself.
        func inside(_ component: String, _ lhs: CandidType, _ rhs: CandidType) throws(CandidError) -> String {
            if let deeper = try failure(lhs, in: subEnvironment, rhs, in: supEnvironment, depth: depth + 1) {
                return component + "." + deeper
            }
            return component + ": \(lhs) to \(rhs)"
        }
        func holds(_ lhs: CandidType, _ rhs: CandidType) throws(CandidError) -> Bool {
            try Candid.isSubtype(lhs, in: subEnvironment, of: rhs, in: supEnvironment)
        }
        switch (try subEnvironment.resolve(sub), try supEnvironment.resolve(sup)) {
        case (.record(let lhs), .record(let rhs)):
            for field in rhs {
                let label = "field " + CandidTextSyntax.label(field.label)
                if let match = lhs.first(where: { $0.label == field.label }) {
                    if try !holds(match.type, field.type) { return try inside(label, match.type, field.type) }
                } else if try !supEnvironment.isNullLike(field.type) {
                    return label + ": \(field.type) is required and absent"
                }
            }
        case (.variant(let lhs), .variant(let rhs)):
            for field in lhs {
                let label = "case " + CandidTextSyntax.label(field.label)
                guard let match = rhs.first(where: { $0.label == field.label }) else { return label + ": no such case" }
                if try !holds(field.type, match.type) { return try inside(label, field.type, match.type) }
            }
        case (.vec(let lhs), .vec(let rhs)):
            return try inside("element", lhs, rhs)
        default:
            break
        }
        return nil
    }

    /// Each method with its function type, names resolved.
    private static func functions(
        of service: CandidServiceType, in environment: CandidTypeEnvironment
    ) throws(CandidError) -> [(String, CandidFunctionType)] {
        var functions: [(String, CandidFunctionType)] = []
        for method in service.methods {
            guard case .function(let function) = try environment.resolve(method.type) else {
                throw CandidError(.syntax, "method \(CandidTextSyntax.name(method.name)) is not a function type")
            }
            functions.append((method.name, function))
        }
        return functions
    }

    private static func describe(_ modes: [CandidFunctionType.Mode]) -> String {
        guard let mode = modes.first else { return "an update" }
        switch mode {
        case .query: return "query"
        case .oneway: return "oneway"
        case .compositeQuery: return "composite_query"
        }
    }
}

extension CandidTypeEnvironment {
    /// Whether `type` is `null`, `reserved` or an `opt`: a field or argument that may be absent.
    fileprivate func isNullLike(_ type: CandidType) throws(CandidError) -> Bool {
        switch try resolve(type) {
        case .null, .reserved, .opt: return true
        default: return false
        }
    }
}
