// Sources/canister-bench/main.swift - entry point: the list of every benchmark
//
// To add a benchmark, define it as a computed `static var` in `Benchmarks+<Area>.swift` (see Benchmark.swift)
// and add one line here. Run: swift build -c release --product canister-bench
//                             .build/release/canister-bench [--filter NAME] [--samples N] [--markdown] [--check]

import Foundation

/// Every benchmark, in the order they run.
let benchmarks: [Benchmark] = [
    .sha256SHANI,
    .sha256Portable,
    .sha256OpenSSL,
    .candidEncodeBlob,
    .candidDecodeBlob,
    .candidDecodeMetadata,
    .candidEncodeMetadata,
    .candidDecodeRecord3,
    .candidEncodeResult,
    .uploadsDirectService21MB,
    .uploadsCompatService21MB,
    .uploadDirect21MB,
    .uploadCompat21MB,
    .callOverheadWhoami,
    .replicaUpdateCounter,
    .replicaUpdateTyped,
    .commitOneKeySmall,
    .rollbackOneKeySmall,
    .commitOneKey100K,
    .rollbackOneKey100K,
    .rollbackOneKey100KDictionary,
    .schedulerUpdateCounter,
    .interCanisterCall,
]

exit(BenchRunner.main(benchmarks: benchmarks, arguments: Array(CommandLine.arguments.dropFirst())))
