// Sources/Uploads/Store/RollingHash.swift - SHA-256 over the contiguous prefix of received chunks

import Hashing

/// The SHA-256 of an upload, advanced over the contiguous prefix of received chunks.
///
/// When chunk ``hashedChunks`` arrives it is hashed at once, and so is every chunk after it that arrived
/// earlier (read back from the blob's region): out-of-order and parallel chunks give the same digest as
/// in-order ones. A chunk is hashed exactly once, and only after it was validated and stored, so a
/// rejected call never touches the hash (defect 4).
public struct RollingHash: Hashable, Sendable {
    /// The hasher over chunks `0 ..< hashedChunks`.
    public private(set) var hasher: SHA256
    /// How many leading chunks are hashed.
    public private(set) var hashedChunks: UInt32

    /// A hash over nothing.
    public init() {
        self.hasher = SHA256()
        self.hashedChunks = 0
    }

    /// A hash restored from ``exportedState`` and a chunk count.
    ///
    /// - Throws: `Internal` when the state does not parse.
    public init(exportedState: [UInt8], hashedChunks: UInt32) throws(UploadError) {
        do {
            self.hasher = try SHA256(exportedState: exportedState)
        } catch {
            throw .internal("corrupt_snapshot: a session's SHA-256 state does not parse: \(error)")
        }
        self.hashedChunks = hashedChunks
    }

    /// The hasher's state, to persist.
    public var exportedState: [UInt8] { hasher.exportState() }

    /// The digest of the hashed prefix (the whole upload once every chunk is in).
    public var digest: [UInt8] { hasher.finalize() }

    /// Takes in chunk `index` (just stored with `bytes`) and every stored chunk that follows the prefix.
    ///
    /// - Parameters:
    ///   - layout: The upload's chunking.
    ///   - storage, region: Where earlier chunks are read back from.
    ///   - isReceived: Whether a chunk index is stored.
    mutating func advance(
        stored index: UInt32,
        bytes: [UInt8],
        layout: ChunkLayout,
        storage: some BlobReadable,
        region: BlobRegion,
        isReceived: (UInt32) -> Bool
    ) {
        guard index == hashedChunks else { return }
        hasher.update(bytes)
        hashedChunks += 1
        while hashedChunks < layout.count && isReceived(hashedChunks) {
            let next = hashedChunks
            let chunk = storage.read(
                offset: region.offset + layout.offset(of: next), count: Int(layout.length(of: next)))
            hasher.update(chunk)
            hashedChunks += 1
        }
    }
}

/// How an upload of ``bytes`` bytes is cut into ``count`` chunks of ``chunkSize`` (the last one shorter).
struct ChunkLayout: Hashable, Sendable {
    var chunkSize: UInt32
    var bytes: UInt64
    var count: UInt32

    /// Where chunk `index` starts.
    func offset(of index: UInt32) -> UInt64 { UInt64(index) * UInt64(chunkSize) }

    /// The exact length chunk `index` must have (`index < count`).
    func length(of index: UInt32) -> UInt32 {
        let remaining = bytes - offset(of: index)
        return remaining < UInt64(chunkSize) ? UInt32(remaining) : chunkSize
    }

    /// `ceil(bytes / chunkSize)`.
    static func chunksNeeded(bytes: UInt64, chunkSize: UInt32) -> UInt64 {
        let size = UInt64(chunkSize)
        return bytes / size + (bytes % size == 0 ? 0 : 1)
    }
}
