// Tests/SessionsTests/SessionSpecTests.swift - spec arithmetic, ids, the bitset and the array sink

import Testing
@testable import Sessions

@Suite struct SessionSpecTests {
    static let chunkCounts: [(chunk: UInt32, bytes: UInt64, count: UInt64)] = [
        (4, 10, 3), (4, 12, 3), (4, 13, 4), (1, 1, 1), (10, 1, 1), (0, 10, 0),
        (1_800_000, 21_827_484, 13), (1_800_000, 3_600_000, 2), (UInt32.max, UInt64.max, 4_294_967_297),
    ]

    @Test(arguments: Self.chunkCounts)
    func chunkCountIsCeiling(_ vector: (chunk: UInt32, bytes: UInt64, count: UInt64)) {
        #expect(spec(chunk: vector.chunk, bytes: vector.bytes).chunkCount == vector.count)
    }

    @Test func chunkLengthsAndOffsets() {
        let big = spec(chunk: 1_800_000, bytes: 21_827_484)
        #expect(big.length(ofChunk: 0) == 1_800_000)
        #expect(big.length(ofChunk: 11) == 1_800_000)
        #expect(big.length(ofChunk: 12) == 227_484)
        #expect(big.length(ofChunk: 13) == nil)
        #expect(big.offset(ofChunk: 12) == 21_600_000)
        let even = spec(chunk: 4, bytes: 12)
        #expect(even.length(ofChunk: 2) == 4)
        #expect(even.length(ofChunk: 3) == nil)
        #expect(spec(chunk: 0, bytes: 12).length(ofChunk: 0) == nil)
    }

    @Test func sessionIdBasics() {
        #expect(SessionId.first.rawValue == 1)
        #expect(SessionId(rawValue: 7) == SessionId(7))
        #expect(SessionId(3) < SessionId(4))
        #expect(SessionId(42).description == "42")
        #expect(!SessionId(0).isValid)
        #expect(!SessionId(.max).isValid)
        #expect(SessionId(.max - 1).isValid)
    }

    @Test func bitsetInsertContainsAndIndexes() {
        var set = ChunkBitset(capacity: 130)
        #expect(set.words.count == 3)
        for index: UInt32 in [0, 63, 64, 129] { set.insert(index) }
        set.insert(64)
        #expect(set.count == 4)
        #expect(set.contains(63) && set.contains(129) && !set.contains(1) && !set.contains(130))
        #expect(set.indexes() == [0, 63, 64, 129])
        #expect(set.indexes(limit: 2) == [0, 63])
        let missing = set.indexes(present: false)
        #expect(missing.count == 126)
        #expect(missing.first == 1 && missing.last == 128)
        #expect(set.words == [1 | 1 << 63, 1, 2])
        #expect(!set.isFull)
    }

    @Test func bitsetFromWordsRejectsStrayBits() {
        #expect(ChunkBitset(capacity: 3, words: [0b111])?.count == 3)
        #expect(ChunkBitset(capacity: 3, words: [0b1000]) == nil)
        #expect(ChunkBitset(capacity: 64, words: [.max])?.isFull == true)
        #expect(ChunkBitset(capacity: 65, words: [.max]) == nil)
        #expect(ChunkBitset(capacity: 65, words: [0, 2]) == nil)
    }

    @Test func byteArraySinkZeroFillsGaps() throws {
        var sink = ByteArraySink()
        try sink.write(at: 4, [1, 2])
        #expect(sink.bytes == [0, 0, 0, 0, 1, 2])
        try sink.write(at: 1, [9])
        #expect(sink.bytes == [0, 9, 0, 0, 1, 2])
        let tooFar = #expect(throws: ByteArraySinkError.self) { try sink.write(at: .max - 1, [1, 2, 3]) }
        #expect(tooFar == ByteArraySinkError(offset: .max - 1, count: 3))
    }
}
