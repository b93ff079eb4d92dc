// Sources/UploadCanister/StableMemoryStorage.swift - the Uploads BlobStorage over the canister's stable memory

import CanisterRuntime
import Uploads

/// The canister's stable memory as the upload layer's ``BlobStorage``, for the length of one backend call.
///
/// The runtime hands an update message its stable memory inside the `CallContext`, journaled so that a
/// trap undoes the writes. ``with(_:_:)`` lends that memory to the backend call that writes blobs
/// (`uploads_begin` grows it, `uploads_put_chunk` writes chunks, `pre_upgrade` persists the state): the
/// writes go straight into the journaled pages, without copying the memory.
///
/// ### Implementation Notes
/// The storage holds a pointer that is valid only inside `withUnsafeMutablePointer`, so it must not
/// outlive the closure of ``with(_:_:)``. The backends take their storage as an `inout` argument per call
/// and never keep it.
struct StableMemoryStorage: BlobStorage {
    private let memory: UnsafeMutablePointer<StableMemory>

    private init(memory: UnsafeMutablePointer<StableMemory>) {
        self.memory = memory
    }

    /// Runs `body` with `stable` as the storage.
    static func with<R, E: Error>(
        _ stable: inout StableMemory,
        _ body: (inout StableMemoryStorage) throws(E) -> R
    ) throws(E) -> R {
        try withUnsafeMutablePointer(to: &stable) { (pointer) throws(E) -> R in
            var storage = StableMemoryStorage(memory: pointer)
            return try body(&storage)
        }
    }

    var pageCount: UInt64 { memory.pointee.pageCount }

    mutating func grow(by pages: UInt64) -> UInt64? {
        try? memory.pointee.grow(by: pages)
    }

    func read(offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) {
        do {
            try memory.pointee.read(at: offset, into: buffer)
        } catch {
            preconditionFailure("the upload store read outside its storage: \(error)")
        }
    }

    mutating func write(offset: UInt64, _ bytes: UnsafeRawBufferPointer) {
        do {
            try memory.pointee.write(at: offset, from: bytes)
        } catch {
            preconditionFailure("the upload store wrote outside its storage: \(error)")
        }
    }
}

/// The canister's stable memory as read-only ``BlobReadable`` storage: what queries (`blob_read`,
/// `blob_read_chunk`) and `post_upgrade` read.
struct StableMemoryReader: BlobReadable {
    let view: StableMemoryView

    var pageCount: UInt64 { view.pageCount }

    func read(offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) {
        do {
            try view.read(at: offset, into: buffer)
        } catch {
            preconditionFailure("the upload store read outside its storage: \(error)")
        }
    }
}
