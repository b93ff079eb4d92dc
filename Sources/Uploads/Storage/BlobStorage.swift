// Sources/Uploads/Storage/BlobStorage.swift - the byte store under the blob store: stable memory or an array

/// A growable, byte-addressed memory measured in 64 KiB pages: the canister's stable memory, or
/// ``InMemoryStorage`` in tests.
///
/// The upload layer keeps every blob and every persisted snapshot in one `BlobStorage`. Reads and writes
/// must stay inside `0 ..< byteCount`; the layer grows the storage before it writes past the end, so an
/// access out of bounds is a programmer error (a precondition), never an input error.
///
/// A class-bound protocol: the storage is shared by the blob store and the sinks writing into it, as
/// stable memory is shared by everything in a canister.
public protocol BlobStorage: AnyObject {
    /// The current size in pages of ``BlobStoragePage/size`` bytes.
    var pageCount: UInt64 { get }

    /// Adds `pages` zero-filled pages at the end.
    ///
    /// - Returns: The page count before growing, or `nil` when the storage cannot grow that much (then
    ///   nothing changed).
    func grow(by pages: UInt64) -> UInt64?

    /// Copies `buffer.count` bytes starting at `offset` into `buffer`.
    func read(offset: UInt64, into buffer: UnsafeMutableRawBufferPointer)

    /// Copies `bytes` to `offset`.
    func write(offset: UInt64, _ bytes: UnsafeRawBufferPointer)
}

/// The page of a ``BlobStorage``.
public enum BlobStoragePage {
    /// 64 KiB, the Wasm and IC stable memory page.
    public static let size: UInt64 = 65_536
}

extension BlobStorage {
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

    /// Copies an array's bytes to `offset`.
    public func write(offset: UInt64, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write(offset: offset, $0) }
    }

    /// Grows the storage, if needed, so that it holds at least `bytes` bytes.
    ///
    /// - Returns: `false` when the storage cannot grow that much (nothing changed).
    public func ensureCapacity(_ bytes: UInt64) -> Bool {
        guard bytes > byteCount else { return true }
        let needed = (bytes - byteCount + BlobStoragePage.size - 1) / BlobStoragePage.size
        return grow(by: needed) != nil
    }
}
