// Sources/Replay/ReplayIdentity.swift - fixed principals for identity names, and seeded bytes

public import Candid

/// The principals `identity <name>;` switches to. They are fixed, so a script gives the same bytes every run.
///
/// `anonymous` is the anonymous principal `2vxsx-fae` (byte `04`). Any other name maps to a
/// self-authenticating-style principal of 29 bytes: 28 bytes from ``SeededBytes`` with the seed
/// FNV-1a-64 of the name's UTF-8 bytes, then the byte `02`. (The real scheme hashes a public key with
/// SHA-224; there is no key here, and the Replay module does not hash.)
public enum ReplayIdentity {
    /// The name of the identity a script starts with.
    public static let anonymousName = "anonymous"

    /// The principal of an identity name.
    public static func principal(named name: String) -> Principal {
        if name == anonymousName { return .anonymous }
        let bytes = SeededBytes.generate(seed: fnv1a64(Array(name.utf8)), count: 28)
        return Principal(unchecked: bytes + [0x02])
    }

    /// FNV-1a, 64 bits: offset basis 0xcbf29ce484222325, prime 0x100000001b3.
    static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

/// Deterministic bytes from a seed: SplitMix64, each output written as 8 little-endian bytes.
///
/// `sim.blob(seed, length)` returns `generate(seed: seed, count: length)`. SplitMix64 adds
/// 0x9e3779b97f4a7c15 to the state, then mixes `z` with `(z ^ z >> 30) * 0xbf58476d1ce4e5b9`,
/// `(z ^ z >> 27) * 0x94d049bb133111eb`, `z ^ z >> 31`.
public enum SeededBytes {
    /// `count` bytes for `seed`; the first `n` bytes do not depend on `count`.
    public static func generate(seed: UInt64, count: Int) -> [UInt8] {
        precondition(count >= 0, "count must not be negative")
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var state = seed
            var offset = 0
            let raw = UnsafeMutableRawBufferPointer(buffer)
            while offset + 8 <= count {
                raw.storeBytes(of: next(&state).littleEndian, toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            if offset < count {
                var word = next(&state)
                while offset < count {
                    raw[offset] = UInt8(truncatingIfNeeded: word)
                    word >>= 8
                    offset += 1
                }
            }
            initialized = count
        }
    }

    @inline(__always)
    static func next(_ state: inout UInt64) -> UInt64 {
        state = state &+ 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
