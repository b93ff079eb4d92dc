// Sources/Candid/Binary/TypeTable.swift - types as the binary format sees them: opcodes and table entries

/// A type as the binary format references it: a primitive opcode (negative) or a table index.
struct TypeRef: Hashable, Sendable {
    var raw: Int32

    init(raw: Int32) { self.raw = raw }
    init(index: Int) { self.raw = Int32(index) }

    var isPrimitive: Bool { raw < 0 }
    var index: Int { Int(raw) }

    static let null = TypeRef(raw: -1)
    static let bool = TypeRef(raw: -2)
    static let nat = TypeRef(raw: -3)
    static let int = TypeRef(raw: -4)
    static let nat8 = TypeRef(raw: -5)
    static let nat16 = TypeRef(raw: -6)
    static let nat32 = TypeRef(raw: -7)
    static let nat64 = TypeRef(raw: -8)
    static let int8 = TypeRef(raw: -9)
    static let int16 = TypeRef(raw: -10)
    static let int32 = TypeRef(raw: -11)
    static let int64 = TypeRef(raw: -12)
    static let float32 = TypeRef(raw: -13)
    static let float64 = TypeRef(raw: -14)
    static let text = TypeRef(raw: -15)
    static let reserved = TypeRef(raw: -16)
    static let empty = TypeRef(raw: -17)
    static let principal = TypeRef(raw: -24)

    /// Whether `opcode` names a primitive type that may appear as a type reference.
    static func isPrimitiveOpcode(_ opcode: Int64) -> Bool {
        (-17 ... -1).contains(opcode) || opcode == -24
    }

    /// Bytes a value of this primitive type takes, when that is fixed.
    var fixedSize: Int? {
        switch raw {
        case -1, -16: 0
        case -2, -5, -9: 1
        case -6, -10: 2
        case -7, -11, -13: 4
        case -8, -12, -14: 8
        default: nil
        }
    }

    /// The Candid name of a primitive type, for messages.
    var primitiveName: String {
        switch raw {
        case -1: "null"
        case -2: "bool"
        case -3: "nat"
        case -4: "int"
        case -5: "nat8"
        case -6: "nat16"
        case -7: "nat32"
        case -8: "nat64"
        case -9: "int8"
        case -10: "int16"
        case -11: "int32"
        case -12: "int64"
        case -13: "float32"
        case -14: "float64"
        case -15: "text"
        case -16: "reserved"
        case -17: "empty"
        case -24: "principal"
        default: "type \(raw)"
        }
    }
}

/// A field of a record or variant entry.
struct TableField: Hashable, Sendable {
    var label: CandidLabel
    var type: TypeRef
}

/// A method of a service entry.
struct TableMethod: Hashable, Sendable {
    var name: String
    var type: TypeRef
}

/// A composite type: one entry of a type table.
enum TypeEntry: Hashable, Sendable {
    case opt(TypeRef)
    case vec(TypeRef)
    /// Fields sorted by id, ids unique.
    case record([TableField])
    /// Fields sorted by id, ids unique.
    case variant([TableField])
    case function(arguments: [TypeRef], results: [TypeRef], modes: [CandidFunctionType.Mode])
    /// Methods sorted by the bytes of their names, names unique.
    case service([TableMethod])
    /// A type from a later version of Candid (opcode below -24); its values are skipped.
    case future(opcode: Int64)

    /// The type references this entry holds, in order.
    var children: [TypeRef] {
        switch self {
        case .opt(let inner), .vec(let inner): [inner]
        case .record(let fields), .variant(let fields): fields.map(\.type)
        case .function(let arguments, let results, _): arguments + results
        case .service(let methods): methods.map(\.type)
        case .future: []
        }
    }

    /// The same entry with every reference passed through `transform`.
    func mapChildren(_ transform: (TypeRef) -> TypeRef) -> TypeEntry {
        switch self {
        case .opt(let inner): .opt(transform(inner))
        case .vec(let inner): .vec(transform(inner))
        case .record(let fields): .record(fields.map { TableField(label: $0.label, type: transform($0.type)) })
        case .variant(let fields): .variant(fields.map { TableField(label: $0.label, type: transform($0.type)) })
        case .function(let arguments, let results, let modes):
            .function(arguments: arguments.map(transform), results: results.map(transform), modes: modes)
        case .service(let methods): .service(methods.map { TableMethod(name: $0.name, type: transform($0.type)) })
        case .future: self
        }
    }

    /// The entry's name in messages.
    var kindName: String {
        switch self {
        case .opt: "opt"
        case .vec: "vec"
        case .record: "record"
        case .variant: "variant"
        case .function: "func"
        case .service: "service"
        case .future(let opcode): "future type \(opcode)"
        }
    }
}

/// The composite types of a message (or of expected types), indexed by ``TypeRef``.
struct TypeTable: Hashable, Sendable {
    var entries: [TypeEntry] = []

    var count: Int { entries.count }

    /// The entry `ref` points to, or nil for a primitive.
    func entry(_ ref: TypeRef) -> TypeEntry? {
        ref.isPrimitive ? nil : entries[ref.index]
    }

    /// Whether values of `ref` may be absent: `null`, `reserved` or `opt _`.
    func isNullLike(_ ref: TypeRef) -> Bool {
        if ref == .null || ref == .reserved { return true }
        if case .opt = entry(ref) { return true }
        return false
    }

    /// The human-readable name of a type, shallow (`vec`, `record`, `nat`).
    func describe(_ ref: TypeRef) -> String {
        entry(ref)?.kindName ?? ref.primitiveName
    }

    /// The index of the field with `id` in a sorted field list.
    static func field(withID id: UInt32, in fields: [TableField]) -> Int? {
        var low = 0
        var high = fields.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = fields[middle].label.id
            if candidate == id { return middle }
            if candidate < id { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Whether `lhs` sorts before `rhs` by UTF-8 bytes, the order of service methods.
    static func methodOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
