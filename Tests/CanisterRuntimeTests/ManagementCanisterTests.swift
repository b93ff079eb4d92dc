// Tests/CanisterRuntimeTests/ManagementCanisterTests.swift - aaaaa-aa: each method, its refusals and codes

import Candid
@testable import CanisterRuntime
import Testing

/// A replica with `counter` and `logger` registered.
private func managedReplica(_ configuration: ReplicaConfiguration = .init()) throws -> Replica {
    let replica = Replica(configuration: configuration)
    try replica.register(CanisterModule(Counter.self), as: "counter")
    try replica.register(CanisterModule(LogCounter.self), as: "logger")
    return replica
}

private func record(_ fields: [(String, CandidValue)]) -> CandidValue {
    .record(fields.map { CandidRecordField(CandidLabel($0.0), $0.1) })
}

/// Calls `aaaaa-aa` with one record argument.
private func ic(
    _ replica: Replica, _ method: String, _ fields: [(String, CandidValue)], caller: Principal
) async throws -> CallResult {
    await replica.update(.managementCanister, method: method, argument: try Candid.encode([record(fields)]),
                         caller: caller)
}

/// The field `name` of the first value of a reply.
private func field(_ name: String, of reply: [UInt8]) throws -> CandidValue? {
    guard case .record(let fields)? = try Candid.decode(reply).first else { return nil }
    return fields.first { $0.label == CandidLabel(name) }?.value
}

private func create(_ replica: Replica, caller: Principal, controllers: [Principal]? = nil) async throws
    -> Principal
{
    let settings: CandidValue = controllers.map {
        .opt(record([("controllers", .opt(.vec($0.map { .principal($0) })))]))
    } ?? .opt(nil)
    let reply = try await ic(replica, "create_canister", [("settings", settings)], caller: caller).get()
    guard case .principal(let id)? = try field("canister_id", of: reply) else {
        Issue.record("no canister_id in \(reply)")
        return .anonymous
    }
    return id
}

private func install(
    _ replica: Replica, _ id: Principal, module: String, mode: String = "install", argument: [UInt8] = [],
    caller: Principal
) async throws -> CallResult {
    try await ic(replica, "install_code", [
        ("mode", .variant(CandidLabel(mode), .null)), ("canister_id", .principal(id)),
        ("wasm_module", .blob(Array(module.utf8))), ("arg", .blob(argument)),
    ], caller: caller)
}

private let alice = Principals.alice
private let bob = Principals.bob
private let counterArgument = try? Candid.encodeArguments(Counter.Config(start: 5, label: "c"))

@Suite struct ManagementCanisterTests {
    @Test func createCanisterMakesTheCallerItsControllerOrTheGivenOnes() async throws {
        let replica = try managedReplica()
        let first = try await create(replica, caller: alice)
        #expect(first.description == "rrkah-fqaaa-aaaaa-aaaaq-cai")
        #expect(try await replica.controllers(of: first) == [alice])
        let second = try await create(replica, caller: alice, controllers: [bob])
        #expect(try await replica.controllers(of: second) == [bob])

        let eleven = (0..<11).map { Principal(unchecked: [UInt8($0), 0x02]) }
        let refused = try await ic(replica, "create_canister", [
            ("settings", .opt(record([("controllers", .opt(.vec(eleven.map { .principal($0) })))]))),
        ], caller: alice)
        #expect(refused.failure?.errorCode == .invalidManagementPayload)
        #expect(refused.failure?.message.contains("at most 10 controllers") == true)
        let specified = try await ic(replica, "provisional_create_canister_with_cycles", [
            ("amount", .opt(nil)), ("settings", .opt(nil)), ("specified_id", .opt(.principal(first))),
        ], caller: alice)
        #expect(specified.failure?.errorCode == .invalidManagementPayload)
        #expect(replica.canisterIds.count == 2)
    }

    @Test func installCodeInstallsReinstallsAndUpgradesARegisteredModule() async throws {
        let replica = try managedReplica()
        let id = try await create(replica, caller: alice)
        let argument = try #require(counterArgument)
        _ = try await install(replica, id, module: "counter", argument: argument, caller: alice).get()
        #expect(try await replica.update(id, "inc", caller: alice, returning: UInt64.self) == 6)
        #expect(try await install(replica, id, module: "counter", argument: argument, caller: alice)
            .failure?.errorCode == .canisterNonEmpty)
        _ = try await install(replica, id, module: "counter", mode: "upgrade", argument: argument, caller: alice).get()
        #expect(try await replica.query(id, "get", returning: UInt64.self) == 6)
        _ = try await install(replica, id, module: "counter", mode: "reinstall", argument: argument, caller: alice)
            .get()
        #expect(try await replica.query(id, "get", returning: UInt64.self) == 5)
    }

    @Test func installCodeRefusesUnknownModulesNonControllersAndBadArguments() async throws {
        let replica = try managedReplica()
        let id = try await create(replica, caller: alice)
        let unknown = try await install(replica, id, module: "todo", caller: alice)
        #expect(unknown.failure?.errorCode == .canisterInvalidWasm)
        #expect(unknown.failure?.message.contains("'todo' is not a registered module") == true)
        #expect(unknown.failure?.message.contains("counter, logger") == true)
        let stranger = try await install(replica, id, module: "logger", caller: bob)
        #expect(stranger.failure?.errorCode == .canisterInvalidController)
        let garbage = await replica.update(.managementCanister, method: "install_code", argument: [1, 2, 3],
                                           caller: alice)
        #expect(garbage.failure?.errorCode == .invalidManagementPayload)
        let missing = try await install(replica, Principal(unchecked: [9, 9]), module: "logger", caller: alice)
        #expect(missing.failure?.errorCode == .canisterNotFound)
        #expect(try await replica.withCanister(id) { $0.kind(of: "note") } == nil)
    }

    @Test func canisterStatusReportsStatusControllersAndModule() async throws {
        let replica = try managedReplica()
        let id = try await create(replica, caller: alice)
        let empty = try await ic(replica, "canister_status", [("canister_id", .principal(id))], caller: alice).get()
        #expect(try field("module_hash", of: empty) == .opt(nil))
        #expect(try field("status", of: empty) == .variant(CandidLabel("running"), .null))
        _ = try await install(replica, id, module: "logger", caller: alice).get()
        let full = try await ic(replica, "canister_status", [("canister_id", .principal(id))], caller: alice).get()
        #expect(try field("module_hash", of: full) == .opt(.blob(Array("logger".utf8))))
        guard case .record(let settings)? = try field("settings", of: full) else {
            Issue.record("no settings")
            return
        }
        #expect(settings.first { $0.label == CandidLabel("controllers") }?.value == .vec([.principal(alice)]))
        let stranger = try await ic(replica, "canister_status", [("canister_id", .principal(id))], caller: bob)
        #expect(stranger.failure?.errorCode == .canisterInvalidController)
        #expect(stranger.failure?.message == "Only controllers of canister \(id) can call ic00 method canister_status.")
    }

    @Test func updateSettingsReplacesControllers() async throws {
        let replica = try managedReplica()
        let id = try await create(replica, caller: alice)
        let toBob: [(String, CandidValue)] = [
            ("canister_id", .principal(id)),
            ("settings", record([("controllers", .opt(.vec([.principal(bob)])))])),
        ]
        #expect(try await ic(replica, "update_settings", toBob, caller: bob).failure?.errorCode
            == .canisterInvalidController)
        #expect(try await replica.controllers(of: id) == [alice])
        _ = try await ic(replica, "update_settings", toBob, caller: alice).get()
        #expect(try await replica.controllers(of: id) == [bob])
        #expect(try await ic(replica, "update_settings", toBob, caller: alice).failure?.errorCode
            == .canisterInvalidController)
    }

    @Test func aStoppedCanisterRefusesCallsUntilStarted() async throws {
        let replica = try managedReplica()
        let id = try await create(replica, caller: alice)
        _ = try await install(replica, id, module: "logger", caller: alice).get()
        #expect(try await ic(replica, "stop_canister", [("canister_id", .principal(id))], caller: bob)
            .failure?.errorCode == .canisterInvalidController)
        _ = try await ic(replica, "stop_canister", [("canister_id", .principal(id))], caller: alice).get()
        let refused = await replica.update(id, method: "note", argument: try Candid.encodeArguments("x"))
        #expect(refused.failure?.errorCode == .canisterStopped)
        #expect(refused.failure?.code == .canisterError)
        #expect(refused.failure?.message == "Canister \(id) is not running and cannot accept ingress messages.")
        let status = try await ic(replica, "canister_status", [("canister_id", .principal(id))], caller: alice).get()
        #expect(try field("status", of: status) == .variant(CandidLabel("stopped"), .null))
        _ = try await ic(replica, "start_canister", [("canister_id", .principal(id))], caller: alice).get()
        #expect(try await replica.update(id, "note", "x", returning: UInt64.self) == 1)
    }

    @Test func aTimerDueWhileStoppedRunsAfterStart() async throws {
        let replica = try managedReplica()
        let id = try await create(replica, caller: alice)
        _ = try await install(replica, id, module: "logger", caller: alice).get()
        _ = try await replica.update(id, method: "schedule", argument: try Candid.encodeArguments()).get()
        _ = try await ic(replica, "stop_canister", [("canister_id", .principal(id))], caller: alice).get()
        try replica.advance(by: .seconds(2))
        #expect(await replica.tick() == 0)
        _ = try await ic(replica, "start_canister", [("canister_id", .principal(id))], caller: alice).get()
        #expect(await replica.tick() == 1)
        #expect(try await replica.query(id, "peek", returning: UInt64.self) == 100)
    }

    @Test func deleteCanisterNeedsAStoppedCanisterAndForgetsIt() async throws {
        let replica = try managedReplica()
        let id = try await create(replica, caller: alice)
        let target: [(String, CandidValue)] = [("canister_id", .principal(id))]
        #expect(try await ic(replica, "delete_canister", target, caller: alice).failure?.errorCode
            == .canisterNotStopped)
        _ = try await ic(replica, "stop_canister", target, caller: alice).get()
        #expect(try await ic(replica, "delete_canister", target, caller: bob).failure?.errorCode
            == .canisterInvalidController)
        _ = try await ic(replica, "delete_canister", target, caller: alice).get()
        #expect(replica.canisterIds.isEmpty)
        #expect(try await ic(replica, "canister_status", target, caller: alice).failure?.errorCode
            == .canisterNotFound)
        #expect(await replica.update(id, method: "note", argument: []).failure?.errorCode == .canisterNotFound)
    }

    @Test func canisterInfoListsTheRecentChanges() async throws {
        let replica = try managedReplica()
        let id = try await create(replica, caller: alice)
        _ = try await install(replica, id, module: "logger", caller: alice).get()
        let reply = try await ic(replica, "canister_info", [
            ("canister_id", .principal(id)), ("num_requested_changes", .opt(.nat64(5))),
        ], caller: bob).get()
        #expect(try field("total_num_changes", of: reply) == .nat64(2))
        #expect(try field("controllers", of: reply) == .vec([.principal(alice)]))
        guard case .vec(let changes)? = try field("recent_changes", of: reply) else {
            Issue.record("no recent_changes")
            return
        }
        #expect(changes.count == 2)
        let tooMany = try await ic(replica, "canister_info", [
            ("canister_id", .principal(id)), ("num_requested_changes", .opt(.nat64(21))),
        ], caller: bob)
        #expect(tooMany.failure?.errorCode == .invalidManagementPayload)
    }

    @Test func fetchCanisterLogsReturnsTheLinesAndTrapsToControllers() async throws {
        let replica = try managedReplica()
        let id = try await create(replica, caller: alice)
        _ = try await install(replica, id, module: "logger", caller: alice).get()
        _ = try await replica.update(id, "note", "hello", returning: UInt64.self)
        #expect(await replica.update(id, method: "fail", argument: try Candid.encodeArguments()).failure?.errorCode
            == .canisterCalledTrap)
        #expect(try replica.logs(of: id).map(\.text)
            == ["installed", "hello", "about to fail", "[TRAP]: failing on purpose"])
        #expect(try replica.logs(of: id).map(\.index) == [0, 1, 2, 3])
        #expect(try replica.logs(of: id, from: 2).map(\.text) == ["about to fail", "[TRAP]: failing on purpose"])

        let argument = try Candid.encode([record([("canister_id", .principal(id))])])
        let reply = try await replica.call(.managementCanister, method: "fetch_canister_logs", argument: argument,
                                           caller: alice).get()
        guard case .vec(let records)? = try field("canister_log_records", of: reply) else {
            Issue.record("no canister_log_records")
            return
        }
        #expect(records.count == 4)
        #expect(replica.callLog.last?.kind == .method(.query))
        let stranger = await replica.query(.managementCanister, method: "fetch_canister_logs", argument: argument,
                                           caller: bob)
        #expect(stranger.failure?.errorCode == .canisterInvalidController)
        _ = try await ic(replica, "update_settings", [
            ("canister_id", .principal(id)),
            ("settings", record([("log_visibility", .opt(.variant(CandidLabel("public"), .null)))])),
        ], caller: alice).get()
        #expect(await replica.query(.managementCanister, method: "fetch_canister_logs", argument: argument,
                                    caller: bob).success != nil)
    }

    @Test func unknownMethodsAndTheInterface() async throws {
        let replica = try managedReplica()
        let unknown = await replica.update(.managementCanister, method: "raw_rand", argument: [])
        #expect(unknown.failure?.errorCode == .canisterMethodNotFound)
        #expect(unknown.failure?.message == "Management canister has no method 'raw_rand'")
        let interface = try await replica.interface(of: .managementCanister)
        #expect(interface.method(named: "fetch_canister_logs")?.kind == .query)
        #expect(interface.method(named: "install_code")?.kind == .update)
        #expect(interface.methods.count == 11)
    }

    @Test(arguments: [
        "install_code", "uninstall_code", "canister_status", "update_settings", "stop_canister", "start_canister",
        "delete_canister", "canister_info", "fetch_canister_logs",
    ])
    func aCallWithoutItsArgumentsIsRefusedAndChangesNothing(_ method: String) async throws {
        let replica = try managedReplica()
        let id = try await create(replica, caller: alice)
        _ = try await install(replica, id, module: "logger", caller: alice).get()
        let before = try replica.logs(of: id)
        for argument in [try Candid.encode([record([])]), [], [0x44, 0x49, 0x44, 0x4C, 0x00, 0x01]] {
            let refused = await replica.update(.managementCanister, method: method, argument: argument,
                                               caller: alice)
            #expect(refused.failure?.errorCode == .invalidManagementPayload, "\(method)")
            #expect(refused.failure?.code == .canisterReject)
        }
        #expect(replica.canisterIds == [id])
        #expect(try await replica.controllers(of: id) == [alice])
        #expect(try replica.logs(of: id) == before)
        #expect(try await replica.update(id, "note", "still here", returning: UInt64.self) == 1)
    }

    @Test func updateSettingsWithTooManyControllersChangesNothing() async throws {
        let replica = try managedReplica()
        let id = try await create(replica, caller: alice)
        let eleven = (0..<11).map { CandidValue.principal(Principal(unchecked: [UInt8($0), 0x02])) }
        let refused = try await ic(replica, "update_settings", [
            ("canister_id", .principal(id)),
            ("settings", record([
                ("controllers", .opt(.vec(eleven))),
                ("log_visibility", .opt(.variant(CandidLabel("public"), .null))),
            ])),
        ], caller: alice)
        #expect(refused.failure?.errorCode == .invalidManagementPayload)
        #expect(try await replica.controllers(of: id) == [alice])
        let logs = try Candid.encode([record([("canister_id", .principal(id))])])
        #expect(await replica.query(.managementCanister, method: "fetch_canister_logs", argument: logs,
                                    caller: bob).failure?.errorCode == .canisterInvalidController)
    }

    @Test func registerRefusesTakenAndEmptyNames() throws {
        let replica = try managedReplica()
        #expect(throws: ModuleRegistryError.self) { try replica.register(CanisterModule(Counter.self), as: "counter") }
        #expect(throws: ModuleRegistryError.self) { try replica.register(CanisterModule(Counter.self), as: "") }
        #expect(replica.registeredModules == ["counter", "logger"])
    }
}

@Suite struct CanisterLogTests {
    @Test func theRingKeepsTheNewestFourKiB() {
        let log = CanisterLog()
        for index in 0..<100 {
            log.append(String(repeating: "x", count: 99) + String(index % 10), time: UInt64(index))
        }
        let records = log.records
        #expect(records.reduce(0) { $0 + $1.content.count } <= CanisterLog.capacityBytes)
        #expect(records.count == 40)
        #expect(records.first?.index == 60)
        #expect(records.last?.index == 99)
        log.append(String(repeating: "y", count: 5000), time: 100)
        #expect(log.records.map(\.index) == [100])
        #expect(log.records.first?.content.count == CanisterLog.capacityBytes)
    }

    @Test func queriesLogTooAndRejectsAreNotTraps() async throws {
        let replica = try managedReplica()
        let id = try await replica.install(LogCounter.self, controllers: [alice])
        _ = try await replica.query(id, "peek", returning: UInt64.self)
        #expect(try replica.logs(of: id).map(\.text) == ["installed", "peeked"])
    }
}

@Suite struct TimePerMessageTests {
    @Test func offByDefaultTheClockStays() async throws {
        let replica = try managedReplica()
        let id = try await replica.install(LogCounter.self, controllers: [alice])
        let first = try await replica.update(id, "now", returning: UInt64.self)
        let second = try await replica.update(id, "now", returning: UInt64.self)
        #expect(first == second)
    }

    @Test func onEveryUpdateMovesTheClockOneNanosecondAndQueriesDoNot() async throws {
        var configuration = ReplicaConfiguration()
        configuration.advancesTimePerMessage = true
        let replica = try managedReplica(configuration)
        let start = replica.time
        let id = try await replica.install(LogCounter.self, controllers: [alice])
        #expect(replica.time == start + 1)
        let first = try await replica.update(id, "now", returning: UInt64.self)
        _ = try await replica.query(id, "peek", returning: UInt64.self)
        let second = try await replica.update(id, "now", returning: UInt64.self)
        #expect(first == start + 2)
        #expect(second == first + 1)
        #expect(replica.time == second)
    }
}
