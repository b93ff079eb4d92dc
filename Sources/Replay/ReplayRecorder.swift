// Sources/Replay/ReplayRecorder.swift - writing the calls a run made as a script that asserts their replies

import Candid
import CanisterRuntime
import Foundation

/// A recorded script and the side files it reads with `file(...)`.
public struct ReplayRecording: Sendable, Equatable {
    /// A side file, named relative to the script.
    public struct File: Sendable, Equatable {
        /// The file name, relative to the script.
        public var name: String
        /// The contents.
        public var bytes: [UInt8]
    }

    /// The script text.
    public var script: String
    /// Side files in the order the script first uses them.
    public var files: [File]

    /// Writes the script to `scriptPath` and the side files into the same directory.
    public func write(scriptPath: String) throws {
        try Data(script.utf8).write(to: URL(fileURLWithPath: scriptPath))
        for file in files {
            let path = ReplayOptions.resolve(file.name, relativeTo: scriptPath)
            try Data(file.bytes).write(to: URL(fileURLWithPath: path))
        }
    }
}

/// Observes a run and writes what it did as a script whose asserts are the observed replies.
///
/// Calls become `let r<n> = call canister.method(args); assert r<n> == <reply>;`; a rejected call
/// becomes `let r<n> = fail call ...; assert r<n> == "<reject text>";`. `identity` and `import` lines are
/// written before the first call that needs them; `sim.advance`, `sim.set_time`, `sim.tick` and
/// `sim.upgrade` are written as they ran. Blobs larger than the threshold are written by reference:
/// `sim.slice(b<k>, offset, length)` of a `let b<k> = sim.blob(seed, length);` when the interpreter
/// knows where the bytes came from (or when they equal such a blob written earlier, as a reply that reads
/// back uploaded bytes does), else `file("<name>-<k>.bin")` with the bytes in a side file.
/// Running the recording against the same canister state gives the same calls, so every assert holds.
public final class ReplayRecorder: ReplayObserver {
    /// The base name of side files: `<name>-1.bin`, `<name>-2.bin`, ...
    public let name: String
    /// Blobs longer than this many bytes are written by reference.
    public let blobThreshold: Int

    private var lines: [String] = ["// Recorded by canister-sim: each reply is asserted as it was observed."]
    private var currentIdentity: String
    /// The identity the script is running as (what `sim.upgrade` is sent as).
    private var scriptIdentity: String
    private var identityNames: Set<String> = []
    private var canisterNames: [Principal: String] = [:]
    private var usedCanisterNames: Set<String> = []
    private var generatedBlobs: [BlobKey: String] = [:]
    private var sideFiles: [[UInt8]: String] = [:]
    /// Large generated blobs written so far, by fingerprint: a reply with the same bytes is written as
    /// the same reference instead of a side file.
    private var generatedContents: [BlobFingerprint: [(bytes: [UInt8], reference: String)]] = [:]
    private var files: [ReplayRecording.File] = []
    private var callCount = 0
    private var upgradeCount = 0
    private var pending: [String] = []

    private struct BlobKey: Hashable {
        var seed: UInt64
        var length: Int
    }

    /// A cheap key for large blobs: the length and up to 32 bytes from each end.
    private struct BlobFingerprint: Hashable {
        var count: Int
        var head: [UInt8]
        var tail: [UInt8]

        init(_ bytes: [UInt8]) {
            count = bytes.count
            head = Array(bytes.prefix(32))
            tail = Array(bytes.suffix(32))
        }
    }

    /// - Parameters:
    ///   - name: The base name of side files.
    ///   - blobThreshold: Blobs over this many bytes are written by reference (default 4 KiB).
    ///   - initialIdentity: The identity the replaying run starts as (the runner's default is `anonymous`).
    public init(name: String = "recording", blobThreshold: Int = 4096,
                initialIdentity: String = ReplayIdentity.anonymousName) {
        self.name = name
        self.blobThreshold = blobThreshold
        self.currentIdentity = initialIdentity
        self.scriptIdentity = initialIdentity
    }

    /// The script so far and its side files.
    public var recording: ReplayRecording {
        ReplayRecording(script: lines.joined(separator: "\n") + "\n", files: files)
    }

    /// Appends the lines for one event.
    public func observe(_ event: ReplayEvent) {
        switch event {
        case .identity(let name, _):
            identityNames.insert(name)
            scriptIdentity = name
        case .importCanister:
            break
        case .call(let call):
            record(call)
        case .advanceTime(let nanoseconds):
            lines.append("sim.advance(\(nanoseconds));")
        case .setTime(let nanoseconds):
            lines.append("sim.set_time(\(nanoseconds));")
        case .tick:
            lines.append("sim.tick();")
        case .upgrade(let upgrade):
            record(upgrade)
        }
    }

    private func record(_ call: ReplayCallRecord) {
        switchIdentity(to: call.callerName)
        let canister = canisterName(call.canister, suggested: call.canisterName)
        callCount += 1
        let variable = "r\(callCount)"
        let arguments = call.arguments.map { print($0, typed: false) }.joined(separator: ", ")
        let expression = "call \(canister).\(ValuePrinter.name(call.method))(\(arguments))"
        switch call.outcome {
        case .reply(let value, _):
            let expected = print(value, typed: true)
            flush()
            lines.append("let \(variable) = \(expression);")
            lines.append("assert \(variable) == \(expected);")
        case .reject(let reject):
            flush()
            lines.append("let \(variable) = fail \(expression);")
            lines.append("assert \(variable) == \(ValuePrinter.quoted(reject.scriptText));")
        case .undecodable(_, let message):
            flush()
            lines.append("let \(variable) = fail \(expression);")
            lines.append("assert \(variable) == \(ValuePrinter.quoted(message));")
        }
    }

    private func record(_ upgrade: ReplayUpgradeRecord) {
        // `sim.upgrade` is sent as the script's identity, so the recording switches to it too.
        switchIdentity(to: scriptIdentity)
        let canister = canisterName(upgrade.canister, suggested: upgrade.canisterName)
        let arguments = ([canister] + upgrade.arguments.map { print($0, typed: false) }).joined(separator: ", ")
        flush()
        guard let failure = upgrade.failure else {
            lines.append("sim.upgrade(\(arguments));")
            return
        }
        upgradeCount += 1
        let variable = "u\(upgradeCount)"
        lines.append("let \(variable) = fail sim.upgrade(\(arguments));")
        lines.append("assert \(variable) == \(ValuePrinter.quoted(failure));")
    }

    /// Writes `identity name;` when the caller changes.
    private func switchIdentity(to name: String) {
        guard name != currentIdentity else { return }
        currentIdentity = name
        identityNames.insert(name)
        lines.append("identity \(name);")
    }

    /// The variable a canister is imported as, writing the `import` line the first time.
    private func canisterName(_ canister: Principal, suggested: String?) -> String {
        if let known = canisterNames[canister] { return known }
        var name = suggested ?? "canister"
        if !ValuePrinter.isIdentifier(name) || ReplayLexer.keywords.contains(name) || name == "sim" || name == "_"
            || identityNames.contains(name) || Self.isGenerated(name) {
            name = "canister"
        }
        if usedCanisterNames.contains(name) || name == "canister" {
            var counter = 1
            while usedCanisterNames.contains("\(name)\(counter)") { counter += 1 }
            name = "\(name)\(counter)"
        }
        usedCanisterNames.insert(name)
        canisterNames[canister] = name
        lines.append("import \(name) = \(ValuePrinter.quoted(canister.text));")
        return name
    }

    /// Names the recorder itself binds: `r<n>`, `u<n>`, `b<n>`.
    private static func isGenerated(_ name: String) -> Bool {
        guard let first = name.first, "rub".contains(first), name.count > 1 else { return false }
        return name.dropFirst().allSatisfy(\.isNumber)
    }

    private func flush() {
        lines.append(contentsOf: pending)
        pending.removeAll()
    }

    private func print(_ value: ReplayValue, typed: Bool) -> String {
        var printer = ValuePrinter(options: ReplayPrintOptions(typed: typed)) { [unowned self] bytes, origin in
            self.reference(bytes, origin)
        }
        printer.write(value)
        return printer.output
    }

    /// A reference for a large blob, or `nil` to write its bytes.
    private func reference(_ bytes: [UInt8], _ origin: BlobOrigin?) -> String? {
        guard bytes.count > blobThreshold else { return nil }
        if let origin {
            let key = BlobKey(seed: origin.seed, length: origin.length)
            let variable: String
            if let known = generatedBlobs[key] {
                variable = known
            } else {
                variable = "b\(generatedBlobs.count + 1)"
                generatedBlobs[key] = variable
                pending.append("let \(variable) = sim.blob(\(origin.seed), \(origin.length));")
            }
            let text = origin.offset == 0 && bytes.count == origin.length
                ? variable : "sim.slice(\(variable), \(origin.offset), \(bytes.count))"
            let fingerprint = BlobFingerprint(bytes)
            if generatedContents[fingerprint]?.contains(where: { $0.bytes == bytes }) != true {
                generatedContents[fingerprint, default: []].append((bytes, text))
            }
            return text
        }
        if let known = generatedContents[BlobFingerprint(bytes)]?.first(where: { $0.bytes == bytes }) {
            return known.reference
        }
        if let known = sideFiles[bytes] { return "file(\(ValuePrinter.quoted(known)))" }
        let fileName = "\(name)-\(files.count + 1).bin"
        sideFiles[bytes] = fileName
        files.append(ReplayRecording.File(name: fileName, bytes: bytes))
        return "file(\(ValuePrinter.quoted(fileName)))"
    }
}
