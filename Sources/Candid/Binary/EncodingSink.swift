// Sources/Candid/Binary/EncodingSink.swift - where encoded bytes go: a counter, then the buffer

/// The destination of the value encoder. The encoder runs twice over the same code: once into a
/// ``ByteCounter`` to learn the exact size (and validate), then into a ``ByteWriter`` whose buffer
/// was reserved to that size, so the bytes are written once without reallocation.
protocol EncodingSink {
    mutating func byte(_ value: UInt8)
    mutating func bytes(_ value: [UInt8])
    mutating func utf8(_ value: String)
    mutating func leb(_ value: UInt64)
    mutating func sleb(_ value: Int64)
    mutating func nat(_ value: BigInt)
    mutating func int(_ value: BigInt)
    mutating func fixed<T: FixedWidthInteger>(_ value: T)
}

/// Counts the bytes an encoding would take.
struct ByteCounter: EncodingSink {
    var count = 0

    mutating func byte(_ value: UInt8) { count += 1 }
    mutating func bytes(_ value: [UInt8]) { count += value.count }
    mutating func utf8(_ value: String) { count += value.utf8.count }
    mutating func leb(_ value: UInt64) { count += LEB128.encodedSize(of: value) }
    mutating func sleb(_ value: Int64) { count += LEB128.encodedSize(ofSigned: value) }
    mutating func nat(_ value: BigInt) { count += LEB128.encodedSize(of: value) }
    mutating func int(_ value: BigInt) { count += LEB128.encodedSize(ofSigned: value) }
    mutating func fixed<T: FixedWidthInteger>(_ value: T) { count += MemoryLayout<T>.size }
}

/// Appends the bytes of an encoding.
struct ByteWriter: EncodingSink {
    var buffer: [UInt8]

    init(capacity: Int) {
        buffer = []
        buffer.reserveCapacity(capacity)
    }

    mutating func byte(_ value: UInt8) { buffer.append(value) }
    mutating func bytes(_ value: [UInt8]) { buffer.append(contentsOf: value) }
    mutating func utf8(_ value: String) { buffer.append(contentsOf: value.utf8) }
    mutating func leb(_ value: UInt64) { LEB128.append(value, to: &buffer) }
    mutating func sleb(_ value: Int64) { LEB128.appendSigned(value, to: &buffer) }
    mutating func nat(_ value: BigInt) { LEB128.append(value, to: &buffer) }
    mutating func int(_ value: BigInt) { LEB128.appendSigned(value, to: &buffer) }
    mutating func fixed<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }
}
