// Tests/UploadCanisterTests/BackendEquivalenceTests.swift - direct and compat give byte-identical replies

import Candid
import CanisterRuntime
import Hashing
import Testing
import UploadCanister
import TestSupport

/// The seeds the random tests run with. A failure names the seed it used.
let testSeeds: [UInt64] = [0x5348_4132_3536, 1, 0xdead_beef_cafe_f00d, 20_260_501]

@Suite("direct and compat are equivalent")
struct BackendEquivalenceTests {
    /// One random call: method, argument bytes, caller; or a clock, timer or upgrade step.
    enum Step {
        case call(String, [UInt8], Principal)
        case advance(UInt64)
        case tick
        case upgrade
    }

    /// Generates steps from a seed. It remembers the sessions `uploads_begin` opened (their file and
    /// caller), so that most chunks and finishes are right (the right bytes from the right caller, the right
    /// hash) and some are not.
    struct Generator {
        var random: SplitMix64
        var sessions: [UInt64: (file: [UInt8], caller: Principal)] = [:]

        init(seed: UInt64) { random = SplitMix64(seed: seed) }

        mutating func pick<T>(_ items: [T]) -> T { items[random.below(items.count)] }

        mutating func chance(_ percent: Int) -> Bool { random.below(100) < percent }

        /// A known session most of the time, else any small id.
        mutating func session() -> (id: UInt64, file: [UInt8], caller: Principal) {
            let known = sessions.keys.sorted()
            if !known.isEmpty, chance(85) {
                let id = pick(known)
                let entry = sessions[id] ?? ([], Who.alice)
                return (id, entry.file, chance(90) ? entry.caller : pick([Who.bob, Who.anonymous]))
            }
            return (UInt64(random.below(12)), file(1000, seed: 99), Who.alice)
        }

        mutating func next() throws -> Step {
            let caller = pick([Who.alice, Who.alice, Who.alice, Who.bob, Who.anonymous])
            let capsule = caller == Who.bob ? pick(["capsule_2", "capsule_2", "capsule_1"]) : pick([
                "capsule_1", "capsule_1", "capsule_1", "capsule_2", "capsule_9",
            ])
            let locator = pick(["blob_1", "blob_2", "blob_3", "blob_4", "blob_x"])
            switch random.below(60) {
            case 0: return .call("capsules_create", try Harness.arguments("capsules_create", "(null)"), caller)
            case 1 ..< 10:
                let bytes = 1 + random.below(3500)
                let count = (bytes + 999) / 1000 + (chance(10) ? 1 : 0)
                let idem = pick(["a", "b", "c", "d"])
                let text = "(\"\(capsule)\", \(imageMetadata(bytes: bytes)), \(count), \"\(idem)\")"
                return .call("uploads_begin", try Harness.arguments("uploads_begin", text), caller)
            case 10 ..< 32:
                let target = session()
                let parts = chunks(target.file, size: 1000)
                let index = chance(95) ? random.below(max(parts.count, 1)) : parts.count
                var chunk = index < parts.count ? parts[index] : file(10)
                if chance(10), !chunk.isEmpty { chunk[0] ^= 1 }
                if chance(5) { chunk.append(0) }
                let values: [CandidValue] = [.nat64(target.id), .nat32(UInt32(index)), .blob(chunk)]
                let bytes = try Harness.arguments("uploads_put_chunk", values: values)
                return .call("uploads_put_chunk", bytes, target.caller)
            case 32 ..< 40:
                let target = session()
                let sha = chance(15) ? SHA256.hash(target.file + [1]) : SHA256.hash(target.file)
                let length = target.file.count + (chance(10) ? 1 : 0)
                let values: [CandidValue] = [.nat64(target.id), .blob(sha), .nat64(UInt64(length))]
                return .call("uploads_finish", try Harness.arguments("uploads_finish", values: values), target.caller)
            case 40:
                let target = session()
                let text = "(\(target.id) : nat64)"
                return .call("uploads_abort", try Harness.arguments("uploads_abort", text), target.caller)
            case 41, 42, 43:
                let method = pick(["blob_get_meta", "blob_read", "blob_read", "blob_delete"])
                return .call(method, try Harness.arguments(method, "(\"\(locator)\")"), caller)
            case 44, 45:
                let text = "(\"\(locator)\", \(random.below(5)) : nat32)"
                return .call("blob_read_chunk", try Harness.arguments("blob_read_chunk", text), caller)
            case 46, 47:
                let method = pick(["sessions_list", "sessions_stats", "sessions_stats", "sessions_cleanup_expired"])
                return .call(method, try Harness.arguments(method, "()"), pick([Who.alice, Who.controller, Who.admin]))
            case 48:
                let clearer = pick([Who.alice, Who.controller, Who.admin, Who.admin])
                return .call("sessions_clear_all", try Harness.arguments("sessions_clear_all", "()"), clearer)
            case 49, 50:
                let text = "(\"\(capsule)\", \(pick(["null", "opt \"mem_1\""])), \(pick(["null", "opt 1", "opt 0"])))"
                return .call("memories_list", try Harness.arguments("memories_list", text), caller)
            case 51, 52:
                let text = "(\"\(pick(["mem_1", "mem_2", "mem_3", "mem_9"]))\")"
                return .call("memories_read", try Harness.arguments("memories_read", text), caller)
            case 53:
                let text = pick(["(null)", "(opt \"capsule_1\")"])
                return .call("capsules_read_basic", try Harness.arguments("capsules_read_basic", text), caller)
            case 54, 55: return .advance(UInt64(random.below(1_800)) * 1_000_000_000)
            case 56: return .tick
            case 57: return .upgrade
            case 58: return chance(30) ? .advance(7_200_000_000_000) : .tick
            default:
                return .call(pick(["uploads_put_chunk", "uploads_begin"]), [0x44, 0x49, 0x44, 0x4C, 0x00], caller)
            }
        }

        /// Records the file and caller of a session `uploads_begin` opened (its length from the request).
        mutating func observe(_ step: Step, reply: CallResult) throws {
            guard case .call("uploads_begin", let bytes, let caller) = step, case .success(let reply) = reply,
                case .variant(let label, .nat64(let session)) = try Harness.decode("uploads_begin", reply).first,
                label == CandidLabel("Ok"), sessions[session] == nil
            else { return }
            let types = try Did.signature("uploads_begin").arguments
            let arguments = try Candid.decode(bytes, as: types, in: try Did.environment)
            guard case .variant(_, let asset) = arguments[1] else { throw HarnessError("metadata is not a variant") }
            let length = Int(try nat64(try field(try field(asset, "base"), "bytes")))
            sessions[session] = (file(length, seed: session), caller)
        }
    }

    static func describe(_ result: CallResult) -> String {
        switch result {
        case .success(let bytes): "reply of \(bytes.count) bytes"
        case .failure(let reject): "reject \(reject)"
        }
    }

    @Test("random call sequences: the same replies, byte for byte, and the same state", arguments: testSeeds)
    func randomSequences(seed: UInt64) async throws {
        let direct = try await Harness.make(.direct)
        let compat = try await Harness.make(.compat)
        var generator = Generator(seed: seed)
        for caller in [Who.alice, Who.bob] {
            let bytes = try Harness.arguments("capsules_create", "(null)")
            let a = await direct.raw("capsules_create", bytes, as: caller)
            #expect(a == (await compat.raw("capsules_create", bytes, as: caller)))
        }
        var backends: (UploadCanister.Backend, UploadCanister.Backend) = (.direct, .compat)
        var successes = 0
        var okCounts: [String: Int] = [:]
        for index in 0 ..< 400 {
            let step = try generator.next()
            switch step {
            case .call(let method, let bytes, let caller):
                let a = await direct.raw(method, bytes, as: caller)
                let b = await compat.raw(method, bytes, as: caller)
                #expect(a == b, "seed \(seed) step \(index) \(method): \(Self.describe(a)) vs \(Self.describe(b))")
                if case .success = a { successes += 1 }
                if case .success(let reply) = a, let first = try? Harness.decode(method, reply).first,
                    case .variant(let label, _) = first, label == CandidLabel("Ok")
                {
                    okCounts[method, default: 0] += 1
                }
                try generator.observe(step, reply: a)
            case .advance(let nanoseconds):
                try direct.replica.advance(nanoseconds: nanoseconds)
                try compat.replica.advance(nanoseconds: nanoseconds)
            case .tick:
                #expect(await direct.replica.tick() == compat.replica.tick(), "seed \(seed) step \(index): tick")
            case .upgrade:
                backends = (backends.1, backends.0)
                try await UpgradeTests.upgrade(direct, to: backends.0)
                try await UpgradeTests.upgrade(compat, to: backends.1)
            }
        }
        #expect(successes > 100, "seed \(seed): only \(successes) calls succeeded")
        // The sequence reached the interesting paths: chunks stored and uploads finished.
        #expect(okCounts["uploads_put_chunk", default: 0] >= 5, "seed \(seed): \(okCounts)")
        #expect(okCounts["uploads_finish", default: 0] >= 2, "seed \(seed): \(okCounts)")
        #expect(try await direct.state() == compat.state(), "seed \(seed): the states differ")
        // Persisted by pre_upgrade, the stable memories are identical too.
        try await UpgradeTests.upgrade(direct, to: .direct)
        try await UpgradeTests.upgrade(compat, to: .compat)
        #expect(
            try await direct.replica.stableMemory(of: direct.canister).bytes
                == compat.replica.stableMemory(of: compat.canister).bytes,
            "seed \(seed): stable memories differ after pre_upgrade"
        )
    }

    /// Every endpoint, with successes and errors, in one sequence.
    static func walkthrough() -> [(method: String, text: String, caller: Principal)] {
        let data = file(1500, seed: 21)
        let parts = chunks(data, size: 1000)
        let sha = blobText(SHA256.hash(data))
        let begin = "(\"capsule_1\", \(imageMetadata(bytes: 1500)), 2, \"w\")"
        return [
            ("whoami", "()", Who.alice), ("upload_config", "()", Who.anonymous),
            ("capsules_create", "(null)", Who.alice), ("capsules_create", "(null)", Who.anonymous),
            ("capsules_read_basic", "(null)", Who.alice), ("capsules_read_basic", "(opt \"capsule_1\")", Who.bob),
            ("uploads_begin", begin, Who.alice), ("uploads_begin", begin, Who.bob),
            ("uploads_put_chunk", "(1 : nat64, 1 : nat32, \(blobText(parts[1])))", Who.alice),
            ("uploads_put_chunk", "(1 : nat64, 0 : nat32, \(blobText(parts[1])))", Who.alice),
            ("uploads_put_chunk", "(1 : nat64, 0 : nat32, \(blobText(parts[0])))", Who.anonymous),
            ("sessions_list", "()", Who.anonymous), ("sessions_stats", "()", Who.bob),
            ("uploads_finish", "(1 : nat64, \(sha), 1500 : nat64)", Who.alice),
            ("uploads_put_chunk", "(1 : nat64, 0 : nat32, \(blobText(parts[0])))", Who.alice),
            ("uploads_finish", "(1 : nat64, \(sha), 1499 : nat64)", Who.alice),
            ("uploads_finish", "(1 : nat64, \(sha), 1500 : nat64)", Who.alice),
            ("uploads_finish", "(1 : nat64, \(sha), 1500 : nat64)", Who.alice),
            ("blob_get_meta", "(\"blob_1\")", Who.alice), ("blob_read", "(\"blob_1\")", Who.alice),
            ("blob_read_chunk", "(\"blob_1\", 1 : nat32)", Who.alice), ("blob_read", "(\"blob_1\")", Who.bob),
            ("memories_read", "(\"mem_1\")", Who.alice), ("memories_list", "(\"capsule_1\", null, null)", Who.alice),
            ("uploads_begin", "(\"capsule_1\", \(imageMetadata(bytes: 10)), 1, \"x\")", Who.alice),
            ("uploads_abort", "(2 : nat64)", Who.bob), ("uploads_abort", "(2 : nat64)", Who.alice),
            ("uploads_begin", "(\"capsule_1\", \(imageMetadata(bytes: 10)), 1, \"y\")", Who.alice),
            ("sessions_clear_all", "()", Who.alice), ("sessions_clear_all", "()", Who.controller),
            ("sessions_cleanup_expired", "()", Who.admin), ("blob_delete", "(\"blob_1\")", Who.bob),
            ("blob_delete", "(\"blob_1\")", Who.alice), ("blob_get_meta", "(\"blob_1\")", Who.alice),
            ("sessions_stats", "()", Who.alice),
        ]
    }

    @Test("every endpoint, successes and errors: byte-identical replies on both backends")
    func walkthroughAgrees() async throws {
        let direct = try await Harness.make(.direct)
        let compat = try await Harness.make(.compat)
        let steps = Self.walkthrough()
        #expect(Set(steps.map(\.method)) == Set(DecodeFailureTests.methods))
        for (index, step) in steps.enumerated() {
            let a = try await direct.reply(step.method, step.text, as: step.caller)
            let b = try await compat.reply(step.method, step.text, as: step.caller)
            let shown = (try? Harness.decode(step.method, a)).map(Candid.printArguments) ?? "undecodable"
            #expect(a == b, "step \(index) \(step.method): direct replied \(shown)")
        }
        try await direct.expect(
            "sessions_stats", as: Who.alice,
            "(variant { Ok = \"Total sessions: 3, Pending: 0, Committed: 1, Aborted: 1, Expired: 0, Cleared: 1\" })"
        )
        #expect(try await direct.state() == compat.state())
    }
}
