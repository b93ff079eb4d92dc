// swift-tools-version:6.2
//
// An example package that depends on canister-sim by path: its own canister (a todo list), its tests in
// Swift Testing, its scripts, and its command-line tool built from the CanisterSimCLI library.
// CI builds it, runs its tests and replays its scripts through its own tool.

import Foundation
import PackageDescription

// A path dependency's identity is its folder's name (`canister-sim` in a clone, anything in a checkout
// elsewhere), so the product references use whatever the folder is called.
let simulator = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "canister-sim-examples",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        // The canister: plain Swift on the simulator's Canister protocol.
        .target(name: "Todo", dependencies: [.product(name: "CanisterRuntime", package: simulator)]),
        // Its command-line tool: canister-sim's commands for the todo canister.
        .executableTarget(
            name: "todo-sim",
            dependencies: ["Todo", .product(name: "CanisterSimCLI", package: simulator)]
        ),
        .testTarget(
            name: "TodoTests",
            dependencies: [
                "Todo",
                .product(name: "CanisterRuntime", package: simulator),
                .product(name: "Candid", package: simulator),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
