// Examples/Sources/todo-sim/main.swift - canister-sim's commands for the todo canister

import CanisterSimCLI
import Todo

CommandLineTool(
    name: "todo-sim", version: "1.0.0",
    canisters: [SimulatedCanister(Todo.self, name: "todo", summary: "the example todo list", installArgument: "(record {})")]
).main()
