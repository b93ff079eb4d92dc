// Sources/CanisterRuntime/Scheduler.swift - the deterministic owner of every pending message

public import Candid

/// The deterministic scheduler of a replica's messages: ingress calls, inter-canister requests and replies.
///
/// It runs one message at a time and waits until that message's segment has finished or suspended at an
/// await before it picks the next one, so a run depends only on the policy. The IC's ordering rules bound
/// the choice: requests from one canister to another start in the order they were sent; ingress messages
/// and replies may run in any order. Among the enabled messages, ``SchedulePolicy/fifo`` takes the oldest,
/// ``SchedulePolicy/seeded(_:)`` draws one, ``SchedulePolicy/replay(_:)`` follows a token. ``token`` is the
/// order taken; replaying it gives the same ``trace`` byte for byte.
///
/// The PocketIC-style API: ``submit(_:method:argument:caller:)`` returns a ``MessageID``, ``step()`` runs
/// one message, ``result(of:)`` runs messages until that one has its result.
///
/// ```swift
/// let scheduler = Scheduler(replica: replica, policy: .seeded(7))
/// let first = try await scheduler.submit(escrow, method: "withdraw", argument: bytes, caller: alice)
/// let second = try await scheduler.submit(escrow, method: "withdraw", argument: bytes, caller: alice)
/// _ = try await scheduler.result(of: first)
/// print(await scheduler.token)   // e.g. v1-2.1
/// ```
///
/// ### Implementation Notes
/// An async method runs on its own task. The scheduler starts or resumes it through a continuation and then
/// waits on another continuation that the handler resumes when it awaits a call or returns: only one side
/// runs at a time. At an await the segment commits on the canister's host; its reply is a new message that
/// begins a new segment on the canister's then-current state.
public actor Scheduler {
    /// The bounds of a scheduler; every one is configurable and each error names its limit.
    public struct Limits: Hashable, Sendable {
        /// The largest argument (and async reply) of an inter-canister call: 2 MiB, the IC's cross-subnet limit.
        public var maximumCallPayloadBytes: Int = 2 * 1024 * 1024
        /// The most messages that may be pending at once; a call past it is refused (reject code 2).
        public var maximumPendingMessages: Int = 100_000
        /// The most messages one scheduler runs; ``step()`` fails past it.
        public var maximumSteps: Int = 1_000_000
        /// How deep composite queries may nest their calls.
        public var maximumCompositeQueryDepth: Int = 16

        /// The defaults.
        public init() {}
    }

    /// A message's id, in the order the scheduler created them: `m1`, `m2`, ...
    public struct MessageID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
        /// The number, from 1.
        public let rawValue: UInt64

        /// The id with this number.
        public init(rawValue: UInt64) {
            self.rawValue = rawValue
        }

        public var description: String { "m\(rawValue)" }

        public static func < (lhs: MessageID, rhs: MessageID) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One executed message: its place in the run, its id and what it did, as printed in ``trace``.
    public struct Step: Hashable, Sendable {
        /// The step number, from 1.
        public let number: Int
        /// The message run.
        public var message: MessageID { entry.message }
        let entry: TraceEntry

        /// A line such as `m3 call rrkah-…-cai -> ryjl3-…-cai.transfer: replied 7 bytes 4449444c…`.
        public var description: String { entry.description }
    }

    /// The replica whose canisters the messages go to.
    public nonisolated let replica: Replica
    /// The scheduler's bounds.
    public nonisolated let limits: Limits
    /// How the next message is picked.
    public nonisolated let policy: SchedulePolicy

    private var random: ScheduleRandom?
    private var pending: [Pending] = []
    private var nextID: UInt64 = 1
    private var ingress: Set<MessageID> = []
    private var results: [MessageID: CallResult] = [:]
    private var frames: [MessageID: FrameRecord] = [:]
    private var choices: [ScheduleToken.Choice] = []
    private var sizes: [Int] = []
    private var entries: [TraceEntry] = []
    private var stepping = false

    /// A scheduler of `replica`'s messages.
    public init(replica: Replica, policy: SchedulePolicy = .fifo, limits: Limits = .init()) {
        self.replica = replica
        self.policy = policy
        self.limits = limits
        if case .seeded(let seed) = policy { random = ScheduleRandom(seed: seed) }
    }

    // MARK: - The PocketIC-style API

    /// Queues an update call from a user (an ingress message) and returns its id; nothing runs yet.
    ///
    /// - Throws: ``SchedulerError`` when the argument is over the ingress limit or the queue is full.
    public func submit(
        _ canister: Principal,
        method: String,
        argument: [UInt8],
        caller: Principal = .anonymous
    ) throws(SchedulerError) -> MessageID {
        let limit = replica.configuration.maximumIngressPayloadBytes
        guard argument.count <= limit else {
            throw SchedulerError(.payloadTooLarge, "the argument of \(argument.count) bytes is over the ingress "
                + "limit of \(limit) bytes (ReplicaConfiguration.maximumIngressPayloadBytes)")
        }
        guard pending.count < limits.maximumPendingMessages else {
            throw SchedulerError(.queueFull, "\(limits.maximumPendingMessages) messages are pending "
                + "(Scheduler.Limits.maximumPendingMessages)")
        }
        let request = Request(
            sender: caller, fromCanister: false, target: canister, method: method, argument: argument,
            origin: .ingress
        )
        let id = enqueue(.request(request))
        ingress.insert(id)
        return id
    }

    /// Runs one message: the one the policy picks among those the IC allows to run now.
    ///
    /// - Returns: What ran, or `nil` when nothing is pending.
    /// - Throws: ``SchedulerError`` when another step is running or the run is over ``Limits/maximumSteps``.
    @discardableResult
    public func step() async throws(SchedulerError) -> Step? {
        guard !stepping else {
            throw SchedulerError(.busy, "a step is already running; drive a scheduler from one task")
        }
        guard !pending.isEmpty else { return nil }
        guard entries.count < limits.maximumSteps else {
            throw SchedulerError(.stepLimit, "the run is over \(limits.maximumSteps) messages "
                + "(Scheduler.Limits.maximumSteps)")
        }
        stepping = true
        defer { stepping = false }
        let enabled = enabledPositions()
        let message = pending.remove(at: enabled[choose(among: enabled.count)])
        let entry: TraceEntry = switch message.body {
        case .request(let request): await run(request, id: message.id)
        case .reply(let frame, let result): await resume(frame, with: result, id: message.id)
        }
        entries.append(entry)
        return Step(number: entries.count, entry: entry)
    }

    /// Runs messages until the ingress message `id` has its result, and returns it.
    ///
    /// - Throws: ``SchedulerError`` for an id that is not an ingress message of this scheduler, when nothing
    ///   is left to run before it completes, or from ``step()``.
    public func result(of id: MessageID) async throws(SchedulerError) -> CallResult {
        guard ingress.contains(id) else {
            throw SchedulerError(.unknownMessage, "\(id) is not an ingress message of this scheduler")
        }
        while true {
            if let result = results[id] { return result }
            guard try await step() != nil else {
                throw SchedulerError(.neverCompletes, "\(id) has no result and no message is pending")
            }
        }
    }

    /// The result of an ingress message if it has one, without running anything.
    public func status(of id: MessageID) -> CallResult? {
        results[id]
    }

    /// Runs messages until none is pending.
    ///
    /// - Returns: The number of messages run.
    @discardableResult
    public func runUntilIdle() async throws(SchedulerError) -> Int {
        var count = 0
        while try await step() != nil { count += 1 }
        return count
    }

    /// The number of messages pending.
    public var pendingCount: Int { pending.count }

    /// The order taken so far.
    public var token: ScheduleToken { ScheduleToken(uncheckedChoices: choices) }

    /// How many messages were enabled at each decision so far (the explorer's branching).
    public var decisionSizes: [Int] { sizes }

    /// One line per message run, in order (built when asked for: a run stores only what happened).
    public var trace: [String] { entries.map(\.description) }

    // MARK: - Choosing

    /// The positions in `pending` of the messages the IC allows to run now: every message but a request
    /// from a canister behind an earlier pending request from the same canister to the same canister.
    private func enabledPositions() -> [Int] {
        guard pending.count > 1 else { return [0] }
        var seen: Set<Pair> = []
        var positions: [Int] = []
        for (position, message) in pending.enumerated() {
            if case .request(let request) = message.body, request.fromCanister {
                let pair = Pair(sender: request.sender, target: request.target)
                guard seen.insert(pair).inserted else { continue }
            }
            positions.append(position)
        }
        return positions
    }

    private func choose(among count: Int) -> Int {
        guard count > 1 else { return 0 }
        let decision = sizes.count
        sizes.append(count)
        let index: Int = switch policy {
        case .fifo: 0
        case .seeded: random?.next(below: count) ?? 0
        case .replay(let token): min(token.index(at: decision), count - 1)
        }
        if index != 0 { choices.append(.init(decision: decision, index: index)) }
        return index
    }

    @discardableResult
    private func enqueue(_ body: Pending.Body) -> MessageID {
        let id = MessageID(rawValue: nextID)
        nextID += 1
        pending.append(Pending(id: id, body: body))
        return id
    }

    // MARK: - Running messages

    private func run(_ request: Request, id: MessageID) async -> TraceEntry {
        let entry = { (outcome: TraceEntry.Outcome) in
            TraceEntry(message: id, kind: request.fromCanister ? .call : .ingress, request: request, outcome: outcome)
        }
        let host: CanisterHost
        do {
            host = try replica.host(request.target)
        } catch {
            return entry(complete(request, id: id, with: .failure(error), log: true))
        }
        switch await host.entry(of: request.method) {
        case .noModule:
            return entry(complete(request, id: id, with: .failure(.noModule(request.target)), log: true))
        case .missing:
            let reject = Reject.methodNotFound(request.target, method: request.method, kind: .update)
            return entry(complete(request, id: id, with: .failure(reject), log: true))
        case .compositeQuery:
            let reject = Reject.compositeQueryReplicated(request.target, method: request.method)
            return entry(complete(request, id: id, with: .failure(reject), log: true))
        case .sync:
            // The host runs and logs a synchronous method as one message.
            var result = await host.update(request.method, argument: request.argument, caller: request.sender)
            if request.fromCanister, case .success(let bytes) = result, bytes.count > limits.maximumCallPayloadBytes {
                result = .failure(.from(Self.replyTooLarge(bytes.count, limit: limits.maximumCallPayloadBytes),
                    canister: request.target))
            }
            return entry(complete(request, id: id, with: result, log: false))
        case .asyncUpdate:
            let time = replica.time
            guard
                let frame = await host.startFrame(
                    method: request.method, caller: request.sender, time: time,
                    maximumCallPayloadBytes: limits.maximumCallPayloadBytes
                )
            else {
                return entry(complete(request, id: id, with: .failure(.noModule(request.target)), log: true))
            }
            frames[id] = FrameRecord(frame: frame, host: host, request: request, time: time)
            let outcome = await withCheckedContinuation { frame.start(argument: request.argument, ended: $0) }
            return entry(await settle(id, outcome))
        }
    }

    /// Runs the callback of the call `frameID` awaits: a new segment on the canister's current state.
    private func resume(_ frameID: MessageID, with result: CallResult, id: MessageID) async -> TraceEntry {
        guard let record = frames[frameID] else {
            return TraceEntry(message: id, kind: .reply(frameID, result), request: nil, outcome: .lost)
        }
        let entry = { (outcome: TraceEntry.Outcome) in
            TraceEntry(message: id, kind: .reply(frameID, result), request: record.request, outcome: outcome)
        }
        let time = replica.time
        let segment = await record.host.beginSegment(
            method: record.request.method, caller: record.request.sender, time: time
        )
        guard let (working, context) = segment, record.frame.load(working, context: context) else {
            if let (_, context) = segment { await record.host.rollBackSegment(context: context) }
            return entry(await abandon(frameID, record))
        }
        let outcome = await withCheckedContinuation { record.frame.resume(with: result, ended: $0) }
        return entry(await settle(frameID, outcome))
    }

    /// Commits or rolls back the segment that just ended, and sends what it sent.
    private func settle(_ frameID: MessageID, _ outcome: SegmentOutcome) async -> TraceEntry.Outcome {
        guard let record = frames[frameID] else { return .lost }
        let canister = record.request.target
        let (working, context) = record.frame.unload()
        switch outcome {
        case .awaiting(let call, let notifications):
            await record.host.commitSegment(working, context: context)
            send(notifications, from: canister)
            let request = Request(
                sender: canister, fromCanister: true, target: call.target, method: call.method,
                argument: call.argument, origin: .call(frame: frameID)
            )
            guard pending.count < limits.maximumPendingMessages else {
                enqueue(.reply(frame: frameID, result: .failure(.queueFull(limit: limits.maximumPendingMessages))))
                return .awaits(nil, call.target, call.method)
            }
            return .awaits(enqueue(.request(request)), call.target, call.method)
        case .finished(let completion, let notifications):
            frames[frameID] = nil
            let result: CallResult
            switch completion {
            case .replied(let bytes):
                let limit = record.request.fromCanister
                    ? limits.maximumCallPayloadBytes : replica.configuration.maximumUpdateReplyBytes
                if bytes.count > limit {
                    await record.host.rollBackSegment(context: context)
                    result = .failure(.from(Self.replyTooLarge(bytes.count, limit: limit), canister: canister))
                } else {
                    await record.host.commitSegment(working, context: context)
                    send(notifications, from: canister)
                    result = .success(bytes)
                }
            case .rejected(let rejection):
                await record.host.commitSegment(working, context: context)
                send(notifications, from: canister)
                result = .failure(.from(rejection, canister: canister))
            case .trapped(let error):
                await record.host.rollBackSegment(context: context)
                result = .failure(.from(error, canister: canister))
            }
            return complete(record.request, id: frameID, with: result, log: true, time: record.time)
        }
    }

    /// A callback whose canister lost its code: the handler gets rejects until it ends, and nothing it does
    /// is kept.
    private func abandon(_ frameID: MessageID, _ record: FrameRecord) async -> TraceEntry.Outcome {
        frames[frameID] = nil
        let lost = Reject.callbackLost(record.request.target)
        var rounds = 0
        var outcome = await withCheckedContinuation { record.frame.resume(with: .failure(lost), ended: $0) }
        while case .awaiting = outcome, rounds < limits.maximumSteps {
            rounds += 1
            outcome = await withCheckedContinuation { record.frame.resume(with: .failure(lost), ended: $0) }
        }
        return complete(record.request, id: frameID, with: .failure(lost), log: true, time: record.time)
    }

    private func send(_ calls: [OutgoingCall], from canister: Principal) {
        for call in calls where pending.count < limits.maximumPendingMessages {
            enqueue(.request(Request(
                sender: canister, fromCanister: true, target: call.target, method: call.method,
                argument: call.argument, origin: .notification
            )))
        }
    }

    /// Hands a finished call's result to whoever waits for it, logs it, and describes it.
    private func complete(
        _ request: Request,
        id: MessageID,
        with result: CallResult,
        log: Bool,
        time: UInt64? = nil
    ) -> TraceEntry.Outcome {
        switch request.origin {
        case .ingress: results[id] = result
        case .call(let frame): enqueue(.reply(frame: frame, result: result))
        case .notification: break
        }
        if log {
            replica.shared.record(
                time: time ?? replica.time, caller: request.sender, canister: request.target, method: request.method,
                kind: .method(.update), argument: request.argument, result: result
            )
        }
        return .result(result)
    }

    static func describe(_ result: CallResult) -> String {
        switch result {
        case .success(let bytes): "replied \(bytes.count) bytes \(hex(bytes.prefix(32)))"
        case .failure(let reject): "rejected \(reject.code.rawValue) \(reject.errorCode.map { "\($0)" } ?? "-")"
        }
    }

    static func replyTooLarge(_ size: Int, limit: Int) -> Trap {
        Trap(
            errorCode: .canisterContractViolation,
            message: "ic0.msg_reply_data_append: application payload size (\(size)) cannot be larger than \(limit)"
        )
    }

    // MARK: - Queries

    /// Runs a query call now (queries are not replicated and not scheduled): a plain query on the host, a
    /// composite query with its calls to other queries run at once.
    public func query(
        _ canister: Principal,
        method: String,
        argument: [UInt8],
        caller: Principal = .anonymous
    ) async -> CallResult {
        await runQuery(canister, method: method, argument: argument, caller: caller, depth: 0)
    }

    func runQuery(
        _ canister: Principal,
        method: String,
        argument: [UInt8],
        caller: Principal,
        depth: Int
    ) async -> CallResult {
        let host: CanisterHost
        do {
            host = try replica.host(canister)
        } catch {
            return .failure(error)
        }
        switch await host.entry(of: method) {
        case .sync(.query):
            return await host.query(method, argument: argument, caller: caller)
        case .compositeQuery:
            guard depth <= limits.maximumCompositeQueryDepth else {
                return .failure(.queryDepthExceeded(canister, limit: limits.maximumCompositeQueryDepth))
            }
            let time = replica.time
            guard
                let (instance, context) = await host.querySnapshot(method: method, caller: caller, time: time),
                let capable = instance as? any AsyncCapable
            else { return .failure(.noModule(canister)) }
            var result = await capable.runCompositeQuery(
                method, argument: argument, context: context, scheduler: self, depth: depth
            )
            let limit = replica.configuration.maximumQueryReplyBytes
            if case .success(let bytes) = result, bytes.count > limit {
                result = .failure(.from(Self.replyTooLarge(bytes.count, limit: limit), canister: canister))
            }
            replica.shared.record(
                time: time, caller: caller, canister: canister, method: method, kind: .method(.query),
                argument: argument, result: result
            )
            return result
        case .noModule:
            return .failure(.noModule(canister))
        case .missing, .sync(.update), .asyncUpdate:
            return .failure(.methodNotFound(canister, method: method, kind: .query))
        }
    }
}

// MARK: - Messages

extension Scheduler {
    struct Request: Hashable, Sendable {
        var sender: Principal
        var fromCanister: Bool
        var target: Principal
        var method: String
        var argument: [UInt8]
        var origin: Origin
    }

    enum Origin: Hashable, Sendable {
        /// A user's call: its result is kept under its id.
        case ingress
        /// A call an async method awaits: its result is a reply message to that frame.
        case call(frame: MessageID)
        /// A fire-and-forget call: its result is dropped.
        case notification
    }

    struct Pending: Sendable {
        var id: MessageID
        var body: Body

        enum Body: Sendable {
            case request(Request)
            case reply(frame: MessageID, result: CallResult)
        }
    }

    struct FrameRecord: Sendable {
        var frame: any AnyFrame
        var host: CanisterHost
        var request: Request
        var time: UInt64
    }

    /// What one step did, kept as values: the ``trace`` line is built only when asked for.
    struct TraceEntry: Hashable, Sendable, CustomStringConvertible {
        enum Kind: Hashable, Sendable {
            case ingress
            case call
            /// The reply to the call `frame` awaits, with its result.
            case reply(MessageID, CallResult)
        }

        enum Outcome: Hashable, Sendable {
            /// The segment awaits a call: the request's id (`nil` when the queue refused it), callee, method.
            case awaits(MessageID?, Principal, String)
            case result(CallResult)
            /// No frame awaited this reply.
            case lost
        }

        var message: MessageID
        var kind: Kind
        var request: Request?
        var outcome: Outcome

        var description: String {
            let head: String
            switch kind {
            case .ingress, .call:
                let word = kind == .call ? "call" : "ingress"
                head = "\(message) \(word) \(request.map { "\($0.sender) -> \($0.target).\($0.method)" } ?? "")"
            case .reply(let frame, let result):
                head = "\(message) reply \(Scheduler.describe(result)) -> \(frame)"
                    + (request.map { " \($0.target).\($0.method)" } ?? "")
            }
            let tail: String = switch outcome {
            case .awaits(let id?, let target, let method): "awaits \(id) \(target).\(method)"
            case .awaits(nil, let target, let method): "awaits \(target).\(method), refused: queue full"
            case .result(let result): Scheduler.describe(result)
            case .lost: "no call awaits it"
            }
            return head + ": " + tail
        }
    }

    struct Pair: Hashable {
        var sender: Principal
        var target: Principal
    }
}

/// A scheduler request that could not be served; nothing changed.
public struct SchedulerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Code: String, Hashable, Sendable {
        case payloadTooLarge = "payload_too_large"
        case queueFull = "queue_full"
        case busy
        case stepLimit = "step_limit"
        case unknownMessage = "unknown_message"
        case neverCompletes = "never_completes"
    }

    /// What was wrong.
    public let code: Code
    /// A readable explanation that names the limit or the message.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
