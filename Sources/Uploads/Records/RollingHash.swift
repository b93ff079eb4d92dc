// Sources/Uploads/Store/RollingHash.swift - SHA-256 over the contiguous prefix of received chunks

package import Hashing
import Sessions

/// The SHA-256 of an upload, advanced over the contiguous prefix of received chunks.
///
/// When chunk ``hashedChunks`` arrives it is hashed at once, and so is every chunk after it that arrived
/// earlier (read back from the blob's region): out-of-order and parallel chunks give the same digest as
/// in-order ones. A chunk is hashed exactly once, and only after it was validated and stored, so a
/// rejected call never touches the hash (defect 4).
package struct RollingHash: Hashable, Sendable {
    /// The hasher over chunks `0 ..< hashedChunks`.
    package private(set) var hasher: SHA256
    /// How many leading chunks are hashed.
    package private(set) var hashedChunks: UInt32

    /// A hash over nothing.
    package init() {
        self.hasher = SHA256()
        self.hashedChunks = 0
    }

    /// A hash restored from ``exportedState`` and a chunk count.
    ///
    /// - Throws: `Internal` when the state does not parse.
    package init(exportedState: [UInt8], hashedChunks: UInt32) throws(UploadError) {
        do {
            self.hasher = try SHA256(exportedState: exportedState)
        } catch {
            throw .internal("corrupt_snapshot: a session's SHA-256 state does not parse: \(error)")
        }
        self.hashedChunks = hashedChunks
    }

    /// The hasher's state, to persist.
    package var exportedState: [UInt8] { hasher.exportState() }

    /// The digest of the hashed prefix (the whole upload once every chunk is in).
    package var digest: [UInt8] { hasher.finalize() }

    /// Takes in chunk `index` (just stored with `bytes`) and every stored chunk that follows the prefix,
    /// each through a borrowing read of the storage.
    ///
    /// - Parameters:
    ///   - spec: The session's spec: the engine's chunk offsets and lengths.
    ///   - storage, region: Where earlier chunks are read back from.
    ///   - isReceived: Whether a chunk index is stored.
    mutating func advance(
        stored index: UInt32,
        bytes: [UInt8],
        spec: SessionSpec,
        storage: some BlobStorage,
        region: BlobRegion,
        isReceived: (UInt32) -> Bool
    ) {
        guard index == hashedChunks else { return }
        hasher.update(bytes)
        hashedChunks += 1
        while UInt64(hashedChunks) < spec.chunkCount && isReceived(hashedChunks) {
            let next = hashedChunks
            let count = Int(spec.length(ofChunk: next) ?? 0)
            storage.forEachSpan(offset: region.offset + spec.offset(ofChunk: next), count: count) { hasher.update($0) }
            hashedChunks += 1
        }
    }
}
