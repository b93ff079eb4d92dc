// Tests/ReplayTests/ScriptGenerator.swift - random call scripts for the upload canister, from a seed

import TestSupport

/// Generates call scripts against the upload canister installed with ``argumentText``-like tiny limits:
/// valid and invalid calls, interleaved sessions of alice and bob (and a few of `default` and
/// `anonymous`), duplicate, conflicting, oversized and out-of-range chunks, wrong callers, time jumps
/// past the TTL, timer ticks, upgrades that switch the backend (and refused ones), aborts, finishes
/// with the right or a wrong hash and length, reads of blobs, memories and sessions.
///
/// A script is a list of one-line statements; the first (`import`) is kept by the shrinker, the rest
/// may be dropped one by one and the script still parses.
struct ScriptGenerator {
    /// Bytes per chunk the canister is installed with.
    static let chunkSize = 8
    /// At most this many chunks per upload.
    static let maxChunks = 4
    /// Open sessions per (capsule, caller).
    static let maxActive = 3
    /// One minute.
    static let ttl: UInt64 = 60_000_000_000
    /// Data slots `d0` ... `d3`.
    static let slots = 4

    private var random: SplitMix64
    private var lengths: [Int] = []
    /// The data slot and caller of each `uploads_begin` so far (session ids, if every begin succeeded).
    private var sessionSlots: [Int] = []
    private var sessionOwners: [String] = []
    private var finished = 0
    /// The identity the script is running as.
    private var current = "alice"

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// A script of prelude statements and `count` random ones.
    mutating func script(statements count: Int) -> [String] {
        var lines = ["import backend = \"\(UploadCanisterRuns.canisterText)\";"]
        for slot in 0..<Self.slots {
            let length = random.int(1...(Self.chunkSize * Self.maxChunks))
            lengths.append(length)
            lines.append("let d\(slot) = sim.blob(\(random.int(0...1_000_000)), \(length));")
        }
        lines += [
            "identity alice;", "call backend.capsules_create(null);",
            "identity bob;", "call backend.capsules_create(null);",
        ]
        current = "bob"
        for _ in 0..<count { lines.append(statement()) }
        return lines
    }

    private mutating func statement() -> String {
        switch random.int(0...99) {
        case 0..<8: return identity()
        case 8..<22: return begin()
        case 22..<44:
            let (who, call) = put()
            return switchTo(who) + "call " + call + ";"
        case 44..<50:
            let (who, first) = put()
            var calls = [first]
            for _ in 1..<random.int(2...3) { calls.append(put(as: who).call) }
            return switchTo(who) + "par_call [" + calls.joined(separator: ", ") + "];"
        case 50..<58: return complete()
        case 58..<67: return finish()
        case 67..<71:
            let session = sessionId()
            return switchTo(actor(for: session)) + "call backend.uploads_abort(\(session));"
        case 71..<76: return advance()
        case 76..<78: return "sim.tick();"
        case 78..<82: return upgrade()
        case 82..<83:
            return switchTo("default")
                + "let u = fail sim.upgrade(backend, record { backend = variant { direct }; chunk_size = opt 9; "
                + "admins = vec {} });"
        case 83..<93: return read()
        case 93..<97:
            let method = random.pick([
                "sessions_list", "sessions_stats", "sessions_clear_all", "sessions_cleanup_expired",
            ])
            return "call backend.\(method)();"
        default: return "call backend.capsules_create(null);"
        }
    }

    /// 1 s, 30 s, past the TTL, or past the sweep interval.
    private mutating func advance() -> String {
        let step = random.int(0...9)
        let nanoseconds = step < 4 ? "1_000_000_000" : step < 7 ? "30_000_000_000"
            : step < 9 ? "61_000_000_000" : "300_000_000_000"
        return "sim.advance(\(nanoseconds));"
    }

    /// Every chunk of a recent session (in order or reversed, in one par_call) and its finish, as its
    /// owner: the way uploads usually end.
    private mutating func complete() -> String {
        let session = sessionId()
        let slot = slot(of: session)
        var indexes = Array(0..<chunks(lengths[slot]))
        if random.chance(40) { indexes.reverse() }
        let puts = indexes.map { "backend.uploads_put_chunk(\(session), \($0), \(slice(slot, $0)))" }
        finished += 1
        return switchTo(actor(for: session)) + "par_call [" + puts.joined(separator: ", ") + "]; "
            + "call backend.uploads_finish(\(session), sim.sha256(d\(slot)), \(lengths[slot]));"
    }

    private mutating func identity() -> String {
        current = someone()
        return "identity \(current);"
    }

    /// alice or bob mostly, sometimes the controller `default` or `anonymous`.
    private mutating func someone() -> String {
        let who = random.int(0...99)
        if who < 50 { return "alice" }
        if who < 90 { return "bob" }
        return who < 95 ? "default" : "anonymous"
    }

    /// `identity who; ` when the script is not running as `who` yet, else nothing.
    private mutating func switchTo(_ who: String) -> String {
        guard who != current else { return "" }
        current = who
        return "identity \(who); "
    }

    /// The caller for an operation on `session`: its owner mostly, someone else sometimes.
    private mutating func actor(for session: Int) -> String {
        if session >= 1, session <= sessionOwners.count, random.chance(88) { return sessionOwners[session - 1] }
        return someone()
    }

    private func chunks(_ length: Int) -> Int { (length + Self.chunkSize - 1) / Self.chunkSize }

    private mutating func begin() -> String {
        let slot = random.int(0...(Self.slots - 1))
        let length = lengths[slot]
        let who = random.chance(85) && (current == "alice" || current == "bob") ? current : someone()
        let own = who == "bob" ? "capsule_2" : "capsule_1"
        let capsule = random.chance(88) ? own : random.pick(["capsule_1", "capsule_2", "capsule_7"])
        let bytes = random.chance(92) ? length : length + random.int(1...9)
        let expected = random.chance(90) ? chunks(length) : random.pick([0, Self.maxChunks + 1, chunks(length) + 1])
        let key = random.chance(60) ? "k\(slot)" : "k\(slot)-\(random.int(0...3))"
        sessionSlots.append(slot)
        sessionOwners.append(who)
        return switchTo(who) + "call backend.uploads_begin(\"\(capsule)\", variant { Image = record { base = record { "
            + "name = \"f\(slot)\"; mime_type = \"image/jpeg\"; bytes = \(bytes); asset_type = variant { Original }; "
            + "created_at = 0; updated_at = 0; tags = vec {} } } }, \(expected), \"\(key)\");"
    }

    /// A session id: mostly one of the last few begun, sometimes any, the next or a far one.
    private mutating func sessionId() -> Int {
        if sessionSlots.isEmpty || random.chance(6) { return random.pick([sessionSlots.count + 1, 42]) }
        if random.chance(75) { return max(1, sessionSlots.count - random.int(0...2)) }
        return random.int(1...sessionSlots.count)
    }

    private func slot(of session: Int) -> Int {
        session >= 1 && session <= sessionSlots.count ? sessionSlots[session - 1] : 0
    }

    /// `backend.uploads_put_chunk(...)` without `call` and `;`, and who should send it (`caller`, or the
    /// session's owner mostly).
    private mutating func put(as caller: String? = nil) -> (who: String, call: String) {
        let session = sessionId()
        let who = caller ?? actor(for: session)
        var slot = slot(of: session)
        let count = chunks(lengths[slot])
        let index = random.chance(88) ? random.int(0...(count - 1)) : random.pick([count, Self.maxChunks, 1_000])
        let bytes: String
        switch random.int(0...99) {
        case 0..<78: bytes = slice(slot, index)
        case 78..<86:
            slot = (slot + random.int(1...(Self.slots - 1))) % Self.slots
            bytes = slice(slot, index)
        case 86..<91: bytes = "sim.blob(99, \(Self.chunkSize + 1))"
        case 91..<95: bytes = "blob \"\""
        default: bytes = "blob \"\\01\\02\\03\""
        }
        return (who, "backend.uploads_put_chunk(\(session), \(index), \(bytes))")
    }

    /// Chunk `index` of slot `slot`, clamped to the data (an index past the end gives a short blob).
    private func slice(_ slot: Int, _ index: Int) -> String {
        let offset = min(index * Self.chunkSize, lengths[slot])
        return "sim.slice(d\(slot), \(offset), \(Self.chunkSize))"
    }

    private mutating func finish() -> String {
        let session = sessionId()
        let slot = slot(of: session)
        let hash: String
        switch random.int(0...99) {
        case 0..<75: hash = "sim.sha256(d\(slot))"
        case 75..<88: hash = "sim.sha256(d\((slot + 1) % Self.slots))"
        default: hash = random.pick(["blob \"\\00\\01\"", "blob \"\""])
        }
        let length = random.chance(85) ? lengths[slot] : random.pick([0, lengths[slot] + 1, lengths[slot] - 1])
        finished += 1
        return switchTo(actor(for: session)) + "call backend.uploads_finish(\(session), \(hash), \(length));"
    }

    private mutating func upgrade() -> String {
        let backend = random.pick(["direct", "compat"])
        let admins = random.chance(30) ? "vec { bob }" : "vec {}"
        // `sim.upgrade` is sent as the current identity: the controller upgrades.
        return switchTo("default") + "sim.upgrade(backend, record { backend = variant { \(backend) }; admins = \(admins) });"
    }

    private mutating func read() -> String {
        let blob = "\"blob_\(random.int(1...max(1, finished + 1)))\""
        switch random.int(0...7) {
        case 0: return "call backend.blob_get_meta(\(blob));"
        case 1: return "call backend.blob_read(\(blob));"
        case 2: return "call backend.blob_read_chunk(\(blob), \(random.int(0...Self.maxChunks)));"
        case 3: return "call backend.blob_delete(\(blob));"
        case 4: return "call backend.memories_list(\"\(random.pick(["capsule_1", "capsule_2"]))\", null, opt 2);"
        case 5: return "call backend.memories_read(\"mem_\(random.int(1...max(1, finished + 1)))\");"
        case 6: return "call backend.capsules_read_basic(null);"
        default: return "call backend.blob_read(\"not-a-blob\");"
        }
    }
}
