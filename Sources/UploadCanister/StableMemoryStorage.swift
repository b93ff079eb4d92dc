// Sources/UploadCanister/StableMemoryStorage.swift - the Uploads BlobStorage over the canister's stable memory

import CanisterRuntime
import Uploads

/// The canister's stable memory as the upload layer's ``BlobStorage``, for the length of one backend call.
///
/// An update message gets its stable memory inside the `CallContext`, journaled so that a trap undoes the
/// writes; ``with(_:_:)`` lends that memory to the backend call that writes blobs (`uploads_begin` grows
/// it, `uploads_put_chunk` writes chunks, `pre_upgrade` persists the state), so the writes go straight into
/// the journaled pages without copying the memory. A query (`blob_read`...) and `post_upgrade` read
/// through ``init(reading:)`` over a read-only view; writing to one is a programmer error and traps.
///
/// ### Implementation Notes
/// The lent memory is a pointer valid only inside `withUnsafeMutablePointer`: the storage must not outlive
/// the closure of ``with(_:_:)``. The backends take their storage as an argument per call and never keep
/// it. The runtime's memory is paged: ``forEachSpan(offset:count:_:)`` lends it page by page, in place.
struct StableMemoryStorage: BlobStorage {
    private enum Memory {
        case lent(UnsafeMutablePointer<StableMemory>)
        case view(StableMemoryView)
    }

    private let memory: Memory

    /// Read-only storage over a query's (or a hook's) view of stable memory.
    init(reading view: StableMemoryView) {
        self.memory = .view(view)
    }

    /// Runs `body` with `stable` as the storage.
    static func with<R, E: Error>(
        _ stable: inout StableMemory,
        _ body: (inout StableMemoryStorage) throws(E) -> R
    ) throws(E) -> R {
        try withUnsafeMutablePointer(to: &stable) { (pointer) throws(E) -> R in
            var storage = StableMemoryStorage(memory: .lent(pointer))
            return try body(&storage)
        }
    }

    private init(memory: Memory) {
        self.memory = memory
    }

    var pageCount: UInt64 {
        switch memory {
        case .lent(let pointer): pointer.pointee.pageCount
        case .view(let view): view.pageCount
        }
    }

    mutating func grow(by pages: UInt64) -> UInt64? {
        guard case .lent(let pointer) = memory else { preconditionFailure("a read-only stable memory grew") }
        return try? pointer.pointee.grow(by: pages)
    }

    func forEachSpan(offset: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) -> Void) {
        do {
            switch memory {
            case .lent(let pointer): try pointer.pointee.forEachSpan(at: offset, count: count, body)
            case .view(let view): try view.forEachSpan(at: offset, count: count, body)
            }
        } catch {
            preconditionFailure("the upload store read outside its storage: \(error)")
        }
    }

    func read(offset: UInt64, count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            copy(at: offset, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    private func copy(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) {
        do {
            switch memory {
            case .lent(let pointer): try pointer.pointee.read(at: offset, into: buffer)
            case .view(let view): try view.read(at: offset, into: buffer)
            }
        } catch {
            preconditionFailure("the upload store read outside its storage: \(error)")
        }
    }

    mutating func write(offset: UInt64, _ bytes: UnsafeRawBufferPointer) {
        guard case .lent(let pointer) = memory else { preconditionFailure("a read-only stable memory was written") }
        do {
            try pointer.pointee.write(at: offset, from: bytes)
        } catch {
            preconditionFailure("the upload store wrote outside its storage: \(error)")
        }
    }
}
