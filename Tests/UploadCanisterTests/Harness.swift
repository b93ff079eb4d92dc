// Tests/UploadCanisterTests/Harness.swift - an upload canister on a replica, called with Candid bytes only

import Candid
import CanisterRuntime
import Testing
import UploadCanister
import Uploads
import TestSupport

/// Fixed principals: TestSupport's shared ones, and the two roles only this canister has.
enum Who {
    static let alice = TestPrincipals.alice
    static let bob = TestPrincipals.bob
    /// The canister's controller.
    static let controller = TestPrincipals.principal(0xC0)
    /// Named in the install argument's `controllers`.
    static let admin = TestPrincipals.principal(0xAD)
    static let anonymous = TestPrincipals.anonymous
}

/// The generated `.did`, parsed once: the types every call is encoded and decoded at.
enum Did {
    static let file: Result<DidFile, any Error> = Result { try UploadCanisterInterface.didFile() }

    static func get() throws -> DidFile { try file.get() }

    /// The argument and result types of `method`.
    static func signature(_ method: String) throws -> CandidFunctionType {
        let file = try get()
        guard let entry = file.service?.methods.first(where: { $0.name == method }),
            case .function(let function) = entry.type
        else { throw HarnessError("the .did has no method \(method)") }
        return function
    }

    static var environment: CandidTypeEnvironment {
        get throws { try get().environment }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One upload canister on its own replica. Every call goes through `Replica.call` with Candid bytes
/// encoded at the method's types from the generated `.did`.
struct Harness {
    let replica: Replica
    let canister: Principal
    let backend: UploadCanister.Backend
    /// The chunk size the canister was installed with.
    let chunkSize: Int

    /// The install text: `chunk_size`, `admin` as an admin, and any other `limits` (`; max_chunks = opt 4`).
    static func initText(_ backend: UploadCanister.Backend, chunkSize: Int, limits: String = "") -> String {
        "(record { backend = variant { \(backend) }; chunk_size = opt \(chunkSize); "
            + "admins = vec { principal \"\(Who.admin.text)\" }\(limits) })"
    }

    /// A replica with an upload canister installed by `controller` from the Candid text of `InitArg`. The
    /// chunk size is small (1000 bytes) unless given, so that uploads of a few chunks stay fast.
    static func make(
        _ backend: UploadCanister.Backend,
        chunkSize: Int = 1000,
        limits: String = "",
        replica configuration: ReplicaConfiguration = .init()
    ) async throws -> Harness {
        let replica = Replica(configuration: configuration)
        let canister = replica.createCanister(controllers: [Who.controller])
        try await replica.install(
            CanisterModule(UploadCanister.self), on: canister,
            argument: try initBytes(initText(backend, chunkSize: chunkSize, limits: limits)), sender: Who.controller
        )
        return Harness(replica: replica, canister: canister, backend: backend, chunkSize: chunkSize)
    }

    /// The Candid bytes of an `InitArg` text.
    static func initBytes(_ text: String) throws -> [UInt8] {
        let file = try Did.get()
        let types = file.serviceArguments ?? []
        return try Candid.encode(try Candid.parseArguments(text, as: types, in: file.environment), as: types,
            in: file.environment)
    }

    // MARK: - Calls

    /// The argument bytes of `method` for a Candid text tuple.
    static func arguments(_ method: String, _ text: String) throws -> [UInt8] {
        let signature = try Did.signature(method)
        let environment = try Did.environment
        let values = try Candid.parseArguments(text, as: signature.arguments, in: environment)
        return try Candid.encode(values, as: signature.arguments, in: environment)
    }

    /// The argument bytes of `method` for argument values.
    static func arguments(_ method: String, values: [CandidValue]) throws -> [UInt8] {
        try Candid.encode(values, as: try Did.signature(method).arguments, in: try Did.environment)
    }

    /// Calls `method` with raw bytes, as the kind it is declared with.
    func raw(_ method: String, _ bytes: [UInt8], as caller: Principal) async -> CallResult {
        await replica.call(canister, method: method, argument: bytes, caller: caller)
    }

    /// The reply bytes of `method(text)`; a reject fails the test.
    func reply(_ method: String, _ text: String, as caller: Principal) async throws -> [UInt8] {
        try await raw(method, try Self.arguments(method, text), as: caller).get()
    }

    /// The reply bytes of `method(values)`.
    func reply(_ method: String, values: [CandidValue], as caller: Principal) async throws -> [UInt8] {
        try await raw(method, try Self.arguments(method, values: values), as: caller).get()
    }

    /// The reply of `method(text)` decoded at the method's result types.
    func call(_ method: String, _ text: String = "()", as caller: Principal) async throws -> [CandidValue] {
        try Self.decode(method, try await reply(method, text, as: caller))
    }

    /// The reply of `method(values)` decoded at the method's result types.
    func call(_ method: String, values: [CandidValue], as caller: Principal) async throws -> [CandidValue] {
        try Self.decode(method, try await reply(method, values: values, as: caller))
    }

    /// Reply bytes decoded at `method`'s result types.
    static func decode(_ method: String, _ bytes: [UInt8]) throws -> [CandidValue] {
        try Candid.decode(bytes, as: try Did.signature(method).results, in: try Did.environment)
    }

    /// A reply text parsed at `method`'s result types: what a reply is compared with.
    static func expected(_ method: String, _ text: String) throws -> [CandidValue] {
        try Candid.parseArguments(text, as: try Did.signature(method).results, in: try Did.environment)
    }

    /// Asserts that `method(arguments)` by `caller` replies exactly `expected` (Candid text at the result types).
    @discardableResult
    func expect(
        _ method: String,
        _ arguments: String = "()",
        as caller: Principal,
        _ expected: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [UInt8] {
        let bytes = try await reply(method, arguments, as: caller)
        let got = try Self.decode(method, bytes)
        let want = try Self.expected(method, expected)
        #expect(
            got == want, "\(backend): \(method)\(arguments) replied \(Candid.printArguments(got))",
            sourceLocation: sourceLocation
        )
        return bytes
    }

    // MARK: - State

    /// Everything a call could change: stable memory bytes and the backend's snapshot.
    func state() async throws -> CanisterState {
        let memory = try await replica.stableMemory(of: canister).bytes
        let canisterState = try await replica.state(of: canister, as: UploadCanister.self)
        return CanisterState(stableMemory: memory, snapshot: canisterState.backend.snapshot())
    }
}

/// A canister's observable state, for "nothing changed" checks.
struct CanisterState: Equatable {
    var stableMemory: [UInt8]
    var snapshot: UploadSnapshot
}
