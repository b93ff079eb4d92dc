// Sources/Candid/Binary/ByteReader.swift - a bounds-checked cursor over the message bytes

/// A cursor over the bytes of a message. Every read checks the remaining length first and
/// throws `truncated` with the offset where the input ended.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var position: Int

    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var remaining: Int { bytes.count - position }
    var isAtEnd: Bool { position >= bytes.count }

    mutating func byte() throws(DecodeFailure) -> UInt8 {
        guard position < bytes.count else {
            throw .hard(.truncated, "the input ends where a byte was expected", at: position)
        }
        let value = bytes[position]
        position += 1
        return value
    }

    /// The next `count` bytes, which stay valid while the message does.
    mutating func bytes(_ count: Int, for what: @autoclosure () -> String) throws(DecodeFailure)
        -> UnsafeRawBufferPointer
    {
        guard count <= remaining else {
            throw .hard(
                .truncated, "\(what()) needs \(count) bytes but only \(remaining) remain", at: position)
        }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])
        position += count
        return slice
    }

    /// Moves past `count` bytes.
    mutating func skip(_ count: Int, for what: @autoclosure () -> String) throws(DecodeFailure) {
        guard count <= remaining else {
            throw .hard(
                .truncated, "\(what()) needs \(count) bytes but only \(remaining) remain", at: position)
        }
        position += count
    }

    /// A little-endian fixed-width integer.
    mutating func fixed<T: FixedWidthInteger>(_ type: T.Type) throws(DecodeFailure) -> T {
        let size = MemoryLayout<T>.size
        guard size <= remaining else {
            throw .hard(.truncated, "a \(size)-byte number needs \(size) bytes but only \(remaining) remain",
                at: position)
        }
        let value = bytes.loadUnaligned(fromByteOffset: position, as: T.self)
        position += size
        return T(littleEndian: value)
    }

    /// An unsigned LEB128 number that must fit in 64 bits.
    mutating func leb() throws(DecodeFailure) -> UInt64 {
        switch LEB128.readUnsigned(bytes, at: position) {
        case .value(let value, let length):
            position += length
            return value
        case .truncated:
            throw .hard(.truncated, "the input ends inside a LEB128 number", at: position)
        case .overflow:
            throw .hard(.limitExceeded, "a LEB128 number does not fit in 64 bits", at: position)
        }
    }

    /// A signed LEB128 number that must fit in 64 bits.
    mutating func sleb() throws(DecodeFailure) -> Int64 {
        switch LEB128.readSigned(bytes, at: position) {
        case .value(let value, let length):
            position += length
            return value
        case .truncated:
            throw .hard(.truncated, "the input ends inside a signed LEB128 number", at: position)
        case .overflow:
            throw .hard(.limitExceeded, "a signed LEB128 number does not fit in 64 bits", at: position)
        }
    }

    /// A length or count: a LEB128 number that must fit in `Int`.
    mutating func length(of what: @autoclosure () -> String) throws(DecodeFailure) -> Int {
        let start = position
        let value = try leb()
        guard value <= UInt64(Int.max) else {
            throw .hard(.limitExceeded, "\(what()) \(value) is out of range", at: start)
        }
        return Int(value)
    }

    /// Moves past a LEB128 number of any size; returns its length in bytes.
    mutating func skipLEB() throws(DecodeFailure) -> Int {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte & 0x80 == 0 { return position - start }
        }
        throw .hard(.truncated, "the input ends inside a LEB128 number", at: start)
    }
}
