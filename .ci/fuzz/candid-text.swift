// .ci/fuzz/candid-text.swift - libFuzzer entry: any text as Candid values, types, a .did and a .test.did

import Candid

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else {
        return 0
    }
    if let values = try? Candid.parseArguments(text) {
        // Parsed text must encode (or fail with an error) and what encodes must decode.
        if let bytes = try? Candid.encode(values) { _ = try? Candid.decode(bytes) }
    }
    _ = try? Candid.parseTypes(text)
    _ = try? DidFile.parse(text)
    _ = try? CandidTestFile.parse(text)
    return 0
}
