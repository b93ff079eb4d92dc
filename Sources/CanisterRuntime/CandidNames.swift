// Sources/CanisterRuntime/CandidNames.swift - which Candid types a canister's .did writes by name

import Candid

/// How a canister's `.did` names its types (``Canister/candidNames``).
///
/// By default (``automatic``) each record or variant that is a whole argument or result is named after
/// its Swift type (`Result<UInt64, TodoError>` becomes `Result_UInt64_TodoError`), and everything nested
/// is written out in full. A canister that names its types lists them: each listed type is written once
/// as `type Name = ...;` and referred to by that name wherever its structure occurs, at any depth, and
/// no other name is generated unless ``namesWholeTypes`` asks for them too.
public struct CandidNames {
    /// The Swift types written by name, with their `.did` names.
    public var types: [(name: String, type: any Decodable.Type)]
    /// Whether unlisted records and variants that are whole arguments or results are named after their
    /// Swift types.
    public var namesWholeTypes: Bool

    /// Names `types` wherever their structure occurs; other types are named after their Swift types
    /// only when `namesWholeTypes` is set.
    public init(_ types: [(name: String, type: any Decodable.Type)], namesWholeTypes: Bool = false) {
        self.types = types
        self.namesWholeTypes = namesWholeTypes
    }

    /// Whole arguments and results named after their Swift types, nothing else named.
    public static var automatic: CandidNames { CandidNames([], namesWholeTypes: true) }

    /// Two listed names describe the same Candid structure, so a type could not be written under one name.
    public struct Conflict: Error, Hashable, Sendable, CustomStringConvertible {
        /// The names, sorted.
        public let names: [String]

        public var description: String {
            "the types \(names.joined(separator: " and ")) have the same Candid structure"
        }
    }

    /// Each listed type's Candid structure, by structure and by name.
    ///
    /// - Throws: ``Conflict`` when two names describe one structure; `CandidError` when a type has no
    ///   Candid mapping.
    func structures() throws -> (names: [CandidType: String], order: [String]) {
        var names: [CandidType: String] = [:]
        var order: [String] = []
        for (name, type) in types {
            func structure<T: Decodable>(_ type: T.Type) throws -> CandidType {
                try CandidDecoder().candidType(of: type)
            }
            let candidType = try structure(type)
            if let other = names[candidType] { throw Conflict(names: [other, name].sorted()) }
            names[candidType] = name
            order.append(name)
        }
        return (names, order)
    }
}

extension Canister {
    /// Whole arguments and results named after their Swift types (``CandidNames/automatic``).
    public static var candidNames: CandidNames { .automatic }
}
