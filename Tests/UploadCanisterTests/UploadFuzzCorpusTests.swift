// Tests/UploadCanisterTests/UploadFuzzCorpusTests.swift - the upload-canister fuzz seeds and crashers, replayed

import Candid
import Foundation
import TestSupport
import Testing

/// Every file of `Fixtures/fuzz/upload-canister/` (seeds, and every input the fuzzer crashed on) runs as the
/// fuzz target runs it: on both backends, with no reply that differs, none that fails to decode at its
/// types, no system reject, no failed upgrade and equal stable memories at the end.
@Suite struct UploadFuzzCorpusTests {
    static let folder = PackageFiles.root.appendingPathComponent("Fixtures/fuzz/upload-canister")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func theCorpusIsThere() {
        #expect(Self.names.count >= 3, "\(Self.names)")
    }

    @Test(arguments: Self.names)
    func seedRunsAlikeOnBothBackends(_ name: String) async throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let input = UploadFuzzInput(bytes)
        #expect(!input.steps.isEmpty, "\(name) holds no call")
        let problems = await input.problems()
        #expect(problems.isEmpty, "\(name):\n\(problems.joined(separator: "\n"))")
    }

    @Test func theInputFormatReadsSelectorCallerLengthAndArgument() throws {
        let methods = UploadFuzzInput.methods.map(\.name)
        #expect(methods.contains("uploads_put_chunk") && methods == methods.sorted())
        let whoami = UInt8(try #require(methods.firstIndex(of: "whoami")))
        // whoami by caller 1 with 2 argument bytes; an advance of 0x0102 s; an upgrade whose length runs past
        // the end; then 3 stray bytes, too few for a header.
        let bytes: [UInt8] = [whoami, 1, 2, 0, 0xAA, 0xBB] + [UInt8(methods.count), 0, 2, 0, 0x02, 0x01]
            + [UInt8(methods.count + 1), 0, 0xFF, 0xFF, 9]
        let input = UploadFuzzInput(bytes)
        #expect(input.steps == [
            .call(method: "whoami", caller: UploadFuzzInput.callers[1], argument: [0xAA, 0xBB]),
            .advance(seconds: 0x0102),
            .upgrade,
        ])
        #expect(UploadFuzzInput(bytes + [1, 2, 3]).steps.count == 3)  // the upgrade takes them
        #expect(UploadFuzzInput([1, 2, 3]).steps.isEmpty)
    }

    /// The seeds reach the canister's logic, not only its argument decoding: the full upload finishes and
    /// reads back, the upgrade seed finishes after two upgrades.
    @Test(arguments: [("full-upload", 4), ("out-of-order", 4), ("upgrade-mid-upload", 5)])
    func seedFinishesItsUpload(_ name: String, finishStep: Int) async throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let input = UploadFuzzInput(bytes)
        guard case .call("uploads_finish", _, _) = input.steps[finishStep] else {
            Issue.record("\(name): step \(finishStep) is \(input.steps[finishStep].label)")
            return
        }
        for backend in bothBackends {
            let run = await input.run(startingOn: backend)
            guard case .reply(.success(let reply)) = run.outcomes[finishStep] else {
                Issue.record("\(name) on \(backend): finish gave \(run.outcomes[finishStep])")
                continue
            }
            let result = try ok(try Harness.decode("uploads_finish", reply))
            #expect(try field(result, "blob_id") == .text("blob_1"), "\(name) on \(backend)")
            #expect(try field(result, "size") == .nat64(100), "\(name) on \(backend)")
        }
    }
}
