// Sources/Candid/Candid+Binary.swift - binary entry points: encode and decode DIDL messages

extension Candid {
    /// Encodes an argument tuple as a `DIDL` message at the given types.
    ///
    /// The type table is canonical (equal types, recursive ones included, share one entry).
    /// Values must match their types; see `CANDID.md` for the few lossless conveniences accepted
    /// (an integer value at any integer type it fits, `.null` as an absent option, record fields
    /// of type null, opt or reserved left out).
    ///
    /// - Parameters:
    ///   - values: one value per type.
    ///   - types: the argument types; `.named` types resolve in `environment`.
    ///   - environment: the definitions of named types.
    /// - Returns: the message bytes.
    /// - Throws: `CandidError` with code `typeMismatch` or `missingField` (and the path to the value),
    ///   or `unknownType` for an undefined name.
    public static func encode(
        _ values: [CandidValue],
        as types: [CandidType],
        in environment: CandidTypeEnvironment = .init()
    ) throws(CandidError) -> [UInt8] {
        try BinaryEncoder.encode(values, as: types, in: environment)
    }

    /// Encodes an argument tuple, each value at the type it implies.
    ///
    /// Numbers keep their kind (`.nat` is `nat`, `.int32` is `int32`). `.opt(nil)` is `opt empty` and
    /// an empty vector `vec empty`: the principal types, which decode at any option or vector.
    /// Vector elements are joined (`opt empty` and `opt nat` give `opt nat`; variants take the union
    /// of their tags). References carry no type: a function is `func () -> ()` and a service
    /// `service {}`, so encode those with ``encode(_:as:in:)`` instead.
    public static func encode(_ values: [CandidValue]) throws(CandidError) -> [UInt8] {
        var types: [CandidType] = []
        types.reserveCapacity(values.count)
        for value in values { types.append(try TypeInference.type(of: value)) }
        return try BinaryEncoder.encode(values, as: types, in: .init())
    }

    /// Decodes a `DIDL` message at the expected types, with the spec's coercion.
    ///
    /// Extra arguments and record fields are skipped (still validated and metered); missing
    /// arguments and fields of type null, opt or reserved are filled in; `nat` decodes at `int`;
    /// a value that does not fit an `opt` type decodes as `null` (the special opt rule); function
    /// and service references need their wire type to be a subtype of the expected one.
    ///
    /// - Parameters:
    ///   - bytes: the message.
    ///   - types: the expected argument types; `.named` types resolve in `environment`.
    ///   - environment: the definitions of named types.
    ///   - limits: table size, depth and quotas.
    /// - Returns: one value per expected type. A `vec nat8` is always `.blob`.
    /// - Throws: `CandidError` with the byte offset and the path to the failing value.
    public static func decode(
        _ bytes: [UInt8],
        as types: [CandidType],
        in environment: CandidTypeEnvironment = .init(),
        limits: CandidLimits = .default
    ) throws(CandidError) -> [CandidValue] {
        try PreparedTypes(types, in: environment).decode(bytes, limits: limits)
    }

    /// Decodes a `DIDL` message at its own wire types.
    ///
    /// Record and variant labels are numeric (the wire carries only ids); values of future types
    /// are `.reserved`.
    public static func decode(
        _ bytes: [UInt8],
        limits: CandidLimits = .default
    ) throws(CandidError) -> [CandidValue] {
        try decodeAtWireTypes(bytes, limits: limits).values
    }

    /// Decodes a `DIDL` message at its own wire types, and returns those types too.
    ///
    /// Recursive wire types appear as `.named("tableN")`, defined in the message's `environment`.
    public static func decodeMessage(
        _ bytes: [UInt8],
        limits: CandidLimits = .default
    ) throws(CandidError) -> CandidMessage {
        let (header, values) = try decodeAtWireTypes(bytes, limits: limits)
        let (types, environment) = header.table.candidTypes(header.arguments)
        return CandidMessage(values: values, types: types, environment: environment)
    }

    /// The values at the message's own types, and its header; the types stay in table form, so
    /// ``decode(_:limits:)`` does not build `CandidType`s it would drop.
    private static func decodeAtWireTypes(
        _ bytes: [UInt8],
        limits: CandidLimits
    ) throws(CandidError) -> (header: MessageHeader, values: [CandidValue]) {
        try BinaryDecoder.decodeMessage(bytes, limits: limits) {
            header throws(CandidError) in (header.table, header.arguments)
        }
    }

    /// The argument types of a `DIDL` message, read from its header without decoding the values.
    public static func wireTypes(
        of bytes: [UInt8],
        limits: CandidLimits = .default
    ) throws(CandidError) -> (types: [CandidType], environment: CandidTypeEnvironment) {
        let header = try MessageHeader.read(bytes, limits: limits)
        return header.table.candidTypes(header.arguments)
    }
}

/// A decoded message with its wire types.
public struct CandidMessage: Hashable, Sendable {
    /// The argument values, decoded at the wire types.
    public var values: [CandidValue]
    /// The argument types as the message declares them.
    public var types: [CandidType]
    /// Definitions of the recursive wire types, named `tableN` after their table index.
    public var environment: CandidTypeEnvironment

    /// A decoded message with these parts.
    public init(values: [CandidValue], types: [CandidType], environment: CandidTypeEnvironment) {
        self.values = values
        self.types = types
        self.environment = environment
    }
}
