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

/// A ``ByteSink`` that keeps the upload in one growable byte array (gaps are zero-filled).
///
/// Meant for tests, tools and small uploads; a canister would write to its blob store instead.
public struct ByteArraySink: ByteSink, Hashable, Sendable {
    /// Everything written so far; as long as the furthest byte written.
    public private(set) var bytes: [UInt8]

    /// An empty sink.
    public init() {
        bytes = []
    }

    public mutating func write(at offset: UInt64, _ chunk: UnsafeRawBufferPointer) throws {
        let (end, overflow) = offset.addingReportingOverflow(UInt64(chunk.count))
        guard !overflow, end <= UInt64(Int.max) else { throw ByteArraySinkError(offset: offset, count: chunk.count) }
        if end > UInt64(bytes.count) {
            bytes += Array(repeating: 0, count: Int(end) - bytes.count)
        }
        let start = Int(offset)
        bytes.withUnsafeMutableBytes { target in
            UnsafeMutableRawBufferPointer(rebasing: target[start ..< start + chunk.count]).copyMemory(from: chunk)
        }
    }
}

/// A write past what an array can address.
public struct ByteArraySinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offset of the refused write.
    public let offset: UInt64
    /// Its length.
    public let count: Int

    public var description: String { "cannot write \(count) bytes at offset \(offset) into an array" }
}
