// Sources/Sessions/ChunkBitset.swift - which chunks of a session have been received

/// A fixed-size set of chunk indexes `0 ..< capacity`, one bit each in 64-bit words, with its popcount.
///
/// Bit `i` lives in word `i / 64` at bit `i % 64`. Bits at or past `capacity` are always zero (the
/// serializer relies on it and the deserializer checks it).
struct ChunkBitset: Hashable, Sendable {
    /// How many chunks the set describes.
    let capacity: UInt32
    /// `ceil(capacity / 64)` words.
    private(set) var words: [UInt64]
    /// How many bits are set.
    private(set) var count: UInt32

    /// An empty set for `capacity` chunks.
    init(capacity: UInt32) {
        self.capacity = capacity
        self.words = Array(repeating: 0, count: Self.wordCount(capacity))
        self.count = 0
    }

    /// A set from serialized words, or `nil` when the word count is wrong or a bit past `capacity` is set.
    init?(capacity: UInt32, words: [UInt64]) {
        guard words.count == Self.wordCount(capacity) else { return nil }
        let tailBits = Int(capacity % 64)
        if tailBits != 0, let last = words.last, last >> UInt64(tailBits) != 0 { return nil }
        self.capacity = capacity
        self.words = words
        self.count = UInt32(words.reduce(0) { $0 + $1.nonzeroBitCount })
    }

    static func wordCount(_ capacity: UInt32) -> Int { Int((UInt64(capacity) + 63) / 64) }

    /// Whether every index is in the set.
    var isFull: Bool { count == capacity }

    /// Whether `index` is in the set; `false` for indexes past `capacity`.
    func contains(_ index: UInt32) -> Bool {
        guard index < capacity else { return false }
        return words[Int(index / 64)] & (1 << UInt64(index % 64)) != 0
    }

    /// Adds `index` (which must be below `capacity`).
    mutating func insert(_ index: UInt32) {
        precondition(index < capacity, "chunk index \(index) past bitset capacity \(capacity)")
        let bit: UInt64 = 1 << UInt64(index % 64)
        let word = Int(index / 64)
        if words[word] & bit == 0 {
            words[word] |= bit
            count += 1
        }
    }

    /// The indexes in the set (or, with `present: false`, the ones not in it), ascending, at most `limit`.
    func indexes(present: Bool = true, limit: Int = .max) -> [UInt32] {
        var result: [UInt32] = []
        let expected = present ? Int(count) : Int(capacity - count)
        result.reserveCapacity(min(limit, expected))
        for (wordIndex, stored) in words.enumerated() {
            var word = present ? stored : ~stored
            let base = UInt32(wordIndex) * 64
            while word != 0 {
                let index = base + UInt32(word.trailingZeroBitCount)
                guard index < capacity, result.count < limit else { return result }
                result.append(index)
                word &= word - 1
            }
        }
        return result
    }
}
