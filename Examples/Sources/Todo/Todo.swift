// Examples/Sources/Todo/Todo.swift - a todo list canister: owners add items, mark them done, list them

public import Candid
public import CanisterRuntime

/// A todo list shared by everyone who calls it; each item belongs to the caller that added it.
public struct Todo: Canister {
    /// The install argument: the longest title accepted.
    public struct Settings: Codable, Sendable {
        public var maxTitleBytes: UInt32?

        public init(maxTitleBytes: UInt32? = nil) {
            self.maxTitleBytes = maxTitleBytes
        }

        enum CodingKeys: String, CodingKey {
            case maxTitleBytes = "max_title_bytes"
        }
    }

    /// An item as `list` returns it.
    public struct Item: Codable, Equatable, Sendable {
        public var id: UInt64
        public var title: String
        public var done: Bool
        public var owner: Principal
    }

    /// Why a call was refused.
    public enum TodoError: Error, Codable, Equatable, Sendable {
        case titleTooLong(UInt32)
        case notFound(UInt64)
        case notOwner

        enum CodingKeys: String, CodingKey, CaseIterable {
            case titleTooLong = "TitleTooLong"
            case notFound = "NotFound"
            case notOwner = "NotOwner"
        }
    }

    public typealias InstallArgument = Settings

    var items = PersistentMap<UInt64, Item>()
    var nextId: UInt64 = 1
    let maxTitleBytes: UInt32

    public init(install settings: Settings, context: inout CallContext) throws {
        maxTitleBytes = settings.maxTitleBytes ?? 64
    }

    /// The `.did` writes these types by name wherever they occur, and names nothing else.
    public static var candidNames: CandidNames {
        CandidNames([("Settings", Settings.self), ("Item", Item.self), ("TodoError", TodoError.self)])
    }

    public static let methods: [Method<Todo>] = [
        .update("add") { (todo: inout Todo, context: inout CallContext, title: String) -> Result<UInt64, TodoError> in
            guard title.utf8.count <= Int(todo.maxTitleBytes) else { return .failure(.titleTooLong(todo.maxTitleBytes)) }
            let id = todo.nextId
            todo.nextId += 1
            todo.items[id] = Item(id: id, title: title, done: false, owner: context.caller)
            return .success(id)
        },
        .update("complete") { (todo: inout Todo, context: inout CallContext, id: UInt64) -> Result<Bool, TodoError> in
            guard var item = todo.items[id] else { return .failure(.notFound(id)) }
            guard item.owner == context.caller else { return .failure(.notOwner) }
            item.done = true
            todo.items[id] = item
            return .success(true)
        },
        .query("list") { (todo: Todo, _: QueryContext) -> [Item] in
            todo.items.values
        },
    ]
}
