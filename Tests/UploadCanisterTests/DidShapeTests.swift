// Tests/UploadCanisterTests/DidShapeTests.swift - the generated .did has futura's type shapes and signatures

import Candid
import Foundation
import Testing
import TestSupport
import UploadCanister

@Suite("the .did against futura's")
struct DidShapeTests {
    /// futura's subset with the header's seed-era signatures of uploads_begin and uploads_finish (and their
    /// result types) in place of the HEAD ones.
    static func futuraSeedEra() throws -> DidFile {
        let subset = try PackageFiles.read(PackageFiles.futuraSubset)
        let header = subset.split(separator: "\n").prefix { $0.hasPrefix("//") }.map {
            String($0.dropFirst(2)).trimmingCharacters(in: .whitespaces)
        }
        func line(_ prefix: String) throws -> String {
            guard let found = header.first(where: { $0.hasPrefix(prefix) }),
                let end = found.lastIndex(of: ";")
            else { throw HarnessError("the subset header has no line \(prefix)") }
            return String(found[...end])
        }
        let definitions = try [line("type Result_13 ="), line("type Result_15 =")].joined(separator: "\n")
        let methods = try [line("uploads_begin :"), line("uploads_finish :")].joined(separator: "\n")
        guard let service = subset.range(of: "\nservice : ") else { throw HarnessError("the subset has no service") }
        let text = subset[..<service.lowerBound] + "\n" + definitions + "\nservice : {\n" + methods + "\n}\n"
        let seed = try DidFile.parse(String(text))
        var head = try DidFile.parse(subset)
        head.environment.definitions.merge(seed.environment.definitions) { first, _ in first }
        let replaced = Set(["uploads_begin", "uploads_finish"])
        let methodsByName = (head.service?.methods ?? []).filter { !replaced.contains($0.name) }
            + (seed.service?.methods ?? [])
        head.service = CandidServiceType(methods: methodsByName.sorted { $0.name < $1.name })
        return head
    }

    /// The fields `UploadConfig` has beyond futura's three: every limit of the install argument, which
    /// `upload_config` reports (a client decoding futura's record ignores them).
    static let limitFields = [
        "max_chunks", "max_active_per_caller", "session_ttl_ns", "max_single_read_bytes", "max_idempotency_key_bytes",
        "max_sessions_per_caller", "max_capsules_per_caller", "max_unsent_bytes_per_caller", "max_unsent_bytes_total",
        "max_name_bytes", "max_mime_type_bytes", "max_text_bytes", "max_tags",
    ]

    /// `differences` without the one expected extension: each limit field only on our side of `UploadConfig`
    /// (reached at `path`). Fails when a limit field is not there.
    static func withoutLimitFields(_ differences: [String], at path: String) -> [String] {
        let expected = Set(limitFields.map { "\(path): record field \($0) only on the left" })
        #expect(expected.isSubset(of: Set(differences)), "UploadConfig lacks a limit field: \(differences)")
        return differences.filter { !expected.contains($0) }
    }

    @Test("the printed .did parses back into the generated file")
    func roundTrip() throws {
        let file = try UploadCanisterInterface.didFile()
        let parsed = try DidFile.parse(try UploadCanisterInterface.didText())
        #expect(parsed == file)
        #expect(file.definitionOrder == file.definitionOrder.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let names = file.service?.methods.map(\.name) ?? []
        #expect(names == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(names.count == 18)
        #expect(file.serviceArguments == [.named("InitArg")])
    }

    @Test("every type our .did defines that futura's subset also defines has the same shape")
    func typeShapes() throws {
        let ours = try UploadCanisterInterface.didFile()
        let futura = try DidFile.parse(try PackageFiles.read(PackageFiles.futuraSubset))
        let compared = ours.definitionOrder.filter { futura.environment.definitions[$0] != nil }
        var comparison = ShapeComparison(left: ours.environment, right: futura.environment)
        var differences: [String] = []
        for name in compared {
            differences += comparison.differences(.named(name), .named(name), at: name)
        }
        #expect(
            Self.withoutLimitFields(differences, at: "UploadConfig") == [],
            "compared \(compared.count) types: \(compared.joined(separator: ", "))"
        )
        // Every name but the install argument's is futura's.
        #expect(Set(ours.definitionOrder).subtracting(compared) == ["InitArg"])
        #expect(compared.count == 57, "compared: \(compared.joined(separator: ", "))")
    }

    @Test("every method futura's subset also has keeps its signature (uploads_begin/finish: the seed era's)")
    func methodSignatures() throws {
        let ours = try UploadCanisterInterface.didFile()
        let futura = try Self.futuraSeedEra()
        let theirs = Dictionary(uniqueKeysWithValues: (futura.service?.methods ?? []).map { ($0.name, $0.type) })
        var comparison = ShapeComparison(left: ours.environment, right: futura.environment)
        var compared: [String] = []
        var differences: [String] = []
        for method in ours.service?.methods ?? [] {
            guard let type = theirs[method.name] else { continue }
            compared.append(method.name)
            differences += comparison.differences(method.type, type, at: method.name)
        }
        #expect(
            Self.withoutLimitFields(differences, at: "upload_config/result 0") == [],
            "compared \(compared.joined(separator: ", "))"
        )
        #expect(compared == (ours.service?.methods ?? []).map(\.name), "a method is missing from futura's subset")
    }

    @Test("futura's names for the types of the shared methods are all defined by ours")
    func namesCovered() throws {
        let ours = try UploadCanisterInterface.didFile()
        let futura = try DidFile.parse(try PackageFiles.read(PackageFiles.futuraSubset))
        var reachable: Set<String> = []
        let shared = Set((ours.service?.methods ?? []).map(\.name))
        var pending: [CandidType] = (futura.service?.methods ?? []).filter { shared.contains($0.name) }.map(\.type)
        while let type = pending.popLast() {
            switch type {
            case .named(let name):
                if reachable.insert(name).inserted, let definition = futura.environment.definitions[name] {
                    pending.append(definition)
                }
            case .opt(let inner), .vec(let inner): pending.append(inner)
            case .record(let fields), .variant(let fields): pending += fields.map(\.type)
            case .function(let function): pending += function.arguments + function.results
            default: break
            }
        }
        // HEAD's uploads_begin takes no AssetMetadata; the seed era's does, and so do we.
        let missing = reachable.subtracting(ours.definitionOrder)
        #expect(missing == [], "futura names that our .did does not define: \(missing.sorted())")
    }

    @Test("the comparison finds differences: a field type, a missing case, the seed era's AssetType")
    func comparisonCanFail() throws {
        let a = try DidFile.parse("type T = record { a : nat; b : opt text }; type U = variant { X; Y : T };")
        let b = try DidFile.parse("type T = record { a : int; b : opt text }; type U = variant { X };")
        var comparison = ShapeComparison(left: a.environment, right: b.environment)
        #expect(comparison.differences(.named("T"), .named("T"), at: "T") == ["T.a: nat vs int"])
        #expect(comparison.differences(.named("U"), .named("U"), at: "U") == ["U: variant field Y only on the left"])
        let seedAssetType = try DidFile.parse(
            "type AssetType = variant { Preview; Metadata; Derivative; Original; Thumbnail };"
        )
        let ours = try UploadCanisterInterface.didFile()
        var eras = ShapeComparison(left: ours.environment, right: seedAssetType.environment)
        #expect(eras.differences(.named("AssetType"), .named("AssetType"), at: "AssetType").count == 4)
    }
}
