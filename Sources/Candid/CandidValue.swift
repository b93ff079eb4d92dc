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
    public var label: CandidLabel
    public var value: CandidValue
    public init(_ label: CandidLabel, _ value: CandidValue) {
        self.label = label
        self.value = value
    }
}
