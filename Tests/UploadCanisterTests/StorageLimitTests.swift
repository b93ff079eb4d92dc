// Tests/UploadCanisterTests/StorageLimitTests.swift - a full stable memory: ResourceExhausted, failed upgrades

import Candid
import CanisterRuntime
import Hashing
import Testing
import UploadCanister

@Suite("a full stable memory")
struct StorageLimitTests {
    /// Four 64 KiB pages: the header page and 192 KiB of blobs.
    static func smallReplica() -> ReplicaConfiguration {
        var configuration = ReplicaConfiguration()
        configuration.maximumStableMemoryPages = 4
        return configuration
    }

    @Test("uploads_begin gets ResourceExhausted when stable memory cannot hold the upload; nothing changes",
        arguments: bothBackends)
    func beginExhausted(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend, replica: Self.smallReplica())
        let capsule = try await h.createCapsule(as: Who.alice)
        #expect(try await h.begin(capsule: capsule, bytes: 100_000, idem: "fits", as: Who.alice) == 1)
        let before = try await h.state()
        try await h.expect(
            "uploads_begin", "(\"\(capsule)\", \(imageMetadata(bytes: 100_000)), 100, \"too-much\")", as: Who.alice,
            err("ResourceExhausted")
        )
        #expect(try await h.state() == before)
        // Aborting the first upload frees its region, and the second one fits.
        try await h.expect("uploads_abort", "(1 : nat64)", as: Who.alice, okUnit)
        #expect(try await h.begin(capsule: capsule, bytes: 100_000, idem: "too-much", as: Who.alice) == 2)
    }

    @Test("an upgrade whose pre_upgrade cannot store the state fails atomically; the upload goes on",
        arguments: bothBackends)
    func preUpgradeExhausted(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend, replica: Self.smallReplica())
        let capsule = try await h.createCapsule(as: Who.alice)
        // The region ends 44 bytes before the memory's end: no room for the persisted state.
        let length = 4 * 65_536 - 65_536 - 44
        let data = file(length, seed: 4)
        let session = try await h.begin(capsule: capsule, bytes: length, as: Who.alice)
        _ = try await h.put(session, 0, Array(data[0 ..< 1000]), as: Who.alice)
        let before = try await h.state()
        do {
            try await UpgradeTests.upgrade(h, to: backend == .direct ? .compat : .direct)
            Issue.record("the upgrade was accepted")
        } catch let error as Reject {
            #expect(error.errorCode == .canisterCalledTrap)
            #expect(error.message.contains("pre_upgrade: ResourceExhausted"), "\(error.message)")
        }
        #expect(try await h.state() == before)
        #expect(try await h.replica.state(of: h.canister, as: UploadCanister.self).backendKind == backend)
        for (index, chunk) in chunks(data, size: 1000).enumerated().dropFirst() {
            _ = try await h.put(session, index, chunk, as: Who.alice)
        }
        let reply = try await h.finish(session, sha256: SHA256.hash(data), length: length, as: Who.alice)
        let done = finished(blob: 1, memory: 1, size: length, sha256: SHA256.hash(data))
        #expect(try UploadCanisterTests.reply(reply, of: "uploads_finish", is: done))
    }

    @Test("blobs live in the canister's stable memory, from page 1 on; page 0 holds the state after pre_upgrade",
        arguments: bothBackends)
    func blobsInStableMemory(backend: UploadCanister.Backend) async throws {
        let h = try await Harness.make(backend)
        let capsule = try await h.createCapsule(as: Who.alice)
        let data = file(2500, seed: 8)
        _ = try await h.upload(data, capsule: capsule, as: Who.alice)
        var memory = try await h.replica.stableMemory(of: h.canister).bytes
        #expect(memory.count == 2 * 65_536)
        #expect(Array(memory[65_536 ..< 65_536 + data.count]) == data)
        #expect(memory[0 ..< 65_536].allSatisfy { $0 == 0 })
        try await UpgradeTests.upgrade(h, to: backend)
        memory = try await h.replica.stableMemory(of: h.canister).bytes
        #expect(Array(memory[0 ..< 8]) == Array("CSUPLOAD".utf8))
        #expect(Array(memory[65_536 ..< 65_536 + data.count]) == data)
    }
}
