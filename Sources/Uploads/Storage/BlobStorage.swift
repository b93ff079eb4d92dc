// Sources/Uploads/Storage/BlobStorage.swift - the byte store under the blob store: stable memory or an array

import Sessions

/// A growable byte-addressed memory measured in 64 KiB pages: the canister's stable memory, or
/// ``InMemoryStorage`` in tests and tools. The one storage protocol of the upload layer.
///
/// The upload layer keeps every blob and the persisted snapshot in one storage. It does not hold the
/// storage: each call that writes takes it `inout` (a canister passes its stable memory, which the
/// runtime journals per message), each call that reads takes it by value, so backends stay plain values.
/// Accesses stay inside `0 ..< byteCount` (the layer grows the storage before it writes past the end and
/// only reads what it wrote), so an access out of bounds is a programmer error that the conforming type
/// may trap on, never an input error.
public protocol BlobStorage {
    /// The current size in pages of ``BlobStoragePage/size`` bytes.
    var pageCount: UInt64 { get }

    /// Adds `pages` zero-filled pages at the end.
    ///
    /// - Returns: The page count before growing, or `nil` when the storage cannot grow that much (then
    ///   nothing changed).
    mutating func grow(by pages: UInt64) -> UInt64?

    /// Copies `bytes` to `offset`.
    mutating func write(offset: UInt64, _ bytes: UnsafeRawBufferPointer)

    /// Lends the `count` bytes at `offset` to `body` in order, in one or more consecutive spans valid only
    /// inside `body`: how an early chunk is hashed and a duplicate compared without copying it.
    func forEachSpan(offset: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) -> Void)

    /// A copy of the `count` bytes starting at `offset` (what a query replies with); by default made
    /// from ``forEachSpan(offset:count:_:)``.
    func read(offset: UInt64, count: Int) -> [UInt8]
}

/// The page of a ``BlobStorage``.
public enum BlobStoragePage {
    /// 64 KiB, the Wasm and IC stable memory page.
    public static let size: UInt64 = 65_536
}

extension BlobStorage {
    /// The current size in bytes.
    public var byteCount: UInt64 { pageCount * BlobStoragePage.size }

    /// A copy of the `count` bytes starting at `offset`, through ``forEachSpan(offset:count:_:)``.
    public func read(offset: UInt64, count: Int) -> [UInt8] {
        precondition(count >= 0, "negative read length \(count)")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        forEachSpan(offset: offset, count: count) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Whether the `bytes.count` bytes at `offset` equal `bytes`, compared span by span in place.
    public func holds(_ bytes: [UInt8], at offset: UInt64) -> Bool {
        var same = true
        var position = 0
        bytes.withUnsafeBytes { expected in
            forEachSpan(offset: offset, count: expected.count) { span in
                let end = position + span.count
                same = same && Self.equal(span, UnsafeRawBufferPointer(rebasing: expected[position..<end]))
                position = end
            }
        }
        return same
    }

    /// Whether two equally long buffers hold the same bytes, compared a word at a time.
    private static func equal(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset + 8 <= left.count {
            guard left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                == right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset += 8
        }
        while offset < left.count {
            guard left[offset] == right[offset] else { return false }
            offset += 1
        }
        return true
    }

    /// Copies an array's bytes to `offset`.
    public mutating func write(offset: UInt64, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write(offset: offset, $0) }
    }

    /// Grows the storage, if needed, so that it holds at least `bytes` bytes.
    ///
    /// - Returns: `false` when the storage cannot grow that much (nothing changed).
    public mutating func ensureCapacity(_ bytes: UInt64) -> Bool {
        guard bytes > byteCount else { return true }
        let needed = (bytes - byteCount + BlobStoragePage.size - 1) / BlobStoragePage.size
        return grow(by: needed) != nil
    }
}

extension SessionService {
    /// Stores a chunk through the engine straight into `region` of `storage`: the engine validates it, and
    /// its bytes are copied once, from `bytes` into the storage.
    ///
    /// The storage is moved into the engine's sink for the call and back out (no copy of the storage,
    /// no pointer): a write outside the region throws, and the engine then reports `sinkFailed`.
    ///
    /// - Throws: The engine's errors as upload errors (``UploadError/init(_:)``).
    mutating func putChunk(
        _ id: SessionId,
        index: UInt32,
        bytes: [UInt8],
        owner: [UInt8],
        now: UInt64,
        into region: BlobRegion,
        of storage: inout some BlobStorage
    ) throws(UploadError) -> PutOutcome {
        var sink = RegionSink(storage: consume storage, region: region)
        let outcome: PutOutcome
        do {
            outcome = try putChunk(id, index: index, bytes: bytes, owner: owner, now: now, sink: &sink)
        } catch {
            storage = sink.storage
            throw UploadError(error)
        }
        storage = sink.storage
        return outcome
    }
}

/// The engine's ``ByteSink`` for one put: the storage, and the blob region that upload offsets are in.
struct RegionSink<Storage: BlobStorage>: ByteSink {
    var storage: Storage
    let region: BlobRegion

    mutating func write(at offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws {
        guard offset <= region.length, UInt64(bytes.count) <= region.length - offset,
            region.end <= storage.byteCount
        else { throw UploadError.internal("cannot write \(bytes.count) bytes at \(offset) of region \(region)") }
        storage.write(offset: region.offset + offset, bytes)
    }
}
