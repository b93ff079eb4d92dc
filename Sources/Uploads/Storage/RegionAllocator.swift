// Sources/Uploads/Storage/RegionAllocator.swift - first-fit regions of a BlobStorage, with a coalescing free list

import Sessions
import PersistentCollections

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
///
/// The free list is a ``PersistentMap`` from offset to length, so a release or an allocation after the
/// runtime kept the previous state allocates O(log n) nodes instead of copying the list; a release finds
/// its neighbours in O(log n).
package struct RegionAllocator: Hashable, Sendable {
    /// Where the managed area starts (below it: the persistence header).
    package let base: UInt64
    /// The high-water mark: every byte at or above it is free.
    package private(set) var end: UInt64
    /// Free regions below ``end`` by offset: disjoint, never adjacent, never empty.
    private(set) var holes: PersistentMap<UInt64, UInt64> = [:]
    /// The bytes in ``holes``.
    private(set) var freeBytes: UInt64 = 0

    /// An empty allocator whose regions start at `base`.
    package init(base: UInt64) {
        self.base = base
        self.end = base
    }

    /// Free regions below ``end``: ascending, disjoint, never adjacent, never empty.
    package var free: [BlobRegion] { holes.map { BlobRegion(offset: $0.key, length: $0.value) } }

    /// Bytes handed out and not yet released.
    package var allocatedBytes: UInt64 { end - base - freeBytes }

    /// A region of `length` bytes (`length > 0`); reuses the first free region large enough.
    package mutating func allocate(_ length: UInt64) -> BlobRegion {
        precondition(length > 0, "empty regions are not allocated")
        if let hole = holes.first(where: { $0.value >= length }) {
            holes[hole.key] = nil
            if hole.value > length { holes[hole.key + length] = hole.value - length }
            freeBytes -= length
            return BlobRegion(offset: hole.key, length: length)
        }
        let region = BlobRegion(offset: end, length: length)
        end += length
        return region
    }

    /// Gives `region` back. It must be a region this allocator handed out and not yet released.
    package mutating func release(_ region: BlobRegion) {
        precondition(region.length > 0 && region.offset >= base && region.end <= end, "foreign region \(region)")
        let next = holes.entries(after: region.offset, limit: 1).entries.first
        let previous = holes.entry(before: region.offset)
        precondition(next.map { $0.key >= region.end } ?? true, "region \(region) released twice")
        precondition(previous.map { $0.key + $0.value <= region.offset } ?? true, "region \(region) released twice")
        precondition(holes[region.offset] == nil, "region \(region) released twice")
        var merged = region
        if let next, next.key == merged.end {
            merged.length += next.value
            holes[next.key] = nil
            freeBytes -= next.value
        }
        if let previous, previous.key + previous.value == merged.offset {
            merged = BlobRegion(offset: previous.key, length: previous.value + merged.length)
            holes[previous.key] = nil
            freeBytes -= previous.value
        }
        if merged.end == end {
            end = merged.offset
        } else {
            holes[merged.offset] = merged.length
            freeBytes += merged.length
        }
    }

    /// Whether the state is well formed (used after restoring a snapshot).
    package var isConsistent: Bool { Self.isConsistent(free: free, base: base, end: end) }

    /// Whether `free` is ascending, disjoint, never adjacent, never empty, and inside `base ..< end`.
    static func isConsistent(free: [BlobRegion], base: UInt64, end: UInt64) -> Bool {
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

extension RegionAllocator: Codable {
    enum CodingKeys: String, CodingKey {
        case base, end, free
    }

    /// Decodes `base`, `end` and the free list (an ascending array of regions, as ``free`` gives it).
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the free list is not ascending, disjoint, non-adjacent
    ///   and inside the area.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        base = try container.decode(UInt64.self, forKey: .base)
        end = try container.decode(UInt64.self, forKey: .end)
        let free = try container.decode([BlobRegion].self, forKey: .free)
        guard Self.isConsistent(free: free, base: base, end: end) else {
            throw DecodingError.dataCorruptedError(
                forKey: .free, in: container, debugDescription: "the region allocator is inconsistent")
        }
        for region in free {
            holes[region.offset] = region.length
            freeBytes += region.length
        }
    }

    /// Encodes `base`, `end` and ``free``.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(base, forKey: .base)
        try container.encode(end, forKey: .end)
        try container.encode(free, forKey: .free)
    }
}
