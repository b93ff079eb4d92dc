// Sources/Uploads/Storage/InMemoryStorage.swift - a BlobStorage in one byte array, for tests and tools

/// A ``BlobStorage`` held in a byte array, with a page limit so that tests can exhaust it.
public struct InMemoryStorage: BlobStorage, Hashable, Sendable {
    /// Every byte, `pageCount × 64 KiB` of them.
    public private(set) var bytes: [UInt8]
    /// The most pages ``grow(by:)`` allows.
    public let maxPages: UInt64

    /// An empty storage (zero pages).
    ///
    /// - Parameter maxPages: The most pages it may grow to; the default, 65,536 pages, is 4 GiB.
    public init(maxPages: UInt64 = 65_536) {
        self.bytes = []
        self.maxPages = maxPages
    }

    public var pageCount: UInt64 { UInt64(bytes.count) / BlobStoragePage.size }

    public mutating func grow(by pages: UInt64) -> UInt64? {
        let before = pageCount
        guard pages <= maxPages, before <= maxPages - pages else { return nil }
        // An array, not `repeatElement`: appending a `Repeated` copies byte by byte through generic
        // witnesses in an unoptimised build (80% of the differential tests' time), an array is one memcpy.
        bytes.append(contentsOf: [UInt8](repeating: 0, count: Int(pages * BlobStoragePage.size)))
        return before
    }

    public func forEachSpan(offset: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) -> Void) {
        let start = checkedRange(offset, count)
        bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<start + count])) }
    }

    public mutating func write(offset: UInt64, _ source: UnsafeRawBufferPointer) {
        let start = checkedRange(offset, source.count)
        bytes.withUnsafeMutableBytes { target in
            UnsafeMutableRawBufferPointer(rebasing: target[start..<start + source.count]).copyMemory(from: source)
        }
    }

    private func checkedRange(_ offset: UInt64, _ count: Int) -> Int {
        precondition(
            count >= 0 && offset <= UInt64(bytes.count) && UInt64(count) <= UInt64(bytes.count) - offset,
            "access of \(count) bytes at \(offset) past the storage end \(bytes.count)"
        )
        return Int(offset)
    }
}
