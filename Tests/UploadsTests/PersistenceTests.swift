// Tests/UploadsTests/PersistenceTests.swift - persist and restore, within a backend and across backends

import Candid
import Hashing
import Testing

@testable import Uploads

@Suite("Persist and restore")
struct PersistenceTests {
    /// Builds in-flight state: one finished upload, three open sessions (two owners), chunks out of order so
    /// that some are stored ahead of the hashed prefix.
    static func inFlight(_ h: inout Harness) throws -> (sessions: [UInt64], data: [[UInt8]]) {
        let aliceCapsule = try h.capsule(for: Fixtures.alice)
        let bobCapsule = try h.capsule(for: Fixtures.bob)
        _ = try h.upload(Fixtures.alice, capsule: aliceCapsule, Fixtures.content(19, seed: 9), idem: "done")
        let data = [Fixtures.content(30, seed: 1), Fixtures.content(17, seed: 2), Fixtures.content(40, seed: 3)]
        let s1 = try h.begin(Fixtures.alice, capsule: aliceCapsule, bytes: 30, idem: "a")
        let s2 = try h.begin(Fixtures.bob, capsule: bobCapsule, bytes: 17, idem: "b")
        let s3 = try h.begin(Fixtures.alice, capsule: aliceCapsule, bytes: 40, idem: "c")
        try h.put(Fixtures.alice, s1, 2, h.chunk(data[0], 2))
        try h.put(Fixtures.alice, s1, 0, h.chunk(data[0], 0))
        try h.put(Fixtures.bob, s2, 1, h.chunk(data[1], 1))
        try h.put(Fixtures.alice, s3, 0, h.chunk(data[2], 0))
        try h.put(Fixtures.alice, s3, 1, h.chunk(data[2], 1))
        try h.put(Fixtures.alice, s3, 4, h.chunk(data[2], 4))
        h.now += 100
        return ([s1, s2, s3], data)
    }

    /// Finishes the three in-flight uploads (remaining chunks, then finish), returning the results.
    static func complete(_ h: inout Harness, _ sessions: [UInt64], _ data: [[UInt8]]) throws -> [UploadFinishResult] {
        let callers = [Fixtures.alice, Fixtures.bob, Fixtures.alice]
        var results: [UploadFinishResult] = []
        for (slot, session) in sessions.enumerated() {
            for index in (0..<h.chunkCount(data[slot])).reversed() {
                try h.put(callers[slot], session, index, h.chunk(data[slot], index))
            }
            results.append(try h.finish(callers[slot], session, data[slot]))
        }
        return results
    }

    /// State persisted by this backend restores into each backend (itself and the other: compat → direct
    /// and direct → compat) with the same snapshot, and the uploads begun before finish after with the
    /// right hashes, exactly as without the upgrade.
    @Test(arguments: Backend.allCases)
    func inFlightUploadsSurviveAnUpgradeIntoEitherBackend(_ kind: Backend) throws {
        var original = try Harness(kind)
        let (sessions, data) = try Self.inFlight(&original)
        let before = original.backend.snapshot()
        try original.backend.persist(into: &original.storage)
        let persisted = original.storage
        var reference = original
        let expected = try Self.complete(&reference, sessions, data)
        for target in Backend.allCases {
            var upgraded = original
            upgraded.storage = persisted
            upgraded.backend = try target.restore(from: persisted)
            #expect(upgraded.backend.snapshot() == before, "\(kind) → \(target)")
            #expect(
                upgraded.backend.sessionsList(now: upgraded.now) == original.backend.sessionsList(now: original.now))
            let results = try Self.complete(&upgraded, sessions, data)
            #expect(results == expected, "\(kind) → \(target)")
            for (slot, result) in results.enumerated() {
                #expect(result.checksumSha256 == SHA256.hash(data[slot]))
                #expect(try upgraded.backend.records.blobBytes(result.blobId, storage: upgraded.storage) == data[slot])
            }
            #expect(upgraded.backend.snapshot() == reference.backend.snapshot(), "\(kind) → \(target)")
        }
    }

    /// Both backends persist byte-identical stable memory for the same calls.
    @Test(arguments: Backend.allCases)
    func bothBackendsPersistTheSameBytes(_ kind: Backend) throws {
        var mine = try Harness(kind)
        var theirs = try Harness(kind.other)
        _ = try Self.inFlight(&mine)
        _ = try Self.inFlight(&theirs)
        try mine.backend.persist(into: &mine.storage)
        try theirs.backend.persist(into: &theirs.storage)
        #expect(mine.storage.bytes == theirs.storage.bytes)
        #expect(try mine.backend.snapshotBytes() == theirs.backend.snapshotBytes())
    }

    /// Snapshot bytes decode to the same snapshot, and a restored backend persists the same bytes again.
    @Test(arguments: Backend.allCases)
    func snapshotBytesRoundTrip(_ kind: Backend) throws {
        var h = try Harness(kind)
        _ = try Self.inFlight(&h)
        let bytes = try h.backend.snapshotBytes()
        let restored = try kind.other.make(snapshot: h.backend.snapshot(), storage: h.storage)
        #expect(try restored.snapshotBytes() == bytes)
        let decoded = try DirectUploadService(snapshotBytes: bytes, storage: h.storage)
        #expect(decoded.snapshot() == h.backend.snapshot())
        expectError(.internal(prefix: ""), prefix: "corrupt_snapshot") {
            try CompatUploadService(snapshotBytes: Array(bytes.dropLast()), storage: h.storage)
        }
    }

    /// A damaged header or snapshot is refused with a typed error.
    @Test(arguments: Backend.allCases)
    func restoreRefusesDamage(_ kind: Backend) throws {
        var h = try Harness(kind)
        _ = try Self.inFlight(&h)
        try h.backend.persist(into: &h.storage)
        let header = h.storage.read(offset: 0, count: 64)
        let offset = header[16..<24].enumerated().reduce(UInt64(0)) {
            $0 | UInt64($1.element) << (8 * UInt64($1.offset))
        }
        var flipped = h.storage
        flipped.write(offset: offset + 10, [flipped.read(offset: offset + 10, count: 1)[0] ^ 0x40])
        expectError(.internal("corrupt_snapshot: the snapshot digest does not match")) {
            try kind.restore(from: flipped)
        }
        var badMagic = h.storage
        badMagic.write(offset: 0, Array("XSUPLOAD".utf8))
        expectError(.internal("corrupt_snapshot: no persistence header")) { try kind.restore(from: badMagic) }
        var outside = h.storage
        outside.write(offset: 16, PersistenceHeader.littleEndian(outside.byteCount))
        expectError(.internal(prefix: ""), prefix: "corrupt_snapshot: the snapshot at") {
            try kind.restore(from: outside)
        }
        #expect(try kind.other.restore(from: h.storage).snapshot() == h.backend.snapshot())
    }

    /// The TTL keeps running across an upgrade: lastSeen is persisted, so a session idle past its TTL after
    /// the upgrade expires, and one within it continues.
    @Test(arguments: Backend.allCases)
    func ttlSurvivesTheUpgrade(_ kind: Backend) throws {
        var h = try Harness(kind)
        let capsule = try h.capsule(for: Fixtures.alice)
        let data = Fixtures.content(16)
        let old = try h.begin(Fixtures.alice, capsule: capsule, bytes: 16, idem: "old")
        h.now += 600
        let young = try h.begin(Fixtures.alice, capsule: capsule, bytes: 16, idem: "young")
        try h.backend.persist(into: &h.storage)
        var restored = h
        restored.backend = try kind.other.restore(from: h.storage)
        restored.now += 500  // old is 1,100 ns idle (expired), young 500 ns
        expectError(.notFound) { try restored.put(Fixtures.alice, old, 0, Array(data[0..<8])) }
        try restored.put(Fixtures.alice, young, 0, Array(data[0..<8]))
        #expect(restored.backend.pendingUploads.map(\.sessionId) == [young])
        #expect(restored.backend.records.allocatedBytes == 16)
    }
}

extension UploadError {
    static func `internal`(prefix: String) -> UploadError { .internal(prefix) }
}
