// Sources/CanisterRuntime/MessageFrame.swift - one call to an async method, across its segments

import Candid
import Synchronization

/// A call the running segment sends: awaited (it ends the segment) or fire-and-forget.
struct OutgoingCall: Sendable {
    var target: Principal
    var method: String
    var argument: [UInt8]
}

/// How a segment of an async method ended.
enum SegmentOutcome: Sendable {
    /// The handler awaits `call`; `notifications` were sent before it, in order.
    case awaiting(OutgoingCall, notifications: [OutgoingCall])
    /// The handler returned or threw.
    case finished(Completion, notifications: [OutgoingCall])

    enum Completion: Sendable {
        case replied([UInt8])
        case rejected(CanisterRejection)
        case trapped(any Error)
    }
}

/// The scheduler's view of a frame, whatever its canister type.
protocol AnyFrame: AnyObject, Sendable {
    /// Starts the handler on its own task; `ended` is resumed when the first segment ends.
    func start(argument: [UInt8], ended: CheckedContinuation<SegmentOutcome, Never>)
    /// Resumes the handler with the reply of the call it awaits; `ended` is resumed when the segment ends.
    func resume(with result: CallResult, ended: CheckedContinuation<SegmentOutcome, Never>)
    /// Gives the frame the canister's current state for the next segment; `false` if the code is another type.
    func load(_ working: any InstalledCanister, context: CallContext) -> Bool
    /// The segment's state and context, to commit or roll back.
    func unload() -> (any InstalledCanister, CallContext)
}

/// The state of one call to an async method of a canister of type `C`: its working copy of the canister
/// during a segment, and the two continuations that hand control between the handler and the scheduler.
///
/// Only one side runs at a time: the scheduler waits on `ended` while a segment runs, and the handler waits
/// on `reply` while the scheduler runs other messages.
final class Frame<C: Canister>: AnyFrame {
    let canister: Principal
    let caller: Principal
    let method: String
    let maximumCallPayloadBytes: Int
    private let body: @Sendable (AsyncContext<C>, [UInt8]) async throws -> [UInt8]
    private let cell: Mutex<Cell>

    struct Cell: Sendable {
        var instance: Instance<C>
        var context: CallContext
        var ended: CheckedContinuation<SegmentOutcome, Never>?
        var reply: CheckedContinuation<CallResult, Never>?
        var notifications: [OutgoingCall] = []
    }

    init(
        instance: Instance<C>,
        context: CallContext,
        method: String,
        maximumCallPayloadBytes: Int,
        body: @escaping @Sendable (AsyncContext<C>, [UInt8]) async throws -> [UInt8]
    ) {
        self.canister = context.canisterId
        self.caller = context.caller
        self.method = method
        self.maximumCallPayloadBytes = maximumCallPayloadBytes
        self.body = body
        self.cell = Mutex(Cell(instance: instance, context: context))
    }

    func withCell<T: Sendable>(_ body: (inout Cell) throws -> T) rethrows -> T {
        try cell.withLock { cell in try body(&cell) }
    }

    func start(argument: [UInt8], ended: CheckedContinuation<SegmentOutcome, Never>) {
        cell.withLock { $0.ended = ended }
        Task {
            let context = AsyncContext(frame: self)
            let completion: SegmentOutcome.Completion
            do {
                completion = .replied(try await body(context, argument))
            } catch let rejection as CanisterRejection {
                completion = .rejected(rejection)
            } catch {
                completion = .trapped(error)
            }
            finish(completion)
        }
    }

    func resume(with result: CallResult, ended: CheckedContinuation<SegmentOutcome, Never>) {
        let reply = cell.withLock { cell in
            cell.ended = ended
            defer { cell.reply = nil }
            return cell.reply
        }
        reply?.resume(returning: result)
    }

    func load(_ working: any InstalledCanister, context: CallContext) -> Bool {
        guard let instance = working as? Instance<C> else { return false }
        cell.withLock { cell in
            cell.instance = instance
            cell.context = context
        }
        return true
    }

    func unload() -> (any InstalledCanister, CallContext) {
        cell.withLock { cell in (cell.instance, cell.context) }
    }

    /// Ends the segment at an await of `call`, and waits for its reply.
    func suspend(at call: OutgoingCall) async -> CallResult {
        await withCheckedContinuation { (reply: CheckedContinuation<CallResult, Never>) in
            guard let (ended, notifications) = handOff(waitingOn: reply) else {
                reply.resume(returning: .failure(.overlappingAwait(canister)))
                return
            }
            ended.resume(returning: .awaiting(call, notifications: notifications))
        }
    }

    /// Queues a fire-and-forget call; it is sent when the segment commits.
    func notify(_ call: OutgoingCall) {
        cell.withLock { $0.notifications.append(call) }
    }

    private func finish(_ completion: SegmentOutcome.Completion) {
        guard let (ended, notifications) = handOff(waitingOn: nil) else { return }
        ended.resume(returning: .finished(completion, notifications: notifications))
    }

    /// Ends the segment: takes the scheduler's continuation and the notifications sent, and stores `reply`
    /// (the handler's continuation while it awaits). `nil` when no segment runs, or one awaits already.
    private func handOff(
        waitingOn reply: CheckedContinuation<CallResult, Never>?
    ) -> (CheckedContinuation<SegmentOutcome, Never>, [OutgoingCall])? {
        cell.withLock { cell in
            guard let ended = cell.ended, cell.reply == nil else { return nil }
            cell.ended = nil
            cell.reply = reply
            defer { cell.notifications = [] }
            return (ended, cell.notifications)
        }
    }
}

/// Which kind of handler a method has, as the scheduler routes it.
enum MethodEntry: Sendable, Equatable {
    case noModule
    case missing
    case sync(MethodKind)
    case asyncUpdate
    case compositeQuery
}

/// The async handlers of a running canister, whatever its type.
protocol AsyncCapable: InstalledCanister {
    func entry(of method: String) -> MethodEntry
    func makeFrame(method: String, context: CallContext, maximumCallPayloadBytes: Int) -> (any AnyFrame)?
    func runCompositeQuery(
        _ method: String,
        argument: [UInt8],
        context: QueryContext,
        scheduler: Scheduler,
        depth: Int
    ) async -> CallResult
}

extension Instance: AsyncCapable {
    func entry(of method: String) -> MethodEntry {
        switch methods.methods[method]?.handler {
        case nil: .missing
        case .update?: .sync(.update)
        case .query?: .sync(.query)
        case .asyncUpdate?: .asyncUpdate
        case .compositeQuery?: .compositeQuery
        }
    }

    func makeFrame(method: String, context: CallContext, maximumCallPayloadBytes: Int) -> (any AnyFrame)? {
        guard case .asyncUpdate(let body)? = methods.methods[method]?.handler else { return nil }
        return Frame(
            instance: self, context: context, method: method, maximumCallPayloadBytes: maximumCallPayloadBytes,
            body: body
        )
    }

    func runCompositeQuery(
        _ method: String,
        argument: [UInt8],
        context: QueryContext,
        scheduler: Scheduler,
        depth: Int
    ) async -> CallResult {
        guard case .compositeQuery(let body)? = methods.methods[method]?.handler else {
            return .failure(.methodNotFound(context.canisterId, method: method, kind: .query))
        }
        let queryContext = CompositeQueryContext(state: state, base: context, scheduler: scheduler, depth: depth)
        do {
            return .success(try await body(queryContext, argument))
        } catch {
            return .failure(.from(error, canister: context.canisterId))
        }
    }
}
