// Sources/Candid/CandidValue.swift - the Candid value model

/// A Candid value. `nat` and `int` are unbounded; a `blob` is stored as bytes.
public indirect enum CandidValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case nat(BigInt)
    case int(BigInt)
    case nat8(UInt8), nat16(UInt16), nat32(UInt32), nat64(UInt64)
    case int8(Int8), int16(Int16), int32(Int32), int64(Int64)
    case float32(Float), float64(Double)
    case text(String)
    case reserved
    case principal(Principal)
    case opt(CandidValue?)
    case vec([CandidValue])
    /// `vec nat8`, held as bytes.
    case blob([UInt8])
    /// Fields sorted by label id.
    case record([CandidRecordField])
    case variant(CandidLabel, CandidValue)
    case function(Principal, method: String)
    case service(Principal)
}

/// One field of a record value.
public struct CandidRecordField: Hashable, Sendable {
    /// The field's label (its name or number; compared by id).
    public var label: CandidLabel
    /// The field's value.
    public var value: CandidValue
    /// A field `label = value`.
    public init(_ label: CandidLabel, _ value: CandidValue) {
        self.label = label
        self.value = value
    }
}

extension CandidValue {
    /// The name of the value's case, for messages: `nat64`, `record`, `func`.
    package var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .nat: "nat"
        case .int: "int"
        case .nat8: "nat8"
        case .nat16: "nat16"
        case .nat32: "nat32"
        case .nat64: "nat64"
        case .int8: "int8"
        case .int16: "int16"
        case .int32: "int32"
        case .int64: "int64"
        case .float32: "float32"
        case .float64: "float64"
        case .text: "text"
        case .reserved: "reserved"
        case .principal: "principal"
        case .opt: "opt"
        case .vec: "vec"
        case .blob: "blob"
        case .record: "record"
        case .variant: "variant"
        case .function: "func"
        case .service: "service"
        }
    }
}
