// Tests/CandidTests/TypedThrowsTests.swift - Candid's entry points throw CandidError, and say so in their type

import Candid
import Testing

@Suite struct TypedThrowsTests {
    /// Each assignment compiles only while the entry point is `throws(CandidError)`.
    @Test func entryPointsThrowCandidError() {
        let parseDid: (String) throws(CandidError) -> DidFile = DidFile.parse
        let parseTypes: (String) throws(CandidError) -> [CandidType] = { text throws(CandidError) in
            try Candid.parseTypes(text)
        }
        let principal: (String) throws(CandidError) -> Principal = { text throws(CandidError) in
            try Principal(text: text)
        }
        let decode: ([UInt8]) throws(CandidError) -> [CandidValue] = { bytes throws(CandidError) in
            try Candid.decode(bytes)
        }
        #expect(throws: CandidError.self) { try parseDid("service : { m : (nat) -> (unknown) }") }
        #expect(throws: CandidError.self) { try parseTypes("(nat, ") }
        #expect(throws: CandidError.self) { try principal("not a principal") }
        #expect(throws: CandidError.self) { try decode([0x44, 0x49]) }
    }
}
