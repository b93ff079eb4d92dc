// Sources/Hashing/SHA256+Implementation.swift - which code compresses the blocks, chosen once by CPUID

internal import CSHA256

extension SHA256 {
    /// The code that compresses the 64-byte blocks. Every implementation gives the same digests.
    public enum Implementation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// The x86-64 SHA extensions (SHA-NI), on CPUs that have them.
        case shaNI
        /// Portable C, on every CPU.
        case portable

        /// Whether this CPU can run this implementation.
        public var isAvailable: Bool {
            switch self {
            case .shaNI: SHA256.cpuHasSHAExtensions
            case .portable: true
            }
        }

        public var description: String { rawValue }
    }

    /// The fastest implementation this CPU runs: ``Implementation/shaNI`` where the SHA extensions
    /// are present, ``Implementation/portable`` otherwise. What ``init()`` uses.
    public static var hardwareImplementation: Implementation {
        cpuHasSHAExtensions ? .shaNI : .portable
    }

    /// Whether this CPU has the SHA extensions (with SSSE3 and SSE4.1), so SHA-256 runs in hardware.
    public static var isHardwareAccelerated: Bool { cpuHasSHAExtensions }

    /// The CPUID answer, read once per process.
    static let cpuHasSHAExtensions: Bool = csha256_shani_available() != 0
}
