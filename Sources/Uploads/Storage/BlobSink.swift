// Sources/Uploads/Storage/BlobSink.swift - the ByteSink that writes chunks into a blob's reserved region

import Sessions

/// Writes an upload's chunks straight into the region reserved for its blob at `uploads_begin`.
///
/// The session engine calls ``write(at:_:)`` with the chunk's offset in the upload; the sink adds the
/// region's offset. A write that would leave the region throws ``BlobSinkError`` (the engine then
/// reports `sinkFailed` and changes nothing); it cannot happen for chunks the engine validated.
public struct BlobSink: ByteSink {
    /// The storage written to.
    public let storage: any BlobStorage
    /// The blob's region.
    public let region: BlobRegion

    /// A sink into `region` of `storage`.
    public init(storage: any BlobStorage, region: BlobRegion) {
        self.storage = storage
        self.region = region
    }

    public mutating func write(at offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws {
        guard offset <= region.length, UInt64(bytes.count) <= region.length - offset else {
            throw BlobSinkError(offset: offset, count: bytes.count, region: region)
        }
        storage.write(offset: region.offset + offset, bytes)
    }
}

/// A write outside the blob's region.
public struct BlobSinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offset in the upload.
    public let offset: UInt64
    /// The write's length.
    public let count: Int
    /// The blob's region.
    public let region: BlobRegion

    public var description: String {
        "cannot write \(count) bytes at upload offset \(offset): the blob region \(region) has \(region.length) bytes"
    }
}
