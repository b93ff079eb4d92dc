// Sources/Replay/ReplayHost.swift - what the interpreter needs from a replica

public import Candid
public import CanisterRuntime

/// The replica a script runs against: canister interfaces, calls, time, upgrades, extra builtins.
///
/// The interpreter encodes arguments and decodes replies itself (at the method's Candid types), so a
/// host deals only in bytes. Implementations are usually actors; every requirement is `async`.
public protocol ReplayHost: Sendable {
    /// The Candid interface of a canister.
    /// - Throws: any error when there is no such canister; the script stops with code `.host`.
    func interface(of canister: Principal) async throws -> ReplayInterface

    /// Runs one call to completion and returns the reply's bytes or the reject.
    /// - Parameters:
    ///   - canister: The callee.
    ///   - method: The method name.
    ///   - caller: The principal the call comes from (the script's current identity).
    ///   - argument: The `DIDL` argument message.
    ///   - kind: `.query` runs against the current state and keeps no change; `.update` is atomic.
    func call(
        canister: Principal,
        method: String,
        caller: Principal,
        argument: [UInt8],
        kind: MethodKind
    ) async -> CallResult

    /// Runs the calls of a `par_call`: all are sent before any runs, so a scheduling host may interleave
    /// them at their awaits. Returns one result per call, in the listed order. The default runs them one
    /// after another with ``call(canister:method:caller:argument:kind:)``.
    func callAll(_ calls: [ReplayHostCall]) async -> [CallResult]

    /// The replica's time, nanoseconds since the Unix epoch.
    func time() async -> UInt64

    /// Moves time forward.
    func advanceTime(by nanoseconds: UInt64) async throws

    /// Sets the time; a host may refuse to move it backwards (by throwing).
    func setTime(_ nanoseconds: UInt64) async throws

    /// Runs due timers and other pending work.
    func tick() async throws

    /// Upgrades the canister in place with its current code: `pre_upgrade`, fresh heap, `post_upgrade`
    /// with the init argument message. Throws a `Reject` (or any error) when it fails.
    func upgrade(canister: Principal, argument: [UInt8]) async throws

    /// ``upgrade(canister:argument:)`` sent by `caller`, the script's current identity; by default the
    /// caller is ignored.
    func upgrade(canister: Principal, argument: [UInt8], caller: Principal) async throws

    /// Extra `sim.<name>(...)` builtins the host provides (for example `sha256`).
    var builtins: [ReplayBuiltin] { get }
}

extension ReplayHost {
    /// No extra builtins.
    public var builtins: [ReplayBuiltin] { [] }

    /// Upgrades as ``upgrade(canister:argument:)`` does, whoever the caller is.
    public func upgrade(canister: Principal, argument: [UInt8], caller: Principal) async throws {
        try await upgrade(canister: canister, argument: argument)
    }

    /// The calls one after another, in order.
    public func callAll(_ calls: [ReplayHostCall]) async -> [CallResult] {
        var results: [CallResult] = []
        for call in calls {
            results.append(
                await self.call(
                    canister: call.canister, method: call.method, caller: call.caller, argument: call.argument,
                    kind: call.kind
                )
            )
        }
        return results
    }
}

/// One call of a `par_call`, as the host receives it.
public struct ReplayHostCall: Sendable, Hashable {
    /// The callee.
    public var canister: Principal
    /// The method name.
    public var method: String
    /// The sender.
    public var caller: Principal
    /// The `DIDL` argument message.
    public var argument: [UInt8]
    /// Query or update.
    public var kind: MethodKind

    /// A call.
    public init(canister: Principal, method: String, caller: Principal, argument: [UInt8], kind: MethodKind) {
        self.canister = canister
        self.method = method
        self.caller = caller
        self.argument = argument
        self.kind = kind
    }
}

/// One method of a canister's interface, with its types resolved to a function signature.
public struct ReplayMethod: Sendable, Hashable {
    /// The method name.
    public var name: String
    /// How the interpreter calls it.
    public var kind: MethodKind
    /// Parameter types; arguments are typed and encoded at these.
    public var arguments: [CandidType]
    /// Result types; replies are decoded at these.
    public var results: [CandidType]

    /// A method signature.
    public init(name: String, kind: MethodKind, arguments: [CandidType], results: [CandidType]) {
        self.name = name
        self.kind = kind
        self.arguments = arguments
        self.results = results
    }
}

/// A canister's Candid interface: methods, the type definitions they refer to, and the init arguments.
public struct ReplayInterface: Sendable, Hashable {
    /// Methods by name.
    public var methods: [String: ReplayMethod]
    /// The definitions `.named` types refer to.
    public var environment: CandidTypeEnvironment
    /// The types `sim.upgrade(canister, ...)` encodes its arguments at.
    public var initArguments: [CandidType]

    /// An interface from its methods (by name; the first of duplicates wins).
    public init(
        methods: [ReplayMethod],
        environment: CandidTypeEnvironment = .init(),
        initArguments: [CandidType] = []
    ) {
        self.methods = Dictionary(methods.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.environment = environment
        self.initArguments = initArguments
    }

    /// The interface a `.did` file describes. Queries and composite queries are called as queries.
    /// - Throws: `CandidError` when a method's type is not a function (after resolving names).
    public init(didFile: DidFile) throws {
        var methods: [ReplayMethod] = []
        for method in didFile.service?.methods ?? [] {
            var type = method.type
            var steps = 0
            while case .named(let name) = type, let definition = didFile.environment.definitions[name],
                steps <= didFile.environment.definitions.count {
                type = definition
                steps += 1
            }
            guard case .function(let function) = type else {
                throw CandidError(.typeMismatch, "method \(method.name) does not have a function type")
            }
            let isQuery = function.modes.contains(.query) || function.modes.contains(.compositeQuery)
            methods.append(ReplayMethod(
                name: method.name,
                kind: isQuery ? .query : .update,
                arguments: function.arguments,
                results: function.results
            ))
        }
        self.init(
            methods: methods,
            environment: didFile.environment,
            initArguments: didFile.serviceArguments ?? []
        )
    }
}

extension Reject {
    /// `reject code 5 (CANISTER_ERROR), IC0503: message`: the text `fail` gives a rejected call.
    public var scriptText: String {
        var text = "reject code \(code.rawValue) (\(code))"
        if let errorCode { text += ", \(errorCode)" }
        return text + ": " + message
    }
}

/// A `sim.<name>(...)` builtin supplied by the host.
public struct ReplayBuiltin: Sendable {
    /// The name after `sim.`.
    public var name: String
    /// One line for documentation and error messages, e.g. `sha256(blob) -> blob`.
    public var summary: String
    /// The function; a thrown error stops the script with code `.builtin` and the error's description.
    public var body: @Sendable ([ReplayValue]) throws -> ReplayValue

    /// A builtin `sim.<name>`.
    public init(name: String, summary: String, body: @escaping @Sendable ([ReplayValue]) throws -> ReplayValue) {
        self.name = name
        self.summary = summary
        self.body = body
    }
}

extension ReplayBuiltin {
    /// A builtin that takes one blob (or `vec nat8`) and gives a blob, e.g. `sim.sha256(blob)`.
    /// - Parameters:
    ///   - name: The name after `sim.`.
    ///   - summary: One line, e.g. `sha256(blob) -> blob`.
    ///   - body: The function of the bytes.
    public static func blobFunction(
        _ name: String,
        summary: String,
        _ body: @escaping @Sendable ([UInt8]) -> [UInt8]
    ) -> ReplayBuiltin {
        ReplayBuiltin(name: name, summary: summary) { arguments in
            guard arguments.count == 1 else {
                throw ReplayBuiltinError("\(summary) takes 1 argument, got \(arguments.count)")
            }
            guard let bytes = arguments[0].bytes else {
                throw ReplayBuiltinError("\(summary) expects a blob, got a \(arguments[0].kindName) value")
            }
            return .blob(body(bytes))
        }
    }
}

/// Why a host builtin refused its arguments.
public struct ReplayBuiltinError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public var message: String

    /// An error with its message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
