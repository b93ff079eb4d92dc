// Sources/canister-sim/Version.swift - the one version constant of canister-sim

/// The version `canister-sim --version` prints.
let canisterSimVersion = "0.2.0"
