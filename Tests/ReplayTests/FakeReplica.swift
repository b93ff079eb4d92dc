// Tests/ReplayTests/FakeReplica.swift - an in-memory replica with one key/value canister, for the interpreter

import Candid
import CanisterRuntime
import Replay

/// A tiny replica: one key/value canister with Candid-typed methods, time, ticks and upgrades.
actor FakeReplica: ReplayHost {
    static let canisterText = "rrkah-fqaaa-aaaaa-aaaaq-cai"
    static let did = """
        type Meta = record { name : text; size : opt nat32; tags : vec text };
        type Result = variant { Ok : nat64; Err : text };
        service : (record { greeting : text }) -> {
          put : (text, blob) -> (Result);
          get : (text) -> (opt blob) query;
          count : () -> (nat64) query;
          keys : () -> (vec text) query;
          whoami : () -> (principal) query;
          now : () -> (nat64) query;
          ticks : () -> (nat32) query;
          boom : (text) -> ();
          pair : (nat8, text) -> (nat, text) query;
          greet : (text) -> (text) query;
          meta : (Meta) -> (Meta);
          total : () -> (nat) query;
          double : (nat) -> (nat) query;
          query_put : (text) -> (bool) query;
          bad_reply : () -> (nat64) query;
        }
        """

    let canister: Principal
    let interface: ReplayInterface
    private(set) var store: [String: [UInt8]] = [:]
    private(set) var clock: UInt64 = 1_700_000_000_000_000_000
    private(set) var tickCount: UInt32 = 0
    private(set) var greeting = "Hello"
    private(set) var upgrades = 0
    private(set) var log: [String] = []
    nonisolated let extraBuiltins: [ReplayBuiltin]

    init(builtins: [ReplayBuiltin] = []) throws {
        canister = try Principal(text: Self.canisterText)
        interface = try ReplayInterface(didFile: try DidFile.parse(Self.did))
        extraBuiltins = builtins
    }

    nonisolated var builtins: [ReplayBuiltin] { extraBuiltins }

    func interface(of canister: Principal) async throws -> ReplayInterface {
        guard canister == self.canister else { throw FakeError(description: "no canister \(canister)") }
        return interface
    }

    func time() async -> UInt64 { clock }

    func advanceTime(by nanoseconds: UInt64) async throws { clock += nanoseconds }

    func setTime(_ nanoseconds: UInt64) async throws {
        guard nanoseconds >= clock else { throw FakeError(description: "time cannot go backwards") }
        clock = nanoseconds
    }

    func tick() async throws { tickCount += 1 }

    func upgrade(canister: Principal, argument: [UInt8]) async throws {
        let values = try Candid.decode(argument, as: interface.initArguments, in: interface.environment)
        guard case .record(let fields) = values.first, case .text(let text) = fields.first?.value else {
            throw Reject(code: .canisterError, errorCode: .canisterCalledTrap, message: "bad init argument")
        }
        guard !text.isEmpty else {
            throw Reject(code: .canisterError, errorCode: .canisterCalledTrap, message: "Canister trapped: empty greeting")
        }
        greeting = text
        upgrades += 1
    }

    func call(
        canister: Principal,
        method: String,
        caller: Principal,
        argument: [UInt8],
        kind: MethodKind
    ) async -> CallResult {
        log.append("\(kind.rawValue) \(method)")
        guard canister == self.canister else {
            return .failure(Reject(code: .destinationInvalid, errorCode: .canisterNotFound, message: "canister not found"))
        }
        guard let signature = interface.methods[method] else {
            return .failure(Reject(code: .canisterError, errorCode: .canisterMethodNotFound, message: "method \(method) not found"))
        }
        do {
            let arguments = try Candid.decode(argument, as: signature.arguments, in: interface.environment)
            if method == "bad_reply" { return .success(try Candid.encode([.text("not a nat64")])) }
            let results = try handle(method, arguments, caller: caller, kind: kind)
            return .success(try Candid.encode(results, as: signature.results, in: interface.environment))
        } catch let reject as Reject {
            return .failure(reject)
        } catch {
            return .failure(Reject(code: .canisterError, errorCode: .canisterCalledTrap, message: "Canister trapped: \(error)"))
        }
    }

    private func handle(_ method: String, _ arguments: [CandidValue], caller: Principal, kind: MethodKind)
        throws -> [CandidValue]
    {
        switch (method, arguments.first) {
        case ("put", .text(let key)?):
            guard case .blob(let bytes) = arguments[1] else { throw FakeError(description: "put: not a blob") }
            if key.isEmpty { return [.variant(CandidLabel("Err"), .text("empty key"))] }
            store[key] = bytes
            return [.variant(CandidLabel("Ok"), .nat64(UInt64(bytes.count)))]
        case ("get", .text(let key)?):
            return [.opt(store[key].map { .blob($0) })]
        case ("count", _):
            return [.nat64(UInt64(store.count))]
        case ("keys", _):
            return [.vec(store.keys.sorted().map { .text($0) })]
        case ("whoami", _):
            return [.principal(caller)]
        case ("now", _):
            return [.nat64(clock)]
        case ("ticks", _):
            return [.nat32(tickCount)]
        case ("boom", .text(let message)?):
            throw Reject(code: .canisterError, errorCode: .canisterCalledTrap, message: "Canister trapped: \(message)")
        case ("pair", .nat8(let n)?):
            guard case .text(let text) = arguments[1] else { throw FakeError(description: "pair: not text") }
            return [.nat(BigInt(Int(n) * 2)), .text(text + text)]
        case ("greet", .text(let name)?):
            return [.text("\(greeting), \(name)!")]
        case ("meta", let meta?):
            return [meta]
        case ("double", .nat(let n)?):
            return [.nat(n + n)]
        case ("total", _):
            return [.nat(BigInt(store.values.reduce(0) { $0 + $1.count }))]
        case ("query_put", .text(let key)?):
            // A query's changes are discarded by a real replica; this fake never makes any.
            return [.bool(store[key] != nil && kind == .query)]
        default:
            throw FakeError(description: "unexpected call \(method)")
        }
    }
}

struct FakeError: Error, CustomStringConvertible {
    var description: String
}
