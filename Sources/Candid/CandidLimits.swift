// Sources/Candid/CandidLimits.swift - resource limits for decoding hostile input

/// Limits the decoder enforces so that a hostile message cannot exhaust memory or time.
///
/// Work is counted in the units of the reference implementation's cost model (see `CANDID.md`):
/// roughly one unit per byte of numbers and text, 3 per vector element, 11 per record field, and
/// 50 times as much for skipped values (extra arguments and fields, values decoded at `reserved`,
/// options that fall back to `null`). A value that takes no bytes still costs its logical size, so
/// `vec null` with a billion elements (10 bytes on the wire) fails by quota instead of filling memory.
///
/// Lengths are always checked against the bytes that remain before anything is allocated, and
/// ``maxValuesPerByte`` keeps what a message decodes to proportional to its size.
public struct CandidLimits: Hashable, Sendable {
    /// Most type table entries a message may declare (the reference's `MAX_TYPE_TABLE_LEN`).
    public var maxTypeTableEntries: Int = 10_000
    /// Deepest nesting of values and types. Swift can't measure its stack, so this is a fixed
    /// count; 256 levels stay far from the stack's end even on small secondary-thread stacks.
    public var maxDepth: Int = 256
    /// Total decoding work in cost-model units; `nil` is unlimited.
    ///
    /// The default, 50 million, admits any realistic message up to the Internet Computer's 2 MiB
    /// message size (a 2 MiB blob costs about 2 million). Use ``unlimited`` for trusted data such
    /// as snapshots.
    public var decodingQuota: Int? = 50_000_000
    /// Work spent on skipped data, without the ×50 factor; `nil` is unlimited. The reference
    /// recommends about 10_000 for canister endpoints (see ``endpoint``).
    public var skippingQuota: Int? = nil
    /// How many values a message may decode to per byte of the message; `nil` is unlimited.
    ///
    /// Counted are the slots the decoded value is built of: vector elements and the record fields
    /// read from the wire (a blob counts nothing: it is one copy of its bytes). A message of `n`
    /// bytes may produce at most `maxValuesPerByte × n` of them plus ``baseValueAllowance``, so what
    /// it decodes to stays within a small multiple of its size; past that, decoding fails with
    /// `limitExceeded`. Only values that take no bytes on the wire come near the limit (`vec null`
    /// with a million elements is a 12-byte message); real messages make about one value per byte
    /// or fewer. The quotas bound time; this bounds memory.
    public var maxValuesPerByte: Int? = 16

    /// Values any message may decode to on top of ``maxValuesPerByte`` per byte.
    public static let baseValueAllowance = 4_096

    /// The default limits (the same as ``default``).
    public init() {}

    /// The defaults above.
    public static let `default` = CandidLimits()

    /// The limits of the reference conformance runner: a decoding quota of 20 million and no
    /// value limit, so that the spacebomb messages fail by quota, as in the reference.
    public static let conformance: CandidLimits = {
        var limits = CandidLimits()
        limits.decodingQuota = 20_000_000
        limits.maxValuesPerByte = nil
        return limits
    }()

    /// For canister endpoints: the default decoding quota and a skipping quota of 10_000.
    public static let endpoint: CandidLimits = {
        var limits = CandidLimits()
        limits.skippingQuota = 10_000
        return limits
    }()

    /// No quotas and no value limit; the table and depth limits remain. For trusted input only.
    public static let unlimited: CandidLimits = {
        var limits = CandidLimits()
        limits.decodingQuota = nil
        limits.skippingQuota = nil
        limits.maxValuesPerByte = nil
        return limits
    }()
}
