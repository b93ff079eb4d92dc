// Sources/Candid/CandidLimits.swift - resource limits for decoding hostile input

/// Limits the decoder enforces so that a hostile message cannot exhaust memory or time.
public struct CandidLimits: Hashable, Sendable {
    /// Most type table entries a message may declare.
    public var maxTypeTableEntries: Int = 10_000
    /// Deepest nesting of values and types.
    public var maxDepth: Int = 256
    /// Total decoding work, in the reference cost model's units; `nil` is unlimited.
    public var decodingQuota: Int? = nil
    /// Work spent on skipped (unexpected) data, without the ×50 factor; `nil` is unlimited.
    public var skippingQuota: Int? = nil

    public init() {}

    /// The defaults above.
    public static let `default` = CandidLimits()
}
