// Sources/Uploads/Backend/UploadBackend+Persistence.swift - persist to and restore from stable memory

import Candid
import Hashing

/// Where the snapshot is in the storage: a 64-byte header at offset 0.
///
/// | bytes | field |
/// |---|---|
/// | 8 | magic `CSUPLOAD` |
/// | 4 | header version (1), little-endian |
/// | 4 | reserved (0) |
/// | 8 | snapshot offset, little-endian |
/// | 8 | snapshot length, little-endian |
/// | 32 | SHA-256 of the snapshot bytes |
///
/// The snapshot is the Candid encoding of ``UploadSnapshot`` (one argument), written just above the blob
/// area's high-water mark, where the next allocations will overwrite it after the restore.
enum PersistenceHeader {
    static let magic: [UInt8] = Array("CSUPLOAD".utf8)
    static let version: UInt32 = 1
    static let size = 64

    static func encode(offset: UInt64, length: UInt64, digest: [UInt8]) -> [UInt8] {
        var bytes = magic
        bytes += littleEndian(UInt64(version))[0..<4]
        bytes += [0, 0, 0, 0]
        bytes += littleEndian(offset)
        bytes += littleEndian(length)
        bytes += digest
        return bytes
    }

    static func littleEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    static func readUInt64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }
}

extension UploadBackend {
    /// The snapshot's bytes: the Candid encoding of ``snapshot()``.
    ///
    /// - Throws: `Internal` when the Candid encoder fails.
    public func snapshotBytes() throws(UploadError) -> [UInt8] {
        do {
            return try Candid.encodeArguments(snapshot())
        } catch {
            throw .internal("snapshot_encoding: \(error)")
        }
    }

    /// A backend from ``snapshotBytes()`` of either backend.
    ///
    /// - Throws: `Internal` ("corrupt_snapshot") when the bytes do not decode or the state is inconsistent.
    public init(snapshotBytes bytes: [UInt8], storage: some BlobStorage) throws(UploadError) {
        let snapshot: UploadSnapshot
        do {
            snapshot = try Candid.decodeArguments(bytes, as: UploadSnapshot.self)
        } catch {
            throw .internal("corrupt_snapshot: \(error)")
        }
        try self.init(snapshot: snapshot, storage: storage)
    }

    /// Writes the whole state into `storage`, the storage holding the blobs (a canister's `pre_upgrade`):
    /// the snapshot above the blob area, then the header at offset 0.
    ///
    /// - Throws: `Internal` (encoding), `ResourceExhausted` (the storage cannot grow to hold the snapshot).
    public func persist(into storage: inout some BlobStorage) throws(UploadError) {
        let bytes = try snapshotBytes()
        let offset = (records.allocator.end + 7) / 8 * 8
        guard storage.ensureCapacity(offset + UInt64(bytes.count)) else { throw .resourceExhausted }
        storage.write(offset: offset, bytes)
        let header = PersistenceHeader.encode(offset: offset, length: UInt64(bytes.count), digest: SHA256.hash(bytes))
        storage.write(offset: 0, header)
    }

    /// The backend whose state ``persist()`` (of either backend) wrote into `storage` (a canister's
    /// `post_upgrade`).
    ///
    /// - Throws: `Internal` ("corrupt_snapshot") when there is no header, the snapshot's digest does not
    ///   match, or the state does not decode or is inconsistent.
    public static func restore(from storage: some BlobStorage) throws(UploadError) -> Self {
        func corrupt(_ what: String) -> UploadError { .internal("corrupt_snapshot: \(what)") }
        guard storage.byteCount >= UInt64(PersistenceHeader.size) else { throw corrupt("the storage is empty") }
        let header = storage.read(offset: 0, count: PersistenceHeader.size)
        guard Array(header[0..<8]) == PersistenceHeader.magic else { throw corrupt("no persistence header") }
        let version = PersistenceHeader.readUInt64(header, at: 8) & 0xFFFF_FFFF
        guard version == UInt64(PersistenceHeader.version) else { throw corrupt("header version \(version)") }
        let offset = PersistenceHeader.readUInt64(header, at: 16)
        let length = PersistenceHeader.readUInt64(header, at: 24)
        guard offset >= UploadRecords.blobAreaStart, offset <= storage.byteCount, length <= storage.byteCount - offset,
            length <= UInt64(Int.max)
        else { throw corrupt("the snapshot at \(offset) (\(length) bytes) is outside the storage") }
        let bytes = storage.read(offset: offset, count: Int(length))
        guard SHA256.hash(bytes) == Array(header[32..<64]) else { throw corrupt("the snapshot digest does not match") }
        return try Self(snapshotBytes: bytes, storage: storage)
    }
}
