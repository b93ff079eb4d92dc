// Sources/canister-sim/UploadCanisters.swift - the upload canister as the tool registers it: one per backend

import Candid
import CanisterRuntime
import CanisterSimCLI
import ExampleCanisters
import Replay
import UploadCanister

/// canister-sim: the tool with the upload canister registered on each backend, compared by default.
let canisterSim = CommandLineTool(
    name: "canister-sim",
    version: CommandLineTool.packageVersion,
    canisters: [
        uploadCanister(.compat), uploadCanister(.direct), escrowScenario(fixed: false), escrowScenario(fixed: true),
        SimulatedCanister(ExampleCounter.self, name: "counter", summary: "a counter that logs (the module scripts deploy)"),
    ],
    defaultRun: ["compat", "direct"]
)

/// The upload canister on one backend, named after it (`compat`, `direct`): the names `--canister`,
/// `--compare` and the summary lines use.
func uploadCanister(_ backend: UploadCanister.Backend) -> SimulatedCanister {
    let path = backend == .compat ? "the old API through the SessionCompat shim" : "the session engine used directly"
    return SimulatedCanister(
        UploadCanister.self,
        name: backend.rawValue,
        summary: "the upload canister on the \(backend) backend (\(path)), futura's limits",
        installArgument: "(record { backend = variant { \(backend) }; admins = vec {} })",
        interface: { try UploadCanisterInterface.didFile() },
        summarize: uploadSummary
    )
}

/// `2 uploads finished (21,827,484 bytes), 13 chunks stored`: the distinct blobs `uploads_finish` returned
/// and their sizes, and the chunks `uploads_put_chunk` accepted.
@Sendable func uploadSummary(_ trace: ReplayTrace) -> [String] {
    var blobs: Set<String> = []
    var bytes: UInt64 = 0
    var chunks = 0
    for call in trace.calls {
        guard case .reply(.variant(let label, let payload), _) = call.outcome, label == CandidLabel("Ok") else {
            continue
        }
        if call.method == "uploads_put_chunk" { chunks += 1 }
        guard call.method == "uploads_finish", case .record(let fields) = payload,
            case .text(let blob)? = fields.first(where: { $0.label == CandidLabel("blob_id") })?.value,
            blobs.insert(blob).inserted
        else { continue }
        if case .nat64(let size)? = fields.first(where: { $0.label == CandidLabel("size") })?.value {
            bytes += size
        }
    }
    var parts: [String] = []
    if !blobs.isEmpty {
        parts.append(SummaryText.count(blobs.count, "upload") + " finished (" + SummaryText.count(bytes, "byte") + ")")
    }
    if chunks > 0 { parts.append(SummaryText.count(chunks, "chunk") + " stored") }
    return parts
}

/// The escrow scenario of the schedule explorer: a ledger at the first canister id and an escrow that
/// pays out through it; `fixed` chooses the escrow that debits before it awaits the transfer.
func escrowScenario(fixed: Bool) -> SimulatedCanister {
    SimulatedCanister(
        name: fixed ? "escrow-fixed" : "escrow",
        summary: "a ledger and an escrow whose withdraw " + (fixed ? "debits before" : "debits after")
            + " it awaits the transfer (the explorer's example)",
        // The escrow's methods; the scenario itself takes no install argument.
        interface: {
            var did = try CanisterModule(Escrow.self).interface().didFile
            did.serviceArguments = nil
            return did
        }
    ) { replica, _, _ in
        let pair = try await EscrowFixture.install(on: replica, fixed: fixed)
        return [
            pair.ledger: try await replica.interface(of: pair.ledger).didFile,
            pair.escrow: try await replica.interface(of: pair.escrow).didFile,
        ]
    }
}
