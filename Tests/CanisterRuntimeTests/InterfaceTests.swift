// Tests/CanisterRuntimeTests/InterfaceTests.swift - the interface and .did printed from the declaration

import Candid
import Testing
@testable import CanisterRuntime

@Suite struct InterfaceTests {
    @Test func methodsKindsAndTypes() throws {
        let interface = try CanisterInterface(of: Counter.self)
        #expect(interface.name == "Counter")
        #expect(interface.methods.map(\.name) == [
            "add", "checked_add", "controllers", "get", "inc", "inc_then_trap", "load", "pair", "save", "schedule",
            "set_label", "snapshot", "tree", "try_add", "whoami",
        ])
        let add = try #require(interface.method(named: "add"))
        #expect(add.kind == .update && add.arguments == [.nat64] && add.results == [.nat64])
        let pair = try #require(interface.method(named: "pair"))
        #expect(pair.kind == .query && pair.arguments.isEmpty && pair.results == [.nat64, .text])
        #expect(interface.method(named: "whoami")?.results == [.principal])
        #expect(interface.method(named: "save")?.arguments == [.nat64, .blob])
        #expect(interface.method(named: "set_label")?.arguments == [.opt(.text)])
        #expect(interface.method(named: "set_label")?.results == [])
        #expect(interface.installArguments == [
            .record([CandidField(CandidLabel("label"), .text), CandidField(CandidLabel("start"), .nat64)]
                .sorted { $0.label < $1.label }),
        ])
        #expect(interface.method(named: "missing") == nil)
    }

    @Test func didNamesRecordAndVariantTypes() throws {
        let interface = try CanisterInterface(of: Counter.self)
        let did = interface.didFile
        #expect(did.definitionOrder.contains("Config"))
        #expect(did.definitionOrder.contains("Snapshot"))
        #expect(did.definitionOrder.contains("Outcome"))
        #expect(did.definitionOrder.contains("Result_UInt64_CounterError"))
        #expect(did.serviceArguments == [.named("Config")])
        let snapshot = did.service?.methods.first { $0.name == "snapshot" }
        #expect(snapshot?.type == .function(CandidFunctionType(arguments: [], results: [.named("Snapshot")],
                                                               modes: [.query])))
        #expect(interface.didText.contains("service : (Config) -> {"), "\(interface.didText)")
        // The mapping's recursive definition gets a plain identifier.
        #expect(did.definitionOrder.first == "Tree")
        #expect(did.environment.definitions["Tree"] == .record(
            [CandidField(CandidLabel("value"), .nat64), CandidField(CandidLabel("children"), .vec(.named("Tree")))]
                .sorted { $0.label < $1.label }))
        #expect(interface.method(named: "tree")?.results == [.named("Tree")])
    }

    /// The printed `.did` parses back into exactly the declared service.
    @Test func didParsesBackIntoTheDeclaredTypes() throws {
        let interface = try CanisterInterface(of: Counter.self)
        let parsed = try DidFile.parse(interface.didText)
        #expect(parsed == interface.didFile, "\(interface.didText)")
        let service = try #require(parsed.service)
        for method in interface.methods {
            let entry = try #require(service.methods.first { $0.name == method.name })
            guard case .function(let function) = entry.type else {
                Issue.record("\(method.name) is not a function type")
                continue
            }
            let environment = parsed.environment
            #expect(function.arguments.map { resolve($0, in: environment) }
                == method.arguments.map { resolve($0, in: interface.environment) }, "\(method.name)")
            #expect(function.results.map { resolve($0, in: environment) }
                == method.results.map { resolve($0, in: interface.environment) }, "\(method.name)")
            #expect(function.modes == (method.kind == .query ? [.query] : []), "\(method.name)")
        }
        #expect(parsed.serviceArguments?.map { resolve($0, in: parsed.environment) } == interface.installArguments)
    }

    @Test func rawCanisterDid() throws {
        let interface = try CanisterInterface(of: RawCounter.self)
        #expect(interface.installArguments.isEmpty)
        #expect(interface.didFile.serviceArguments == nil)
        #expect(interface.method(named: "inc")?.arguments == [])
        let parsed = try DidFile.parse(interface.didText)
        #expect(parsed == interface.didFile)
    }

    @Test func identifiersFromSwiftNames() {
        #expect(TypeNamer.identifier(from: "Page<Item>") == "Page_Item")
        #expect(TypeNamer.identifier(from: "Result<UInt64, CounterError>") == "Result_UInt64_CounterError")
        #expect(TypeNamer.identifier(from: "record") == "record_")
        #expect(TypeNamer.identifier(from: "2D") == "_2D")
        #expect(TypeNamer.identifier(from: "<>") == "T")
    }

    @Test func replicaReportsTheInstalledInterface() async throws {
        let replica = Replica()
        let id = try await replica.install(Counter.self, argument: .init(start: 0, label: "x"))
        #expect(try await replica.interface(of: id) == CanisterInterface(of: Counter.self))
        let empty = replica.createCanister(controllers: [])
        let error = await #expect(throws: Reject.self) { try await replica.interface(of: empty) }
        #expect(error?.errorCode == .canisterWasmModuleNotFound)
    }

    /// Expands named references, leaving recursive ones named.
    private func resolve(
        _ type: CandidType,
        in environment: CandidTypeEnvironment,
        seen: Set<String> = []
    ) -> CandidType {
        switch type {
        case .named(let name):
            guard !seen.contains(name), let definition = environment.definitions[name] else { return type }
            return resolve(definition, in: environment, seen: seen.union([name]))
        case .opt(let inner): return .opt(resolve(inner, in: environment, seen: seen))
        case .vec(let inner): return .vec(resolve(inner, in: environment, seen: seen))
        case .record(let fields):
            return .record(fields.map { CandidField($0.label, resolve($0.type, in: environment, seen: seen)) })
        case .variant(let fields):
            return .variant(fields.map { CandidField($0.label, resolve($0.type, in: environment, seen: seen)) })
        default: return type
        }
    }
}

