// Sources/canister-sim/main.swift - canister-sim: the command-line tool with the upload canister registered

import CanisterSimCLI
import UploadCanister

CommandLineTool(
    name: "canister-sim",
    version: CommandLineTool.packageVersion,
    canisters: [uploadCanister(.compat), uploadCanister(.direct)],
    defaultRun: ["compat", "direct"]
).main()
