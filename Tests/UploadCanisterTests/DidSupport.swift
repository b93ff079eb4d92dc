// Tests/UploadCanisterTests/DidSupport.swift - the package's files, and a structural comparison of types

import Candid
import Foundation
import TestSupport

extension PackageFiles {
    /// A file of the package as text.
    static func read(_ url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw HarnessError("cannot read \(url.path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Compares two Candid types by structure: named types are resolved (each side in its own environment),
/// records and variants compared label by label (by id), recursion assumed equal once entered.
struct ShapeComparison {
    let left: CandidTypeEnvironment
    let right: CandidTypeEnvironment
    private var assumed: Set<[String]> = []

    init(left: CandidTypeEnvironment, right: CandidTypeEnvironment) {
        self.left = left
        self.right = right
    }

    /// The differences between `a` (left) and `b` (right), each naming its path; empty when the shapes match.
    mutating func differences(_ a: CandidType, _ b: CandidType, at path: String) -> [String] {
        var a = a
        var b = b
        var names: [String] = ["", ""]
        while case .named(let name) = a {
            guard let definition = left.definitions[name] else {
                return ["\(path): \(name) is undefined on the left"]
            }
            names[0] = name
            a = definition
        }
        while case .named(let name) = b {
            guard let definition = right.definitions[name] else {
                return ["\(path): \(name) is undefined on the right"]
            }
            names[1] = name
            b = definition
        }
        if !names[0].isEmpty, !names[1].isEmpty {
            guard assumed.insert(names).inserted else { return [] }
        }
        switch (a, b) {
        case (.opt(let x), .opt(let y)), (.vec(let x), .vec(let y)):
            return differences(x, y, at: path + "/" + (a == .opt(x) ? "opt" : "vec"))
        case (.record(let x), .record(let y)):
            return fields(x, y, at: path, kind: "record")
        case (.variant(let x), .variant(let y)):
            return fields(x, y, at: path, kind: "variant")
        case (.function(let x), .function(let y)):
            return function(x, y, at: path)
        case (.service(let x), .service(let y)):
            guard x.methods.map(\.name) == y.methods.map(\.name) else { return ["\(path): service methods differ"] }
            var found: [String] = []
            for (m, n) in zip(x.methods, y.methods) {
                found += differences(m.type, n.type, at: path + "." + m.name)
            }
            return found
        default:
            return a == b ? [] : ["\(path): \(a) vs \(b)"]
        }
    }

    mutating func function(_ x: CandidFunctionType, _ y: CandidFunctionType, at path: String) -> [String] {
        guard x.arguments.count == y.arguments.count, x.results.count == y.results.count else {
            return ["\(path): \(x) vs \(y)"]
        }
        var found: [String] = x.modes == y.modes ? [] : ["\(path): modes \(x.modes) vs \(y.modes)"]
        for (index, (p, q)) in zip(x.arguments, y.arguments).enumerated() {
            found += differences(p, q, at: "\(path)/argument \(index)")
        }
        for (index, (p, q)) in zip(x.results, y.results).enumerated() {
            found += differences(p, q, at: "\(path)/result \(index)")
        }
        return found
    }

    private mutating func fields(_ x: [CandidField], _ y: [CandidField], at path: String, kind: String) -> [String] {
        let xs = Dictionary(x.map { ($0.label.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ys = Dictionary(y.map { ($0.label.id, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [String] = []
        for id in Set(xs.keys).union(ys.keys).sorted() {
            switch (xs[id], ys[id]) {
            case (let p?, let q?):
                found += differences(p.type, q.type, at: path + "." + (p.label.name ?? String(id)))
            case (let p?, nil):
                found.append("\(path): \(kind) field \(p.label.name ?? String(id)) only on the left")
            case (nil, let q?):
                found.append("\(path): \(kind) field \(q.label.name ?? String(id)) only on the right")
            case (nil, nil):
                break
            }
        }
        return found
    }
}
