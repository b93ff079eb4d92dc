// Sources/canister-bench/BenchFormat.swift - number formatting and padding for the reports

import Foundation

/// How the reports print numbers: fixed decimals, thousands separators, MiB, padded columns.
enum BenchFormat {
    /// `value` with `digits` decimals, right-aligned to `width` characters.
    static func fixed(_ value: Double, digits: Int, width: Int = 0) -> String {
        let text = String(format: "%.\(digits)f", value)
        return text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// A whole number with `,` between thousands: `1,234,567`.
    static func grouped(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let digits = String(Int64(value.rounded()))
        let negative = digits.hasPrefix("-")
        var text = ""
        for (offset, character) in digits.drop(while: { $0 == "-" }).reversed().enumerated() {
            if offset > 0 && offset % 3 == 0 { text.append(",") }
            text.append(character)
        }
        return (negative ? "-" : "") + String(text.reversed())
    }

    /// Microseconds with enough decimals to read small values: `1.42`, `12.3`, `154`.
    static func microseconds(_ value: Double) -> String {
        switch value {
        case ..<10: fixed(value, digits: 2)
        case ..<100: fixed(value, digits: 1)
        default: fixed(value, digits: 0)
        }
    }

    /// Bytes in MiB (2^20 bytes) with one decimal: `45.3 MiB`.
    static func mebibytes(_ bytes: Double) -> String {
        fixed(bytes / 1_048_576, digits: 1) + " MiB"
    }

    /// A ratio with two decimals and a `×`: `2.18×`.
    static func times(_ value: Double) -> String {
        fixed(value, digits: 2) + "×"
    }

    /// `text` padded with spaces to `width` characters (at least one space after it).
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }
}
