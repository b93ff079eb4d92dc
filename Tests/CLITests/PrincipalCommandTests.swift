// Tests/CLITests/PrincipalCommandTests.swift - `canister-sim principal` text <-> hex

import Foundation
import Testing

@Suite struct PrincipalCommandTests {
    @Test func textToBothForms() throws {
        let result = try CLIRunner.run(["principal", "w7x7r-cok77-xa"])
        #expect(result.status == 0)
        #expect(result.stdout == "text: w7x7r-cok77-xa\nhex: caffee\n")
        #expect(result.stderr == "")
    }

    @Test func upperCaseTextIsCanonicalized() throws {
        let result = try CLIRunner.run(["principal", "RYJL3-TYAAA-AAAAA-AAABA-CAI"])
        #expect(result.status == 0)
        #expect(result.stdout == "text: ryjl3-tyaaa-aaaaa-aaaba-cai\nhex: 00000000000000020101\n")
    }

    @Test func hexToBothForms() throws {
        let result = try CLIRunner.run(["principal", "--hex", "EFCDAB000000000001"])
        #expect(result.status == 0)
        #expect(result.stdout == "text: 2chl6-4hpzw-vqaaa-aaaaa-c\nhex: efcdab000000000001\n")
        let anonymous = try CLIRunner.run(["principal", "--hex=04"])
        #expect(anonymous.stdout == "text: 2vxsx-fae\nhex: 04\n")
        let empty = try CLIRunner.run(["principal", "--hex", ""])
        #expect(empty.stdout == "text: aaaaa-aa\nhex: \n")
    }

    @Test func hexTakesAnOptionalZeroXPrefixAndOnlyASCIIDigits() throws {
        for prefix in ["0x", "0X"] {
            let result = try CLIRunner.run(["principal", "--hex", prefix + "CaFfEe"])
            #expect(result.status == 0, "prefix \(prefix)")
            #expect(result.stdout == "text: w7x7r-cok77-xa\nhex: caffee\n", "prefix \(prefix)")
        }
        for bad in ["0x0", "ca ffee", "caffe\u{0435}", "\u{FF10}\u{FF14}", "x04"] {
            let result = try CLIRunner.run(["principal", "--hex", bad])
            #expect(result.status == 1, "input \(bad)")
            #expect(result.stdout == "", "input \(bad)")
            let expected = "canister-sim principal: error: invalid_hex: '\(bad)' is not hex bytes (an even number of 0-9 a-f digits)\n"
            #expect(result.stderr == expected, "input \(bad)")
        }
    }

    @Test func invalidInputFailsWithExitOne() throws {
        let checksum = try CLIRunner.run(["principal", "a7x7r-cok77-xa"])
        #expect(checksum.status == 1)
        #expect(checksum.stdout == "")
        #expect(checksum.stderr.contains("wrong checksum"))
        let badHex = try CLIRunner.run(["principal", "--hex", "abc"])
        #expect(badHex.status == 1)
        #expect(badHex.stderr.contains("not hex bytes"))
        let tooLong = try CLIRunner.run(["principal", "--hex", String(repeating: "00", count: 30)])
        #expect(tooLong.status == 1)
        #expect(tooLong.stderr.contains("at most 29 bytes"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLIRunner.run(["principal"]).status == 2)
        #expect(try CLIRunner.run(["principal", "a", "b"]).status == 2)
        #expect(try CLIRunner.run(["principal", "--hex", "04", "2vxsx-fae"]).status == 2)
        #expect(try CLIRunner.run(["principal", "--bogus"]).status == 2)
        let help = try CLIRunner.run(["principal", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("usage: canister-sim principal TEXT"))
    }
}
