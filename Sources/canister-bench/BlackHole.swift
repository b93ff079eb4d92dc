// Sources/canister-bench/BlackHole.swift - keeps a benchmark's result alive so it is not optimised away

/// Consumes a value where the optimiser cannot see it is unused.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
