// Sources/Replay/ReplayValue+Inference.swift - the Candid type `encode (...)` gives a value that has none

import Candid

extension ReplayValue {
    /// The type Candid's own inference (``Candid/encode(_:)``) gives this value: the most specific type,
    /// vector elements joined (`opt empty` and `opt nat` give `opt nat`, `nat` and `int` give `int`,
    /// variants take the union of their tags). Tags are looked up by id, so a vector of n variants
    /// joins in O(n log n) rather than O(n²). Call ``defaultTyped()`` first: literals have no type.
    /// - Throws: `ValueError` (code `candid`) when vector elements have no common type.
    func inferredType() throws(ValueError) -> CandidType {
        let joined = JoinedType()
        try joined.add(self, path: [])
        return joined.type
    }
}

/// A type joined from values so far, mutable so that each value adds to it in place.
private final class JoinedType {
    private enum Shape {
        case empty
        case leaf(CandidType)
        case opt(JoinedType)
        case vec(JoinedType)
        /// Fields in ``labels`` and ``fields``.
        case record
        /// Tags in ``labels`` and ``fields``.
        case variant
    }

    private var shape: Shape = .empty
    /// The labels of a record or variant in order, and their types by id (kept outside ``shape`` so that
    /// adding a tag changes them in place).
    private var labels: [CandidLabel] = []
    private var fields: [UInt32: JoinedType] = [:]

    var type: CandidType {
        switch shape {
        case .empty: .empty
        case .leaf(let type): type
        case .opt(let inner): .opt(inner.type)
        case .vec(let element): .vec(element.type)
        case .record: .record(labels.map { CandidField($0, fields[$0.id]?.type ?? .empty) })
        case .variant: .variant(labels.map { CandidField($0, fields[$0.id]?.type ?? .empty) })
        }
    }

    private static func mismatch(_ what: String, _ path: [String]) -> ValueError {
        let place = path.isEmpty ? "" : " at " + path.joined()
        return ValueError("the values do not encode: \(what) can't share a vector\(place)", code: .candid)
    }

    /// Joins the type of `value` into this one.
    func add(_ value: ReplayValue, path: [String]) throws(ValueError) {
        if case .leaf(.reserved) = shape {
            // Reserved takes any value, but the value must still have a type.
            try JoinedType().add(value, path: path)
            return
        }
        switch value {
        case .reserved:
            shape = .leaf(.reserved)
        case .null:
            switch shape {
            case .empty: shape = .leaf(.null)
            case .leaf(.null), .opt: break
            default: throw Self.mismatch("values of different types", path)
            }
        case .opt(let inner):
            switch shape {
            case .empty, .leaf(.null):
                let joined = JoinedType()
                shape = .opt(joined)
                if let inner { try joined.add(inner, path: path) }
            case .opt(let joined):
                if let inner { try joined.add(inner, path: path) }
            default: throw Self.mismatch("values of different types", path)
            }
        case .blob:
            let element = try vecElement(path)
            try element.addLeaf(.nat8, path: path)
        case .vec(let items):
            let element = try vecElement(path)
            for (index, item) in items.enumerated() { try element.add(item, path: path + ["[\(index)]"]) }
        case .record(let values):
            switch shape {
            case .empty:
                shape = .record
                for field in values {
                    let joined = JoinedType()
                    try joined.add(field.value, path: path + [Self.component(field.label)])
                    labels.append(field.label)
                    fields[field.label.id] = joined
                }
            case .record:
                guard labels.count == values.count, values.allSatisfy({ fields[$0.label.id] != nil }) else {
                    throw Self.mismatch("records with different fields", path)
                }
                for field in values {
                    try fields[field.label.id]?.add(field.value, path: path + [Self.component(field.label)])
                }
            default: throw Self.mismatch("values of different types", path)
            }
        case .variant(let label, let payload):
            let component = path + [Self.component(label)]
            switch shape {
            case .empty, .variant:
                shape = .variant
                if let joined = fields[label.id] {
                    try joined.add(payload, path: component)
                } else {
                    let joined = JoinedType()
                    try joined.add(payload, path: component)
                    labels.append(label)
                    fields[label.id] = joined
                }
            default: throw Self.mismatch("values of different types", path)
            }
        case .number(let digits):
            throw ValueError("the number \(digits) has no type here; annotate it, e.g. (\(digits) : nat)")
        case .bool: try addLeaf(.bool, path: path)
        case .nat: try addLeaf(.nat, path: path)
        case .int: try addLeaf(.int, path: path)
        case .nat8: try addLeaf(.nat8, path: path)
        case .nat16: try addLeaf(.nat16, path: path)
        case .nat32: try addLeaf(.nat32, path: path)
        case .nat64: try addLeaf(.nat64, path: path)
        case .int8: try addLeaf(.int8, path: path)
        case .int16: try addLeaf(.int16, path: path)
        case .int32: try addLeaf(.int32, path: path)
        case .int64: try addLeaf(.int64, path: path)
        case .float32: try addLeaf(.float32, path: path)
        case .float64: try addLeaf(.float64, path: path)
        case .text: try addLeaf(.text, path: path)
        case .principal: try addLeaf(.principal, path: path)
        case .function: try addLeaf(.function(CandidFunctionType(arguments: [], results: [])), path: path)
        case .service: try addLeaf(.service(CandidServiceType(methods: [])), path: path)
        }
    }

    private func vecElement(_ path: [String]) throws(ValueError) -> JoinedType {
        switch shape {
        case .empty:
            let element = JoinedType()
            shape = .vec(element)
            return element
        case .vec(let element): return element
        default: throw Self.mismatch("values of different types", path)
        }
    }

    private func addLeaf(_ type: CandidType, path: [String]) throws(ValueError) {
        switch shape {
        case .empty: shape = .leaf(type)
        case .leaf(let current) where current == type: break
        case .leaf(.nat) where type == .int, .leaf(.int) where type == .nat: shape = .leaf(.int)
        default: throw Self.mismatch("values of different types", path)
        }
    }

    private static func component(_ label: CandidLabel) -> String {
        label.name.map { "." + $0 } ?? ".\(label.id)"
    }
}
