// Sources/CanisterRuntime/CanisterInterface.swift - a canister's methods and Candid types, and its .did

public import Candid

/// A canister's interface, derived from its declaration: methods with kinds and Candid types, the install
/// argument types, and the `.did` service description.
///
/// The `.did` names the record and variant types that appear as whole arguments or results after their
/// Swift types (`type AssetMetadata = record { ... };`) and refers to them by name wherever they occur;
/// everything else is written inline.
public struct CanisterInterface: Sendable, Hashable {
    /// One method: name, kind, and its declared argument and result types.
    public struct MethodDescription: Sendable, Hashable {
        /// The exported name.
        public let name: String
        /// Update or query.
        public let kind: MethodKind
        /// The argument types, as declared (named types resolve in ``CanisterInterface/environment``).
        public let arguments: [CandidType]
        /// The result types, as declared.
        public let results: [CandidType]
    }

    /// The Swift type name of the canister.
    public let name: String
    /// The methods, sorted by name.
    public let methods: [MethodDescription]
    /// The install (`init` / `post_upgrade`) argument types; empty for none.
    public let installArguments: [CandidType]
    /// The service description: named definitions, install arguments and methods.
    public let didFile: DidFile

    /// The named type definitions the `.did` uses.
    public var environment: CandidTypeEnvironment { didFile.environment }

    /// The `.did` text.
    public var didText: String { didFile.text }

    /// The method called `name`, if the canister has one.
    public func method(named name: String) -> MethodDescription? {
        methods.first { $0.name == name }
    }

    /// The interface of canister type `C`.
    ///
    /// - Throws: `CandidError` when a declared type has no Candid mapping.
    public init<C: Canister>(of type: C.Type) throws {
        var described: [(method: Method<C>, types: MethodTypes)] = []
        var recursive: [String: CandidType] = [:]
        for method in C.methods {
            let types = try method.signature()
            recursive.merge(types.environment) { first, _ in first }
            described.append((method, types))
        }
        described.sort { $0.method.name.utf8.lexicographicallyPrecedes($1.method.name.utf8) }
        let install: [MethodTypes.Slot] =
            C.InstallArgument.self == NoArguments.self
            ? [] : [try MethodTypes.Slot(C.InstallArgument.self, environment: &recursive)]

        let listed = try C.candidNames.structures()
        var namer = TypeNamer(recursive: recursive, listed: listed.names, listedOrder: listed.order)
        if C.candidNames.namesWholeTypes {
            for slot in install { namer.consider(slot) }
            for entry in described {
                for slot in entry.types.arguments + entry.types.results { namer.consider(slot) }
            }
        }

        self.name = String(describing: type)
        self.installArguments = install.map { namer.renamingRecursive($0.type) }
        self.methods = described.map {
            MethodDescription(
                name: $0.method.name,
                kind: $0.method.kind,
                arguments: $0.types.arguments.map { namer.renamingRecursive($0.type) },
                results: $0.types.results.map { namer.renamingRecursive($0.type) }
            )
        }
        let service = CandidServiceType(
            methods: described.map { entry in
                CandidServiceType.Method(
                    name: entry.method.name,
                    type: .function(
                        CandidFunctionType(
                            arguments: entry.types.arguments.map { namer.substitute($0.type) },
                            results: entry.types.results.map { namer.substitute($0.type) },
                            modes: entry.method.kind == .query ? [.query] : []
                        )
                    )
                )
            }
        )
        let serviceArguments = install.isEmpty ? nil : install.map { namer.substitute($0.type) }
        let environment = namer.environment(reachableFrom: (serviceArguments ?? []) + service.methods.map(\.type))
        self.didFile = DidFile(
            environment: environment,
            definitionOrder: namer.order.filter { environment.definitions[$0] != nil },
            serviceArguments: serviceArguments,
            service: service
        )
    }
}

/// Chooses the names of a `.did`: the types the canister lists (``CandidNames``), wherever their structure
/// occurs; the recursive types the mapping named; and, when asked, the records and variants that appear
/// as whole arguments or results, after their Swift types.
struct TypeNamer {
    private(set) var order: [String] = []
    /// Structures written by name, wherever they occur: the listed ones, then the whole types
    /// ``consider(_:)`` named.
    private var names: [CandidType: String] = [:]
    private var taken: Set<String> = []
    /// Definitions the Candid mapping made for recursive types, under the mapping's names.
    private let recursive: [String: CandidType]
    /// The `.did` identifier of each recursive definition (the mapping may use qualified Swift names).
    private var renamed: [String: String] = [:]

    init(recursive: [String: CandidType], listed: [CandidType: String] = [:], listedOrder: [String] = []) {
        self.recursive = recursive
        for name in listedOrder { taken.insert(name) }
        order = listedOrder
        for (type, name) in listed { names[type] = name }
        for name in recursive.keys.sorted() {
            let identifier = claim(Self.identifier(from: String(name.split(separator: ".").last ?? "")))
            renamed[name] = identifier
            order.append(identifier)
        }
    }

    /// `base`, or `base_2`, `base_3`... whichever is still free; marks it taken.
    private mutating func claim(_ base: String) -> String {
        var name = base
        var suffix = 2
        while taken.contains(name) {
            name = "\(base)_\(suffix)"
            suffix += 1
        }
        taken.insert(name)
        return name
    }

    /// `type` with the recursive definitions' names replaced by their `.did` identifiers.
    func renamingRecursive(_ type: CandidType) -> CandidType {
        renamed.isEmpty ? type : substitute(type, keepingRoot: true, namingSubtrees: false)
    }

    /// Names the slot's type after its Swift type if it is a record or variant not named yet.
    mutating func consider(_ slot: MethodTypes.Slot) {
        switch slot.type {
        case .record, .variant: break
        default: return
        }
        guard names[slot.type] == nil, let swiftName = slot.swiftName else { return }
        let name = claim(Self.identifier(from: swiftName))
        names[slot.type] = name
        order.append(name)
    }

    /// The definitions `roots` refer to, directly or through other definitions, each with the other named
    /// types inside it referenced by name.
    func environment(reachableFrom roots: [CandidType]) -> CandidTypeEnvironment {
        var all: [String: CandidType] = [:]
        for (name, type) in recursive {
            all[renamed[name] ?? name] = substitute(type)
        }
        for (type, name) in names {
            all[name] = substitute(type, keepingRoot: true)
        }
        var definitions: [String: CandidType] = [:]
        var pending: [String] = []
        for root in roots { Self.collectNames(in: root, into: &pending) }
        while let name = pending.popLast() {
            guard definitions[name] == nil, let definition = all[name] else { continue }
            definitions[name] = definition
            Self.collectNames(in: definition, into: &pending)
        }
        return CandidTypeEnvironment(definitions)
    }

    /// Appends the names `type` refers to.
    private static func collectNames(in type: CandidType, into names: inout [String]) {
        switch type {
        case .named(let name): names.append(name)
        case .opt(let inner), .vec(let inner): collectNames(in: inner, into: &names)
        case .record(let fields), .variant(let fields):
            for field in fields { collectNames(in: field.type, into: &names) }
        case .function(let function):
            for type in function.arguments + function.results { collectNames(in: type, into: &names) }
        case .service(let service):
            for method in service.methods { collectNames(in: method.type, into: &names) }
        default: break
        }
    }

    /// `type` with every named subtree replaced by a reference, and recursive names renamed.
    func substitute(_ type: CandidType, keepingRoot: Bool = false, namingSubtrees: Bool = true) -> CandidType {
        if namingSubtrees, !keepingRoot, let name = names[type] { return .named(name) }
        if case .named(let name) = type { return .named(renamed[name] ?? name) }
        return type.rewritten { substitute($0, namingSubtrees: namingSubtrees) }
    }

    private static let reserved: Set<String> = [
        "type", "import", "service", "func", "query", "composite_query", "oneway", "opt", "vec", "record",
        "variant", "blob", "principal", "null", "bool", "nat", "int", "nat8", "nat16", "nat32", "nat64", "int8",
        "int16", "int32", "int64", "float32", "float64", "text", "reserved", "empty",
    ]

    /// A Candid identifier from a Swift type name: `Page<Item>` becomes `Page_Item`.
    static func identifier(from swiftName: String) -> String {
        var result = ""
        for scalar in swiftName.unicodeScalars {
            let isWordCharacter = scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
            if isWordCharacter {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, !result.hasSuffix("_") {
                result += "_"
            }
        }
        while result.hasSuffix("_") { result.removeLast() }
        if result.isEmpty { result = "T" }
        if let first = result.unicodeScalars.first, ("0"..."9").contains(first) { result = "_" + result }
        if reserved.contains(result) { result += "_" }
        return result
    }
}
