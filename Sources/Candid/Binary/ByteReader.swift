// Sources/Candid/Binary/ByteReader.swift - a bounds-checked cursor over the message bytes

/// A cursor over the bytes of a message. Every read checks the remaining length first and
/// throws `truncated` with the offset where the input ended.
///
/// Errors are built by `@inline(never)` functions so that the decoder's recursive frames stay
/// small: their string interpolations would otherwise be inlined into every call site.
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
        guard position < bytes.count else { throw Self.endOfInput("a byte", at: position) }
        let value = bytes[position]
        position += 1
        return value
    }

    /// The next `count` bytes, which stay valid while the message does.
    mutating func bytes(_ count: Int, for what: StaticString) throws(DecodeFailure) -> UnsafeRawBufferPointer {
        guard count <= remaining else { throw Self.tooShort(what, needs: count, remaining: remaining, at: position) }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])
        position += count
        return slice
    }

    /// Moves past `count` bytes.
    mutating func skip(_ count: Int, for what: StaticString) throws(DecodeFailure) {
        guard count <= remaining else { throw Self.tooShort(what, needs: count, remaining: remaining, at: position) }
        position += count
    }

    /// A little-endian fixed-width integer.
    @inline(__always)
    mutating func fixed<T: FixedWidthInteger>(_ type: T.Type) throws(DecodeFailure) -> T {
        let size = MemoryLayout<T>.size
        guard size <= remaining else {
            throw Self.tooShort("a fixed-width number", needs: size, remaining: remaining, at: position)
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
            throw Self.endOfInput("a LEB128 number", at: position)
        case .overflow:
            throw Self.overflow(at: position)
        }
    }

    /// A signed LEB128 number that must fit in 64 bits.
    mutating func sleb() throws(DecodeFailure) -> Int64 {
        switch LEB128.readSigned(bytes, at: position) {
        case .value(let value, let length):
            position += length
            return value
        case .truncated:
            throw Self.endOfInput("a signed LEB128 number", at: position)
        case .overflow:
            throw Self.overflow(at: position)
        }
    }

    /// A length or count: a LEB128 number that must fit in `Int`.
    mutating func length(of what: StaticString) throws(DecodeFailure) -> Int {
        let start = position
        let value = try leb()
        guard value <= UInt64(Int.max) else { throw Self.outOfRange(what, value, at: start) }
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
        throw Self.endOfInput("a LEB128 number", at: start)
    }

    @inline(never)
    static func endOfInput(_ what: StaticString, at offset: Int) -> DecodeFailure {
        .hard(.truncated, "the input ends inside \(what)", at: offset)
    }

    @inline(never)
    static func tooShort(_ what: StaticString, needs count: Int, remaining: Int, at offset: Int) -> DecodeFailure {
        .hard(.truncated, "\(what) needs \(count) bytes but only \(remaining) remain", at: offset)
    }

    @inline(never)
    static func overflow(at offset: Int) -> DecodeFailure {
        .hard(.limitExceeded, "a LEB128 number does not fit in 64 bits", at: offset)
    }

    @inline(never)
    static func outOfRange(_ what: StaticString, _ value: UInt64, at offset: Int) -> DecodeFailure {
        .hard(.limitExceeded, "\(what) \(value) is out of range", at: offset)
    }
}
