// Sources/CanisterRuntime/PageStorage.swift - 64 KiB pages shared on copy, read and written by offset

/// The pages of a stable memory. A page is a `[UInt8]` of ``StableMemory/pageSize`` bytes, or an empty
/// array for a page never written (all zeros), so growing is cheap and untouched pages cost nothing.
/// Copying the storage retains the pages; writing a shared page copies that page only.
struct PageStorage: Sendable {
    static let pageSize = 65_536

    var pages: ContiguousArray<[UInt8]> = []

    var pageCount: Int { pages.count }
    var byteCount: UInt64 { UInt64(pages.count) * UInt64(Self.pageSize) }

    /// Traps unless `[offset, offset + count)` lies inside the memory.
    func checkBounds(_ access: String, offset: UInt64, count: Int) throws(Trap) {
        let (end, overflow) = offset.addingReportingOverflow(UInt64(max(count, 0)))
        guard count >= 0, !overflow, end <= byteCount else {
            throw Trap.fault(
                "stable memory out of bounds (\(access) of \(count) bytes at offset \(offset); "
                    + "stable memory is \(byteCount) bytes)"
            )
        }
    }

    /// Copies bytes out; the range must be in bounds.
    func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) {
        var position = offset
        var done = 0
        while done < buffer.count {
            let index = Int(position / UInt64(Self.pageSize))
            let inPage = Int(position % UInt64(Self.pageSize))
            let length = min(buffer.count - done, Self.pageSize - inPage)
            let target = UnsafeMutableRawBufferPointer(rebasing: buffer[done..<(done + length)])
            let page = pages[index]
            if page.isEmpty {
                target.initializeMemory(as: UInt8.self, repeating: 0)
            } else {
                page.withUnsafeBytes { source in
                    target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[inPage..<(inPage + length)]))
                }
            }
            done += length
            position += UInt64(length)
        }
    }

    /// Lends the bytes `[offset, offset + count)` to `body` in order, one page-sized span or less at a
    /// time, without copying them; the range must be in bounds.
    func forEachSpan(at offset: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) -> Void) {
        var position = offset
        var done = 0
        while done < count {
            let index = Int(position / UInt64(Self.pageSize))
            let inPage = Int(position % UInt64(Self.pageSize))
            let length = min(count - done, Self.pageSize - inPage)
            let page = pages[index].isEmpty ? Self.zeroPage : pages[index]
            page.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[inPage..<(inPage + length)])) }
            done += length
            position += UInt64(length)
        }
    }

    /// What a page never written holds, lent by ``forEachSpan(at:count:_:)``.
    private static let zeroPage = [UInt8](repeating: 0, count: pageSize)

    /// Lends the bytes `[offset, offset + count)` span by span, or traps (IC0502) when the range is
    /// outside the memory.
    func checkedForEachSpan(at offset: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) -> Void) throws(Trap) {
        try checkBounds("read", offset: offset, count: count)
        forEachSpan(at: offset, count: count, body)
    }

    /// The bytes `[offset, offset + count)`; the range must be in bounds.
    func bytes(at offset: UInt64, count: Int) -> [UInt8] {
        // No `unsafeUninitializedCapacity` for an empty result: with capacity 0 it stores the count into the
        // shared empty-array storage, which is a data race when two threads do it at once.
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            read(at: offset, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// The bytes `[offset, offset + count)`, or a trap (IC0502) when the range is outside the memory.
    func checkedBytes(at offset: UInt64, count: Int) throws(Trap) -> [UInt8] {
        try checkBounds("read", offset: offset, count: count)
        return bytes(at: offset, count: count)
    }

    /// Copies bytes out, or traps (IC0502) when the range is outside the memory.
    func checkedRead(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(Trap) {
        try checkBounds("read", offset: offset, count: buffer.count)
        read(at: offset, into: buffer)
    }

    /// The little-endian integer at `offset`, or a trap (IC0502) when it is outside the memory.
    func load<T: FixedWidthInteger>(_ type: T.Type, at offset: UInt64) throws(Trap) -> T {
        try checkBounds("read", offset: offset, count: MemoryLayout<T>.size)
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { read(at: offset, into: $0) }
        return T(littleEndian: value)
    }

    /// Copies bytes in; the range must be in bounds.
    mutating func write(at offset: UInt64, from bytes: UnsafeRawBufferPointer) {
        var position = offset
        var done = 0
        while done < bytes.count {
            let index = Int(position / UInt64(Self.pageSize))
            let inPage = Int(position % UInt64(Self.pageSize))
            let length = min(bytes.count - done, Self.pageSize - inPage)
            let source = UnsafeRawBufferPointer(rebasing: bytes[done..<(done + length)])
            if length == Self.pageSize {
                pages[index] = Array(source)
            } else {
                if pages[index].isEmpty {
                    pages[index] = [UInt8](repeating: 0, count: Self.pageSize)
                }
                pages[index].withUnsafeMutableBytes { page in
                    UnsafeMutableRawBufferPointer(rebasing: page[inPage..<(inPage + length)]).copyMemory(from: source)
                }
            }
            done += length
            position += UInt64(length)
        }
    }

    /// The indices of the pages `[offset, offset + count)` touches (`count` > 0, in bounds).
    static func pageRange(offset: UInt64, count: Int) -> ClosedRange<Int> {
        let first = Int(offset / UInt64(pageSize))
        let last = Int((offset + UInt64(count) - 1) / UInt64(pageSize))
        return first...last
    }

    /// Adds `count` zero pages.
    mutating func append(zeroPages count: Int) {
        pages.append(contentsOf: repeatElement([], count: count))
    }
}
