// Sources/Candid/Binary/DecodingBudget.swift - the decoding and skipping quotas

/// What is left of the quotas of ``CandidLimits``, charged in the reference cost model's units.
///
/// Work on values the expected type does not use (extra arguments and fields, values at
/// `reserved`, an `opt` that falls back to `null`) is "skipped": it costs 50 times as much against
/// the decoding quota and also counts against the skipping quota.
struct DecodingBudget {
    private(set) var decoding: Int
    private(set) var skipping: Int
    private let decodingLimit: Int?
    private let skippingLimit: Int?

    static let skipPenalty = 50

    init(limits: CandidLimits) {
        decodingLimit = limits.decodingQuota
        skippingLimit = limits.skippingQuota
        decoding = limits.decodingQuota ?? Int.max
        skipping = limits.skippingQuota ?? Int.max
    }

    /// Charges `cost` units of work.
    @inline(__always)
    mutating func charge(_ cost: Int, skipped: Bool, at offset: Int) throws(DecodeFailure) {
        if skipped {
            let (penalized, overflow) = cost.multipliedReportingOverflow(by: Self.skipPenalty)
            let total = overflow ? Int.max : penalized
            guard total <= decoding || decodingLimit == nil else { throw exhausted("decoding", at: offset) }
            guard cost <= skipping || skippingLimit == nil else { throw exhausted("skipping", at: offset) }
            if decodingLimit != nil { decoding -= total }
            if skippingLimit != nil { skipping -= cost }
        } else {
            guard cost <= decoding || decodingLimit == nil else { throw exhausted("decoding", at: offset) }
            if decodingLimit != nil { decoding -= cost }
        }
    }

    /// Charges again, `times` over, what was charged since `snapshot`.
    mutating func chargeAgain(since snapshot: DecodingBudget, times: Int, at offset: Int) throws(DecodeFailure) {
        guard times > 0 else { return }
        if decodingLimit != nil {
            let total = saturatingMultiply(snapshot.decoding - decoding, times)
            guard total <= decoding else { throw exhausted("decoding", at: offset) }
            decoding -= total
        }
        if skippingLimit != nil {
            let total = saturatingMultiply(snapshot.skipping - skipping, times)
            guard total <= skipping else { throw exhausted("skipping", at: offset) }
            skipping -= total
        }
    }

    private func exhausted(_ quota: String, at offset: Int) -> DecodeFailure {
        let limit = (quota == "decoding" ? decodingLimit : skippingLimit) ?? 0
        return .hard(.quotaExceeded, "the \(quota) quota of \(limit) units is used up", at: offset)
    }
}

/// `a * b`, or `Int.max` when that overflows.
func saturatingMultiply(_ lhs: Int, _ rhs: Int) -> Int {
    let (product, overflow) = lhs.multipliedReportingOverflow(by: rhs)
    return overflow ? Int.max : product
}

/// `a + b`, or `Int.max` when that overflows.
func saturatingAdd(_ lhs: Int, _ rhs: Int) -> Int {
    let (sum, overflow) = lhs.addingReportingOverflow(rhs)
    return overflow ? Int.max : sum
}
