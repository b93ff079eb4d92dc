// Tests/UploadsTests/UploadModel.swift - a simple model of upload semantics, and a random operation generator

import Candid
import Hashing

@testable import Uploads
import TestSupport

/// One random operation.
enum ModelOp: CustomStringConvertible {
    case begin(caller: Principal, capsule: Int, data: [UInt8], name: String, idem: String)
    case put(caller: Principal, session: UInt64, index: UInt32, bytes: [UInt8])
    case finish(caller: Principal, session: UInt64, sha256: [UInt8], totalLength: UInt64)
    case abort(caller: Principal, session: UInt64)
    case advance(UInt64)

    var description: String {
        switch self {
        case .begin(let caller, let capsule, let data, let name, let idem):
            "begin(\(tag(caller)), capsule \(capsule), \(data.count) bytes, \(name), idem \(idem))"
        case .put(let caller, let session, let index, let bytes):
            "put(\(tag(caller)), s\(session), #\(index), \(bytes.count) bytes \(bytes.prefix(4)))"
        case .finish(let caller, let session, let sha256, let totalLength):
            "finish(\(tag(caller)), s\(session), sha \(sha256.prefix(2))… (\(sha256.count)), len \(totalLength))"
        case .abort(let caller, let session): "abort(\(tag(caller)), s\(session))"
        case .advance(let delta): "advance(\(delta))"
        }
    }

    private func tag(_ principal: Principal) -> String { "p\(principal.bytes.first ?? 0)" }
}

/// What an operation returned: comparable between backends and with the model.
enum ModelResult: Equatable, CustomStringConvertible {
    case session(UInt64)
    case done
    case finished(UploadFinishResult)
    case failed(String)  // the error's case name (backend vs model) or full description (backend vs backend)

    var description: String {
        switch self {
        case .session(let id): "session(\(id))"
        case .done: "done"
        case .finished(let result): "finished(\(result.blobId), \(result.memoryId), \(result.size))"
        case .failed(let error): "failed(\(error))"
        }
    }

    /// The same with errors reduced to their case.
    var caseOnly: ModelResult {
        if case .failed(let text) = self { return .failed(String(text.prefix { $0 != ":" })) }
        return self
    }
}

/// Runs an operation on a backend.
func apply(
    _ op: ModelOp,
    to backend: inout any UploadBackend,
    capsules: [String],
    now: inout UInt64,
    storage: inout InMemoryStorage
) -> ModelResult {
    do {
        switch op {
        case .begin(let caller, let capsule, let data, let name, let idem):
            let chunks = UInt32(
                (data.count + Int(backend.configuration.chunkSize) - 1) / Int(backend.configuration.chunkSize))
            return .session(
                try backend.begin(
                    caller: caller, capsuleId: capsules[capsule],
                    metadata: Fixtures.metadata(bytes: UInt64(data.count), name: name), expectedChunks: chunks,
                    idempotencyKey: idem, now: now, storage: &storage
                )
            )
        case .put(let caller, let session, let index, let bytes):
            try backend.putChunk(
                caller: caller, sessionId: session, index: index, bytes: bytes, now: now, storage: &storage
            )
            return .done
        case .finish(let caller, let session, let sha256, let totalLength):
            return .finished(
                try backend.finish(
                    caller: caller, sessionId: session, sha256: sha256, totalLength: totalLength, now: now)
            )
        case .abort(let caller, let session):
            try backend.abort(caller: caller, sessionId: session, now: now)
            return .done
        case .advance(let delta):
            now += delta
            return .done
        }
    } catch {
        return .failed("\(error)")
    }
}

/// The model: sessions as dictionaries of chunk bytes, finished blobs as byte arrays.
struct UploadModel {
    struct Session {
        var caller: Principal
        var capsule: Int
        var data: [UInt8]
        var name: String
        var idem: String
        var received: [UInt32: [UInt8]] = [:]
        var lastSeen: UInt64

        var chunkCount: UInt32 { UInt32((data.count + UploadModel.chunkSize - 1) / UploadModel.chunkSize) }

        func chunk(_ index: UInt32) -> [UInt8] {
            let start = Int(index) * UploadModel.chunkSize
            return Array(data[start..<min(start + UploadModel.chunkSize, data.count)])
        }
    }

    struct Finished {
        var caller: Principal
        var sha256: [UInt8]
        var totalLength: UInt64
        var result: UploadFinishResult
    }

    static let chunkSize = 8
    let ttl: UInt64
    let maxActive: Int
    /// Capsule `i` is owned by `owners[i]`.
    let owners: [Principal]
    var sessions: [UInt64: Session] = [:]
    var finished: [UInt64: Finished] = [:]
    /// Finished blobs by locator: the model's store.
    var blobs: [String: [UInt8]] = [:]
    var nextSession: UInt64 = 1
    var nextBlob: UInt64 = 1
    var nextMemory: UInt64 = 1
    var now: UInt64

    init(configuration: UploadConfiguration, owners: [Principal], now: UInt64) {
        precondition(Int(configuration.chunkSize) == Self.chunkSize)
        self.ttl = configuration.sessionTTL
        self.maxActive = Int(configuration.maxActiveSessionsPerCaller)
        self.owners = owners
        self.now = now
    }

    /// Expiry: a session is gone once `now >= lastSeen + ttl`.
    mutating func sweep() {
        sessions = sessions.filter { now < $0.value.lastSeen + ttl }
    }

    /// What the backend must return (errors by case only).
    mutating func apply(_ op: ModelOp) -> ModelResult {
        switch op {
        case .advance(let delta):
            now += delta
            return .done
        case .begin(let caller, let capsule, let data, let name, let idem):
            sweep()
            guard owners[capsule] == caller else { return .failed("Unauthorized") }
            if let (id, open) = sessions.first(where: {
                $0.value.caller == caller && $0.value.capsule == capsule && $0.value.idem == idem
            }) {
                return open.data.count == data.count && open.name == name ? .session(id) : .failed("Conflict")
            }
            guard sessions.values.filter({ $0.caller == caller && $0.capsule == capsule }).count < maxActive else {
                return .failed("ResourceExhausted")
            }
            let id = nextSession
            nextSession += 1
            sessions[id] = Session(caller: caller, capsule: capsule, data: data, name: name, idem: idem, lastSeen: now)
            return .session(id)
        case .put(let caller, let id, let index, let bytes):
            sweep()
            guard var session = sessions[id] else { return .failed("NotFound") }
            guard session.caller == caller else { return .failed("Unauthorized") }
            guard index < session.chunkCount, bytes.count == session.chunk(index).count else {
                return .failed("InvalidArgument")
            }
            if let stored = session.received[index] { return stored == bytes ? .done : .failed("Conflict") }
            session.received[index] = bytes
            session.lastSeen = max(session.lastSeen, now)
            sessions[id] = session
            return .done
        case .finish(let caller, let id, let sha256, let totalLength):
            sweep()
            if let done = finished[id] {
                guard done.caller == caller else { return .failed("Unauthorized") }
                return done.sha256 == sha256 && done.totalLength == totalLength
                    ? .finished(done.result) : .failed("Conflict")
            }
            guard let session = sessions[id] else { return .failed("NotFound") }
            guard session.caller == caller else { return .failed("Unauthorized") }
            guard session.received.count == Int(session.chunkCount), totalLength == UInt64(session.data.count) else {
                return .failed("InvalidArgument")
            }
            let assembled = (0..<session.chunkCount).flatMap { session.received[$0] ?? [] }
            guard SHA256.hash(assembled) == sha256 else { return .failed("InvalidArgument") }
            let locator = "blob_\(nextBlob)"
            let result = UploadFinishResult(
                checksumSha256: sha256, storageLocation: "icp://blob/\(locator)", blobId: locator, storageBackend: .icp,
                size: totalLength, memoryId: "mem_\(nextMemory)", remoteId: nil, expiresAt: nil, uploadedAt: now
            )
            nextBlob += 1
            nextMemory += 1
            blobs[locator] = assembled
            sessions[id] = nil
            finished[id] = Finished(caller: caller, sha256: sha256, totalLength: totalLength, result: result)
            return .finished(result)
        case .abort(let caller, let id):
            sweep()
            guard let session = sessions[id] else { return .failed("NotFound") }
            guard session.caller == caller else { return .failed("Unauthorized") }
            sessions[id] = nil
            return .done
        }
    }

    /// A valid begin by `owners[owner]` on its own capsule with a fresh idempotency key: how each run opens
    /// its first sessions, so every run interleaves at least three sessions of two owners.
    func openingBegin(owner: Int, step: Int, using rng: inout SplitMix64) -> ModelOp {
        let size = Int.random(in: Self.chunkSize + 1...5 * Self.chunkSize, using: &rng)
        let seed = Int.random(in: 0..<250, using: &rng)
        return .begin(
            caller: owners[owner], capsule: owner, data: Fixtures.content(size, seed: seed), name: "photo.jpg",
            idem: "opening-\(step)")
    }

    /// A random next operation, biased towards valid calls on open sessions, over at least two owners.
    func randomOp(using rng: inout SplitMix64) -> ModelOp {
        let open = sessions.keys.sorted()
        let roll = Int.random(in: 0..<100, using: &rng)
        func someCaller() -> Principal { owners.randomElement(using: &rng) ?? owners[0] }
        func someSession() -> UInt64 {
            if let id = open.randomElement(using: &rng), Int.random(in: 0..<10, using: &rng) > 0 { return id }
            return UInt64.random(in: 1...nextSession + 1, using: &rng)
        }
        switch roll {
        case 0..<14:
            let capsule = Int.random(in: 0..<owners.count, using: &rng)
            // Mostly the capsule's owner; sometimes another owner (Unauthorized).
            let caller = Int.random(in: 0..<8, using: &rng) == 0 ? someCaller() : owners[capsule]
            let size = Int.random(in: 1...5 * Self.chunkSize, using: &rng)
            let seed = Int.random(in: 0..<250, using: &rng)
            let name = Int.random(in: 0..<6, using: &rng) == 0 ? "other.jpg" : "photo.jpg"
            let idem = ["a", "b", "c", "d"].randomElement(using: &rng) ?? "a"
            return .begin(
                caller: caller, capsule: capsule, data: Fixtures.content(size, seed: seed), name: name, idem: idem)
        case 14..<58:
            let id = someSession()
            guard let session = sessions[id] else {
                return .put(caller: someCaller(), session: id, index: 0, bytes: [1, 2, 3])
            }
            let index = UInt32.random(in: 0..<session.chunkCount, using: &rng)
            var bytes = session.chunk(index)
            var caller = session.caller
            switch Int.random(in: 0..<12, using: &rng) {
            case 0: caller = owners.first { $0 != session.caller } ?? caller  // wrong caller
            case 1:
                return .put(
                    caller: caller, session: id, index: session.chunkCount + UInt32.random(in: 0..<3, using: &rng),
                    bytes: bytes)
            case 2: bytes[0] ^= 0xFF  // conflicting (or, if new, a chunk with wrong bytes: a later checksum mismatch)
            case 3: bytes.append(0)  // wrong size
            default: break
            }
            return .put(caller: caller, session: id, index: index, bytes: bytes)
        case 58..<76:
            let id = someSession()
            let session = sessions[id]
            let data = session?.data ?? [9]
            var caller = session?.caller ?? someCaller()
            var sha = SHA256.hash(data)
            var length = UInt64(data.count)
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: sha[5] ^= 1
            case 1: sha = Array(sha.prefix(Int.random(in: 0..<8, using: &rng)))  // short: mismatch, never a trap
            case 2: length += 1
            case 3: caller = owners.first { $0 != caller } ?? caller
            default: break
            }
            if let done = finished.keys.randomElement(using: &rng), Int.random(in: 0..<6, using: &rng) == 0,
                let record = finished[done]
            {
                return .finish(
                    caller: record.caller, session: done, sha256: record.sha256, totalLength: record.totalLength)
            }
            return .finish(caller: caller, session: id, sha256: sha, totalLength: length)
        case 76..<84:
            let id = someSession()
            let caller = Int.random(in: 0..<5, using: &rng) == 0 ? someCaller() : (sessions[id]?.caller ?? someCaller())
            return .abort(caller: caller, session: id)
        default:
            let big = Int.random(in: 0..<6, using: &rng) == 0
            return .advance(
                big ? ttl + UInt64.random(in: 0..<500, using: &rng) : UInt64.random(in: 1...300, using: &rng))
        }
    }
}
