// Tests/UploadCanisterTests/UploadFuzzInput.swift - the upload-canister fuzz target's input and its checks
//
// Compiled into the test target and, by `.ci/run-fuzz`, into the libFuzzer target
// `.ci/fuzz/upload-canister.swift`, so the corpus replay test and the fuzzer run the same code.

import Candid
import CanisterRuntime
import UploadCanister

/// An input of the `upload-canister` fuzz target: calls with raw argument bytes, read from any bytes.
///
/// Each call is a selector byte, a caller byte, a little-endian 16-bit length and that many argument bytes
/// (fewer at the end of the input). The selector picks one of the canister's methods (sorted by name), or
/// one of two operations: advance the clock by the first two argument bytes in seconds and run the timers,
/// or upgrade the canister to the other backend. The caller byte picks one of ``callers``.
struct UploadFuzzInput: Sendable {
    enum Step: Sendable, Hashable {
        case call(method: String, caller: Principal, argument: [UInt8])
        case advance(seconds: UInt64)
        case upgrade

        var label: String {
            switch self {
            case .call(let method, let caller, let argument): "\(method) by \(caller) with \(argument.count) bytes"
            case .advance(let seconds): "advance \(seconds) s"
            case .upgrade: "upgrade"
            }
        }
    }

    /// At most this many steps are read; the rest of the input is ignored.
    static let maximumSteps = 32

    var steps: [Step] = []

    /// The steps in `bytes`.
    init(_ bytes: [UInt8]) {
        let methods = Self.methods.map(\.name)
        var offset = 0
        while offset + 4 <= bytes.count, steps.count < Self.maximumSteps {
            let selector = Int(bytes[offset]) % (methods.count + 2)
            let caller = Self.callers[Int(bytes[offset + 1]) % Self.callers.count]
            let length = Int(bytes[offset + 2]) | Int(bytes[offset + 3]) << 8
            let start = offset + 4
            let end = min(start + length, bytes.count)
            let argument = Array(bytes[start..<end])
            offset = end
            switch selector {
            case methods.count:
                let seconds = UInt64(argument.first ?? 0) | UInt64(argument.dropFirst().first ?? 0) << 8
                steps.append(.advance(seconds: seconds))
            case methods.count + 1:
                steps.append(.upgrade)
            default:
                steps.append(.call(method: methods[selector], caller: caller, argument: argument))
            }
        }
    }

    /// The canister's methods from its generated `.did`, sorted by name, with their result types.
    static let methods: [(name: String, results: [CandidType])] = {
        guard let did = try? UploadCanisterInterface.didFile() else { return [] }
        return (did.service?.methods ?? []).compactMap { method in
            guard case .function(let function) = method.type else { return nil }
            return (method.name, function.results)
        }.sorted { $0.name < $1.name }
    }()

    static let environment: CandidTypeEnvironment = (try? UploadCanisterInterface.didFile().environment) ?? .init()

    /// The principal of the one-byte tag `tag` (an opaque id; never the anonymous `04`).
    static func principal(_ tag: UInt8) -> Principal {
        (try? Principal(bytes: [tag, 0x01])) ?? .anonymous
    }

    /// The canister's controller, an admin named at install, two users and the anonymous principal.
    static let controller = principal(0xC0)
    static let admin = principal(0xAD)
    static let callers: [Principal] = [principal(0x0A), principal(0x0B), controller, admin, .anonymous]

    /// Small limits, so short inputs reach full uploads, the chunk limits and the caller limit; a short TTL.
    static func installArgument(_ backend: UploadCanister.Backend) -> UploadCanister.InitArg {
        UploadCanister.InitArg(
            backend: backend, chunkSize: 64, maxChunks: 16, maxActivePerCaller: 4,
            sessionTTLNanoseconds: 60_000_000_000, admins: [admin]
        )
    }

    /// What a step gave.
    enum Outcome: Hashable, Sendable {
        case reply(CallResult)
        case done
        case failed(String)
    }

    /// Runs the steps on a fresh upload canister of `backend` (the upgrade step switches it).
    func run(startingOn backend: UploadCanister.Backend) async -> (outcomes: [Outcome], memory: StableMemoryView?) {
        let replica = Replica(configuration: .withoutCallLog)
        let canister: Principal
        do {
            canister = try await replica.install(
                UploadCanister.self, argument: Self.installArgument(backend), controllers: [Self.controller]
            )
        } catch {
            return ([.failed("install: \(error)")], nil)
        }
        var backend = backend
        var outcomes: [Outcome] = []
        for step in steps {
            switch step {
            case .call(let method, let caller, let argument):
                outcomes.append(.reply(await replica.call(canister, method: method, argument: argument, caller: caller)))
            case .advance(let seconds):
                do {
                    try replica.advance(nanoseconds: seconds * 1_000_000_000)
                    await replica.tick()
                    outcomes.append(.done)
                } catch {
                    outcomes.append(.failed("advance: \(error)"))
                }
            case .upgrade:
                backend = backend == .compat ? .direct : .compat
                do {
                    try await UploadCanister.upgrade(canister, on: replica, to: backend, admins: [Self.admin])
                    outcomes.append(.done)
                } catch {
                    outcomes.append(.failed("upgrade to \(backend): \(error)"))
                }
            }
        }
        return (outcomes, try? await replica.stableMemory(of: canister))
    }

    /// Runs the steps on both backends and returns what is wrong: a reply that differs between them, a reply
    /// that does not decode at the method's result types, a reject other than a trap (5) or an explicit
    /// reject (4), a failed upgrade or clock step, or stable memories that end different.
    func problems() async -> [String] {
        let compat = await run(startingOn: .compat)
        let direct = await run(startingOn: .direct)
        var problems: [String] = []
        let results = Dictionary(Self.methods.map { ($0.name, $0.results) }, uniquingKeysWith: { first, _ in first })
        for (index, step) in steps.enumerated() {
            let left = index < compat.outcomes.count ? compat.outcomes[index] : .failed("missing")
            let right = index < direct.outcomes.count ? direct.outcomes[index] : .failed("missing")
            if left != right { problems.append("step \(index) \(step.label): compat \(left), direct \(right)") }
            for outcome in [left, right] {
                switch outcome {
                case .reply(.success(let bytes)):
                    guard case .call(let method, _, _) = step, let types = results[method] else { continue }
                    do {
                        _ = try Candid.decode(bytes, as: types, in: Self.environment)
                    } catch {
                        problems.append("step \(index) \(method): the reply does not decode: \(error)")
                    }
                case .reply(.failure(let reject)) where ![.canisterError, .canisterReject].contains(reject.code):
                    problems.append("step \(index) \(step.label): reject \(reject)")
                case .failed(let message):
                    problems.append("step \(index): \(message)")
                default:
                    break
                }
            }
        }
        if compat.memory != direct.memory { problems.append("the stable memories differ at the end") }
        return problems
    }
}

extension ReplicaConfiguration {
    /// The defaults without a call log: the log would keep every argument of a long run.
    static var withoutCallLog: ReplicaConfiguration {
        var configuration = ReplicaConfiguration()
        configuration.recordsCalls = false
        return configuration
    }
}
