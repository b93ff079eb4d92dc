// Sources/canister-bench/BenchSupport.swift - what the benchmarks share: principals, errors, blocking on async

import Candid
import Foundation

/// The principals of the benchmarks.
enum BenchPrincipals {
    static let client = Principal(unchecked: [UInt8](repeating: 0xBE, count: 10) + [0x01])
    static let controller = Principal(unchecked: [UInt8](repeating: 0xC0, count: 10) + [0x01])
}

/// A benchmark body saw a reply it did not expect.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs async work to completion from a synchronous benchmark body: a detached task (so it needs no actor
/// the caller holds) and a semaphore.
func blockingAwait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = BlockingBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do {
            box.result = .success(try await body())
        } catch {
            box.result = .failure(error)
        }
        done.signal()
    }
    done.wait()
    guard let result = box.result else { throw BenchError("the task ended without a result") }
    return try result.get()
}

/// The result slot of ``blockingAwait(_:)``; the semaphore orders the write before the read.
private final class BlockingBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
