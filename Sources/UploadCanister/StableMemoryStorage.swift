// Sources/UploadCanister/StableMemoryStorage.swift - the Uploads BlobStorage over the canister's stable memory

import CanisterRuntime
import Uploads

/// The ``BlobStorage`` of the upload canister: its stable memory, reached through the context of the
/// message being executed.
///
/// The runtime hands a message its stable memory inside the `CallContext` (journaled, so a trap undoes
/// the writes) or, for a query, as a read-only `StableMemoryView`. The upload backend keeps one storage
/// object for its whole life, so this adapter is that object: a message attaches its memory with
/// ``attaching(_:_:)`` (or ``viewing(_:_:)``) for the duration of the backend call, and detaches it when
/// the call returns. Outside a message nothing is attached and any access is a programmer error.
///
/// ### Implementation Notes
/// An update borrows the context's `StableMemory` through a pointer that is valid only inside
/// `withUnsafeMutablePointer`, so chunk writes go straight into the journaled pages without copying the
/// memory. The canister runs one message at a time on its host actor, which is what makes the shared
/// mutable reference safe (see ``UploadCanister``).
final class StableMemoryStorage: BlobStorage {
    private var memory: UnsafeMutablePointer<StableMemory>?
    private var view: StableMemoryView?

    init() {}

    /// Runs `body` with `stable` as this storage's memory (an update, init, upgrade hook or timer).
    func attaching<R, E: Error>(_ stable: inout StableMemory, _ body: () throws(E) -> R) throws(E) -> R {
        precondition(memory == nil && view == nil, "the stable memory is already attached")
        return try withUnsafeMutablePointer(to: &stable) { (pointer) throws(E) -> R in
            memory = pointer
            defer { memory = nil }
            return try body()
        }
    }

    /// Runs `body` with `stable` as this storage's read-only memory (a query).
    func viewing<R, E: Error>(_ stable: StableMemoryView, _ body: () throws(E) -> R) throws(E) -> R {
        precondition(memory == nil && view == nil, "the stable memory is already attached")
        view = stable
        defer { view = nil }
        return try body()
    }

    var pageCount: UInt64 {
        if let memory { return memory.pointee.pageCount }
        if let view { return view.pageCount }
        preconditionFailure("stable memory used outside a message")
    }

    func grow(by pages: UInt64) -> UInt64? {
        guard let memory else {
            precondition(view != nil, "stable memory used outside a message")
            return nil  // a query cannot grow the memory
        }
        return try? memory.pointee.grow(by: pages)
    }

    func read(offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) {
        do {
            if let memory {
                try memory.pointee.read(at: offset, into: buffer)
            } else if let view {
                try view.read(at: offset, into: buffer)
            } else {
                preconditionFailure("stable memory used outside a message")
            }
        } catch {
            preconditionFailure("the upload store read outside its storage: \(error)")
        }
    }

    func write(offset: UInt64, _ bytes: UnsafeRawBufferPointer) {
        guard let memory else {
            preconditionFailure(view == nil ? "stable memory used outside a message" : "a query wrote stable memory")
        }
        do {
            try memory.pointee.write(at: offset, from: bytes)
        } catch {
            preconditionFailure("the upload store wrote outside its storage: \(error)")
        }
    }
}
