// Tests/UploadsTests/ReservationLedgerTests.swift - the per-caller budgets' ledger stays exact on both backends

import Candid
import Sessions
import Testing
import TestSupport

@testable import Uploads

@Suite("the reservation ledger")
struct ReservationLedgerTests {
    /// Small budgets that random calls reach: 8-byte chunks, 4 sessions and 60 unsent bytes per caller,
    /// 100 unsent bytes in all, TTL 1,000 ns.
    static let tight = UploadConfiguration(
        chunkSize: 8, maxChunks: 64, maxActiveSessionsPerCaller: 3, sessionTTL: 1_000, maxSingleReadBytes: 256,
        maxSessionsPerCaller: 4, maxUnsentBytesPerCaller: 60, maxUnsentBytesTotal: 100
    )

    /// The ledger rebuilt from the backend's uploads in flight and its session engine.
    static func rebuilt(_ backend: any UploadBackend) -> ReservationLedger {
        let sessions: SessionService
        switch backend {
        case let direct as DirectUploadService: sessions = direct.sessions
        case let compat as CompatUploadService: sessions = compat.compat.service
        default: return ReservationLedger()
        }
        return UploadRecords.ledger(of: backend.pendingUploads, sessions: sessions)
    }

    /// The bytes of an upload of `size` bytes begun under key `idem` (the same every time).
    static func data(size: Int, idem: Int) -> [UInt8] { Fixtures.content(size, seed: idem) }

    static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]

    @Test("random calls on both backends: equal outcomes, equal records, and a ledger equal to its rebuild",
        arguments: seeds)
    func randomCalls(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var pair = try Backend.allCases.map { try Harness($0, configuration: Self.tight) }
        let callers = [Fixtures.alice, Fixtures.bob, Fixtures.carol]
        var capsules: [String] = []
        for index in pair.indices {
            capsules = try callers.map { try pair[index].capsule(for: $0) }
        }
        /// Session id → (caller, size, idem) of every begin that succeeded.
        var begun: [UInt64: (caller: Principal, size: Int, idem: Int)] = [:]
        /// The budget refusals seen: the run must reach the limits it checks.
        var refused: Set<String> = []
        for step in 0 ..< 300 {
            // Every draw happens once per step, so both backends see the same call.
            let choice = random.next() % 100
            let who = Int(random.next() % 3)
            let (r1, r2, r3) = (random.next(), random.next(), random.next())
            let ids = begun.keys.sorted()
            let id = ids.isEmpty ? nil : ids[Int(r1 % UInt64(ids.count))]
            var outcomes: [String] = []
            for index in pair.indices {
                var h = pair[index]
                let outcome: String
                switch choice {
                case 0 ..< 30:
                    let size = Int(r2 % 40) + 1
                    let idem = Int(r3 % 6)
                    let result = Outcome { () throws -> UInt64 in
                        try h.begin(callers[who], capsule: capsules[who], bytes: size, idem: "k\(idem)-\(size)")
                    }
                    if let id = result.value { begun[id] = (callers[who], size, idem) }
                    if case .invalidArgument(let text)? = result.error, let reason = text.split(separator: ":").first {
                        refused.insert(String(reason))
                    }
                    outcome = result.description
                case 30 ..< 75:
                    guard let id, let upload = begun[id] else {
                        outcome = "none"
                        break
                    }
                    let bytes = Self.data(size: upload.size, idem: upload.idem)
                    let chunk = Int(r2 % UInt64(h.chunkCount(bytes)))
                    outcome = Outcome { () throws -> Done in
                        try h.put(upload.caller, id, chunk, h.chunk(bytes, chunk))
                        return Done()
                    }.description
                case 75 ..< 85:
                    guard let id, let upload = begun[id] else {
                        outcome = "none"
                        break
                    }
                    outcome = Outcome { () throws -> String in
                        try h.finish(upload.caller, id, Self.data(size: upload.size, idem: upload.idem)).blobId
                    }.description
                case 85 ..< 92:
                    guard let id, let upload = begun[id] else {
                        outcome = "none"
                        break
                    }
                    outcome = Outcome { () throws -> Done in
                        try h.abort(upload.caller, id)
                        return Done()
                    }.description
                case 92 ..< 97:
                    h.now += 400
                    outcome = h.backend.sessionsCleanupExpired(now: h.now)
                case 97:
                    outcome = h.backend.sessionsClearAll(now: h.now)
                default:
                    // Persist and restore into the other backend kind: the ledger is rebuilt.
                    try h.backend.persist(into: &h.storage)
                    let other: Backend = h.kind == .direct ? .compat : .direct
                    h.backend = try other.restore(from: h.storage)
                    outcome = "restored"
                }
                pair[index] = h
                outcomes.append(outcome)
                #expect(
                    h.backend.records.ledger == Self.rebuilt(h.backend),
                    "seed \(seed), step \(step), \(h.kind): the ledger drifted from its rebuild"
                )
                let usage = h.backend.records.ledger
                #expect(usage.unsentTotal <= Self.tight.maxUnsentBytesTotal, "seed \(seed), step \(step)")
            }
            #expect(outcomes[0] == outcomes[1], "seed \(seed), step \(step): \(outcomes)")
            #expect(pair[0].backend.records == pair[1].backend.records, "seed \(seed), step \(step)")
        }
        #expect(refused.isSuperset(of: ["unsent_bytes_per_caller_limit", "unsent_bytes_total_limit"]), "\(refused)")
    }
}
