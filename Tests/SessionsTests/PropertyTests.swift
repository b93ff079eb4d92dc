// Tests/SessionsTests/PropertyTests.swift - random interleavings checked against a naive model

import Testing
import TestSupport
@testable import Sessions

/// A deliberately naive model of the session rules: sets instead of bitsets, scans instead of a heap,
/// a byte array per session instead of a sink.
struct SessionModel {
    struct Entry: Equatable {
        var spec: SessionSpec
        var createdAt: UInt64
        var lastSeen: UInt64
        var received: Set<UInt32> = []
        var buffer: [UInt8]
    }

    let ttl: UInt64
    let maxChunks: UInt64
    var nextId: UInt64 = 1
    var sessions: [UInt64: Entry] = [:]
    var stats = SessionStats(active: 0, begun: 0, finished: 0, aborted: 0, expired: 0, cleared: 0)

    static func count(_ spec: SessionSpec) -> UInt64 {
        (spec.bytesExpected + UInt64(spec.chunkSize) - 1) / UInt64(spec.chunkSize)
    }

    static func length(_ spec: SessionSpec, _ index: UInt32) -> Int {
        let count = Self.count(spec)
        if UInt64(index) + 1 < count { return Int(spec.chunkSize) }
        return Int(spec.bytesExpected - (count - 1) * UInt64(spec.chunkSize))
    }

    func deadline(_ entry: Entry) -> UInt64 { entry.lastSeen + ttl }

    mutating func begin(id chosen: UInt64?, _ spec: SessionSpec, now: UInt64) -> Result<UInt64, SessionError> {
        let id = chosen ?? nextId
        guard id != 0, id != .max else { return fail(.invalidId) }
        guard spec.chunkSize > 0, spec.bytesExpected > 0, Self.count(spec) <= maxChunks else {
            return fail(.invalidSpec)
        }
        guard sessions[id] == nil else { return fail(.alreadyExists) }
        let taken = sessions.values.contains {
            $0.spec.owner == spec.owner && $0.spec.idempotencyKey == spec.idempotencyKey
        }
        guard !taken else { return fail(.alreadyExists) }
        let buffer = [UInt8](repeating: 0, count: Int(spec.bytesExpected))
        sessions[id] = Entry(spec: spec, createdAt: now, lastSeen: now, buffer: buffer)
        nextId = max(nextId, id + 1)
        stats.begun += 1
        return .success(id)
    }

    func access(_ id: UInt64, _ owner: [UInt8], _ now: UInt64) -> Result<Entry, SessionError> {
        guard let entry = sessions[id] else { return fail(.notFound) }
        guard entry.spec.owner == owner else { return fail(.notOwner) }
        guard now < deadline(entry) else { return fail(.expired) }
        return .success(entry)
    }

    mutating func put(
        _ id: UInt64, _ index: UInt32, _ bytes: [UInt8], _ owner: [UInt8], _ now: UInt64, sinkFails: Bool
    ) -> Result<PutOutcome, SessionError> {
        let entry: Entry
        switch access(id, owner, now) {
        case .failure(let error): return .failure(error)
        case .success(let found): entry = found
        }
        guard UInt64(index) < Self.count(entry.spec) else { return fail(.indexOutOfRange) }
        guard bytes.count == Self.length(entry.spec, index) else { return fail(.wrongChunkSize) }
        if entry.received.contains(index) { return .success(.duplicate) }
        if sinkFails { return fail(.sinkFailed) }
        let start = Int(index) * Int(entry.spec.chunkSize)
        sessions[id]?.buffer.replaceSubrange(start ..< start + bytes.count, with: bytes)
        sessions[id]?.received.insert(index)
        sessions[id]?.lastSeen = max(entry.lastSeen, now)
        return .success(.stored)
    }

    mutating func finish(_ id: UInt64, _ owner: [UInt8], _ now: UInt64) -> Result<UInt64, SessionError> {
        switch access(id, owner, now) {
        case .failure(let error): return .failure(error)
        case .success(let entry):
            guard UInt64(entry.received.count) == Self.count(entry.spec) else { return fail(.incomplete) }
            sessions[id] = nil
            stats.finished += 1
            return .success(id)
        }
    }

    mutating func abort(_ id: UInt64, _ owner: [UInt8]) -> Result<UInt64, SessionError> {
        guard let entry = sessions[id] else { return fail(.notFound) }
        guard entry.spec.owner == owner else { return fail(.notOwner) }
        sessions[id] = nil
        stats.aborted += 1
        return .success(id)
    }

    mutating func tick(_ now: UInt64) -> [UInt64] {
        let due = sessions.filter { deadline($0.value) <= now }.keys.sorted()
        for id in due { sessions[id] = nil }
        stats.expired += UInt64(due.count)
        return due
    }

    mutating func clearAll() -> [UInt64] {
        let all = sessions.keys.sorted()
        sessions = [:]
        stats.cleared += UInt64(all.count)
        return all
    }
}

/// A failure with `code`; `SessionError` equality compares only codes, so this matches any message.
func fail<T>(_ code: SessionError.Code) -> Result<T, SessionError> { .failure(SessionError(code, "")) }

/// A sink that can be told to fail before writing.
struct FlakySink: ByteSink {
    struct Failure: Error {}
    var inner = ByteArraySink()
    var fail = false

    mutating func write(at offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws {
        if fail { throw Failure() }
        try inner.write(at: offset, bytes)
    }
}

/// Drives the service and the model with the same random operations and compares them after each.
struct PropertyHarness {
    static let owners: [[UInt8]] = [alice, bob]
    static let keys = ["a", "b", "c"]

    var random: SplitMix64
    var service: SessionService
    var model: SessionModel
    var sinks: [UInt64: FlakySink] = [:]
    var now: UInt64 = 0
    var log: [String] = []

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
        service = SessionService(ttl: 50, maxChunks: 10)
        model = SessionModel(ttl: 50, maxChunks: 10)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0 ..< items.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0 ..< 100, using: &random) < percent }

    /// An id: usually a live one, sometimes anything near the counter.
    mutating func someId() -> UInt64 {
        let live = model.sessions.keys.sorted()
        if !live.isEmpty, chance(80) { return pick(live) }
        return UInt64.random(in: 0 ... model.nextId + 1, using: &random)
    }

    mutating func someOwner(for id: UInt64) -> [UInt8] {
        if let entry = model.sessions[id], chance(85) { return entry.spec.owner }
        return pick(Self.owners)
    }


    /// One random operation; returns a description of the first mismatch, if any.
    mutating func step() -> String? {
        let roll = Int.random(in: 0 ..< 100, using: &random)
        switch roll {
        case 0 ..< 15: return begin()
        case 15 ..< 65: return put()
        case 65 ..< 75:
            let id = someId()
            let owner = someOwner(for: id)
            log.append("finish \(id) now \(now)")
            let got = Result { () throws(SessionError) in
                try service.finish(SessionId(id), owner: owner, now: now).id.rawValue
            }
            let want = model.finish(id, owner, now)
            if case .success = want { sinks[id] = nil }
            return got == want ? nil : "finish \(id): got \(got), want \(want)"
        case 75 ..< 80:
            let id = someId()
            let owner = someOwner(for: id)
            log.append("abort \(id)")
            let got = Result { () throws(SessionError) in try service.abort(SessionId(id), owner: owner).id.rawValue }
            let want = model.abort(id, owner)
            if case .success = want { sinks[id] = nil }
            return got == want ? nil : "abort \(id): got \(got), want \(want)"
        case 80 ..< 90:
            now += UInt64.random(in: 0 ... 40, using: &random)
            log.append("tick \(now)")
            let closed = service.tickTTL(now: now)
            let got = closed.map(\.id.rawValue)
            let want = model.tick(now)
            for id in want { sinks[id] = nil }
            if closed.contains(where: { $0.reason != .expired }) { return "tick: a reason is not .expired" }
            return got == want ? nil : "tick \(now): got \(got), want \(want)"
        case 90 ..< 98:
            now += UInt64.random(in: 0 ... 20, using: &random)
            return nil
        case 98:
            log.append("clearAll")
            let got = service.clearAll().map(\.id.rawValue)
            let want = model.clearAll()
            sinks = [:]
            return got == want ? nil : "clearAll: got \(got), want \(want)"
        default:
            log.append("round trip")
            let bytes = service.serialized()
            do {
                let restored = try SessionService(serialized: bytes)
                guard restored == service else { return "round trip: restored service differs" }
                service = restored
            } catch {
                return "round trip: \(error)"
            }
            return nil
        }
    }

    mutating func begin() -> String? {
        let chunkSize = chance(10) ? 0 : UInt32.random(in: 1 ... 4, using: &random)
        let bytes = chance(5) ? 0 : UInt64.random(in: 1 ... 14, using: &random)
        let spec = SessionSpec(
            chunkSize: chunkSize,
            bytesExpected: bytes,
            idempotencyKey: pick(Self.keys),
            owner: pick(Self.owners)
        )
        let near = UInt64.random(in: 1 ... model.nextId + 2, using: &random)
        let chosen: UInt64? = chance(20) ? pick([0, .max, near]) : nil
        log.append("begin \(chosen.map(String.init) ?? "-") \(chunkSize)/\(bytes) \(spec.idempotencyKey) now \(now)")
        let got: Result<UInt64, SessionError>
        if let chosen {
            got = (Result { () throws(SessionError) in
                try service.begin(id: SessionId(chosen), spec, now: now)
                return chosen
            })
        } else {
            got = (Result { () throws(SessionError) in try service.begin(spec, now: now).rawValue })
        }
        let want = model.begin(id: chosen, spec, now: now)
        if case .success(let id) = want { sinks[id] = FlakySink() }
        return got == want ? nil : "begin: got \(got), want \(want)"
    }

    mutating func put() -> String? {
        let id = someId()
        let owner = someOwner(for: id)
        let count = model.sessions[id].map { UInt32(SessionModel.count($0.spec)) } ?? 3
        let index = chance(90)
            ? UInt32.random(in: 0 ..< count, using: &random) : count + UInt32.random(in: 0 ... 1, using: &random)
        var length = Int.random(in: 0 ... 5, using: &random)
        if let entry = model.sessions[id], UInt64(index) < SessionModel.count(entry.spec), chance(85) {
            length = SessionModel.length(entry.spec, index)
        }
        let bytes = (0 ..< length).map { _ in UInt8.random(in: 1 ... 255, using: &random) }
        let fails = chance(10)
        log.append("put \(id)[\(index)] \(length) bytes\(fails ? " (sink fails)" : "") now \(now)")
        var sink = sinks[id] ?? FlakySink()
        sink.fail = fails
        let got = (Result { () throws(SessionError) in
            try service.putChunk(SessionId(id), index: index, bytes: bytes, owner: owner, now: now, sink: &sink)
        })
        sink.fail = false
        if sinks[id] != nil { sinks[id] = sink }
        let want = model.put(id, index, bytes, owner, now, sinkFails: fails)
        return got == want ? nil : "put \(id)[\(index)]: got \(got), want \(want)"
    }

    /// Compares every observable of the service with the model.
    mutating func compare() -> String? {
        let expected = model.sessions.keys.sorted().compactMap { id -> SessionInfo? in
            guard let entry = model.sessions[id] else { return nil }
            let bytes = entry.received.reduce(0) { $0 + UInt64(SessionModel.length(entry.spec, $1)) }
            return SessionInfo(
                id: SessionId(id),
                spec: entry.spec,
                chunkCount: UInt32(SessionModel.count(entry.spec)),
                createdAt: entry.createdAt,
                lastSeen: entry.lastSeen,
                expiresAt: model.deadline(entry),
                receivedCount: UInt32(entry.received.count),
                bytesReceived: bytes
            )
        }
        guard service.list() == expected else { return "list: got \(service.list()), want \(expected)" }
        var stats = model.stats
        stats.active = model.sessions.count
        guard service.stats == stats else { return "stats: got \(service.stats), want \(stats)" }
        guard service.nextId.rawValue == model.nextId else {
            return "nextId: got \(service.nextId), want \(model.nextId)"
        }
        for (id, entry) in model.sessions.sorted(by: { $0.key < $1.key }) {
            let missing = (0 ..< UInt32(SessionModel.count(entry.spec))).filter { !entry.received.contains($0) }
            guard (try? service.missingChunks(SessionId(id))) == missing else { return "missing chunks of \(id)" }
            var written = sinks[id]?.inner.bytes ?? []
            written += Array(repeating: 0, count: max(0, entry.buffer.count - written.count))
            guard written == entry.buffer else { return "sink of \(id): got \(written), want \(entry.buffer)" }
        }
        for owner in Self.owners {
            let live = model.sessions.filter { $0.value.spec.owner == owner }
            guard service.count(owner: owner) == live.count else { return "count(owner: \(owner))" }
            for key in Self.keys {
                let want = live.first { $0.value.spec.idempotencyKey == key }.map { SessionId($0.key) }
                guard service.find(owner: owner, idempotencyKey: key) == want else { return "find(\(owner), \(key))" }
            }
        }
        guard service.expiryQueueCount == service.count else {
            return "the deadline order has \(service.expiryQueueCount) entries for \(service.count) live sessions"
        }
        return nil
    }
}

@Suite struct PropertyTests {
    @Test func randomInterleavingsMatchTheModel() {
        let base: UInt64 = 0xC0FF_EE00_5E55_1000
        var operations = 0
        var stored = 0
        for run: UInt64 in 0 ..< 1_000 {
            let seed = base &+ run
            var harness = PropertyHarness(seed: seed)
            for step in 0 ..< 70 {
                let failure = harness.step() ?? harness.compare()
                operations += 1
                if let failure {
                    Issue.record("seed \(seed) step \(step): \(failure)\nlast ops: \(harness.log.suffix(8))")
                    return
                }
            }
            stored += Int(harness.model.stats.finished)
        }
        #expect(operations == 70_000)
        // The mix must exercise the happy path, not only the errors.
        #expect(stored > 200, "only \(stored) sessions finished in the whole run")
    }
}
