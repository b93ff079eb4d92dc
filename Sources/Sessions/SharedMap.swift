// Sources/Sessions/PersistentMap.swift - a sorted map whose copies share their nodes

/// A sorted map whose copies share structure: copying is O(1), and an insert, update or removal after a
/// copy allocates only the O(log n) nodes on the path to the key, leaving every copy unchanged.
///
/// The session engine's tables and the upload tables (in `Uploads`, hence `package` access) live in these
/// rather than in `Dictionary`s because a canister runtime keeps the state from before each update message
/// (to restore it if the message traps). With a `Dictionary`, the first write of every message would then
/// copy the whole table: O(sessions) per chunk, O(blobs) per finish. (Neither module may import
/// `CanisterRuntime`, which has a map of the same kind.)
///
/// Iteration is in ascending key order, so everything built from it is deterministic.
///
/// ### Implementation Notes
/// An AVL tree of immutable nodes with path copying. Each node stores its height and the size of its
/// subtree, so ``count`` is O(1).
package struct PersistentMap<Key: Comparable & Sendable, Value: Sendable>: Sendable {
    package final class Node: Sendable {
        let key: Key
        let value: Value
        let left: Node?
        let right: Node?
        let height: Int
        let count: Int

        init(_ key: Key, _ value: Value, _ left: Node?, _ right: Node?) {
            self.key = key
            self.value = value
            self.left = left
            self.right = right
            self.height = Swift.max(left?.height ?? 0, right?.height ?? 0) + 1
            self.count = (left?.count ?? 0) + (right?.count ?? 0) + 1
        }
    }

    package private(set) var root: Node?

    /// An empty map.
    package init() {}

    /// The number of entries, in O(1).
    package var count: Int { root?.count ?? 0 }

    /// Whether the map has no entries.
    package var isEmpty: Bool { root == nil }

    /// The value for `key`, in O(log n); setting `nil` removes the entry.
    package subscript(key: Key) -> Value? {
        get {
            var node = root
            while let current = node {
                if key < current.key {
                    node = current.left
                } else if current.key < key {
                    node = current.right
                } else {
                    return current.value
                }
            }
            return nil
        }
        set {
            if let newValue {
                root = Self.inserting(key, newValue, into: root)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Removes the entry for `key` and returns its value, if there was one.
    @discardableResult
    package mutating func removeValue(forKey key: Key) -> Value? {
        guard let old = self[key] else { return nil }
        root = Self.removing(key, from: root)
        return old
    }

    /// The entry with the smallest key, in O(log n).
    package var first: (key: Key, value: Value)? {
        var node = root
        while let left = node?.left { node = left }
        return node.map { ($0.key, $0.value) }
    }

    /// The entry with the largest key below `key`, in O(log n).
    package func entry(before key: Key) -> (key: Key, value: Value)? {
        var node = root
        var best: Node?
        while let current = node {
            if current.key < key {
                best = current
                node = current.right
            } else {
                node = current.left
            }
        }
        return best.map { ($0.key, $0.value) }
    }

    /// Every key, ascending.
    package var keys: [Key] { map(\.key) }

    /// Every value, in ascending key order.
    package var values: [Value] { map(\.value) }

    /// Up to `limit` entries with keys above `key` (from the smallest when `key` is `nil`), ascending, and
    /// whether more follow them. O(log n + limit).
    package func entries(after key: Key?, limit: Int) -> (entries: [(key: Key, value: Value)], more: Bool) {
        var iterator = Iterator(root, after: key)
        var result: [(key: Key, value: Value)] = []
        while result.count < limit, let entry = iterator.next() { result.append(entry) }
        return (result, iterator.next() != nil)
    }

    // MARK: - Tree operations

    private static func height(_ node: Node?) -> Int { node?.height ?? 0 }

    /// A node over `left` and `right` (whose heights differ by at most 2), rotated back into balance.
    private static func balanced(_ key: Key, _ value: Value, _ left: Node?, _ right: Node?) -> Node {
        let difference = height(left) - height(right)
        if difference > 1, let left {
            if height(left.left) >= height(left.right) {
                return Node(left.key, left.value, left.left, Node(key, value, left.right, right))
            }
            guard let pivot = left.right else { return Node(key, value, left, right) }
            return Node(
                pivot.key, pivot.value, Node(left.key, left.value, left.left, pivot.left),
                Node(key, value, pivot.right, right)
            )
        }
        if difference < -1, let right {
            if height(right.right) >= height(right.left) {
                return Node(right.key, right.value, Node(key, value, left, right.left), right.right)
            }
            guard let pivot = right.left else { return Node(key, value, left, right) }
            return Node(
                pivot.key, pivot.value, Node(key, value, left, pivot.left),
                Node(right.key, right.value, pivot.right, right.right)
            )
        }
        return Node(key, value, left, right)
    }

    private static func inserting(_ key: Key, _ value: Value, into node: Node?) -> Node {
        guard let node else { return Node(key, value, nil, nil) }
        if key < node.key {
            return balanced(node.key, node.value, inserting(key, value, into: node.left), node.right)
        }
        if node.key < key {
            return balanced(node.key, node.value, node.left, inserting(key, value, into: node.right))
        }
        return Node(key, value, node.left, node.right)
    }

    /// The tree without `key`, which must be in it.
    private static func removing(_ key: Key, from node: Node?) -> Node? {
        guard let node else { return nil }
        if key < node.key { return balanced(node.key, node.value, removing(key, from: node.left), node.right) }
        if node.key < key { return balanced(node.key, node.value, node.left, removing(key, from: node.right)) }
        guard let left = node.left else { return node.right }
        guard let right = node.right else { return left }
        var smallest = right
        while let next = smallest.left { smallest = next }
        return balanced(smallest.key, smallest.value, left, removing(smallest.key, from: right))
    }

    // MARK: - Testing hooks

    /// How many of this map's nodes `other` does not share (by identity): what a write after a copy
    /// allocated. Walks both trees; for tests.
    package func nodesNotShared(with other: PersistentMap) -> Int {
        var theirs = Set<ObjectIdentifier>()
        var stack = [other.root].compactMap { $0 }
        while let node = stack.popLast() {
            theirs.insert(ObjectIdentifier(node))
            stack += [node.left, node.right].compactMap { $0 }
        }
        var unshared = 0
        stack = [root].compactMap { $0 }
        while let node = stack.popLast() {
            // A shared node shares its whole subtree.
            guard !theirs.contains(ObjectIdentifier(node)) else { continue }
            unshared += 1
            stack += [node.left, node.right].compactMap { $0 }
        }
        return unshared
    }

    /// Whether every node is balanced, ordered and counted right; for tests.
    package var isValid: Bool {
        func check(_ node: Node?, above low: Key?, below high: Key?) -> Bool {
            guard let node else { return true }
            if let low, !(low < node.key) { return false }
            if let high, !(node.key < high) { return false }
            let balance = Self.height(node.left) - Self.height(node.right)
            guard abs(balance) <= 1, node.height == Swift.max(Self.height(node.left), Self.height(node.right)) + 1,
                node.count == (node.left?.count ?? 0) + (node.right?.count ?? 0) + 1
            else { return false }
            return check(node.left, above: low, below: node.key) && check(node.right, above: node.key, below: high)
        }
        return check(root, above: nil, below: nil)
    }
}

extension PersistentMap: Sequence {
    /// Walks the entries in ascending key order.
    package struct Iterator: IteratorProtocol {
        private var stack: [Node] = []

        package init(_ root: Node?, after key: Key? = nil) {
            var node = root
            while let current = node {
                if let key, !(key < current.key) {
                    node = current.right
                } else {
                    stack.append(current)
                    node = current.left
                }
            }
        }

        package mutating func next() -> (key: Key, value: Value)? {
            guard let node = stack.popLast() else { return nil }
            var child = node.right
            while let current = child {
                stack.append(current)
                child = current.left
            }
            return (node.key, node.value)
        }
    }

    package func makeIterator() -> Iterator { Iterator(root) }

    package var underestimatedCount: Int { count }
}

extension PersistentMap: ExpressibleByDictionaryLiteral {
    package init(dictionaryLiteral elements: (Key, Value)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
    }
}

extension PersistentMap: Equatable where Value: Equatable {
    /// Equal when both hold the same keys with equal values (whatever their tree shapes).
    package static func == (lhs: PersistentMap, rhs: PersistentMap) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.root === rhs.root { return true }
        return lhs.elementsEqual(rhs) { $0.key == $1.key && $0.value == $1.value }
    }
}

extension PersistentMap: Hashable where Key: Hashable, Value: Hashable {
    package func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for (key, value) in self {
            hasher.combine(key)
            hasher.combine(value)
        }
    }
}

/// A sorted set whose copies share their nodes: a ``PersistentMap`` without values.
package struct PersistentSet<Element: Comparable & Sendable>: Sendable {
    /// What a member maps to (the map needs a value).
    package struct Member: Hashable, Sendable {}

    package private(set) var map = PersistentMap<Element, Member>()

    /// An empty set.
    package init() {}

    /// A set of `elements`.
    package init<S: Sequence>(_ elements: S) where S.Element == Element {
        for element in elements { insert(element) }
    }

    /// The number of elements, in O(1).
    package var count: Int { map.count }

    /// Whether `element` is in the set, in O(log n).
    package func contains(_ element: Element) -> Bool { map[element] != nil }

    /// Adds `element`, in O(log n).
    package mutating func insert(_ element: Element) { map[element] = Member() }

    /// Removes `element`, in O(log n).
    package mutating func remove(_ element: Element) { map[element] = nil }

    /// The smallest element, in O(log n).
    package var first: Element? { map.first?.key }

    /// Up to `limit` elements above `element` (from the smallest when `nil`), ascending, and whether more
    /// follow them. O(log n + limit).
    package func elements(after element: Element?, limit: Int) -> (elements: [Element], more: Bool) {
        let (entries, more) = map.entries(after: element, limit: limit)
        return (entries.map(\.key), more)
    }
}

extension PersistentSet: Sequence {
    package func makeIterator() -> LazyMapSequence<PersistentMap<Element, Member>, Element>.Iterator {
        map.lazy.map(\.key).makeIterator()
    }

    package var underestimatedCount: Int { count }
}

extension PersistentSet: Equatable {
    package static func == (lhs: PersistentSet, rhs: PersistentSet) -> Bool { lhs.map == rhs.map }
}

extension PersistentSet: Hashable where Element: Hashable {
    package func hash(into hasher: inout Hasher) { hasher.combine(map) }
}
