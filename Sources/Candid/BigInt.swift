// Sources/Candid/BigInt.swift - arbitrary-precision integers for nat and int

/// A signed integer of any size, for Candid `nat` and `int`. STUB: the Candid work replaces this file.
public struct BigInt: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) {}
    public init<T: BinaryInteger>(_ value: T) {}
    /// Parses decimal digits with an optional sign.
    public init?(_ text: String) { return nil }
    public var description: String { "0" }
    public static func < (lhs: BigInt, rhs: BigInt) -> Bool { false }
}
