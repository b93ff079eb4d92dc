// Sources/CanisterRuntime/StableMemory.swift - a canister's stable memory, journaled per message

/// A canister's stable memory: 64 KiB pages that survive upgrades.
///
/// A handler reaches it through ``CallContext/stableMemory``. Reads and writes outside the current size
/// trap (IC0502); ``grow(by:)`` adds zero pages up to ``maximumPages``.
///
/// ### Implementation Notes
/// Each update message keeps a journal: the first write to a page saves that page's old bytes (by
/// retaining them, the write then copies the page). A trap restores the saved pages and the old size,
/// so rollback costs what the message touched, not the size of the memory.
public struct StableMemory: Sendable {
    /// The page size, 64 KiB.
    public static let pageSize = PageStorage.pageSize

    var storage = PageStorage()
    /// The most pages this memory may grow to.
    public let maximumPages: UInt64
    private var journal: Journal?

    private struct Journal: Sendable {
        var pageCount: Int
        var saved: [Int: [UInt8]] = [:]
    }

    init(maximumPages: UInt64) {
        self.maximumPages = maximumPages
    }

    /// The current size in pages.
    public var pageCount: UInt64 { UInt64(storage.pageCount) }

    /// The current size in bytes.
    public var byteCount: UInt64 { storage.byteCount }

    /// Adds `pages` zero pages.
    ///
    /// - Returns: The size in pages before growing.
    /// - Throws: ``StableMemoryError`` when the new size would pass ``maximumPages``; nothing changes.
    @discardableResult
    public mutating func grow(by pages: UInt64) throws(StableMemoryError) -> UInt64 {
        let old = pageCount
        let (new, overflow) = old.addingReportingOverflow(pages)
        guard !overflow, new <= maximumPages, new <= UInt64(Int.max / Self.pageSize) else {
            throw StableMemoryError(currentPages: old, requestedPages: pages, maximumPages: maximumPages)
        }
        storage.append(zeroPages: Int(pages))
        return old
    }

    /// Reads `count` bytes at `offset`.
    ///
    /// - Throws: ``Trap`` (IC0502) when the range is outside the memory.
    public func read(at offset: UInt64, count: Int) throws(Trap) -> [UInt8] {
        try storage.checkedBytes(at: offset, count: count)
    }

    /// Reads `buffer.count` bytes at `offset` into `buffer`.
    ///
    /// - Throws: ``Trap`` (IC0502) when the range is outside the memory.
    public func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(Trap) {
        try storage.checkedRead(at: offset, into: buffer)
    }

    /// Lends the `count` bytes at `offset` to `body` in order, a span of at most one page at a time,
    /// without copying them: how a reader hashes or compares stored bytes. The spans are valid only
    /// inside `body`.
    ///
    /// - Throws: ``Trap`` (IC0502) when the range is outside the memory; `body` then never runs.
    public func forEachSpan(at offset: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) -> Void) throws(Trap) {
        try storage.checkedForEachSpan(at: offset, count: count, body)
    }

    /// Reads a little-endian integer at `offset`.
    public func load<T: FixedWidthInteger>(_ type: T.Type, at offset: UInt64) throws(Trap) -> T {
        try storage.load(type, at: offset)
    }

    /// Writes `bytes` at `offset`.
    ///
    /// - Throws: ``Trap`` (IC0502) when the range is outside the memory; nothing is written.
    public mutating func write(at offset: UInt64, _ bytes: [UInt8]) throws(Trap) {
        try storage.checkBounds("write", offset: offset, count: bytes.count)
        bytes.withUnsafeBytes { writeInBounds(at: offset, from: $0) }
    }

    /// Writes `bytes` at `offset`.
    ///
    /// - Throws: ``Trap`` (IC0502) when the range is outside the memory; nothing is written.
    public mutating func write(at offset: UInt64, _ bytes: ArraySlice<UInt8>) throws(Trap) {
        try storage.checkBounds("write", offset: offset, count: bytes.count)
        bytes.withUnsafeBytes { writeInBounds(at: offset, from: $0) }
    }

    /// Writes the bytes of `buffer` at `offset`.
    ///
    /// - Throws: ``Trap`` (IC0502) when the range is outside the memory; nothing is written.
    public mutating func write(at offset: UInt64, from buffer: UnsafeRawBufferPointer) throws(Trap) {
        try storage.checkBounds("write", offset: offset, count: buffer.count)
        writeInBounds(at: offset, from: buffer)
    }

    private mutating func writeInBounds(at offset: UInt64, from buffer: UnsafeRawBufferPointer) {
        guard !buffer.isEmpty else { return }
        if journal != nil {
            for index in PageStorage.pageRange(offset: offset, count: buffer.count) {
                saveOriginal(of: index)
            }
        }
        storage.write(at: offset, from: buffer)
    }

    /// Writes a little-endian integer at `offset`.
    public mutating func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(Trap) {
        try storage.checkBounds("write", offset: offset, count: MemoryLayout<T>.size)
        withUnsafeBytes(of: value.littleEndian) { writeInBounds(at: offset, from: $0) }
    }

    /// A read-only view of the current contents (O(1): it shares the pages).
    public var view: StableMemoryView { StableMemoryView(storage: storage) }

    // MARK: - Journal (the runtime's side)

    private mutating func saveOriginal(of index: Int) {
        guard var journal, index < journal.pageCount, journal.saved[index] == nil else { return }
        // Retaining the old page makes the coming write copy it; the journal keeps the original.
        self.journal = nil
        journal.saved[index] = storage.pages[index]
        self.journal = journal
    }

    /// Starts recording what the next message changes.
    mutating func beginMessage() {
        journal = Journal(pageCount: storage.pageCount)
    }

    /// Keeps the message's changes.
    mutating func commitMessage() {
        journal = nil
    }

    /// Undoes the message's changes: restores the saved pages and the old size.
    mutating func rollBackMessage() {
        guard let journal else { return }
        self.journal = nil
        if storage.pages.count > journal.pageCount {
            storage.pages.removeLast(storage.pages.count - journal.pageCount)
        }
        for (index, page) in journal.saved {
            storage.pages[index] = page
        }
    }

    /// How many pages the current message's journal holds (testing hook).
    package var journaledPageCount: Int { journal?.saved.count ?? 0 }
}

/// A read-only view of a stable memory: what queries see.
public struct StableMemoryView: Sendable {
    let storage: PageStorage

    /// The size in pages.
    public var pageCount: UInt64 { UInt64(storage.pageCount) }

    /// The size in bytes.
    public var byteCount: UInt64 { storage.byteCount }

    /// Reads `count` bytes at `offset`.
    ///
    /// - Throws: ``Trap`` (IC0502) when the range is outside the memory.
    public func read(at offset: UInt64, count: Int) throws(Trap) -> [UInt8] {
        try storage.checkedBytes(at: offset, count: count)
    }

    /// Reads `buffer.count` bytes at `offset` into `buffer`.
    ///
    /// - Throws: ``Trap`` (IC0502) when the range is outside the memory.
    public func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(Trap) {
        try storage.checkedRead(at: offset, into: buffer)
    }

    /// Lends the `count` bytes at `offset` to `body` in order, a span of at most one page at a time,
    /// without copying them: how a reader hashes or compares stored bytes. The spans are valid only
    /// inside `body`.
    ///
    /// - Throws: ``Trap`` (IC0502) when the range is outside the memory; `body` then never runs.
    public func forEachSpan(at offset: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) -> Void) throws(Trap) {
        try storage.checkedForEachSpan(at: offset, count: count, body)
    }

    /// Reads a little-endian integer at `offset`.
    public func load<T: FixedWidthInteger>(_ type: T.Type, at offset: UInt64) throws(Trap) -> T {
        try storage.load(type, at: offset)
    }

    /// All bytes of the memory.
    public var bytes: [UInt8] {
        storage.bytes(at: 0, count: Int(storage.byteCount))
    }
}

/// `grow` would pass the memory's maximum size.
public struct StableMemoryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The size in pages before the request.
    public var currentPages: UInt64
    /// The pages asked for.
    public var requestedPages: UInt64
    /// The configured maximum.
    public var maximumPages: UInt64

    public var description: String {
        "stable memory cannot grow by \(requestedPages) pages: it has \(currentPages) of at most \(maximumPages)"
    }
}
