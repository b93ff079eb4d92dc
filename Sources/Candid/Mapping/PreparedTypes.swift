// Sources/Candid/Mapping/PreparedTypes.swift - expected types with their table built, cached per Swift type

import Synchronization

/// Expected argument types ready for decoding: their type table built once.
///
/// Building the table of the expected types is the same work for every message decoded at them,
/// so ``Candid/decodeArguments(_:as:limits:)`` keeps one per tuple of Swift types.
struct PreparedTypes: Sendable {
    let table: TypeTable
    let refs: [TypeRef]

    /// Builds the table of `types`; throws what ``Candid/decode(_:as:in:limits:)`` throws for them.
    init(_ types: [CandidType], in environment: CandidTypeEnvironment) throws(CandidError) {
        (table, refs) = try TypeTable.build(types, in: environment)
    }

    /// The values of the message `bytes`, decoded at these types.
    func decode(_ bytes: [UInt8], limits: CandidLimits) throws(CandidError) -> [CandidValue] {
        try BinaryDecoder.decodeMessage(bytes, limits: limits) { _ throws(CandidError) in (table, refs) }.values
    }
}

/// Prepared types per tuple of Swift types, shared by every caller. Only successes are kept: a
/// tuple whose types cannot be discovered or built fails the same way on every call.
enum PreparedTypesCache {
    /// Keyed by the identifiers of the tuple's Swift types, in order.
    private static let tuples = Mutex<[[ObjectIdentifier]: PreparedTypes]>([:])

    /// The prepared types of the tuple `key`, made by `make` the first time.
    static func tuple(_ key: [ObjectIdentifier], make: () throws -> PreparedTypes) throws -> PreparedTypes {
        if let hit = tuples.withLock({ $0[key] }) { return hit }
        let prepared = try make()
        tuples.withLock { $0[key] = prepared }
        return prepared
    }
}
