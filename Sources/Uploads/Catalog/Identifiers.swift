// Sources/Uploads/Catalog/Identifiers.swift - the deterministic ids: capsule_<n>, mem_<n>, asset_<n>, blob_<n>

/// The text ids of capsules, memories, assets and blobs: a prefix and a decimal counter value.
///
/// Every id comes from a counter that starts at 1, is persisted with the rest of the state, and is never
/// reset (not by `sessions_clear_all`, not by an upgrade), so an id is never handed out twice. Ids do not
/// depend on the wall clock: the same calls give the same ids.
package enum Identifier: String, Hashable, Sendable, CaseIterable {
    /// `capsule_<n>`.
    case capsule = "capsule_"
    /// `mem_<n>`.
    case memory = "mem_"
    /// `asset_<n>`.
    case asset = "asset_"
    /// `blob_<n>`, a blob locator.
    case blob = "blob_"

    /// The id text for `number`.
    package func text(_ number: UInt64) -> String { rawValue + String(number) }

    /// The number in a well-formed id of this kind: the prefix, then decimal digits without a sign or
    /// leading zeros, fitting in 64 bits. `nil` for anything else.
    package func number(in text: String) -> UInt64? {
        guard text.hasPrefix(rawValue) else { return nil }
        let digits = text.utf8.dropFirst(rawValue.utf8.count)
        guard let first = digits.first, digits.count <= 20 else { return nil }
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        guard first != UInt8(ascii: "0") || digits.count == 1 else { return nil }
        return UInt64(Substring(digits))
    }
}
