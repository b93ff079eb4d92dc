// Tests/CanisterRuntimeTests/CandidNamesTests.swift - a canister names its .did types once, used everywhere

import Candid
import Testing
@testable import CanisterRuntime

/// A canister that lists its type names: `Item` appears nested (in a vec, in an opt, in a variant).
private struct Shelf: Canister {
    struct Item: Codable, Sendable {
        var title: String
        var count: UInt32
    }

    enum ShelfError: Error, Codable, Sendable {
        case missing(Item)
        case full

        enum CodingKeys: String, CodingKey, CaseIterable {
            case missing = "Missing"
            case full = "Full"
        }
    }

    init(install _: NoArguments, context: inout CallContext) throws {}

    static var candidNames: CandidNames { CandidNames([("Item", Item.self), ("ShelfError", ShelfError.self)]) }

    static let methods: [Method<Shelf>] = [
        .update("put") { (_: inout Shelf, _: inout CallContext, item: Item) -> Result<UInt64, ShelfError> in
            .failure(.missing(item))
        },
        .query("list") { (_: Shelf, _: QueryContext) -> [Item] in [] },
        .query("first") { (_: Shelf, _: QueryContext) -> Item? in nil },
    ]
}

/// The same canister naming whole types after their Swift types too.
private struct AutoShelf: Canister {
    init(install _: NoArguments, context: inout CallContext) throws {}
    static var candidNames: CandidNames { CandidNames([("Item", Shelf.Item.self)], namesWholeTypes: true) }
    static let methods: [Method<AutoShelf>] = [
        .update("put") { (_: inout AutoShelf, _: inout CallContext, item: Shelf.Item) -> Result<UInt64, Shelf.ShelfError> in
            .failure(.full)
        },
    ]
}

/// Two names for one structure.
private struct Clash: Canister {
    struct A: Codable, Sendable { var x: UInt8 }
    struct B: Codable, Sendable { var x: UInt8 }
    init(install _: NoArguments, context: inout CallContext) throws {}
    static var candidNames: CandidNames { CandidNames([("A", A.self), ("B", B.self)]) }
    static let methods: [Method<Clash>] = [.query("a") { (_: Clash, _: QueryContext) -> A in A(x: 1) }]
}

@Suite struct CandidNamesTests {
    @Test func listedTypesAreWrittenByNameEverywhereAndNothingElseIsNamed() throws {
        let interface = try CanisterInterface(of: Shelf.self)
        let did = interface.didFile
        #expect(did.definitionOrder == ["Item", "ShelfError"])
        #expect(did.environment.definitions["Item"]
            == .record([CandidField(CandidLabel("count"), .nat32), CandidField(CandidLabel("title"), .text)]
                .sorted { $0.label < $1.label }))
        #expect(did.environment.definitions["ShelfError"]
            == .variant([CandidField(CandidLabel("Full"), .null), CandidField(CandidLabel("Missing"), .named("Item"))]
                .sorted { $0.label < $1.label }))
        let text = interface.didText
        #expect(text.contains("put : (Item) -> (variant { Ok : nat64; Err : ShelfError });"), "\(text)")
        #expect(text.contains("list : () -> (vec Item) query;"), "\(text)")
        #expect(text.contains("first : () -> (opt Item) query;"), "\(text)")
        #expect(!text.contains("Result"), "\(text)")
        #expect(try DidFile.parse(text) == did)
        // The method descriptions keep the structures (what calls are typed by).
        #expect(interface.method(named: "list")?.results.first.map { if case .vec(.record) = $0 { true } else { false } } == true)
    }

    @Test func wholeTypesAreNamedWhenAsked() throws {
        let text = try CanisterInterface(of: AutoShelf.self).didText
        #expect(text.contains("type Result_UInt64_ShelfError = variant {"), "\(text)")
        #expect(text.contains("Missing : Item"), "\(text)")
        #expect(text.contains("put : (Item) -> (Result_UInt64_ShelfError);"), "\(text)")
    }

    @Test func twoNamesForOneStructureAreRefused() {
        let error = #expect(throws: CandidNames.Conflict.self) { try CanisterInterface(of: Clash.self) }
        #expect(error?.names == ["A", "B"])
        #expect(error?.description == "the types A and B have the same Candid structure")
    }
}
