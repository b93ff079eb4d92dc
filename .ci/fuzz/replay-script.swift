// .ci/fuzz/replay-script.swift - libFuzzer entry: any text as a call script, parsed and then run
//
// A script that parses runs under a small budget against an in-process host with one echoing canister,
// so the interpreter (values, builtins, typing, encoding, the budget itself) is fuzzed, not only the
// parser. Any script must end with its result or an error; a crash, a hang or runaway memory is a bug.

import Candid
import CanisterRuntime
import Dispatch
import Replay

/// One canister whose methods echo their arguments (or count, or reject), and a clock.
actor EchoHost: ReplayHost {
    static let canister = try! Principal(text: "rrkah-fqaaa-aaaaa-aaaaq-cai")
    static let interface = try! ReplayInterface(didFile: DidFile.parse("""
        type Tree = variant { leaf : nat; node : vec Tree };
        service : (text) -> {
          echo : (text, blob, opt nat64) -> (text, blob, opt nat64) query;
          tree : (Tree) -> (Tree);
          count : () -> (nat64);
          fail : (text) -> ();
        }
        """))

    var clock: UInt64 = 1_700_000_000_000_000_000
    var count: UInt64 = 0

    func interface(of canister: Principal) async throws -> ReplayInterface {
        guard canister == Self.canister else { throw ReplayFileError(path: canister.text) }
        return Self.interface
    }

    func call(canister: Principal, method: String, caller: Principal, argument: [UInt8], kind: MethodKind)
        async -> CallResult
    {
        guard canister == Self.canister, let signature = Self.interface.methods[method] else {
            return .failure(Reject(code: .destinationInvalid, errorCode: .canisterNotFound, message: "no such method"))
        }
        switch method {
        case "count":
            count += 1
            return .success((try? Candid.encode([.nat64(count)], as: signature.results)) ?? [])
        case "fail":
            return .failure(Reject(code: .canisterError, errorCode: .canisterCalledTrap, message: "Canister trapped"))
        default:
            // The arguments decode at the method's types; the reply is the same values at the same types.
            guard let values = try? Candid.decode(argument, as: signature.arguments, in: Self.interface.environment),
                let reply = try? Candid.encode(values, as: signature.results, in: Self.interface.environment)
            else {
                return .failure(Reject(code: .canisterError, errorCode: .canisterCalledTrap, message: "bad argument"))
            }
            return .success(reply)
        }
    }

    func time() async -> UInt64 { clock }
    func advanceTime(by nanoseconds: UInt64) async throws {
        guard nanoseconds <= UInt64.max - clock else { throw ReplayFileError(path: "time") }
        clock += nanoseconds
    }
    func setTime(_ nanoseconds: UInt64) async throws {
        guard nanoseconds >= clock else { throw ReplayFileError(path: "time") }
        clock = nanoseconds
    }
    func tick() async throws {}
    func upgrade(canister: Principal, argument: [UInt8]) async throws {}
}

/// The result of one run, handed from the task to the fuzzer's thread.
final class Done: @unchecked Sendable {
    let semaphore = DispatchSemaphore(value: 0)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else {
        return 0
    }
    guard let script = try? ReplayParser.parse(text, file: "fuzz.repl") else { return 0 }
    var options = ReplayOptions()
    options.budget = ReplayBudget(steps: 200_000, valueBytes: 32 << 20, calls: 1_000, valueDepth: 256)
    options.maximumBlobLength = 1 << 20
    options.readFile = { path in throw ReplayFileError(path: path) }
    let done = Done()
    Task.detached {
        _ = await ReplayRunner.run(script, host: EchoHost(), options: options)
        done.semaphore.signal()
    }
    done.semaphore.wait()
    return 0
}
