// Sources/canister-bench/Benchmarks+Mapping.swift - the Candid mapping of Swift types, and typed calls

import Candid
import CanisterRuntime
import Uploads

/// The argument of the todo canister's `add`: a record of three fields.
struct NewTodo: Codable, Hashable, Sendable {
    var title: String
    var priority: UInt8
    var due: UInt64?
}

/// The error of `add`: `variant { EmptyTitle; Full }`.
enum TodoError: Error, Codable, Hashable, Sendable {
    case emptyTitle
    case full

    enum CodingKeys: String, CodingKey, CaseIterable {
        case emptyTitle = "EmptyTitle"
        case full = "Full"
    }
}

/// A canister with `add(NewTodo) -> variant { Ok : nat64; Err : TodoError }`.
struct TodoCanister: Canister {
    typealias InstallArgument = NoArguments

    var count: UInt64 = 0

    init(install argument: NoArguments, context: inout CallContext) throws {}

    static let methods: [Method<TodoCanister>] = [
        .update("add") {
            (canister: inout TodoCanister, _: inout CallContext, todo: NewTodo) -> Result<UInt64, TodoError> in
            guard !todo.title.isEmpty else { return .failure(.emptyTitle) }
            canister.count += 1
            return .success(canister.count)
        }
    ]
}

extension Benchmark {
    /// Typed values mapped per sample by the mapping benchmarks.
    static let mappingPerSample = 20_000

    /// The todo every mapping and typed-call benchmark sends.
    static var sampleTodo: NewTodo { NewTodo(title: "buy avocados", priority: 3, due: 1_767_225_600_000_000_000) }

    /// Encodes the full `AssetMetadata` from the Swift value, as a client of `uploads_begin` does.
    static var candidEncodeMetadata: Benchmark {
        .measured(
            "candid-encode-futura-metadata",
            measures: "encode an `AssetMetadata` (the Image variant, all 23 fields set) from the Swift value "
                + "(`Candid.encodeArguments`), 20,000 per sample",
            unit: .operations("message"),
            target: .atMost(
                microseconds: 3,
                note: "the Candid mapping at codec speed: a codec prepared once per Swift type (issue #15)"
            )
        ) {
            let metadata = fullMetadata
            let messages = mappingPerSample
            return {
                var total = 0
                for _ in 0 ..< messages { total &+= try Candid.encodeArguments(metadata).count }
                blackHole(total)
                return messages
            }
        }
    }

    /// Decodes the 3-field record argument of `add`.
    static var candidDecodeRecord3: Benchmark {
        .measured(
            "candid-decode-record-3-fields",
            measures: "decode `record { title : text; priority : nat8; due : opt nat64 }` into a Swift struct "
                + "(`Candid.decodeArguments`), 20,000 per sample",
            unit: .operations("message"),
            target: .atMost(microseconds: 0.5, note: "a small record decodes straight into the Swift value (issue #15)")
        ) {
            let todo = sampleTodo
            let message = try Candid.encodeArguments(todo)
            guard try Candid.decodeArguments(message, as: NewTodo.self) == todo else {
                throw BenchError("the todo did not round-trip")
            }
            let messages = mappingPerSample
            return {
                var check = 0
                for _ in 0 ..< messages {
                    check &+= Int(try Candid.decodeArguments(message, as: NewTodo.self).priority)
                }
                blackHole(check)
                return messages
            }
        }
    }

    /// Encodes the reply of `add`: `Result<UInt64, TodoError>` as `variant { Ok : nat64; Err : TodoError }`.
    static var candidEncodeResult: Benchmark {
        .measured(
            "candid-encode-result-nat64",
            measures: "encode the reply `variant { Ok : nat64; Err : TodoError }` from a Swift `Result` "
                + "(`Candid.encodeArguments`), 20,000 per sample",
            unit: .operations("message"),
            target: .atMost(microseconds: 0.5, note: "a reply encodes straight from the Swift value (issue #15)")
        ) {
            let messages = mappingPerSample
            return {
                var total = 0
                for index in 0 ..< messages {
                    let reply = Result<UInt64, TodoError>.success(UInt64(index))
                    total &+= try Candid.encodeArguments(reply).count
                }
                blackHole(total)
                return messages
            }
        }
    }

    /// `add(NewTodo)` through the replica's typed API: argument encoded, reply decoded as a `Result`.
    static var replicaUpdateTyped: Benchmark {
        .measured(
            "replica-update-typed-record",
            measures: "`add(NewTodo) -> variant { Ok : nat64; Err }` through the replica's typed API (record "
                + "encoded, `Result` decoded), 20,000 per sample",
            unit: .operations("call"),
            target: .atMost(
                microseconds: 5,
                note: "200,000 typed calls/s with a record argument and a Result reply (issue #15)"
            )
        ) {
            let (replica, canister) = try blockingAwait {
                var configuration = ReplicaConfiguration()
                configuration.recordsCalls = false
                let replica = Replica(configuration: configuration)
                let canister = try await replica.install(TodoCanister.self, controllers: [BenchPrincipals.controller])
                return (replica, canister)
            }
            let todo = sampleTodo
            let calls = callsPerSample
            var expected: UInt64 = 0
            return {
                expected = try blockingAwait { [expected] in
                    var count = expected
                    for _ in 0 ..< calls {
                        let reply = try await replica.update(
                            canister, "add", todo, caller: BenchPrincipals.client,
                            returning: Result<UInt64, TodoError>.self
                        )
                        count += 1
                        guard reply == .success(count) else { throw BenchError("add replied \(reply)") }
                    }
                    return count
                }
                return calls
            }
        }
    }
}
