// Sources/canister-sim/main.swift - canister-sim: the command-line tool with the upload canister registered

import CanisterSimCLI

canisterSim.main()
