// Sources/Candid/Binary/TypeTable+Wire.swift - reading and validating the header of a message

/// The header of a message: its type table and the types of its arguments.
struct MessageHeader {
    var table: TypeTable
    var arguments: [TypeRef]
    /// Bytes from the start of the message to the first value.
    var length: Int
}

extension MessageHeader {
    private static let magic: [UInt8] = Array("DIDL".utf8)

    /// Reads `DIDL`, the type table and the argument types, enforcing every rule of the spec.
    ///
    /// Entries must be composite; references must be primitive opcodes or indexes in range; record
    /// and variant ids must strictly increase (as u32); function annotations must be known; service
    /// methods must be sorted by bytes, unique, UTF-8 and refer to functions. Records that can only
    /// contain themselves (`type E = record { E }`) are uninhabited and become `empty`.
    static func read(_ reader: inout ByteReader, limits: CandidLimits) throws(DecodeFailure) -> MessageHeader {
        guard reader.remaining >= 4 else {
            throw .hard(.invalidMagic, "the message is shorter than the DIDL magic", at: 0)
        }
        for byte in magic where try reader.byte() != byte {
            throw .hard(.invalidMagic, "the message does not start with DIDL", at: 0)
        }
        let countOffset = reader.position
        let count = try reader.length(of: "type table length")
        guard count <= limits.maxTypeTableEntries else {
            throw .hard(
                .limitExceeded,
                "the type table has \(count) entries, more than the limit of \(limits.maxTypeTableEntries)",
                at: countOffset)
        }
        guard count <= reader.remaining else {
            throw .hard(
                .limitExceeded, "the type table claims \(count) entries but only \(reader.remaining) bytes remain",
                at: countOffset)
        }
        var entries: [TypeEntry] = []
        entries.reserveCapacity(count)
        for index in 0..<count {
            entries.append(try readEntry(&reader, index: index, count: count))
        }
        var table = TypeTable(entries: entries)
        try checkMethodsAreFunctions(table)

        let argumentsOffset = reader.position
        let argumentCount = try reader.length(of: "argument count")
        guard argumentCount <= reader.remaining else {
            throw .hard(
                .limitExceeded,
                "the message claims \(argumentCount) arguments but only \(reader.remaining) bytes remain",
                at: argumentsOffset)
        }
        var arguments: [TypeRef] = []
        arguments.reserveCapacity(argumentCount)
        for _ in 0..<argumentCount {
            arguments.append(try readReference(&reader, count: count, in: "the argument list"))
        }
        let uninhabited = table.uninhabitedRecords()
        if !uninhabited.isEmpty {
            let replace = { (ref: TypeRef) -> TypeRef in
                !ref.isPrimitive && uninhabited.contains(ref.index) ? .empty : ref
            }
            table.entries = table.entries.map { $0.mapChildren(replace) }
            arguments = arguments.map(replace)
        }
        return MessageHeader(table: table, arguments: arguments, length: reader.position)
    }

    private static func readEntry(_ reader: inout ByteReader, index: Int, count: Int) throws(DecodeFailure)
        -> TypeEntry
    {
        let start = reader.position
        let opcode = try reader.sleb()
        let place = "type table entry \(index)"
        switch opcode {
        case -18:
            return .opt(try readReference(&reader, count: count, in: place))
        case -19:
            return .vec(try readReference(&reader, count: count, in: place))
        case -20:
            return .record(try readFields(&reader, count: count, in: place))
        case -21:
            return .variant(try readFields(&reader, count: count, in: place))
        case -22:
            let arguments = try readReferences(&reader, count: count, in: place)
            let results = try readReferences(&reader, count: count, in: place)
            let annotationsOffset = reader.position
            let annotationCount = try reader.length(of: "annotation count")
            guard annotationCount <= 1 else {
                throw .hard(
                    .invalidTypeTable, "\(place): a function has at most one annotation, got \(annotationCount)",
                    at: annotationsOffset)
            }
            var modes: [CandidFunctionType.Mode] = []
            for _ in 0..<annotationCount {
                let byteOffset = reader.position
                let byte = try reader.byte()
                guard let mode = CandidFunctionType.Mode(rawValue: byte) else {
                    throw .hard(.invalidTypeTable, "\(place): unknown function annotation \(byte)", at: byteOffset)
                }
                modes.append(mode)
            }
            return .function(arguments: arguments, results: results, modes: modes)
        case -23:
            return .service(try readMethods(&reader, count: count, in: place))
        case ..<(-24):
            let length = try reader.length(of: "future type length")
            try reader.skip(length, for: "a future type")
            return .future(opcode: opcode)
        case -24:
            throw .hard(.invalidTypeTable, "\(place): principal is primitive and can't be a table entry", at: start)
        case 0...:
            throw .hard(.invalidTypeTable, "\(place): a table entry can't be a bare index (\(opcode))", at: start)
        default:
            throw .hard(
                .invalidTypeTable,
                "\(place): primitive type \(TypeRef(raw: Int32(opcode)).primitiveName) "
                    + "can't be a table entry", at: start)
        }
    }

    private static func readReference(_ reader: inout ByteReader, count: Int, in place: String) throws(DecodeFailure)
        -> TypeRef
    {
        let start = reader.position
        let value = try reader.sleb()
        if value >= 0 {
            guard value < count else {
                throw .hard(
                    .invalidTypeReference, "\(place): type index \(value) is out of range (table has \(count))",
                    at: start)
            }
            return TypeRef(index: Int(value))
        }
        guard TypeRef.isPrimitiveOpcode(value) else {
            throw .hard(
                .invalidTypeReference, "\(place): opcode \(value) is not a primitive type or a table index",
                at: start)
        }
        return TypeRef(raw: Int32(value))
    }

    private static func readReferences(_ reader: inout ByteReader, count: Int, in place: String)
        throws(DecodeFailure) -> [TypeRef]
    {
        let start = reader.position
        let length = try reader.length(of: "function argument count")
        guard length <= reader.remaining else {
            throw .hard(
                .limitExceeded, "\(place): \(length) function types claimed but \(reader.remaining) bytes remain",
                at: start)
        }
        var refs: [TypeRef] = []
        refs.reserveCapacity(length)
        for _ in 0..<length { refs.append(try readReference(&reader, count: count, in: place)) }
        return refs
    }

    private static func readFields(_ reader: inout ByteReader, count: Int, in place: String) throws(DecodeFailure)
        -> [TableField]
    {
        let start = reader.position
        let length = try reader.length(of: "field count")
        guard length <= reader.remaining / 2 else {
            throw .hard(
                .limitExceeded, "\(place): \(length) fields claimed but only \(reader.remaining) bytes remain",
                at: start)
        }
        var fields: [TableField] = []
        fields.reserveCapacity(length)
        var previous: UInt32?
        for _ in 0..<length {
            let idOffset = reader.position
            let rawID = try reader.leb()
            guard rawID <= UInt64(UInt32.max) else {
                throw .hard(.invalidTypeTable, "\(place): field id \(rawID) is larger than 32 bits", at: idOffset)
            }
            let id = UInt32(rawID)
            if let previous, previous >= id {
                throw .hard(
                    .invalidTypeTable,
                    "\(place): field id \(id) after \(previous): ids must be unique and sorted", at: idOffset)
            }
            previous = id
            let type = try readReference(&reader, count: count, in: place)
            fields.append(TableField(label: CandidLabel(id: id), type: type))
        }
        return fields
    }

    private static func readMethods(_ reader: inout ByteReader, count: Int, in place: String) throws(DecodeFailure)
        -> [TableMethod]
    {
        let start = reader.position
        let length = try reader.length(of: "method count")
        guard length <= reader.remaining / 2 else {
            throw .hard(
                .limitExceeded, "\(place): \(length) methods claimed but only \(reader.remaining) bytes remain",
                at: start)
        }
        var methods: [TableMethod] = []
        methods.reserveCapacity(length)
        for _ in 0..<length {
            let nameOffset = reader.position
            let nameLength = try reader.length(of: "method name length")
            let bytes = try reader.bytes(nameLength, for: "a method name")
            guard let name = String(validating: bytes, as: UTF8.self) else {
                throw .hard(.invalidUTF8, "\(place): a method name is not valid UTF-8", at: nameOffset)
            }
            if let last = methods.last, !TypeTable.methodOrder(last.name, name) {
                throw .hard(
                    .invalidTypeTable,
                    "\(place): method \(name) after \(last.name): names must be unique and sorted by bytes",
                    at: nameOffset)
            }
            methods.append(TableMethod(name: name, type: try readReference(&reader, count: count, in: place)))
        }
        return methods
    }

    private static func checkMethodsAreFunctions(_ table: TypeTable) throws(DecodeFailure) {
        for (index, entry) in table.entries.enumerated() {
            guard case .service(let methods) = entry else { continue }
            for method in methods {
                guard case .function = table.entry(method.type) else {
                    throw .hard(
                        .invalidTypeTable,
                        "type table entry \(index): method \(method.name) has type \(table.describe(method.type)), "
                            + "not a function", at: 0)
                }
            }
        }
    }
}

extension TypeTable {
    /// Indexes of record entries with no finite values: every path through them leads back to a
    /// record of the set (`type E = record { E }`). The greatest fixed point, computed in linear time.
    func uninhabitedRecords() -> Set<Int> {
        var pending = [Int](repeating: 0, count: entries.count)
        var referrers = [[Int]](repeating: [], count: entries.count)
        var isRecord = [Bool](repeating: false, count: entries.count)
        for (index, entry) in entries.enumerated() {
            guard case .record = entry else { continue }
            isRecord[index] = true
        }
        for (index, entry) in entries.enumerated() {
            guard case .record(let fields) = entry else { continue }
            for field in fields where !field.type.isPrimitive && isRecord[field.type.index] {
                pending[index] += 1
                referrers[field.type.index].append(index)
            }
        }
        var inhabited = [Bool](repeating: false, count: entries.count)
        var queue: [Int] = []
        for index in entries.indices where isRecord[index] && pending[index] == 0 {
            queue.append(index)
            inhabited[index] = true
        }
        while let index = queue.popLast() {
            for referrer in referrers[index] {
                pending[referrer] -= 1
                if pending[referrer] == 0, !inhabited[referrer] {
                    inhabited[referrer] = true
                    queue.append(referrer)
                }
            }
        }
        var result: Set<Int> = []
        for index in entries.indices where isRecord[index] && !inhabited[index] { result.insert(index) }
        return result
    }
}
