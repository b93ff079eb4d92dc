// Sources/Candid/Binary/BinaryDecoder+Skip.swift - validating and metering values nobody asked for

extension BinaryDecoder {
    /// Moves past a value of wire type `wireType`, validating it and charging it as skipped work.
    ///
    /// Extra arguments, extra record fields, values decoded at `reserved` and options that fall back
    /// to `null` all come here. Skipped values cost the same units as decoded ones (their logical
    /// size, even when they take no bytes), times the skip penalty.
    mutating func skipValue(_ wireType: TypeRef) throws(DecodeFailure) {
        skipping += 1
        defer { skipping -= 1 }
        try skip(wireType)
    }

    private mutating func skip(_ wireType: TypeRef) throws(DecodeFailure) {
        if wireType.isPrimitive {
            try skipPrimitive(wireType)
            return
        }
        try enter()
        defer { leave() }
        switch wire.entries[wireType.index] {
        case .opt(let inner): try skipOpt(inner)
        case .vec(let element): try skipVector(element)
        case .record(let fields): try skipRecord(fields)
        case .variant(let fields): try skipVariant(fields)
        case .function, .service, .future: try skipReference(wireType)
        }
    }

    @inline(never)
    private mutating func skipOpt(_ inner: TypeRef) throws(DecodeFailure) {
        try charge(2)
        let tagOffset = reader.position
        switch try reader.byte() {
        case 0: return
        case 1: try skip(inner)
        case let tag: throw Self.badTag(tag, of: "an opt value", at: tagOffset)
        }
    }

    @inline(never)
    private mutating func skipRecord(_ fields: [TableField]) throws(DecodeFailure) {
        try charge(2)
        for field in fields {
            try charge(11)
            do { try skip(field.type) } catch { throw error.prefixed(pathComponent(field.label)) }
        }
    }

    @inline(never)
    private mutating func skipVariant(_ fields: [TableField]) throws(DecodeFailure) {
        try charge(11)
        let indexOffset = reader.position
        let index = try reader.leb()
        guard index < UInt64(fields.count) else {
            throw Self.badVariantIndex(index, count: fields.count, at: indexOffset)
        }
        let field = fields[Int(index)]
        do { try skip(field.type) } catch { throw error.prefixed(pathComponent(field.label)) }
    }

    @inline(never)
    private mutating func skipReference(_ wireType: TypeRef) throws(DecodeFailure) {
        switch wire.entries[wireType.index] {
        case .function:
            try charge(wire.count)
            _ = try function()
        case .service:
            try charge(saturatingAdd(2, wire.count))
            _ = try principal()
        default:
            try skipFuture()
        }
    }

    @inline(never)
    private mutating func skipVector(_ element: TypeRef) throws(DecodeFailure) {
        let start = reader.position
        let count = try reader.length(of: "vector length")
        try charge(saturatingAdd(2, saturatingMultiply(3, count)))
        let minimum = Self.minimumSize(element, minimumSizes)
        if minimum > 0, count > reader.remaining / minimum {
            throw Self.longVector(count, minimum: minimum, remaining: reader.remaining, at: start)
        }
        guard count > 0 else { return }
        if let size = element.fixedSize, size > 0, element != .bool {
            try charge(saturatingMultiply(count, size))
            try reader.skip(count * size, for: "a vector")
            return
        }
        if element == .text {
            // Texts are validated one by one; nothing else to share.
            for index in 0..<count {
                do { _ = try text() } catch { throw error.prefixed("[\(index)]") }
            }
            return
        }
        let before = budget
        let position = reader.position
        do { try skip(element) } catch { throw error.prefixed("[0]") }
        if reader.position == position {
            // Elements that take no bytes all skip the same way: charge the rest at once.
            try budget.chargeAgain(since: before, times: count - 1, at: reader.position)
            return
        }
        for index in 1..<count {
            do { try skip(element) } catch { throw error.prefixed("[\(index)]") }
        }
    }

    @inline(never)
    private mutating func skipPrimitive(_ wireType: TypeRef) throws(DecodeFailure) {
        switch wireType {
        case .null, .reserved:
            try charge(1)
        case .bool:
            _ = try bool()
        case .nat, .int:
            let length = try reader.skipLEB()
            try charge(length)
        case .text:
            _ = try text()
        case .principal:
            _ = try principal()
        case .empty:
            throw Self.emptyValue(at: reader.position)
        default:
            let size = wireType.fixedSize ?? 0
            try charge(size)
            try reader.skip(size, for: "a fixed-width number")
        }
    }
}

extension TypeTable {
    /// The smallest number of bytes a value of a primitive type takes.
    static func minimumSize(ofPrimitive ref: TypeRef) -> Int {
        switch ref {
        case .bool, .nat, .int, .text: 1
        case .principal: 2
        default: ref.fixedSize ?? 0
        }
    }

    /// A lower bound on the bytes a value of each entry takes, for rejecting impossible lengths early.
    func minimumValueSizes() -> [Int] {
        var sizes = [Int](repeating: 0, count: entries.count)
        func size(_ ref: TypeRef) -> Int {
            ref.isPrimitive ? Self.minimumSize(ofPrimitive: ref) : sizes[ref.index]
        }
        // Two rounds of the fixed point from below: each round is still a lower bound.
        for _ in 0..<2 {
            for (index, entry) in entries.enumerated() {
                switch entry {
                case .opt, .vec: sizes[index] = 1
                case .record(let fields):
                    sizes[index] = min(1 << 30, fields.reduce(0) { saturatingAdd($0, size($1.type)) })
                case .variant(let fields):
                    sizes[index] = min(1 << 30, 1 + (fields.map { size($0.type) }.min() ?? 0))
                case .function: sizes[index] = 4
                case .service: sizes[index] = 2
                case .future: sizes[index] = 2
                }
            }
        }
        return sizes
    }
}
