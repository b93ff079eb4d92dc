// Sources/Candid/Binary/BinaryDecoder+Primitives.swift - numbers, text and references

extension BinaryDecoder {
    /// A primitive value; only equal types and `nat` at `int` coerce.
    @inline(never)
    mutating func primitive(_ wireType: TypeRef, _ expectedType: TypeRef) throws(DecodeFailure) -> CandidValue {
        guard wireType == expectedType || (wireType == .nat && expectedType == .int) else {
            throw Self.mismatch(wireType, expectedType, wire, expected, at: reader.position)
        }
        switch expectedType {
        case .null:
            try charge(1)
            return .null
        case .bool:
            return .bool(try bool())
        case .nat:
            return .nat(try nat())
        case .int:
            return .int(wireType == .nat ? try nat() : try int())
        case .nat8:
            try charge(1)
            return .nat8(try reader.fixed(UInt8.self))
        case .nat16:
            try charge(2)
            return .nat16(try reader.fixed(UInt16.self))
        case .nat32:
            try charge(4)
            return .nat32(try reader.fixed(UInt32.self))
        case .nat64:
            try charge(8)
            return .nat64(try reader.fixed(UInt64.self))
        case .int8:
            try charge(1)
            return .int8(try reader.fixed(Int8.self))
        case .int16:
            try charge(2)
            return .int16(try reader.fixed(Int16.self))
        case .int32:
            try charge(4)
            return .int32(try reader.fixed(Int32.self))
        case .int64:
            try charge(8)
            return .int64(try reader.fixed(Int64.self))
        case .float32:
            try charge(4)
            return .float32(Float(bitPattern: try reader.fixed(UInt32.self)))
        case .float64:
            try charge(8)
            return .float64(Double(bitPattern: try reader.fixed(UInt64.self)))
        case .text:
            return .text(try text())
        default:
            throw Self.mismatch(wireType, expectedType, wire, expected, at: reader.position)
        }
    }

    mutating func bool() throws(DecodeFailure) -> Bool {
        try charge(1)
        let offset = reader.position
        switch try reader.byte() {
        case 0: return false
        case 1: return true
        case let byte: throw Self.badTag(byte, of: "a bool", at: offset)
        }
    }

    @inline(never)
    mutating func nat() throws(DecodeFailure) -> BigInt {
        guard let (value, length) = LEB128.readUnsignedBig(reader.bytes, at: reader.position) else {
            throw ByteReader.endOfInput("a nat", at: reader.position)
        }
        try charge(length)
        reader.position += length
        return value
    }

    @inline(never)
    mutating func int() throws(DecodeFailure) -> BigInt {
        guard let (value, length) = LEB128.readSignedBig(reader.bytes, at: reader.position) else {
            throw ByteReader.endOfInput("an int", at: reader.position)
        }
        try charge(length)
        reader.position += length
        return value
    }

    @inline(never)
    mutating func text() throws(DecodeFailure) -> String {
        let start = reader.position
        let length = try reader.length(of: "text length")
        guard length <= reader.remaining else {
            throw .hard(
                .truncated, "a text of \(length) bytes is longer than the \(reader.remaining) bytes left", at: start)
        }
        try charge(saturatingAdd(1, length))
        let bytes = try reader.bytes(length, for: "a text")
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .hard(.invalidUTF8, "a text is not valid UTF-8", at: start)
        }
        return text
    }

    /// A principal (or the principal of a service): `01`, a length up to 29, the bytes.
    @inline(never)
    mutating func principal() throws(DecodeFailure) -> Principal {
        let start = reader.position
        let tag = try reader.byte()
        guard tag == 1 else {
            if tag == 0 {
                throw .hard(.unsupported, "opaque references (tag 00) are not supported", at: start)
            }
            throw .hard(.invalidValue, "a principal starts with 01, not 0x\(hex([tag]))", at: start)
        }
        let lengthOffset = reader.position
        let length = try reader.length(of: "principal length")
        guard length <= 29 else {
            throw .hard(.invalidPrincipal, "a principal has at most 29 bytes, not \(length)", at: lengthOffset)
        }
        let bytes = try reader.bytes(length, for: "a principal")
        try charge(max(30, length))
        return Principal(unchecked: copyBytes(bytes))
    }

    /// A function reference: `01`, the service's principal, the method name.
    @inline(never)
    mutating func function() throws(DecodeFailure) -> CandidValue {
        let start = reader.position
        let tag = try reader.byte()
        guard tag == 1 else {
            if tag == 0 {
                throw .hard(.unsupported, "opaque function references (tag 00) are not supported", at: start)
            }
            throw .hard(.invalidValue, "a function reference starts with 01, not 0x\(hex([tag]))", at: start)
        }
        let service = try principal()
        let nameOffset = reader.position
        let length = try reader.length(of: "method name length")
        try charge(saturatingAdd(2, length))
        let bytes = try reader.bytes(length, for: "a method name")
        guard let name = String(validating: bytes, as: UTF8.self) else {
            throw .hard(.invalidUTF8, "a method name is not valid UTF-8", at: nameOffset)
        }
        return .function(service, method: name)
    }

    /// Moves past a future value: `leb(m) leb(n) bytes[m]`.
    @inline(never)
    mutating func skipFuture() throws(DecodeFailure) {
        let length = try reader.length(of: "future value length")
        _ = try reader.length(of: "future reference count")
        try charge(saturatingAdd(1, length))
        try reader.skip(length, for: "a future value")
    }
}
