// Sources/PersistentCollections/PersistentSet.swift - a sorted set that shares structure on copy

/// A sorted set whose copies share their nodes: a ``PersistentMap`` without values, with the same costs
/// (O(1) copy, O(log n) insert and removal that leave every earlier copy unchanged).
public struct PersistentSet<Element: Comparable & Sendable>: Sendable {
    /// What a member maps to (the map needs a value).
    package struct Member: Hashable, Sendable {}

    /// The map underneath, for tests that count shared nodes.
    package private(set) var map = PersistentMap<Element, Member>()

    /// An empty set.
    public init() {}

    /// A set of `elements`.
    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        for element in elements { insert(element) }
    }

    /// The number of elements, in O(1).
    public var count: Int { map.count }

    /// Whether the set has no elements.
    public var isEmpty: Bool { map.isEmpty }

    /// Whether `element` is in the set, in O(log n).
    public func contains(_ element: Element) -> Bool { map[element] != nil }

    /// Adds `element`, in O(log n).
    public mutating func insert(_ element: Element) { map[element] = Member() }

    /// Removes `element`, in O(log n).
    public mutating func remove(_ element: Element) { map[element] = nil }

    /// The smallest element, in O(log n).
    public var first: Element? { map.first?.key }

    /// Up to `limit` elements above `element` (from the smallest when `nil`), ascending, and whether more
    /// follow them. O(log n + limit).
    public func elements(after element: Element?, limit: Int) -> (elements: [Element], more: Bool) {
        let (entries, more) = map.entries(after: element, limit: limit)
        return (entries.map(\.key), more)
    }
}

extension PersistentSet: Sequence {
    /// Iterates the elements in ascending order.
    public struct Iterator: IteratorProtocol {
        var entries: PersistentMap<Element, Member>.Iterator

        public mutating func next() -> Element? { entries.next()?.key }
    }

    public func makeIterator() -> Iterator { Iterator(entries: map.makeIterator()) }

    public var underestimatedCount: Int { count }
}

extension PersistentSet: Equatable {
    public static func == (lhs: PersistentSet, rhs: PersistentSet) -> Bool { lhs.map == rhs.map }
}

extension PersistentSet: Hashable where Element: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(map) }
}
