// Sources/Uploads/Storage/RegionAllocator.swift - first-fit regions of a BlobStorage, with a coalescing free list

/// A contiguous byte range of a ``BlobStorage``.
public struct BlobRegion: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The first byte.
    public var offset: UInt64
    /// How many bytes.
    public var length: UInt64

    /// A region.
    public init(offset: UInt64, length: UInt64) {
        self.offset = offset
        self.length = length
    }

    /// One past the last byte.
    public var end: UInt64 { offset + length }

    public static func < (lhs: BlobRegion, rhs: BlobRegion) -> Bool { lhs.offset < rhs.offset }

    public var description: String { "[\(offset), \(end))" }
}

/// Hands out byte regions above a fixed base and takes them back.
///
/// Allocation is first-fit over the free list (ascending by offset), then bump allocation at the
/// high-water mark ``end``. Released regions are merged with free neighbours, and a free region that
/// reaches ``end`` lowers it. The allocator only does arithmetic: the caller grows the storage to
/// ``end`` before writing. Deterministic: the same calls give the same regions.
public struct RegionAllocator: Hashable, Sendable, Codable {
    /// Where the managed area starts (below it: the persistence header).
    public let base: UInt64
    /// The high-water mark: every byte at or above it is free.
    public private(set) var end: UInt64
    /// Free regions below ``end``: ascending, disjoint, never adjacent, never empty.
    public private(set) var free: [BlobRegion]

    /// An empty allocator whose regions start at `base`.
    public init(base: UInt64) {
        self.base = base
        self.end = base
        self.free = []
    }

    /// Bytes handed out and not yet released.
    public var allocatedBytes: UInt64 { end - base - free.reduce(0) { $0 + $1.length } }

    /// A region of `length` bytes (`length > 0`); reuses the first free region large enough.
    public mutating func allocate(_ length: UInt64) -> BlobRegion {
        precondition(length > 0, "empty regions are not allocated")
        if let slot = free.firstIndex(where: { $0.length >= length }) {
            let hole = free[slot]
            let region = BlobRegion(offset: hole.offset, length: length)
            if hole.length == length {
                free.remove(at: slot)
            } else {
                free[slot] = BlobRegion(offset: hole.offset + length, length: hole.length - length)
            }
            return region
        }
        let region = BlobRegion(offset: end, length: length)
        end += length
        return region
    }

    /// Gives `region` back. It must be a region this allocator handed out and not yet released.
    public mutating func release(_ region: BlobRegion) {
        precondition(region.length > 0 && region.offset >= base && region.end <= end, "foreign region \(region)")
        var slot = free.partitionIndex { $0.offset >= region.offset }
        precondition(slot == free.count || free[slot].offset >= region.end, "region \(region) released twice")
        precondition(slot == 0 || free[slot - 1].end <= region.offset, "region \(region) released twice")
        var merged = region
        if slot < free.count, free[slot].offset == merged.end {
            merged.length += free[slot].length
            free.remove(at: slot)
        }
        if slot > 0, free[slot - 1].end == merged.offset {
            slot -= 1
            merged = BlobRegion(offset: free[slot].offset, length: free[slot].length + merged.length)
            free.remove(at: slot)
        }
        if merged.end == end {
            end = merged.offset
        } else {
            free.insert(merged, at: slot)
        }
    }

    /// Whether the state is well formed (used after restoring a snapshot).
    public var isConsistent: Bool {
        guard end >= base else { return false }
        var previousEnd = base
        for (index, region) in free.enumerated() {
            guard region.length > 0, region.offset >= previousEnd, region.end < end else { return false }
            if index > 0 && region.offset == previousEnd { return false }
            previousEnd = region.end
        }
        return true
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for a predicate that is false then true.
    func partitionIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if predicate(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
