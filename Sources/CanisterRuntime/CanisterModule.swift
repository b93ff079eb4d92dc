// Sources/CanisterRuntime/CanisterModule.swift - a canister type as installable code, and its running instance

import Candid

/// A canister type as the replica installs it: the simulator's analogue of a Wasm module.
///
/// Obtain one with `CanisterModule(Counter.self)`; the replica's generic `install`/`upgrade` do it for you.
public struct CanisterModule: Sendable {
    /// The Swift type name of the canister.
    public let name: String
    let canisterType: ObjectIdentifier
    let instantiate: @Sendable (_ upgrade: Bool, _ argument: [UInt8], _ context: inout CallContext) throws
        -> any InstalledCanister
    let problem: @Sendable () -> String?
    let describe: @Sendable () throws -> CanisterInterface

    /// The module of canister type `C`.
    public init<C: Canister>(_ type: C.Type) {
        self.name = String(describing: type)
        self.canisterType = ObjectIdentifier(type)
        self.instantiate = { upgrade, argument, context in
            let decoded = try decodeInstallArgument(argument, as: C.InstallArgument.self)
            let state = upgrade
                ? try C(upgrade: decoded, context: &context)
                : try C(install: decoded, context: &context)
            return Instance(state: state, methods: MethodTable(C.self))
        }
        self.problem = { MethodTable(C.self).problem }
        self.describe = { try CanisterInterface(of: C.self) }
    }

    /// The canister's interface: its methods with their Candid types, and its `.did`.
    ///
    /// - Throws: `CandidError` when a declared Swift type has no Candid mapping.
    public func interface() throws -> CanisterInterface {
        try describe()
    }
}

/// Decodes an install argument. A canister without one accepts an empty message or no bytes at all.
func decodeInstallArgument<A: Decodable>(_ bytes: [UInt8], as type: A.Type) throws(Trap) -> A {
    if let none = NoArguments() as? A {
        if !bytes.isEmpty {
            _ = try decodeCallArguments(bytes)
        }
        return none
    }
    return try decodeCallArguments(bytes, as: type)
}

/// The methods of a canister type by name.
struct MethodTable<C: Canister>: Sendable {
    let methods: [String: Method<C>]
    /// Why the declaration is invalid (a name declared twice), if it is.
    let problem: String?
    /// The Swift name of `C`.
    let typeName: String

    init(_ type: C.Type) {
        self.typeName = String(describing: type)
        var methods: [String: Method<C>] = [:]
        var duplicates: [String] = []
        for method in C.methods {
            if methods.updateValue(method, forKey: method.name) != nil {
                duplicates.append(method.name)
            }
        }
        self.methods = methods
        var problems: [String] = []
        if !duplicates.isEmpty {
            problems.append(
                "\(type) declares \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")) more than once"
            )
        }
        for method in C.methods {
            do {
                _ = try method.signature()
            } catch {
                problems.append("method '\(method.name)' has no Candid type: \(error)")
            }
        }
        self.problem = problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}

/// A running canister whose type is known only at run time.
protocol InstalledCanister: Sendable {
    var module: CanisterModule { get }
    var canisterType: ObjectIdentifier { get }
    var typeName: String { get }
    func kind(of method: String) -> MethodKind?
    mutating func update(_ method: String, argument: [UInt8], context: inout CallContext) throws -> [UInt8]
    func query(_ method: String, argument: [UInt8], context: QueryContext) throws -> [UInt8]
    mutating func runTimer(_ action: any AnyTimerAction, context: inout CallContext) throws
    func preUpgrade(context: inout CallContext) throws
}

/// A running canister of type `C`: its state and method table.
struct Instance<C: Canister>: InstalledCanister {
    var state: C
    let methods: MethodTable<C>

    var module: CanisterModule { CanisterModule(C.self) }
    var canisterType: ObjectIdentifier { ObjectIdentifier(C.self) }
    var typeName: String { methods.typeName }

    func kind(of method: String) -> MethodKind? {
        methods.methods[method]?.kind
    }

    mutating func update(_ method: String, argument: [UInt8], context: inout CallContext) throws -> [UInt8] {
        guard let handler = methods.methods[method]?.handler else {
            throw Trap("no method \(method)")
        }
        switch handler {
        case .update(let body):
            return try body(&state, &context, argument)
        case .query(let body):
            // A query called as an update runs like a query: its changes are discarded.
            return try body(state, QueryContext(context), argument)
        case .asyncUpdate, .compositeQuery:
            throw Trap.awaitsCalls(method)
        }
    }

    func query(_ method: String, argument: [UInt8], context: QueryContext) throws -> [UInt8] {
        switch methods.methods[method]?.handler {
        case .query(let body)?: return try body(state, context, argument)
        case .compositeQuery?: throw Trap.awaitsCalls(method)
        default: throw Trap("no query method \(method)")
        }
    }

    mutating func runTimer(_ action: any AnyTimerAction, context: inout CallContext) throws {
        guard let action = action as? TimerAction<C> else {
            throw Trap("a timer registered for another canister type cannot run on \(C.self)")
        }
        try action.body(&state, &context)
    }

    func preUpgrade(context: inout CallContext) throws {
        try state.preUpgrade(context: &context)
    }
}

extension QueryContext {
    /// The read-only context of a query run inside an update message.
    init(_ context: CallContext) {
        self.init(
            caller: context.caller,
            time: context.time,
            canisterId: context.canisterId,
            controllers: context.controllers,
            methodName: context.methodName,
            stableMemory: context.stableMemory.view,
            logSink: context.logSink
        )
    }
}
