// Sources/Candid/Binary/BinaryDecoder+Validate.swift - checking and metering a value without building it

extension BinaryDecoder {
    /// Moves past a value whose wire type and expected type are the same entry, checking and charging it
    /// exactly as `value(type, type)` does, without building the value.
    ///
    /// The prepared codecs use it when a message's header is byte for byte the one of the expected
    /// types: after it succeeds, decoding the same bytes cannot fail in the binary format, so the
    /// Swift value is read straight from the bytes. Kinds this pass does not mirror (`nat`, `int`,
    /// `principal`, `reserved`, `empty`, references, vectors of values that take no bytes) are
    /// decoded by `value(type, type)` and dropped.
    mutating func validate(_ type: TypeRef) throws(DecodeFailure) {
        if type.isPrimitive {
            try validatePrimitive(type)
            return
        }
        switch expected.entries[type.index] {
        case .opt(let inner):
            try charge(2)
            let tagOffset = reader.position
            switch try reader.byte() {
            case 0: return
            case 1:
                try enter()
                defer { leave() }
                try validate(inner)
            case let tag: throw Self.badTag(tag, of: "an opt value", at: tagOffset)
            }
        case .vec(let element):
            try validateVector(type, element)
        case .record(let fields):
            try enter()
            defer { leave() }
            try charge(2)
            try produce(fields.count, at: reader.position)
            for field in fields {
                try charge(11)
                try validate(field.type)
            }
        case .variant(let fields):
            try enter()
            defer { leave() }
            try charge(11)
            let indexOffset = reader.position
            let index = try reader.leb()
            guard index < UInt64(fields.count) else {
                throw Self.badVariantIndex(index, count: fields.count, at: indexOffset)
            }
            try validate(fields[Int(index)].type)
        case .function, .service, .future:
            _ = try value(type, type)
        }
    }

    @inline(never)
    private mutating func validatePrimitive(_ type: TypeRef) throws(DecodeFailure) {
        switch type {
        case .null: try charge(1)
        case .bool: _ = try bool()
        case .text:
            let start = reader.position
            let length = try reader.length(of: "text length")
            guard length <= reader.remaining else {
                throw .hard(
                    .truncated, "a text of \(length) bytes is longer than the \(reader.remaining) bytes left",
                    at: start)
            }
            try charge(saturatingAdd(1, length))
            let bytes = try reader.bytes(length, for: "a text")
            guard Self.isValidUTF8(bytes) else { throw .hard(.invalidUTF8, "a text is not valid UTF-8", at: start) }
        default:
            if let size = type.fixedSize, size > 0 {
                try charge(size)
                try reader.skip(size, for: "a fixed-width number")
            } else {
                _ = try value(type, type)
            }
        }
    }

    @inline(never)
    private mutating func validateVector(_ type: TypeRef, _ element: TypeRef) throws(DecodeFailure) {
        let minimum = Self.minimumSize(element, minimumSizes)
        guard minimum > 0 else {
            _ = try value(type, type)
            return
        }
        try enter()
        defer { leave() }
        let start = reader.position
        let count = try reader.length(of: "vector length")
        try charge(saturatingAdd(2, saturatingMultiply(3, count)))
        if count > reader.remaining / minimum {
            throw Self.longVector(count, minimum: minimum, remaining: reader.remaining, at: start)
        }
        if element == .nat8 {
            try charge(count)
            try reader.skip(count, for: "a blob")
            return
        }
        guard count > 0 else { return }
        try produce(count, at: start)
        for _ in 0..<count { try validate(element) }
    }

    /// Whether `bytes` are valid UTF-8, checked without making a string.
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return false
            }
            guard count - index >= length else { return false }
            let second = bytes[index + 1]
            guard second >= low, second <= high else { return false }
            for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }
}
