// Tests/CandidTests/PrincipalTests.swift - principal text: CRC32, base32, canonical form

import Candid
import Testing
import TestSupport

@Suite struct PrincipalTests {
    static let known: [(bytes: [UInt8], text: String)] = [
        ([], "aaaaa-aa"),
        ([0x04], "2vxsx-fae"),
        ([0xCA, 0xFF, 0xEE], "w7x7r-cok77-xa"),
        ([0xEF, 0xCD, 0xAB, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01], "2chl6-4hpzw-vqaaa-aaaaa-c"),
        ([0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x01, 0x01], "ryjl3-tyaaa-aaaaa-aaaba-cai"),
    ]

    @Test(arguments: Self.known)
    func knownAnswers(bytes: [UInt8], text: String) throws {
        let principal = try Principal(bytes: bytes)
        #expect(principal.text == text)
        #expect(principal.description == text)
        #expect(try Principal(text: text).bytes == bytes)
        #expect(try Principal(text: text.uppercased()).bytes == bytes)
    }

    @Test func mixedCaseTextParses() throws {
        #expect(try Principal(text: "W7x7R-cOk77-Xa").bytes == [0xCA, 0xFF, 0xEE])
        #expect(try Principal(text: "RyJl3-TyAaA-aAaAa-AaAbA-cAi").text == "ryjl3-tyaaa-aaaaa-aaaba-cai")
    }

    @Test func wellKnownPrincipals() {
        #expect(Principal.anonymous.text == "2vxsx-fae")
        #expect(Principal.managementCanister.text == "aaaaa-aa")
    }

    @Test func longestPrincipalIs63Characters() throws {
        let bytes = (0..<29).map { UInt8($0 * 7 + 1) }
        let principal = try Principal(bytes: bytes)
        #expect(principal.text.count == 63)
        #expect(try Principal(text: principal.text) == principal)
        #expect(throws: CandidError.self) { try Principal(bytes: bytes + [0]) }
    }

    @Test func rejectsBadText() {
        let cases: [(String, String)] = [
            ("a7x7r-cok77-xa", "checksum"),
            ("w7x7r-cok77-xb", "canonical"),  // differs only in the padding bits
            ("w7x7rcok77xa", "canonical"),
            ("w7x7r-cok7-7xa", "canonical"),
            ("w7x7r-cok77-xa-", "canonical"),
            ("w7x7r-cok77-x1", "not base32"),
            ("w7x7r cok77-xa", "not base32"),
            ("aaa", "too short"),
            ("", "too short"),
            ("w7x7r-cok77-xa=", "not base32"),
            ("w7x7r-cok77-x\u{0430}", "not base32"),  // Cyrillic a
            ("w7x7r-cok77-x\u{FF41}", "not base32"),  // fullwidth a
            ("w7x7r-\u{212A}ok77-xa", "not base32"),  // Kelvin sign: only ASCII letters fold
        ]
        for (text, fragment) in cases {
            let error = #expect(throws: CandidError.self, "\(text)") { try Principal(text: text) }
            #expect(error?.code == .invalidPrincipal, "\(text)")
            #expect(error?.message.contains(fragment) == true, "\(text): \(String(describing: error))")
        }
    }

    @Test func thirtyBytesWithValidChecksumRejected() throws {
        // The text of 30 bytes, checksum included, rendered past the 29-byte check.
        let text = Principal(unchecked: [UInt8](repeating: 0xAB, count: 30)).text
        let error = #expect(throws: CandidError.self) { try Principal(text: text) }
        #expect(error?.code == .invalidPrincipal)
        #expect(error?.message.contains("has 30 bytes, at most 29 allowed") == true)
    }

    /// Every length from 0 to 29 with seeded random bytes renders and parses back.
    @Test func roundTripsEveryLength() throws {
        let seed: UInt64 = 0xC0FFEE
        var random = SplitMix64(seed: seed)
        for length in 0...29 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let principal = try Principal(bytes: bytes)
            let text = principal.text
            #expect(try Principal(text: text) == principal, "seed \(seed) length \(length)")
            #expect(!text.hasSuffix("-"), "seed \(seed) length \(length)")
            let groups = text.split(separator: "-")
            #expect(groups.dropLast().allSatisfy { $0.count == 5 }, "seed \(seed) length \(length)")
        }
    }
}
