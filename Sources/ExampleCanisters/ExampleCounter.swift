// Sources/ExampleCanisters/ExampleCounter.swift - the `counter` module scripts deploy through aaaaa-aa

public import CanisterRuntime

/// The canister type registered as `counter` for the scripts that deploy through the management
/// canister (`Fixtures/scripts/deploy-two-canisters.repl`): `inc` counts and logs, `get` reads, `fail`
/// logs and traps; the count survives an upgrade through stable memory.
public struct ExampleCounter: Canister {
    var count: UInt64 = 0

    public init(install _: NoArguments, context: inout CallContext) throws {}

    public init(upgrade _: NoArguments, context: inout CallContext) throws {
        count = try context.stableMemory.load(UInt64.self, at: 0)
    }

    public func preUpgrade(context: inout CallContext) throws {
        if context.stableMemory.pageCount == 0 { try context.stableMemory.grow(by: 1) }
        try context.stableMemory.store(count, at: 0)
    }

    public static let methods: [Method<ExampleCounter>] = [
        .update("inc") { (counter: inout ExampleCounter, context: inout CallContext) -> UInt64 in
            counter.count += 1
            context.log("count \(counter.count)")
            return counter.count
        },
        .query("get") { (counter: ExampleCounter, _: QueryContext) -> UInt64 in counter.count },
        .update("fail") { (counter: inout ExampleCounter, context: inout CallContext) -> UInt64 in
            counter.count += 1
            try context.trap("count \(counter.count) refused")
        },
    ]

    /// Registers the type as `counter`.
    public static func register(on replica: Replica) throws {
        try replica.register(CanisterModule(ExampleCounter.self), as: "counter")
    }
}
