// Sources/Sessions/SessionSpec.swift - what a session receives: sizes, owner, idempotency key

/// What a session expects to receive, fixed when it begins.
///
/// The upload is `bytesExpected` bytes cut into ``chunkCount`` chunks of `chunkSize` bytes; only the last
/// chunk may be shorter, and it holds exactly the remainder. The owner is opaque to the session engine:
/// the upload layer encodes whatever identifies the caller (capsule and principal) into it, and every
/// call that touches the session must present the same bytes.
public struct SessionSpec: Hashable, Sendable {
    /// Length of every chunk but the last, in bytes. Must be > 0.
    public var chunkSize: UInt32
    /// Total length of the upload, in bytes. Must be > 0.
    public var bytesExpected: UInt64
    /// The client's retry key. At most one live session per (owner, key); see
    /// ``SessionService/find(owner:idempotencyKey:)``.
    public var idempotencyKey: String
    /// Who may put, finish and abort: opaque bytes, compared for equality.
    public var owner: [UInt8]

    /// Creates a spec. Nothing is validated here; ``SessionService/begin(_:now:)`` validates.
    public init(chunkSize: UInt32, bytesExpected: UInt64, idempotencyKey: String, owner: [UInt8]) {
        self.chunkSize = chunkSize
        self.bytesExpected = bytesExpected
        self.idempotencyKey = idempotencyKey
        self.owner = owner
    }

    /// `ceil(bytesExpected / chunkSize)`; 0 when `chunkSize` is 0.
    public var chunkCount: UInt64 { Self.chunkCount(bytes: bytesExpected, chunkSize: chunkSize) }

    /// How many chunks of `chunkSize` bytes hold `bytes` bytes: `ceil(bytes / chunkSize)`, 0 when
    /// `chunkSize` is 0. The one ceiling division of the package: uploads and blobs count chunks with it.
    public static func chunkCount(bytes: UInt64, chunkSize: UInt32) -> UInt64 {
        guard chunkSize > 0 else { return 0 }
        let size = UInt64(chunkSize)
        return bytes / size + (bytes % size == 0 ? 0 : 1)
    }

    /// Where chunk `index` starts in the upload: `index × chunkSize`.
    public func offset(ofChunk index: UInt32) -> UInt64 {
        UInt64(index) * UInt64(chunkSize)
    }

    /// The exact length chunk `index` must have, or `nil` when `index >= chunkCount`.
    ///
    /// Every chunk but the last is `chunkSize` bytes; the last one is what remains of `bytesExpected`.
    public func length(ofChunk index: UInt32) -> UInt32? {
        guard UInt64(index) < chunkCount else { return nil }
        let remaining = bytesExpected - offset(ofChunk: index)
        return remaining < UInt64(chunkSize) ? UInt32(remaining) : chunkSize
    }
}
