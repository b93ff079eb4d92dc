// Tests/SessionsTests/TestSupport.swift - sinks and helpers shared by the Sessions tests

import Testing
@testable import Sessions
import TestSupport

/// A sink that records every write (offset and bytes) and can be told to fail.
struct RecordingSink: ByteSink {
    struct Failure: Error, Hashable, CustomStringConvertible {
        var description: String { "disk full" }
    }

    var writes: [(offset: UInt64, bytes: [UInt8])] = []
    var memory = ByteArraySink()
    var failNext = false

    mutating func write(at offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws {
        if failNext { throw Failure() }
        writes.append((offset, Array(bytes)))
        try memory.write(at: offset, bytes)
    }
}

/// Runs `body` and returns the `SessionError` it threw, or `nil` if it did not throw (any other error is
/// recorded as an issue).
func sessionError<T>(
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> T
) -> SessionError? {
    do {
        _ = try body()
        return nil
    } catch let error as SessionError {
        return error
    } catch {
        Issue.record("expected a SessionError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

let alice: [UInt8] = [0x0A, 0x11]
let bob: [UInt8] = [0x0B, 0x0B]
let second: UInt64 = 1_000_000_000

/// A spec with `alice` as owner.
func spec(chunk: UInt32 = 4, bytes: UInt64 = 10, key: String = "k", owner: [UInt8] = alice) -> SessionSpec {
    SessionSpec(chunkSize: chunk, bytesExpected: bytes, idempotencyKey: key, owner: owner)
}

/// `count` bytes with value `fill`.
func chunk(_ count: Int, _ fill: UInt8 = 0xAB) -> [UInt8] { Array(repeating: fill, count: count) }

/// A sink that discards what it is given.
/// A sink that counts and discards. It has a stored property on purpose: `inout` access to an empty struct
/// uses a shared dummy address, which the thread sanitizer reports as a race between parallel tests.
struct NullSink: ByteSink {
    var bytesWritten = 0
    mutating func write(at offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws { bytesWritten += bytes.count }
}

extension SessionService {
    /// Puts a chunk into a sink that discards it.
    mutating func put(
        _ id: SessionId,
        _ index: UInt32,
        _ bytes: [UInt8],
        owner: [UInt8] = alice,
        now: UInt64 = 0
    ) throws(SessionError) -> PutOutcome {
        var sink = NullSink()
        return try putChunk(id, index: index, bytes: bytes, owner: owner, now: now, sink: &sink)
    }
}

/// A ``ByteSink`` that keeps the upload in one growable byte array (gaps are zero-filled).
///
/// The sink of these tests.
struct ByteArraySink: ByteSink, Hashable, Sendable {
    /// Everything written so far; as long as the furthest byte written.
    private(set) var bytes: [UInt8]

    /// An empty sink.
    init() {
        bytes = []
    }

    mutating func write(at offset: UInt64, _ chunk: UnsafeRawBufferPointer) throws {
        let (end, overflow) = offset.addingReportingOverflow(UInt64(chunk.count))
        guard !overflow, end <= UInt64(Int.max) else { throw ByteArraySinkError(offset: offset, count: chunk.count) }
        if end > UInt64(bytes.count) {
            bytes += Array(repeating: 0, count: Int(end) - bytes.count)
        }
        let start = Int(offset)
        bytes.withUnsafeMutableBytes { target in
            UnsafeMutableRawBufferPointer(rebasing: target[start ..< start + chunk.count]).copyMemory(from: chunk)
        }
    }
}

/// A write past what an array can address.
struct ByteArraySinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offset of the refused write.
    let offset: UInt64
    /// Its length.
    let count: Int

    var description: String { "cannot write \(count) bytes at offset \(offset) into an array" }
}
