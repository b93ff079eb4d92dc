// .ci/fuzz/candid-binary.swift - libFuzzer entry: any bytes as a DIDL message, at its own types and at fixed ones

import Candid

/// Types a canister endpoint commonly expects, so the coercion paths are reached too.
let expected: [[CandidType]] = [
    "(nat64, nat32, blob)", "(record { a : opt text; b : vec int })", "(variant { Ok : nat; Err : text })",
].compactMap { try? Candid.parseTypes($0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let message = try? Candid.decodeMessage(bytes) {
        // What decodes must print; printing a hostile value must end.
        _ = Candid.printArguments(message.values)
    }
    for types in expected {
        _ = try? Candid.decode(bytes, as: types, limits: .endpoint)
    }
    return 0
}
