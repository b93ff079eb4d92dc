// Tests/ReplayTests/ASTDescription.swift - a compact rendering of parsed scripts, to assert exact shapes

import Candid
import Replay

/// Renders statements and expressions as short S-expression-like text.
enum AST {
    static func describe(_ statements: [ReplayStatement]) -> String {
        statements.map(describe).joined(separator: " ")
    }

    static func describe(_ statement: ReplayStatement) -> String {
        switch statement.kind {
        case .identity(let name): return "(identity \(name))"
        case .importCanister(let name, let canister): return "(import \(name) \(canister.text))"
        case .bind(let name, let value): return "(let \(name) \(describe(value)))"
        case .show(let value): return "(show \(describe(value)))"
        case .assert(let op, let a, let b): return "(assert \(describe(a)) \(op.rawValue) \(describe(b)))"
        case .function(let name, let parameters, let body):
            return "(function \(name) [\(parameters.joined(separator: " "))] \(describe(body)))"
        case .branch(let condition, let then, let otherwise):
            return "(if \(describe(condition)) {\(describe(then))} else {\(describe(otherwise))})"
        case .loop(let condition, let body): return "(while \(describe(condition)) {\(describe(body))})"
        case .load(let path): return "(load \(path))"
        }
    }

    static func describe(_ method: ReplayMethodReference) -> String {
        switch method.canister {
        case .variable(let name): return "\(name).\(method.method)"
        case .text(let text): return "'\(text)'.\(method.method)"
        }
    }

    static func describe(_ expressions: [ReplayExpression]) -> String {
        expressions.map(describe).joined(separator: " ")
    }

    static func label(_ label: CandidLabel) -> String { label.name ?? "#\(label.id)" }

    static func describe(_ expression: ReplayExpression) -> String {
        switch expression.kind {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .number(let digits): return digits
        case .float(let value): return "f\(value)"
        case .text(let text): return "'\(text)'"
        case .blob(let bytes): return "blob\(bytes)"
        case .opt(let inner): return "(opt \(describe(inner)))"
        case .vec(let items): return "(vec \(describe(items)))"
        case .record(let fields):
            return "(record" + fields.map { " \(label($0.0))=\(describe($0.1))" }.joined() + ")"
        case .variant(let tag, let inner): return "(variant \(label(tag))=\(describe(inner)))"
        case .principal(let p): return "(principal \(p.text))"
        case .service(let p): return "(service \(p.text))"
        case .function(let p, let method): return "(func \(p.text).\(method))"
        case .annotated(let inner, let type): return "(: \(describe(inner)) \(type))"
        case .path(let name, let selectors):
            return name + selectors.map { selector in
                switch selector {
                case .option: return "?"
                case .field(let field): return "." + label(field)
                case .index(let index): return "[\(describe(index))]"
                case .map(let f): return ".map(\(f))"
                case .filter(let f): return ".filter(\(f))"
                case .fold(let initial, let f): return ".fold(\(describe(initial)),\(f))"
                case .size: return ".size()"
                }
            }.joined()
        case .call(let method, let arguments): return "(call \(describe(method)) \(describe(arguments)))"
        case .parallelCall(let calls):
            return "(par" + calls.map { " (\(describe($0.0)) \(describe($0.1)))" }.joined() + ")"
        case .apply(let name, let arguments): return "(\(name) \(describe(arguments)))"
        case .simulator(let name, let arguments): return "(sim.\(name) \(describe(arguments)))"
        case .fail(let inner): return "(fail \(describe(inner)))"
        case .encode(let method, let arguments):
            return "(encode \(method.map(describe) ?? "-") \(describe(arguments)))"
        case .decode(let method, let blob): return "(decode \(method.map(describe) ?? "-") \(describe(blob)))"
        }
    }
}
