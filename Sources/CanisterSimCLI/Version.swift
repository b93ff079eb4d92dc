// Sources/CanisterSimCLI/Version.swift - the one version constant of canister-sim

extension CommandLineTool {
    /// This package's version: what `canister-sim --version` prints.
    public static let packageVersion = "0.2.0"
}
