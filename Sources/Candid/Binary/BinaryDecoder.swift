// Sources/Candid/Binary/BinaryDecoder.swift - decoding values at expected types, with coercion

/// Decodes the values of a message at expected types in one pass over the bytes.
///
/// Each value is read at a pair of types, the wire type (from the message's table) and the expected
/// type, and coerced as the spec's decoding relation says: `nat` to `int`, anything to `reserved`,
/// records dropping extra fields and filling absent optional ones, variants by tag, and the special
/// opt rule. A value that does not fit under an `opt` gives `null`: the decoder goes back to the
/// start of the value and skips it (still validating and metering it). Reference values need a
/// subtype check between the wire and expected types (``SubtypeChecker``).
struct BinaryDecoder {
    var reader: ByteReader
    let wire: TypeTable
    let expected: TypeTable
    var budget: DecodingBudget
    let subtypes: SubtypeChecker
    let maxDepth: Int
    var depth = 0
    /// Greater than zero while skipping values the expected type does not use.
    var skipping = 0
    /// The smallest number of bytes a value of each wire entry takes.
    let minimumSizes: [Int]
    /// Vector elements and wire record fields the message may still decode to
    /// (``CandidLimits/maxValuesPerByte``); `Int.max` without a limit.
    var valueAllowance: Int

    /// A decoder of `reader` at `expected`; `minimumSizes` are the wire table's `minimumValueSizes()` when
    /// the caller has them already.
    init(
        reader: ByteReader, wire: TypeTable, expected: TypeTable, limits: CandidLimits, minimumSizes: [Int]? = nil
    ) {
        self.reader = reader
        self.wire = wire
        self.expected = expected
        self.budget = DecodingBudget(limits: limits)
        self.subtypes = SubtypeChecker(wire: wire, expected: expected, maxDepth: limits.maxDepth)
        self.maxDepth = limits.maxDepth
        self.minimumSizes = minimumSizes ?? wire.minimumValueSizes()
        self.valueAllowance = limits.maxValuesPerByte.map {
            saturatingAdd(saturatingMultiply($0, reader.bytes.count), CandidLimits.baseValueAllowance)
        } ?? Int.max
    }

    // MARK: Bookkeeping

    @inline(__always)
    mutating func charge(_ cost: Int) throws(DecodeFailure) {
        try budget.charge(cost, skipped: skipping > 0, at: reader.position)
    }

    @inline(__always)
    mutating func enter() throws(DecodeFailure) {
        depth += 1
        guard depth <= maxDepth else {
            throw Self.tooDeep(maxDepth, at: reader.position)
        }
    }

    @inline(__always)
    mutating func leave() { depth -= 1 }

    /// Takes `count` values (vector elements or record fields) from the value allowance.
    @inline(__always)
    mutating func produce(_ count: Int, at offset: Int) throws(DecodeFailure) {
        guard count <= valueAllowance else {
            throw Self.tooManyValues(count, size: reader.bytes.count, allowance: valueAllowance, at: offset)
        }
        valueAllowance -= count
    }

    /// The smallest size of a value of `ref`, from the sizes of the table's entries.
    static func minimumSize(_ ref: TypeRef, _ sizes: [Int]) -> Int {
        ref.isPrimitive ? TypeTable.minimumSize(ofPrimitive: ref) : sizes[ref.index]
    }

    // MARK: Values

    /// The value of wire type `wireType` at `expectedType`.
    ///
    /// This is the recursion's hub, so it only dispatches: each kind is handled by a function of
    /// its own (not inlined), which keeps the stack frame of every nesting level small.
    mutating func value(_ wireType: TypeRef, _ expectedType: TypeRef) throws(DecodeFailure) -> CandidValue {
        if expectedType.isPrimitive { return try atPrimitive(wireType, expectedType) }
        switch expected.entries[expectedType.index] {
        case .opt(let inner):
            return try optional(wireType, inner)
        case .vec(let element):
            guard case .vec(let wireElement) = wire.entry(wireType) else {
                throw Self.mismatch(wireType, expectedType, wire, expected, at: reader.position)
            }
            return try vector(wireElement, element)
        case .record(let fields):
            guard case .record(let wireFields) = wire.entry(wireType) else {
                throw Self.mismatch(wireType, expectedType, wire, expected, at: reader.position)
            }
            return try record(wireFields, fields)
        case .variant(let fields):
            guard case .variant(let wireFields) = wire.entry(wireType) else {
                throw Self.mismatch(wireType, expectedType, wire, expected, at: reader.position)
            }
            return try variant(wireFields, fields)
        case .function, .service, .future:
            return try reference(wireType, expectedType)
        }
    }

    @inline(never)
    private mutating func atPrimitive(_ wireType: TypeRef, _ expectedType: TypeRef) throws(DecodeFailure)
        -> CandidValue
    {
        switch expectedType {
        case .reserved:
            try skipValue(wireType)
            try charge(1)
            return .reserved
        case .empty:
            throw wireType == .empty
                ? Self.emptyValue(at: reader.position)
                : Self.mismatch(wireType, expectedType, wire, expected, at: reader.position)
        case .principal:
            if wireType == .principal { return .principal(try principal()) }
            if case .service = wire.entry(wireType) { return .principal(try principal()) }
            throw Self.mismatch(wireType, expectedType, wire, expected, at: reader.position)
        default:
            guard wireType.isPrimitive else {
                throw Self.mismatch(wireType, expectedType, wire, expected, at: reader.position)
            }
            return try primitive(wireType, expectedType)
        }
    }

    @inline(never)
    private mutating func reference(_ wireType: TypeRef, _ expectedType: TypeRef) throws(DecodeFailure)
        -> CandidValue
    {
        switch (wire.entry(wireType), expected.entries[expectedType.index]) {
        case (.function?, .function):
            try checkSubtype(wireType, expectedType)
            return try function()
        case (.service?, .service):
            try checkSubtype(wireType, expectedType)
            try charge(2)
            return .service(try principal())
        case (.future?, .future):
            // Only when decoding at the wire types themselves.
            try skipFuture()
            return .reserved
        default:
            throw Self.mismatch(wireType, expectedType, wire, expected, at: reader.position)
        }
    }

    /// A value at `opt inner`: the special opt rule.
    @inline(never)
    private mutating func optional(_ wireType: TypeRef, _ inner: TypeRef) throws(DecodeFailure) -> CandidValue {
        if wireType == .null || wireType == .reserved {
            try charge(1)
            return .opt(nil)
        }
        if case .opt(let wireInner) = wire.entry(wireType) {
            try charge(2)
            let tagOffset = reader.position
            switch try reader.byte() {
            case 0: return .opt(nil)
            case 1: return .opt(try recovering(wireInner, inner))
            case let tag: throw Self.badTag(tag, of: "an opt value", at: tagOffset)
            }
        }
        // A value that is not null, reserved or opt decodes at `opt t` as if it were `opt v`; when `t`
        // is an option again, the rule applies again. A type like `type Opt = opt Opt` would unroll
        // forever without consuming input: there is no finite derivation, so that fails.
        var levels = 1
        var target = inner
        var seen: [Int32] = []
        while case .opt(let next) = expected.entry(target) {
            if seen.contains(target.raw) { throw Self.optCycle(wireType, wire, at: reader.position) }
            seen.append(target.raw)
            levels += 1
            guard levels <= maxDepth else { throw Self.tooDeep(maxDepth, at: reader.position) }
            target = next
        }
        try charge(2 * levels)
        var result = CandidValue.opt(try recovering(wireType, target))
        for _ in 1..<levels { result = .opt(result) }
        return result
    }

    /// The value at `expectedType`, or nil (after skipping it) when it does not coerce.
    @inline(never)
    private mutating func recovering(_ wireType: TypeRef, _ expectedType: TypeRef) throws(DecodeFailure)
        -> CandidValue?
    {
        try enter()
        defer { leave() }
        let start = reader.position
        do {
            return try value(wireType, expectedType)
        } catch {
            guard error.isMismatch else { throw error }
            reader.position = start
            try charge(10)
            try skipValue(wireType)
            return nil
        }
    }

    // MARK: Errors, built out of line

    @inline(never)
    static func mismatch(
        _ wireType: TypeRef, _ expectedType: TypeRef, _ wire: TypeTable, _ expected: TypeTable, at offset: Int
    ) -> DecodeFailure {
        .mismatch(
            "\(article(wire.describe(wireType))) value can't decode at type \(expected.describe(expectedType))",
            at: offset)
    }

    @inline(never)
    static func tooDeep(_ maxDepth: Int, at offset: Int) -> DecodeFailure {
        .hard(.depthExceeded, "values nest deeper than the limit of \(maxDepth)", at: offset)
    }

    @inline(never)
    static func optCycle(_ wireType: TypeRef, _ wire: TypeTable, at offset: Int) -> DecodeFailure {
        .hard(
            .typeMismatch,
            "\(article(wire.describe(wireType))) value can't decode at a recursive opt type "
                + "that contains only itself", at: offset)
    }

    @inline(never)
    static func longVector(_ count: Int, minimum: Int, remaining: Int, at offset: Int) -> DecodeFailure {
        .hard(
            .limitExceeded,
            "a vector of \(count) elements needs at least \(saturatingMultiply(count, minimum)) "
                + "bytes but only \(remaining) remain", at: offset)
    }

    @inline(never)
    static func tooManyValues(_ count: Int, size: Int, allowance: Int, at offset: Int) -> DecodeFailure {
        .hard(
            .limitExceeded,
            "\(count) more vector elements or record fields, but a message of \(size) bytes may only decode "
                + "to \(allowance) more (CandidLimits.maxValuesPerByte)", at: offset)
    }

    @inline(never)
    static func emptyValue(at offset: Int) -> DecodeFailure {
        .hard(.invalidValue, "no value has type empty", at: offset)
    }

    @inline(never)
    static func badTag(_ tag: UInt8, of what: StaticString, at offset: Int) -> DecodeFailure {
        .hard(.invalidValue, "\(what) starts with 00 or 01, not 0x\(hex([tag]))", at: offset)
    }

    @inline(never)
    static func unknownTag(_ label: CandidLabel, at offset: Int) -> DecodeFailure {
        .mismatch(
            CandidError(
                .typeMismatch, "variant tag \(label.id) is not in the expected type", offset: offset,
                path: [pathComponent(label)]))
    }

    @inline(never)
    static func badVariantIndex(_ index: UInt64, count: Int, at offset: Int) -> DecodeFailure {
        .hard(.invalidValue, "variant index \(index) is out of range: the type has \(count) tags", at: offset)
    }

    @inline(never)
    private mutating func vector(_ wireElement: TypeRef, _ element: TypeRef) throws(DecodeFailure) -> CandidValue {
        try enter()
        defer { leave() }
        let start = reader.position
        let count = try reader.length(of: "vector length")
        try charge(saturatingAdd(2, saturatingMultiply(3, count)))
        let minimum = Self.minimumSize(wireElement, minimumSizes)
        if minimum > 0, count > reader.remaining / minimum {
            throw Self.longVector(count, minimum: minimum, remaining: reader.remaining, at: start)
        }
        if element == .nat8, wireElement == .nat8 {
            try charge(count)
            return .blob(copyBytes(try reader.bytes(count, for: "a blob")))
        }
        if element == .nat8 {
            // Only nat8 coerces to nat8, and it takes a byte: no more elements than bytes.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(min(count, 4096))
            for index in 0..<count {
                do throws(DecodeFailure) {
                    guard case .nat8(let byte) = try value(wireElement, .nat8) else {
                        throw DecodeFailure.mismatch("a vec nat8 element is not a nat8", at: reader.position)
                    }
                    bytes.append(byte)
                } catch {
                    throw error.prefixed("[\(index)]")
                }
            }
            return .blob(bytes)
        }
        guard count > 0 else { return .vec([]) }
        if minimum == 0 {
            // Elements that take no bytes all decode the same way: decode one, charge the rest.
            let before = budget
            let position = reader.position
            let first: CandidValue
            do { first = try value(wireElement, element) } catch { throw error.prefixed("[0]") }
            // Only now, once the elements are known to coerce, count them against the value limit.
            if reader.position == position {
                try budget.chargeAgain(since: before, times: count - 1, at: reader.position)
                try produce(count, at: start)
                return .vec(Array(repeating: first, count: count))
            }
            try produce(count, at: start)
            var items = [first]
            items.reserveCapacity(min(count, 4096))
            return .vec(try elements(wireElement, element, from: 1, count: count, into: items))
        }
        try produce(count, at: start)
        var items: [CandidValue] = []
        items.reserveCapacity(count)
        return .vec(try elements(wireElement, element, from: 0, count: count, into: items))
    }

    private mutating func elements(
        _ wireElement: TypeRef, _ element: TypeRef, from first: Int, count: Int, into items: [CandidValue]
    ) throws(DecodeFailure) -> [CandidValue] {
        var items = items
        for index in first..<count {
            do { items.append(try value(wireElement, element)) } catch { throw error.prefixed("[\(index)]") }
        }
        return items
    }

    @inline(never)
    private mutating func record(_ wireFields: [TableField], _ fields: [TableField]) throws(DecodeFailure)
        -> CandidValue
    {
        try enter()
        defer { leave() }
        try charge(2)
        try produce(wireFields.count, at: reader.position)
        var result: [CandidRecordField] = []
        result.reserveCapacity(fields.count)
        var next = 0
        for wireField in wireFields {
            while next < fields.count, fields[next].label.id < wireField.label.id {
                result.append(try Self.absent(fields[next], expected, at: reader.position))
                next += 1
            }
            try charge(11)
            if next < fields.count, fields[next].label.id == wireField.label.id {
                let field = fields[next]
                next += 1
                do {
                    result.append(CandidRecordField(field.label, try value(wireField.type, field.type)))
                } catch {
                    throw error.prefixed(pathComponent(field.label))
                }
            } else {
                do { try skipValue(wireField.type) } catch { throw error.prefixed(pathComponent(wireField.label)) }
            }
        }
        while next < fields.count {
            result.append(try Self.absent(fields[next], expected, at: reader.position))
            next += 1
        }
        return .record(result)
    }

    /// The value of an expected field the wire record lacks: null, reserved or an absent option.
    @inline(never)
    private static func absent(_ field: TableField, _ expected: TypeTable, at offset: Int) throws(DecodeFailure)
        -> CandidRecordField
    {
        switch field.type {
        case .null: return CandidRecordField(field.label, .null)
        case .reserved: return CandidRecordField(field.label, .reserved)
        default:
            if case .opt = expected.entry(field.type) { return CandidRecordField(field.label, .opt(nil)) }
            throw .mismatch(
                CandidError(
                    .missingField,
                    "field \(pathComponent(field.label)) is missing and its type "
                        + "\(expected.describe(field.type)) is not null, opt or reserved",
                    offset: offset, path: [pathComponent(field.label)]))
        }
    }

    @inline(never)
    private mutating func variant(_ wireFields: [TableField], _ fields: [TableField]) throws(DecodeFailure)
        -> CandidValue
    {
        try enter()
        defer { leave() }
        try charge(11)
        let indexOffset = reader.position
        let index = try reader.leb()
        guard index < UInt64(wireFields.count) else {
            throw Self.badVariantIndex(index, count: wireFields.count, at: indexOffset)
        }
        let wireField = wireFields[Int(index)]
        guard let position = TypeTable.field(withID: wireField.label.id, in: fields) else {
            throw Self.unknownTag(wireField.label, at: indexOffset)
        }
        let field = fields[position]
        do {
            return .variant(field.label, try value(wireField.type, field.type))
        } catch {
            throw error.prefixed(pathComponent(field.label))
        }
    }

    @inline(never)
    private mutating func checkSubtype(_ wireType: TypeRef, _ expectedType: TypeRef) throws(DecodeFailure) {
        try charge(wire.count)
        let holds: Bool
        do {
            holds = try subtypes.isSubtype(wireType, expectedType)
        } catch {
            var located = error
            located.offset = reader.position
            throw .hard(located)
        }
        guard holds else {
            throw .mismatch(
                "the \(wire.describe(wireType)) type on the wire is not a subtype of the expected one",
                at: reader.position)
        }
    }
}

/// `a record`, `an opt`: the name with its article.
func article(_ name: String) -> String {
    guard let first = name.first else { return name }
    return ("aeiou".contains(first) ? "an " : "a ") + name
}

/// The bytes of `buffer` in a new array, copied at once.
func copyBytes(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: buffer.count) { destination, initialized in
        if let target = destination.baseAddress, let source = buffer.baseAddress, buffer.count > 0 {
            UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: buffer.count)
        }
        initialized = buffer.count
    }
}
