// Tests/CanisterRuntimeTests/LogCounter.swift - a canister that logs, traps and reports the time

import Candid
@testable import CanisterRuntime

/// A counter whose methods write to the canister log: `note` logs and counts, `fail` logs then traps,
/// `peek` (a query) logs, `now` returns the message's time.
struct LogCounter: Canister, Equatable {
    var count: UInt64 = 0

    init(install _: NoArguments, context: inout CallContext) throws {
        context.log("installed")
    }

    static let methods: [Method<LogCounter>] = [
        .update("note") { (counter: inout LogCounter, context: inout CallContext, text: String) -> UInt64 in
            counter.count += 1
            context.log(text)
            return counter.count
        },
        .update("fail") { (counter: inout LogCounter, context: inout CallContext) -> UInt64 in
            counter.count += 1
            context.debugPrint("about to fail")
            try context.trap("failing on purpose")
        },
        .query("peek") { (counter: LogCounter, context: QueryContext) -> UInt64 in
            context.log("peeked")
            return counter.count
        },
        .update("now") { (_: inout LogCounter, context: inout CallContext) -> UInt64 in context.time },
        .update("schedule") { (_: inout LogCounter, context: inout CallContext) in
            try context.setTimer(after: .seconds(1)) { (counter: inout LogCounter, _: inout CallContext) in
                counter.count += 100
            }
        },
    ]
}
