// swift-tools-version:6.2
//
// canister-sim: an Internet Computer canister simulated natively, in-process and deterministically.
// The target graph below is the ownership table of the design: `Sessions` imports nothing of ours but
// the `PersistentCollections` leaf, `CanisterRuntime` and `Replay` never import the upload modules.
// No package dependencies.

import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "canister-sim",
    // `Synchronization.Mutex` (Candid's caches) needs macOS 15; Linux has no floor.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Candid", targets: ["Candid"]),
        .library(name: "CanisterRuntime", targets: ["CanisterRuntime"]),
        .library(name: "Hashing", targets: ["Hashing"]),
        .library(name: "PersistentCollections", targets: ["PersistentCollections"]),
        .library(name: "Sessions", targets: ["Sessions"]),
        .library(name: "Uploads", targets: ["Uploads"]),
        .library(name: "UploadCanister", targets: ["UploadCanister"]),
        .library(name: "Replay", targets: ["Replay"]),
        .library(name: "CanisterSimCLI", targets: ["CanisterSimCLI"]),
        .library(name: "ExampleCanisters", targets: ["ExampleCanisters"]),
        .executable(name: "canister-sim", targets: ["canister-sim"]),
        .executable(name: "canister-bench", targets: ["canister-bench"]),
    ],
    targets: [
        // Values, types, binary codec, text format, .did, Principal. Imports nothing of ours.
        .target(name: "Candid", swiftSettings: swiftSettings),
        // SHA-256 blocks in C: SHA-NI behind a CPUID check, and a portable path.
        .target(name: "CSHA256"),
        // The Swift `SHA256` type over CSHA256: the only SHA-256 the package uses.
        .target(name: "Hashing", dependencies: ["CSHA256"], swiftSettings: swiftSettings),
        // Sorted maps and sets that share structure on copy, for state a runtime snapshots. Imports nothing.
        .target(name: "PersistentCollections", swiftSettings: swiftSettings),
        // The generic session engine. Imports nothing of ours but PersistentCollections.
        .target(name: "Sessions", dependencies: ["PersistentCollections"], swiftSettings: swiftSettings),
        // The simulated replica. Serves any canister; re-exports PersistentCollections for canister state.
        .target(
            name: "CanisterRuntime", dependencies: ["Candid", "PersistentCollections"], swiftSettings: swiftSettings
        ),
        // Upload business: ACL, metadata, rolling SHA-256, blob store, catalog, direct and compat paths.
        .target(
            name: "Uploads", dependencies: ["Sessions", "PersistentCollections", "Candid", "Hashing"],
            swiftSettings: swiftSettings
        ),
        // The upload backend as a canister on the runtime.
        .target(
            name: "UploadCanister",
            dependencies: ["Uploads", "CanisterRuntime", "Candid"],
            swiftSettings: swiftSettings
        ),
        // Call scripts: parser, interpreter, recorder, differ. Serves any canister.
        .target(name: "Replay", dependencies: ["CanisterRuntime", "Candid"], swiftSettings: swiftSettings),
        // Canisters that await calls: a ledger and an escrow, the schedule explorer's fixture.
        .target(name: "ExampleCanisters", dependencies: ["CanisterRuntime", "Candid"], swiftSettings: swiftSettings),
        // The whole command-line tool for the canisters it is given: replay, explore, did, candid, principal,
        // sha256.
        .target(
            name: "CanisterSimCLI", dependencies: ["Candid", "Hashing", "CanisterRuntime", "Replay"],
            swiftSettings: swiftSettings
        ),
        // The tool with the upload canister (compat and direct) and the example canisters registered.
        .executableTarget(
            name: "canister-sim",
            dependencies: ["Candid", "CanisterRuntime", "CanisterSimCLI", "ExampleCanisters", "Replay", "UploadCanister"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "canister-bench",
            dependencies: ["Candid", "Hashing", "Uploads", "CanisterRuntime", "UploadCanister"],
            swiftSettings: swiftSettings
        ),
        // What the test targets share: the seeded generator, the fixed principals, the conformance suite's place.
        .target(name: "TestSupport", dependencies: ["Candid"], path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "CandidTests", dependencies: ["Candid", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "HashingTests",
            dependencies: ["Hashing", "CSHA256", "Candid", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PersistentCollectionsTests", dependencies: ["PersistentCollections", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SessionsTests", dependencies: ["Sessions", "PersistentCollections", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CanisterRuntimeTests",
            dependencies: ["CanisterRuntime", "Candid", "ExampleCanisters", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "UploadsTests",
            dependencies: ["Uploads", "Sessions", "PersistentCollections", "Candid", "Hashing", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "UploadCanisterTests",
            dependencies: ["UploadCanister", "Uploads", "CanisterRuntime", "Candid", "Hashing", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReplayTests",
            dependencies: [
                "Replay", "UploadCanister", "CanisterRuntime", "Candid", "Hashing", "ExampleCanisters", "TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["canister-sim", "CanisterSimCLI", "Replay", "UploadCanister", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
