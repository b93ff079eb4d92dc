// Tests/ReplayTests/FuzzCorpusTests.swift - the fuzz seeds and crashers of Fixtures/fuzz, through the targets' calls

import Candid
import Foundation
import Replay
import TestSupport
import Testing

/// Every file under `Fixtures/fuzz/<target>/` (the corpus seeds and every input a fuzzer crashed on) goes
/// through the calls its target in `.ci/fuzz/` makes, and must end in a value or a typed error with a
/// message: no crash, no hang. (`upload-canister` is replayed by `UploadFuzzCorpusTests`.)
@Suite struct FuzzCorpusTests {
    static let folder = PackageFiles.root.appendingPathComponent("Fixtures/fuzz")

    /// The files of one target's folder, sorted, with their bytes.
    static func corpus(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let directory = folder.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        return try names.map { name in
            (name, [UInt8](try Data(contentsOf: directory.appendingPathComponent(name))))
        }
    }

    @Test func everyTargetHasASmallCorpus() throws {
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        #expect(targets == ["candid-binary", "candid-text", "replay-script", "upload-canister"])
        var total = 0
        for target in targets {
            let files = try Self.corpus(target)
            #expect(files.count >= 3, "\(target)")
            total += files.reduce(0) { $0 + $1.bytes.count }
            #expect(files.count <= 40, "\(target): keep the corpus small")
        }
        #expect(total <= 64 * 1024, "the corpora hold \(total) bytes")
    }

    /// The endpoint types `.ci/fuzz/candid-binary.swift` decodes at.
    static let expected = ["(nat64, nat32, blob)", "(record { a : opt text; b : vec int })",
        "(variant { Ok : nat; Err : text })"]

    /// 1 when `body` succeeds, 0 when it throws an `E` with a message; any other error is recorded.
    static func outcome<E: Error & CustomStringConvertible>(
        _ name: String, _ type: E.Type, _ body: () throws -> Void
    ) -> Int {
        do {
            try body()
            return 1
        } catch let error as E {
            #expect(!error.description.isEmpty, "\(name)")
        } catch {
            Issue.record("\(name): \(error) is not a \(E.self)")
        }
        return 0
    }

    @Test func candidBinarySeedsDecodeOrFailWithACode() throws {
        let types = try Self.expected.map { try Candid.parseTypes($0) }
        var decoded = 0
        for (name, bytes) in try Self.corpus("candid-binary") {
            decoded += Self.outcome(name, CandidError.self) {
                // What decodes prints.
                let message = try Candid.decodeMessage(bytes)
                #expect(!Candid.printArguments(message.values).isEmpty, "\(name)")
            }
            for expected in types {
                _ = Self.outcome(name, CandidError.self) {
                    let values = try Candid.decode(bytes, as: expected, limits: .endpoint)
                    #expect(values.count == expected.count, "\(name)")
                }
            }
        }
        #expect(decoded > 0, "no seed is a valid message")
    }

    @Test func candidTextSeedsParseOrFailWithACode() throws {
        var parsed = 0
        for (name, bytes) in try Self.corpus("candid-text") {
            guard let text = String(validating: bytes, as: UTF8.self) else { continue }
            parsed += Self.outcome(name, CandidError.self) {
                // What parses encodes (or fails with an error), and what encodes decodes.
                let values = try Candid.parseArguments(text)
                if let encoded = try? Candid.encode(values) {
                    #expect(throws: Never.self, "\(name)") { try Candid.decode(encoded) }
                }
            }
            parsed += Self.outcome(name, CandidError.self) { _ = try Candid.parseTypes(text) }
            parsed += Self.outcome(name, CandidError.self) { _ = try DidFile.parse(text) }
            parsed += Self.outcome(name, CandidError.self) { _ = try CandidTestFile.parse(text) }
        }
        #expect(parsed >= 4, "too little of the corpus parses: \(parsed)")
    }

    @Test func replayScriptSeedsParseOrFailWithACode() throws {
        var parsed = 0
        for (name, bytes) in try Self.corpus("replay-script") {
            guard let text = String(validating: bytes, as: UTF8.self) else { continue }
            parsed += Self.outcome(name, ReplayError.self) { _ = try ReplayParser.parse(text, file: "fuzz.repl") }
        }
        #expect(parsed > 0, "no seed is a valid script")
    }
}
