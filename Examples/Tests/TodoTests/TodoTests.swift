// Examples/Tests/TodoTests/TodoTests.swift - the todo canister through the simulated replica

import Candid
import CanisterRuntime
import Testing
import Todo

@Suite struct TodoTests {
    let alice: Principal
    let bob: Principal

    init() throws {
        alice = try Principal(bytes: Array("alice".utf8))
        bob = try Principal(bytes: Array("bob".utf8))
    }

    func installed(maxTitleBytes: UInt32? = nil) async throws -> (Replica, Principal) {
        let replica = Replica()
        let id = try await replica.install(
            Todo.self, argument: Todo.Settings(maxTitleBytes: maxTitleBytes), controllers: [alice]
        )
        return (replica, id)
    }

    @Test func addThenList() async throws {
        let (replica, id) = try await installed()
        let first = try await replica.update(id, "add", "milk", caller: alice, returning: Result<UInt64, Todo.TodoError>.self)
        let second = try await replica.update(id, "add", "eggs", caller: bob, returning: Result<UInt64, Todo.TodoError>.self)
        #expect(first == .success(1))
        #expect(second == .success(2))
        let items = try await replica.query(id, "list", caller: alice, returning: [Todo.Item].self)
        #expect(items.map(\.title) == ["milk", "eggs"])
        #expect(items.map(\.owner) == [alice, bob])
        #expect(items.allSatisfy { !$0.done })
    }

    @Test func onlyTheOwnerCompletes() async throws {
        let (replica, id) = try await installed()
        _ = try await replica.update(id, "add", "milk", caller: alice, returning: Result<UInt64, Todo.TodoError>.self)
        let refused = try await replica.update(id, "complete", UInt64(1), caller: bob, returning: Result<Bool, Todo.TodoError>.self)
        #expect(refused == .failure(.notOwner))
        let missing = try await replica.update(id, "complete", UInt64(9), caller: alice, returning: Result<Bool, Todo.TodoError>.self)
        #expect(missing == .failure(.notFound(9)))
        let done = try await replica.update(id, "complete", UInt64(1), caller: alice, returning: Result<Bool, Todo.TodoError>.self)
        #expect(done == .success(true))
        #expect(try await replica.query(id, "list", caller: bob, returning: [Todo.Item].self).map(\.done) == [true])
    }

    @Test func theInstallArgumentBoundsTitles() async throws {
        let (replica, id) = try await installed(maxTitleBytes: 3)
        let long = try await replica.update(id, "add", "milk", caller: alice, returning: Result<UInt64, Todo.TodoError>.self)
        #expect(long == .failure(.titleTooLong(3)))
        #expect(try await replica.query(id, "list", caller: alice, returning: [Todo.Item].self).isEmpty)
    }

    @Test func theInterfaceIsCandid() throws {
        let interface = try CanisterModule(Todo.self).interface()
        let did = interface.didText
        #expect(did.contains("service : (Settings) -> {"), "\(did)")
        #expect(did.contains("add : (text) -> (variant { Ok : nat64; Err : TodoError });"), "\(did)")
        #expect(did.contains("list : () -> (vec Item) query;"), "\(did)")
        #expect(!did.contains("Result"), "\(did)")
        #expect(interface.method(named: "add")?.arguments == [.text])
        #expect(try DidFile.parse(did) == interface.didFile)
    }
}
