// Sources/PersistentCollections/PersistentMap+Sequence.swift - ordered iteration, literals, equality

extension PersistentMap: Sequence {
    /// Iterates the entries in ascending key order.
    public struct Iterator: IteratorProtocol {
        private var stack: [Node] = []

        init(root: Node?) {
            pushLeftSpine(root)
        }

        /// From the first key at or above `lowerBound`, or above it when `inclusive` is false.
        init(root: Node?, from lowerBound: Key, inclusive: Bool = true) {
            var node = root
            while let current = node {
                if inclusive ? current.key < lowerBound : !(lowerBound < current.key) {
                    node = current.right
                } else {
                    stack.append(current)
                    node = current.left
                }
            }
        }

        private mutating func pushLeftSpine(_ node: Node?) {
            var node = node
            while let current = node {
                stack.append(current)
                node = current.left
            }
        }

        public mutating func next() -> (key: Key, value: Value)? {
            guard let node = stack.popLast() else { return nil }
            pushLeftSpine(node.right)
            return (node.key, node.value)
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(root: root)
    }

    public var underestimatedCount: Int { count }

    /// The entries whose keys are at least `lowerBound`, in ascending order.
    public func elements(from lowerBound: Key) -> Elements {
        Elements(root: root, lowerBound: lowerBound)
    }

    /// The entries from a lower bound on, in ascending key order (see ``elements(from:)``).
    public struct Elements: Sequence, Sendable {
        let root: Node?
        let lowerBound: Key

        public func makeIterator() -> Iterator {
            Iterator(root: root, from: lowerBound)
        }
    }
}

extension PersistentMap: ExpressibleByDictionaryLiteral {
    /// A map of the literal's pairs; a later duplicate key wins.
    public init(dictionaryLiteral elements: (Key, Value)...) {
        self.init(elements)
    }
}

extension PersistentMap: Equatable where Value: Equatable {
    /// Same entries in the same order; O(1) when both share their root.
    public static func == (lhs: PersistentMap, rhs: PersistentMap) -> Bool {
        if lhs.isIdentical(to: rhs) { return true }
        guard lhs.count == rhs.count else { return false }
        return lhs.elementsEqual(rhs) { $0.key == $1.key && $0.value == $1.value }
    }
}

extension PersistentMap: Hashable where Value: Hashable, Key: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for (key, value) in self {
            hasher.combine(key)
            hasher.combine(value)
        }
    }
}

extension PersistentMap: CustomStringConvertible {
    /// `[key: value, ...]` in key order.
    public var description: String {
        guard !isEmpty else { return "[:]" }
        return "[" + map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "]"
    }
}
