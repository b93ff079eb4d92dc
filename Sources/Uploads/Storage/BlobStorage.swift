// Sources/Uploads/Storage/BlobStorage.swift - the byte store under the blob store: stable memory or an array

/// Read access to a byte-addressed memory measured in 64 KiB pages: what queries (`blob_read`...) and
/// restores need.
///
/// Reads must stay inside `0 ..< byteCount`; the upload layer only reads what it wrote, so an access out
/// of bounds is a programmer error (the conforming type may trap), never an input error.
public protocol BlobReadable {
    /// The current size in pages of ``BlobStoragePage/size`` bytes.
    var pageCount: UInt64 { get }

    /// Copies `buffer.count` bytes starting at `offset` into `buffer`.
    func read(offset: UInt64, into buffer: UnsafeMutableRawBufferPointer)
}

/// A growable byte-addressed memory measured in 64 KiB pages: the canister's stable memory, or
/// ``InMemoryStorage`` in tests.
///
/// The upload layer keeps every blob and the persisted snapshot in one storage. It does not hold the
/// storage: each call that writes takes it `inout` (a canister passes its stable memory, which the
/// runtime journals per message), so backends stay plain values. Writes must stay inside
/// `0 ..< byteCount`; the layer grows the storage before it writes past the end.
public protocol BlobStorage: BlobReadable {
    /// Adds `pages` zero-filled pages at the end.
    ///
    /// - Returns: The page count before growing, or `nil` when the storage cannot grow that much (then
    ///   nothing changed).
    mutating func grow(by pages: UInt64) -> UInt64?

    /// Copies `bytes` to `offset`.
    mutating func write(offset: UInt64, _ bytes: UnsafeRawBufferPointer)
}

/// The page of a ``BlobStorage``.
public enum BlobStoragePage {
    /// 64 KiB, the Wasm and IC stable memory page.
    public static let size: UInt64 = 65_536
}

extension BlobReadable {
    /// The current size in bytes.
    public var byteCount: UInt64 { pageCount * BlobStoragePage.size }

    /// `count` bytes starting at `offset`.
    public func read(offset: UInt64, count: Int) -> [UInt8] {
        precondition(count >= 0, "negative read length \(count)")
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            read(offset: offset, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }
}

extension BlobStorage {
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
