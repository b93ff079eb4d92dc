// Sources/PersistentCollections/PersistentMap.swift - a sorted map that shares structure on copy

/// A sorted map whose copies share their nodes: copying is O(1) and an insert or removal allocates
/// O(log n) nodes, leaving every earlier copy unchanged.
///
/// Use it for large collections in canister state. The runtime keeps the state from before each update
/// message to restore it if the message traps; with a `PersistentMap` that costs nothing, where a
/// `Dictionary` or `Array` would be copied whole by the first write after the snapshot. The session
/// engine's tables, the upload tables and the runtime all use this one map, which is why it lives in a
/// leaf module that imports nothing: `Sessions` may import nothing else of the package.
///
/// Iteration is in ascending key order, so it is deterministic.
///
/// ```swift
/// var owners: PersistentMap<UInt64, Principal> = [:]
/// owners[7] = caller
/// let snapshot = owners   // O(1)
/// owners[7] = nil         // `snapshot` still holds key 7
/// ```
///
/// ### Implementation Notes
/// An AVL tree of immutable nodes with path copying; each node also stores the size of its subtree,
/// which gives ``count`` in O(1) and ``element(atOffset:)`` in O(log n).
public struct PersistentMap<Key: Comparable & Sendable, Value: Sendable>: Sendable {
    final class Node: Sendable {
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

    var root: Node?

    /// An empty map.
    public init() {}

    /// A map of the given pairs; a later pair replaces an earlier one with the same key.
    public init<S: Sequence>(_ pairs: S) where S.Element == (Key, Value) {
        for (key, value) in pairs {
            self[key] = value
        }
    }

    /// The number of entries, in O(1).
    public var count: Int { root?.count ?? 0 }

    /// Whether the map has no entries.
    public var isEmpty: Bool { root == nil }

    /// The value for `key`, in O(log n); setting `nil` removes the entry.
    public subscript(key: Key) -> Value? {
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
                updateValue(newValue, forKey: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// The value for `key`, or `defaultValue` when there is none; setting stores the value.
    public subscript(key: Key, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key] ?? defaultValue() }
        set { updateValue(newValue, forKey: key) }
    }

    /// Whether `key` has an entry.
    public func contains(_ key: Key) -> Bool {
        self[key] != nil
    }

    /// Sets the value for `key`.
    ///
    /// - Returns: The value it replaced, if any.
    @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: Key) -> Value? {
        let (newRoot, old) = Self.insert(key, value, into: root)
        root = newRoot
        return old
    }

    /// Removes the entry for `key`.
    ///
    /// - Returns: The removed value, if there was one.
    @discardableResult
    public mutating func removeValue(forKey key: Key) -> Value? {
        let (newRoot, old) = Self.remove(key, from: root)
        if old != nil {
            root = newRoot
        }
        return old
    }

    /// Removes every entry.
    public mutating func removeAll() {
        root = nil
    }

    /// The entry with the smallest key.
    public var first: (key: Key, value: Value)? {
        var node = root
        while let left = node?.left { node = left }
        return node.map { ($0.key, $0.value) }
    }

    /// The entry with the largest key.
    public var last: (key: Key, value: Value)? {
        var node = root
        while let right = node?.right { node = right }
        return node.map { ($0.key, $0.value) }
    }

    /// The entry at position `offset` in key order (0 is the smallest), or `nil` past the end.
    public func element(atOffset offset: Int) -> (key: Key, value: Value)? {
        guard offset >= 0, offset < count else { return nil }
        var node = root
        var remaining = offset
        while let current = node {
            let leftCount = current.left?.count ?? 0
            if remaining < leftCount {
                node = current.left
            } else if remaining == leftCount {
                return (current.key, current.value)
            } else {
                remaining -= leftCount + 1
                node = current.right
            }
        }
        return nil
    }

    /// The number of keys smaller than `key` (its position, if present).
    public func offset(of key: Key) -> Int {
        var node = root
        var result = 0
        while let current = node {
            if key <= current.key {
                node = current.left
            } else {
                result += (current.left?.count ?? 0) + 1
                node = current.right
            }
        }
        return result
    }

    /// The entry with the largest key below `key`, in O(log n).
    public func entry(before key: Key) -> (key: Key, value: Value)? {
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

    /// Up to `limit` entries with keys above `key` (from the smallest when `key` is `nil`), ascending, and
    /// whether more follow them: one page of a listing. O(log n + limit).
    public func entries(after key: Key?, limit: Int) -> (entries: [(key: Key, value: Value)], more: Bool) {
        var iterator = key.map { Iterator(root: root, from: $0, inclusive: false) } ?? Iterator(root: root)
        var result: [(key: Key, value: Value)] = []
        while result.count < limit, let entry = iterator.next() { result.append(entry) }
        return (result, iterator.next() != nil)
    }

    /// The keys in ascending order.
    public var keys: [Key] { map(\.key) }

    /// The values in ascending key order.
    public var values: [Value] { map(\.value) }

    /// Whether both maps are the same version (share their root): O(1), and `true` implies equality.
    public func isIdentical(to other: PersistentMap) -> Bool {
        root === other.root
    }
}

// MARK: - Tree operations

extension PersistentMap {
    private static func height(_ node: Node?) -> Int { node?.height ?? 0 }

    /// A node for `key`/`value` over two subtrees whose heights differ by at most 2, rebalanced.
    private static func balanced(_ key: Key, _ value: Value, _ left: Node?, _ right: Node?) -> Node {
        let leftHeight = height(left)
        let rightHeight = height(right)
        if leftHeight > rightHeight + 1, let left {
            if height(left.left) >= height(left.right) {
                return Node(left.key, left.value, left.left, Node(key, value, left.right, right))
            }
            if let pivot = left.right {
                return Node(
                    pivot.key, pivot.value,
                    Node(left.key, left.value, left.left, pivot.left),
                    Node(key, value, pivot.right, right)
                )
            }
        } else if rightHeight > leftHeight + 1, let right {
            if height(right.right) >= height(right.left) {
                return Node(right.key, right.value, Node(key, value, left, right.left), right.right)
            }
            if let pivot = right.left {
                return Node(
                    pivot.key, pivot.value,
                    Node(key, value, left, pivot.left),
                    Node(right.key, right.value, pivot.right, right.right)
                )
            }
        }
        return Node(key, value, left, right)
    }

    private static func insert(_ key: Key, _ value: Value, into node: Node?) -> (Node, Value?) {
        guard let node else { return (Node(key, value, nil, nil), nil) }
        if key < node.key {
            let (left, old) = insert(key, value, into: node.left)
            return (balanced(node.key, node.value, left, node.right), old)
        }
        if node.key < key {
            let (right, old) = insert(key, value, into: node.right)
            return (balanced(node.key, node.value, node.left, right), old)
        }
        return (Node(key, value, node.left, node.right), node.value)
    }

    private static func removeMinimum(_ node: Node) -> (rest: Node?, minimum: Node) {
        guard let left = node.left else { return (node.right, node) }
        let (rest, minimum) = removeMinimum(left)
        return (balanced(node.key, node.value, rest, node.right), minimum)
    }

    private static func remove(_ key: Key, from node: Node?) -> (Node?, Value?) {
        guard let node else { return (nil, nil) }
        if key < node.key {
            let (left, old) = remove(key, from: node.left)
            guard old != nil else { return (node, nil) }
            return (balanced(node.key, node.value, left, node.right), old)
        }
        if node.key < key {
            let (right, old) = remove(key, from: node.right)
            guard old != nil else { return (node, nil) }
            return (balanced(node.key, node.value, node.left, right), old)
        }
        guard let left = node.left else { return (node.right, node.value) }
        guard let right = node.right else { return (left, node.value) }
        let (rest, minimum) = removeMinimum(right)
        return (balanced(minimum.key, minimum.value, left, rest), node.value)
    }
}

// MARK: - Testing hooks

extension PersistentMap {
    /// The number of nodes of this map that `other` does not share: for a map derived from `other` by one
    /// update, the nodes that update allocated.
    package func nodesNotShared(with other: PersistentMap) -> Int {
        var shared = Set<ObjectIdentifier>()
        var stack = [other.root].compactMap { $0 }
        while let node = stack.popLast() {
            shared.insert(ObjectIdentifier(node))
            if let left = node.left { stack.append(left) }
            if let right = node.right { stack.append(right) }
        }
        var result = 0
        stack = [root].compactMap { $0 }
        while let node = stack.popLast() {
            guard !shared.contains(ObjectIdentifier(node)) else { continue }
            result += 1
            if let left = node.left { stack.append(left) }
            if let right = node.right { stack.append(right) }
        }
        return result
    }

    /// The most nodes one insert, update or removal may allocate in a tree of `entries` entries: the path
    /// from the root (an AVL tree of n nodes is at most 1.45 log2(n + 2) high) plus the rotated nodes.
    package static func nodesPerWriteBound(entries: Int) -> Int {
        var bits = 0
        while (1 << bits) < entries + 2 { bits += 1 }
        return 3 * bits / 2 + 4
    }

    /// The height of the tree (0 when empty).
    package var height: Int { root?.height ?? 0 }

    /// Checks the AVL and ordering invariants of every node.
    package var isValid: Bool {
        func check(_ node: Node?, above: Key?, below: Key?) -> Bool {
            guard let node else { return true }
            if let above, !(above < node.key) { return false }
            if let below, !(node.key < below) { return false }
            let leftHeight = node.left?.height ?? 0
            let rightHeight = node.right?.height ?? 0
            guard abs(leftHeight - rightHeight) <= 1,
                node.height == Swift.max(leftHeight, rightHeight) + 1,
                node.count == (node.left?.count ?? 0) + (node.right?.count ?? 0) + 1
            else { return false }
            return check(node.left, above: above, below: node.key) && check(node.right, above: node.key, below: below)
        }
        return check(root, above: nil, below: nil)
    }
}
