// Sources/CanisterRuntime/Method.swift - one exported method: name, kind, Candid types, handler

public import Candid

/// Whether a method changes state (update) or only reads it (query).
public enum MethodKind: String, Hashable, Sendable, CustomStringConvertible {
    case update
    case query

    public var description: String { rawValue }
}

/// A method a canister exports: its name, kind, Candid argument and result types, and handler.
///
/// Declare typed methods with ``update(_:_:)`` and ``query(_:_:)``: the argument and result types come
/// from the handler's signature (any `Codable` types, any number of each), so the closure must spell out
/// its parameter and return types. The runtime decodes the argument bytes at those types (a message that
/// does not decode traps before the handler runs), encodes the results, and prints them in the `.did`.
///
/// ```swift
/// .update("add") { (counter: inout Counter, context: inout CallContext, amount: UInt64) -> UInt64 in ... }
/// .query("pair") { (counter: Counter, context: QueryContext) -> (UInt64, String) in ... }
/// ```
public struct Method<C: Canister>: Sendable {
    /// The exported name.
    public let name: String
    /// Update or query.
    public let kind: MethodKind

    let signature: @Sendable () throws -> MethodTypes
    let handler: Handler

    enum Handler: Sendable {
        case update(@Sendable (inout C, inout CallContext, [UInt8]) throws -> [UInt8])
        case query(@Sendable (C, QueryContext, [UInt8]) throws -> [UInt8])
        /// An update that may await inter-canister calls (see `Method+Async.swift`).
        case asyncUpdate(@Sendable (AsyncContext<C>, [UInt8]) async throws -> [UInt8])
        /// A query that may await other queries (see `Method+Async.swift`).
        case compositeQuery(@Sendable (CompositeQueryContext<C>, [UInt8]) async throws -> [UInt8])
    }

    /// A method whose handler takes and returns raw Candid bytes. The runtime does not decode or check
    /// them; `arguments` and `results` are only what the `.did` declares.
    public static func rawUpdate(
        _ name: String,
        arguments: [CandidType] = [],
        results: [CandidType] = [],
        _ body: @escaping @Sendable (inout C, inout CallContext, [UInt8]) throws -> [UInt8]
    ) -> Method {
        let signature = MethodTypes(
            arguments: arguments.map { .init(type: $0, swiftName: nil) },
            results: results.map { .init(type: $0, swiftName: nil) },
            environment: [:]
        )
        return Method(name: name, kind: .update, signature: { signature }, handler: .update(body))
    }

    /// A query whose handler takes and returns raw Candid bytes (see ``rawUpdate(_:arguments:results:_:)``).
    public static func rawQuery(
        _ name: String,
        arguments: [CandidType] = [],
        results: [CandidType] = [],
        _ body: @escaping @Sendable (C, QueryContext, [UInt8]) throws -> [UInt8]
    ) -> Method {
        let signature = MethodTypes(
            arguments: arguments.map { .init(type: $0, swiftName: nil) },
            results: results.map { .init(type: $0, swiftName: nil) },
            environment: [:]
        )
        return Method(name: name, kind: .query, signature: { signature }, handler: .query(body))
    }
}

/// The Candid types of a method's arguments and results, with the Swift type names they came from and the
/// definitions of the recursive types they name.
struct MethodTypes: Sendable {
    struct Slot: Sendable, Hashable {
        var type: CandidType
        var swiftName: String?
    }

    var arguments: [Slot]
    var results: [Slot]
    var environment: [String: CandidType]
}
