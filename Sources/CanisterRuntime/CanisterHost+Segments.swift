// Sources/CanisterRuntime/CanisterHost+Segments.swift - the host's side of scheduled messages

import Candid

extension CanisterHost {
    /// How the scheduler must run `method`.
    func entry(of method: String) -> MethodEntry {
        guard let instance else { return .noModule }
        return (instance as? any AsyncCapable)?.entry(of: method) ?? .missing
    }

    /// Starts the first segment of a call to an async method: a working copy of the canister and a message
    /// context with the stable memory journaled, in a new frame. `nil` when the canister is empty or the
    /// method is not async.
    func startFrame(
        method: String,
        caller: Principal,
        time: UInt64,
        maximumCallPayloadBytes: Int
    ) -> (any AnyFrame)? {
        guard let (working, context) = beginSegment(method: method, caller: caller, time: time) else { return nil }
        guard
            let frame = (working as? any AsyncCapable)?.makeFrame(
                method: method, context: context, maximumCallPayloadBytes: maximumCallPayloadBytes
            )
        else {
            rollBackSegment(context: context)
            return nil
        }
        return frame
    }

    /// The canister and a message context for the next segment of a call; `nil` when the canister is empty.
    func beginSegment(method: String, caller: Principal, time: UInt64) -> (any InstalledCanister, CallContext)? {
        guard let instance else { return nil }
        return (instance, beginMessage(caller: caller, time: time, method: method, on: instance))
    }

    /// Commits a segment: the working canister, the stable memory writes and the timer changes.
    func commitSegment(_ working: any InstalledCanister, context: CallContext) {
        var context = context
        commit(working, context: &context)
    }

    /// Rolls a segment back to the last commit.
    func rollBackSegment(context: CallContext) {
        var context = context
        rollBack(context: &context)
    }

    /// The canister and a query context for a composite query; `nil` when the canister is empty.
    func querySnapshot(method: String, caller: Principal, time: UInt64) -> (any InstalledCanister, QueryContext)? {
        guard let instance else { return nil }
        let context = QueryContext(
            caller: caller, time: time, canisterId: id, controllers: controllerList(), methodName: method,
            stableMemory: stableMemoryView()
        )
        return (instance, context)
    }
}
