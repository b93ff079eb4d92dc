// .ci/fuzz/replay-script.swift - libFuzzer entry: any text as a call script

import Replay

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else {
        return 0
    }
    _ = try? ReplayParser.parse(text, file: "fuzz.repl")
    return 0
}
