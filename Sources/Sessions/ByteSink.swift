// Sources/Sessions/ByteSink.swift - where a session's chunk bytes go

/// Where the bytes of stored chunks are written. Provided by the caller of
/// ``SessionService/putChunk(_:index:bytes:owner:now:sink:)``; the session engine never keeps chunk bytes.
///
/// A write may fail (a store that is full, an offset it refuses); the service then reports
/// ``SessionError/Code/sinkFailed`` and leaves the session exactly as it was.
public protocol ByteSink {
    /// Writes `bytes` at byte `offset` of the upload.
    ///
    /// - Parameters:
    ///   - offset: Where the chunk starts in the upload (`index × chunkSize`).
    ///   - bytes: The chunk; valid only during the call.
    /// - Throws: Any error; the service wraps it as ``SessionError/Code/sinkFailed``.
    mutating func write(at offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws
}

extension ByteSink {
    /// Writes an array's bytes at `offset`.
    public mutating func write(at offset: UInt64, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in try write(at: offset, buffer) }
    }
}
