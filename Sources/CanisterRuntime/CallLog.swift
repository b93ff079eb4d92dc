// Sources/CanisterRuntime/CallLog.swift - the record of every call the replica executed

public import Candid

/// What kind of message a ``CallRecord`` is.
public enum CallKind: Hashable, Sendable, CustomStringConvertible {
    /// An update or query call.
    case method(MethodKind)
    /// A timer (`canister_global_timer`), sent by the management canister.
    case timer
    /// `install_code` in mode install (the method is `canister_init`).
    case install
    /// `install_code` in mode reinstall (`canister_init`).
    case reinstall
    /// `install_code` in mode upgrade (`canister_pre_upgrade` then `canister_post_upgrade`).
    case upgrade
    /// `uninstall_code`.
    case uninstall

    /// `update`, `query`, `timer`, `install`, `reinstall`, `upgrade` or `uninstall`.
    public var description: String {
        switch self {
        case .method(let kind): kind.description
        case .timer: "timer"
        case .install: "install"
        case .reinstall: "reinstall"
        case .upgrade: "upgrade"
        case .uninstall: "uninstall"
        }
    }
}

/// One executed call: who called what, when, with which bytes, and what came back.
public struct CallRecord: Hashable, Sendable {
    /// The position in the log, from 0, in the order calls finished.
    public let sequence: UInt64
    /// The replica time the message ran at.
    public let time: UInt64
    /// The sender.
    public let caller: Principal
    /// The canister called.
    public let canister: Principal
    /// The method name (`canister_global_timer` for timers, `install_code` / `uninstall_code` for management).
    public let method: String
    /// Update, query, timer or a management operation.
    public let kind: CallKind
    /// The argument bytes (the install argument for management operations); empty unless the replica
    /// keeps call bytes (``ReplicaConfiguration/callLogKeepsBytes``).
    public let argument: [UInt8]
    /// The reply bytes or the reject; the reply bytes are empty unless the replica keeps call bytes.
    public let result: CallResult
    /// The size and digest of the argument bytes, kept or not.
    public let argumentDigest: ByteDigest
    /// The size and digest of the reply bytes (`nil` for a reject), kept or not.
    public let replyDigest: ByteDigest?

    /// A record; the digests are those of `argument` and `result` unless given (when the bytes are dropped).
    init(
        sequence: UInt64,
        time: UInt64,
        caller: Principal,
        canister: Principal,
        method: String,
        kind: CallKind,
        argument: [UInt8],
        result: CallResult,
        argumentDigest: ByteDigest? = nil,
        replyDigest: ByteDigest?? = nil
    ) {
        self.sequence = sequence
        self.time = time
        self.caller = caller
        self.canister = canister
        self.method = method
        self.kind = kind
        self.argument = argument
        self.result = result
        self.argumentDigest = argumentDigest ?? ByteDigest(argument)
        if let replyDigest {
            self.replyDigest = replyDigest
        } else if case .success(let reply) = result {
            self.replyDigest = ByteDigest(reply)
        } else {
            self.replyDigest = nil
        }
    }
}

/// The length and a 64-bit hash of some bytes: what logs and traces keep to compare messages without
/// holding them. Equal bytes give equal digests; bytes that differ in one 8-byte word always give different
/// ones, and other differences almost surely do.
public struct ByteDigest: Hashable, Sendable, CustomStringConvertible {
    /// The number of bytes.
    public let count: Int
    /// FNV-1a's step (xor, then multiply by the 64-bit FNV prime) over the bytes as little-endian 8-byte
    /// words, each followed by `h ^= h >> 29` so high bits reach the low ones, then over the last partial
    /// word byte by byte: FNV-1a itself for fewer than 8 bytes, several times faster on large messages.
    /// Every step is a bijection of the running hash, which is why a one-word change always shows.
    public let hash: UInt64

    /// The digest of `bytes`.
    public init(_ bytes: [UInt8]) {
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBytes { raw in
            let words = raw.count / 8
            for index in 0..<words {
                hash ^= UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                hash &*= prime
                hash ^= hash >> 29
            }
            for byte in raw[(words * 8)...] {
                hash ^= UInt64(byte)
                hash &*= prime
            }
        }
        self.count = bytes.count
        self.hash = hash
    }

    /// `1800000 bytes, hash 0123456789abcdef`.
    public var description: String {
        let hex = String(hash, radix: 16)
        return "\(count) bytes, hash \(String(repeating: "0", count: 16 - hex.count) + hex)"
    }
}

/// The shared log.
struct CallLog: Sendable {
    var records: [CallRecord] = []
    var nextSequence: UInt64 = 0
}
