// Tests/CandidTests/TestFileTests.swift - the .test.did format, and the six suite files

import Candid
import Foundation
import Testing
import TestSupport

@Suite struct TestFileTests {
    /// The conformance files, found by `ConformanceSuite` (`$CANDID_TESTSUITE`, else
    /// `../shared/candid-testsuite` beside the checkout). Missing with `CI` set, this throws and fails.
    static func suiteDirectory() throws -> URL {
        try ConformanceSuite.require(ConformanceSuite.directory)
    }

    static let expectedCounts: [(file: String, count: Int)] = [
        ("prim", 168), ("construct", 164), ("reference", 50), ("subtypes", 58), ("spacebomb", 17), ("overshoot", 10),
    ]

    @Test(.enabled(if: ConformanceSuite.shouldRun, ConformanceSuite.skipNote), arguments: Self.expectedCounts)
    func suiteFileParses(file: String, count: Int) throws {
        let url = try Self.suiteDirectory().appendingPathComponent("\(file).test.did")
        let text = try String(contentsOf: url, encoding: .utf8)
        let parsed = try CandidTestFile.parse(text)
        #expect(parsed.assertions.count == count, "\(file)")
    }

    @Test(.enabled(if: ConformanceSuite.shouldRun, ConformanceSuite.skipNote)) func suiteTotalsAndKinds() throws {
        var total = 0
        var kinds: [CandidTestFile.Assertion.Kind: Int] = [:]
        for (file, _) in Self.expectedCounts {
            let url = try Self.suiteDirectory().appendingPathComponent("\(file).test.did")
            let parsed = try CandidTestFile.parse(try String(contentsOf: url, encoding: .utf8))
            total += parsed.assertions.count
            for assertion in parsed.assertions { kinds[assertion.kind, default: 0] += 1 }
        }
        #expect(total == 467)
        // From the notes' table: == 93+86+19+58, != 1, : 9+12, !: 66+66+30+17+10.
        #expect(kinds[.equal] == 256)
        #expect(kinds[.notEqual] == 1)
        #expect(kinds[.decodes] == 21)
        #expect(kinds[.fails] == 189)
    }

    @Test(.enabled(if: ConformanceSuite.shouldRun, ConformanceSuite.skipNote)) func primFileDetails() throws {
        let url = try Self.suiteDirectory().appendingPathComponent("prim.test.did")
        let parsed = try CandidTestFile.parse(try String(contentsOf: url, encoding: .utf8))
        let unicode = try #require(parsed.assertions.first { $0.description == "text: Unicode escape with underscore" })
        #expect(unicode.left == .text("(\"\\u{26_03}\")"))
        #expect(unicode.right == .text("(\"☃\")"))
        #expect(unicode.kind == .equal)
        #expect(unicode.types == [.text])
        #expect(unicode.line == 182)
    }

    /// Every text input of the suite parses at the assertion's types, except the left side of a `!:`
    /// assertion, which must fail; `==` between two texts compares the parsed values.
    @Test(.enabled(if: ConformanceSuite.shouldRun, ConformanceSuite.skipNote), arguments: Self.expectedCounts.map(\.file))
    func suiteTextInputs(file: String) throws {
        let url = try Self.suiteDirectory().appendingPathComponent("\(file).test.did")
        let parsed = try CandidTestFile.parse(try String(contentsOf: url, encoding: .utf8))
        var checked = 0
        for assertion in parsed.assertions {
            let context = "\(file).test.did:\(assertion.line) \(assertion.description ?? "")"
            var values: [[CandidValue]] = []
            for (index, input) in [assertion.left, assertion.right].enumerated() {
                guard case .text(let text)? = input else { continue }
                checked += 1
                if assertion.kind == .fails && index == 0 {
                    #expect(throws: CandidError.self, "\(context)") {
                        try Candid.parseArguments(text, as: assertion.types, in: parsed.environment)
                    }
                } else {
                    do {
                        values.append(try Candid.parseArguments(text, as: assertion.types, in: parsed.environment))
                    } catch {
                        Issue.record("\(context): \(error)")
                    }
                }
            }
            if values.count == 2 {
                #expect((values[0] == values[1]) == (assertion.kind == .equal), "\(context)")
            }
        }
        // spacebomb and overshoot are all binary.
        #expect((checked > 0) == !["spacebomb", "overshoot"].contains(file))
    }

    @Test func parsesEachForm() throws {
        let text = """
            // header
            type Opt = opt Opt;
            type List = opt record { head : int; tail : List };
            /* a comment /* nested */ assert "(1)" : (nat); */
            assert blob "DIDL\\00\\01\\7c\\ff\\00" == "(127)" : (int) "int: leb";
            assert "(\\"\\\\u{2603}\\")" : (text);
            //assert "(1)" : (nat);
            assert blob "DIDL\\00\\01\\7e\\01" !: (Opt) "fix opt";
            assert "(1)" != "(2)" : (List, nat);
            """
        let parsed = try CandidTestFile.parse(text)
        #expect(parsed.environment.definitions["Opt"] == .opt(.named("Opt")))
        #expect(parsed.assertions.count == 4)
        let first = parsed.assertions[0]
        #expect(first.kind == .equal)
        #expect(first.left == .blob(Array("DIDL".utf8) + [0x00, 0x01, 0x7C, 0xFF, 0x00]))
        #expect(first.right == .text("(127)"))
        #expect(first.types == [.int])
        #expect(first.description == "int: leb")
        #expect(first.line == 5)
        #expect(parsed.assertions[1] == CandidTestFile.Assertion(
            line: 6, kind: .decodes, left: .text("(\"\\u{2603}\")"), types: [.text]))
        #expect(parsed.assertions[2].kind == .fails)
        #expect(parsed.assertions[2].types == [.named("Opt")])
        #expect(parsed.assertions[2].line == 8)
        #expect(parsed.assertions[3].kind == .notEqual)
        #expect(parsed.assertions[3].types == [.named("List"), .nat])
    }

    @Test func rejectsBadFiles() throws {
        let unknown = #expect(throws: CandidError.self) { try CandidTestFile.parse("assert \"(1)\" : (Nope);") }
        #expect(unknown?.code == .unknownType)
        #expect(unknown?.message.contains("Nope") == true)
        let imported = #expect(throws: CandidError.self) { try CandidTestFile.parse("import \"x.did\";") }
        #expect(imported?.code == .unsupported)
        let syntax = #expect(throws: CandidError.self) { try CandidTestFile.parse("assert \"(1)\" (nat);") }
        #expect(syntax?.code == .syntax)
        #expect(syntax?.message.hasPrefix("line 1, column 14:") == true)
        let notAssert = #expect(throws: CandidError.self) { try CandidTestFile.parse("check \"(1)\" : (nat);") }
        #expect(notAssert?.code == .syntax)
        let badText = #expect(throws: CandidError.self) { try CandidTestFile.parse("assert \"\\ff\" : (nat);") }
        #expect(badText?.code == .syntax)
        let unclosed = #expect(throws: CandidError.self) { try CandidTestFile.parse("/* /* */ assert") }
        #expect(unclosed?.code == .syntax)
    }
}
