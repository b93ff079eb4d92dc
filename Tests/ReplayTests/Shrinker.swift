// Tests/ReplayTests/Shrinker.swift - delta debugging: the smallest script that still shows a difference

/// Shrinks a failing input by dropping parts while the failure persists (Zeller's ddmin over lines).
enum Shrinker {
    /// The smallest sublist of `lines` (keeping the first `pinned` lines) for which `stillFails` holds,
    /// as ddmin finds it: first large chunks are dropped, then smaller ones, down to single lines; the
    /// result is 1-minimal (dropping any one more line makes the failure go away).
    /// - Parameters:
    ///   - lines: A failing input (`stillFails(lines)` must hold).
    ///   - pinned: How many leading lines are never dropped.
    ///   - stillFails: Whether the failure shows on a candidate.
    /// - Returns: The shrunk list and how many candidates were tried.
    static func shrink(
        _ lines: [String],
        pinned: Int = 0,
        stillFails: ([String]) async -> Bool
    ) async -> (lines: [String], tries: Int) {
        let head = Array(lines.prefix(pinned))
        var current = Array(lines.dropFirst(pinned))
        var tries = 0
        var parts = 2
        while current.count >= 1 {
            let size = max(1, (current.count + parts - 1) / parts)
            var reduced = false
            var start = 0
            while start < current.count {
                var candidate = current
                candidate.removeSubrange(start..<min(start + size, current.count))
                tries += 1
                if await stillFails(head + candidate) {
                    current = candidate
                    parts = max(parts - 1, 2)
                    reduced = true
                    break
                }
                start += size
            }
            if reduced { continue }
            if size == 1 { break }
            parts = min(parts * 2, current.count)
        }
        return (head + current, tries)
    }
}
