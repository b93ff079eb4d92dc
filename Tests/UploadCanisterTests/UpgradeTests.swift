// Tests/UploadCanisterTests/UpgradeTests.swift - upgrades in the middle of an upload, on and across backends

import Candid
import CanisterRuntime
import Hashing
import Testing
import UploadCanister
import Uploads

@Suite("upgrade")
struct UpgradeTests {
    struct Switch: Sendable, CustomStringConvertible {
        var from: UploadCanister.Backend
        var to: UploadCanister.Backend
        var description: String { "\(from) → \(to)" }
    }

    static let switches = [
        Switch(from: .direct, to: .direct), Switch(from: .compat, to: .compat),
        Switch(from: .compat, to: .direct), Switch(from: .direct, to: .compat),
    ]

    /// Upgrades `h`'s canister by its controller with an `InitArg` text for `backend`.
    static func upgrade(_ h: Harness, to backend: UploadCanister.Backend, limits: String = "") async throws {
        let bytes: [UInt8]
        do {
            bytes = try Harness.initBytes(Harness.initText(backend, chunkSize: h.chunkSize, limits: limits))
        } catch {
            preconditionFailure("InitArg text: \(error)")
        }
        try await h.replica.upgrade(h.canister, argument: bytes, sender: Who.controller)
    }

    /// Install on `from`, finish one upload, begin a second and send 3 of its 5 chunks out of order, upgrade
    /// to `to`, send the rest and finish. Returns every reply after the upgrade.
    static func uploadAcrossUpgrade(_ change: Switch) async throws -> [[UInt8]] {
        let h = try await Harness.make(change.from)
        let capsule = try await h.createCapsule(as: Who.alice)
        let first = file(1200, seed: 1)
        _ = try await h.upload(first, capsule: capsule, as: Who.alice)
        let data = file(4321, seed: 2)
        let parts = chunks(data, size: 1000)
        let session = try await h.begin(capsule: capsule, bytes: data.count, idem: "big", as: Who.alice)
        #expect(session == 2)
        for index in [1, 0, 3] {
            _ = try await h.put(session, index, parts[index], as: Who.alice)
        }
        let list = try await h.reply("sessions_list", "()", as: Who.alice)

        try await upgrade(h, to: change.to)
        let upgraded = try await h.replica.state(of: h.canister, as: UploadCanister.self)
        #expect(upgraded.backendKind == change.to)
        #expect(ObjectIdentifier(type(of: upgraded.backend)) == ObjectIdentifier(change.to.implementation))

        var replies: [[UInt8]] = []
        replies.append(try await h.reply("sessions_list", "()", as: Who.alice))
        #expect(replies[0] == list, "\(change): the open session changed across the upgrade")
        for index in [4, 2] {
            replies.append(try await h.reply("uploads_put_chunk", values: [.nat64(session), .nat32(UInt32(index)),
                .blob(parts[index])], as: Who.alice))
            #expect(try reply(replies.last ?? [], of: "uploads_put_chunk", is: okUnit))
        }
        replies.append(try await h.finish(session, sha256: SHA256.hash(data), length: data.count, as: Who.alice))
        let done = finished(blob: 2, memory: 2, size: 4321, sha256: SHA256.hash(data))
        #expect(try reply(replies.last ?? [], of: "uploads_finish", is: done), "\(change)")
        replies.append(
            try await h.expect("blob_read", "(\"blob_2\")", as: Who.alice, "(variant { Ok = \(blobText(data)) })")
        )
        replies.append(
            try await h.expect("blob_read", "(\"blob_1\")", as: Who.alice, "(variant { Ok = \(blobText(first)) })")
        )
        // Counters survive: the next session is 3, the next blob 3.
        let next = try await h.upload(file(10, seed: 3), capsule: capsule, idem: "after", as: Who.alice)
        #expect(try text(try field(next, "blob_id")) == "blob_3")
        replies.append(try await h.reply("sessions_stats", "()", as: Who.alice))
        let stats = "(variant { Ok = \"Total sessions: 3, Pending: 0, Committed: 3, Aborted: 0, Expired: 0, "
            + "Cleared: 0\" })"
        #expect(try reply(replies.last ?? [], of: "sessions_stats", is: stats))
        return replies
    }

    @Test("an upload begun before an upgrade finishes after it with the right SHA-256", arguments: switches)
    func uploadSurvivesUpgrade(change: Switch) async throws {
        _ = try await Self.uploadAcrossUpgrade(change)
    }

    @Test("every backend switch gives byte-identical replies after the upgrade")
    func switchesAgree() async throws {
        var all: [[[UInt8]]] = []
        for change in Self.switches {
            all.append(try await Self.uploadAcrossUpgrade(change))
        }
        for (index, replies) in all.enumerated().dropFirst() {
            #expect(replies == all[0], "\(Self.switches[index]) differs from \(Self.switches[0])")
        }
    }

    @Test("compat → direct → compat → direct with chunks between the upgrades")
    func repeatedUpgrades() async throws {
        let h = try await Harness.make(.compat)
        let capsule = try await h.createCapsule(as: Who.alice)
        let data = file(3999, seed: 9)
        let parts = chunks(data, size: 1000)
        let session = try await h.begin(capsule: capsule, bytes: data.count, as: Who.alice)
        for (index, backend) in [UploadCanister.Backend.direct, .compat, .direct, .direct].enumerated() {
            _ = try await h.put(session, index, parts[index], as: Who.alice)
            try await Self.upgrade(h, to: backend)
        }
        let reply = try await h.finish(session, sha256: SHA256.hash(data), length: data.count, as: Who.alice)
        #expect(try UploadCanisterTests.reply(
            reply, of: "uploads_finish", is: finished(blob: 1, memory: 1, size: 3999, sha256: SHA256.hash(data))
        ))
    }

    @Test("an upgrade that changes a persisted limit traps in post_upgrade and leaves the canister as it was",
        arguments: bothBackends)
    func limitChangeRefused(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        _ = try await h.begin(capsule: capsule, bytes: 2500, as: Who.alice)
        let before = try await h.state()
        let bytes = try Harness.initBytes(Harness.initText(backend, chunkSize: 2000, limits: "; max_chunks = opt 9"))
        do {
            try await h.replica.upgrade(h.canister, argument: bytes, sender: Who.controller)
            Issue.record("the upgrade was accepted")
        } catch let error as Reject {
            #expect(error.code == .canisterError)
            #expect(error.errorCode == .canisterCalledTrap)
            #expect(
                error.message.contains(
                    "post_upgrade: an upgrade keeps the persisted limits; the argument changes chunk_size (persisted "
                        + "1000, argument 2000), max_chunks (persisted 16384, argument 9)"
                ),
                "\(error.message)"
            )
        }
        #expect(try await h.state() == before)
        // The same limits spelled out are accepted; the sweep timer is registered again.
        try await Self.upgrade(h, to: backend, limits: "; max_chunks = opt 16384; session_ttl_ns = opt 7200000000000")
        #expect(try await h.put(1, 0, file(1000), as: Who.alice) == Harness.expected("uploads_put_chunk", okUnit))
        try h.replica.advance(by: .seconds(300))
        #expect(await h.replica.tick() == 1)
    }

    @Test("upgrades refused: an argument that does not decode, a sender that is not a controller",
        arguments: bothBackends)
    func upgradeRefused(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        _ = try await h.begin(capsule: capsule, bytes: 2500, as: Who.alice)
        let before = try await h.state()
        let bad = try Candid.encode(try Candid.parseArguments("(record { backend = variant { fast } })"))
        do {
            try await h.replica.upgrade(h.canister, argument: bad, sender: Who.controller)
            Issue.record("an undecodable argument was accepted")
        } catch let error as Reject {
            #expect(error.code == .canisterError)
            #expect(error.errorCode == .canisterCalledTrap)
        }
        let good = try Harness.initBytes(Harness.initText(backend, chunkSize: 1000))
        for sender in [Who.alice, Who.admin, Who.anonymous] {
            do {
                try await h.replica.upgrade(h.canister, argument: good, sender: sender)
                Issue.record("\(sender) upgraded the canister")
            } catch let error as Reject {
                #expect(error.errorCode == .canisterInvalidController)
            }
        }
        #expect(try await h.state() == before)
    }

    @Test("install refuses a zero limit; the typed install API installs and upgrades")
    func installAPI() async throws {
        let replica = Replica()
        let canister = replica.createCanister(controllers: [Who.controller])
        let zero = try Harness.initBytes(
            "(record { backend = variant { direct }; chunk_size = opt 0; admins = vec {} })"
        )
        do {
            try await replica.install(
                CanisterModule(UploadCanister.self), on: canister, argument: zero, sender: Who.controller
            )
            Issue.record("chunk_size 0 was accepted")
        } catch let error as Reject {
            #expect(error.errorCode == .canisterCalledTrap)
            #expect(error.message.contains("install: InvalidArgument: invalid_configuration: chunk_size must be > 0"))
        }
        let id = try await UploadCanister.install(
            on: replica, backend: .compat, admins: [Who.admin], controllers: [Who.controller]
        )
        let state = try await replica.state(of: id, as: UploadCanister.self)
        #expect(state.backendKind == .compat)
        #expect(state.admins == [Who.admin])
        #expect(state.backend.configuration == .default)
        try await UploadCanister.upgrade(id, on: replica, to: .direct)
        #expect(try await replica.state(of: id, as: UploadCanister.self).backendKind == .direct)
    }
}
