// .ci/fuzz/upload-canister.swift - libFuzzer entry: any bytes as calls with raw arguments to the upload canister
//
// Built together with Tests/UploadCanisterTests/UploadFuzzInput.swift, which reads the bytes as calls (every
// method, several callers, clock steps, upgrades that switch backend) and runs them on both backends through
// a replica. Anything it finds wrong (replies that differ between the backends, a reply that does not decode
// at its types, a system reject, a failed upgrade, stable memories that end different) aborts the run.

import Dispatch
import Synchronization

/// The problems of one input, handed from the task that ran it to the fuzzer's thread.
final class Found: Sendable {
    let problems = Mutex<[String]>([])
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UploadFuzzInput(Array(UnsafeBufferPointer(start: data, count: size)))
    let found = Found()
    let done = DispatchSemaphore(value: 0)
    Task {
        let problems = await input.problems()
        found.problems.withLock { $0 = problems }
        done.signal()
    }
    done.wait()
    let problems = found.problems.withLock { $0 }
    if !problems.isEmpty {
        fatalError("upload-canister: " + problems.joined(separator: "\nupload-canister: "))
    }
    return 0
}
