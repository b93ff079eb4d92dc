// Sources/Uploads/Storage/BlobSink.swift - the ByteSink that writes chunks into a blob's reserved region

import Sessions

/// Write access to a storage, for sinks.
public protocol StorageWriter {
    /// The storage's size in bytes.
    var byteCount: UInt64 { get }
    /// Writes `bytes` at `offset` of the storage (inside `0 ..< byteCount`).
    func write(offset: UInt64, _ bytes: UnsafeRawBufferPointer)
}

/// Write access to the storage of the current call.
///
/// Made only by ``withStorageHandle(_:_:)`` around one call of the session engine, and valid only inside
/// it: the storage stays a value owned by the caller (a canister's stable memory, passed to each message),
/// and a sink reaches it for exactly as long as the engine runs.
public struct StorageHandle<Storage: BlobStorage>: StorageWriter {
    private let pointer: UnsafeMutablePointer<Storage>

    fileprivate init(_ pointer: UnsafeMutablePointer<Storage>) { self.pointer = pointer }

    public var byteCount: UInt64 { pointer.pointee.byteCount }

    public func write(offset: UInt64, _ bytes: UnsafeRawBufferPointer) {
        pointer.pointee.write(offset: offset, bytes)
    }
}

/// Runs `body` with a handle on `storage`; the handle must not outlive `body`.
func withStorageHandle<Storage: BlobStorage, Result>(
    _ storage: inout Storage,
    _ body: (StorageHandle<Storage>) -> Result
) -> Result {
    withUnsafeMutablePointer(to: &storage) { body(StorageHandle($0)) }
}

/// A ``ByteSink`` whose storage is supplied for each call: a canister's stable memory is passed to each
/// message rather than held, so a sink made ahead of time (by ``SessionCompat``'s factory) is bound to the
/// current storage just before the session engine writes through it.
public protocol StorageBoundSink: ByteSink {
    /// Points the sink at the storage of the current call.
    mutating func bind(to storage: any StorageWriter)
}

/// Writes an upload's chunks straight into the region reserved for its blob at `uploads_begin`.
///
/// The session engine calls ``write(at:_:)`` with the chunk's offset in the upload; the sink adds the
/// region's offset. A write that would leave the region, or a write before ``bind(to:)``, throws
/// ``BlobSinkError`` (the engine then reports `sinkFailed` and changes nothing); neither happens for chunks
/// the engine validated.
public struct BlobSink: StorageBoundSink {
    /// The blob's region.
    public let region: BlobRegion
    private var storage: (any StorageWriter)?

    /// An unbound sink into `region`.
    public init(region: BlobRegion) {
        self.region = region
        self.storage = nil
    }

    public mutating func bind(to storage: any StorageWriter) {
        self.storage = storage
    }

    public mutating func write(at offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws {
        guard let storage else { throw BlobSinkError.unbound(region: region) }
        guard offset <= region.length, UInt64(bytes.count) <= region.length - offset,
            region.end <= storage.byteCount
        else { throw BlobSinkError.outsideRegion(offset: offset, count: bytes.count, region: region) }
        storage.write(offset: region.offset + offset, bytes)
    }
}

/// Why a ``BlobSink`` refused a write.
public enum BlobSinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The write would leave the blob's region (or the region is past the storage's end).
    case outsideRegion(offset: UInt64, count: Int, region: BlobRegion)
    /// The sink was not bound to a storage.
    case unbound(region: BlobRegion)

    public var description: String {
        switch self {
        case .outsideRegion(let offset, let count, let region):
            "cannot write \(count) bytes at upload offset \(offset): the blob region \(region) has "
                + "\(region.length) bytes"
        case .unbound(let region): "the sink for region \(region) is not bound to a storage"
        }
    }
}
