// Sources/Candid/Mapping/Mapping+Support.swift - paths, labels, errors and casts shared by the bridge

/// A path into a value being mapped, outermost first, kept as a linked list so that going one level
/// deeper costs one small allocation instead of copying an array.
struct MappingPath {
    private final class Node {
        let parent: Node?
        let component: String
        let key: (any CodingKey)?
        init(parent: Node?, component: String, key: (any CodingKey)?) {
            self.parent = parent
            self.component = component
            self.key = key
        }
    }

    private let node: Node?

    private init(node: Node?) { self.node = node }

    /// The empty path.
    static var root: MappingPath { MappingPath(node: nil) }

    /// A path starting with the given components (an argument position, a method name...).
    init(_ components: [String]) {
        var path = MappingPath.root
        for component in components { path = path.appending(component) }
        self = path
    }

    /// One level deeper, named `component`; `key` is the Codable key that led there, if any.
    func appending(_ component: String, key: (any CodingKey)? = nil) -> MappingPath {
        MappingPath(node: Node(parent: node, component: component, key: key))
    }

    /// One level deeper along a coding key.
    func appending(key: any CodingKey) -> MappingPath {
        appending(key.intValue.map(String.init) ?? key.stringValue, key: key)
    }

    /// The path as strings, outermost first, for ``CandidError/path``.
    var components: [String] {
        var result: [String] = []
        var current = node
        while let this = current {
            result.append(this.component)
            current = this.parent
        }
        return result.reversed()
    }

    /// The Codable keys along the path, outermost first.
    var codingPath: [any CodingKey] {
        var result: [any CodingKey] = []
        var current = node
        while let this = current {
            if let key = this.key { result.append(key) }
            current = this.parent
        }
        return result.reversed()
    }
}

/// A key built by the bridge itself (array indices, `super`).
struct MappingKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }
    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
    static let `super` = MappingKey(stringValue: "super")
}

enum MappingLabels {
    /// The tuple position of an enum payload key `_N`, if the key is one.
    static func tupleIndex(_ name: String) -> UInt32? {
        let utf8 = name.utf8
        guard utf8.count >= 2, utf8.first == UInt8(ascii: "_") else { return nil }
        var value: UInt32 = 0
        for byte in utf8.dropFirst() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt32(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    /// The Candid label of a Codable key: the key's `intValue` as a numeric label when it has one,
    /// `_N` as the numeric label N inside an enum case payload, else the hashed `stringValue`.
    static func label(for key: any CodingKey, inPayload: Bool, path: MappingPath) throws -> CandidLabel {
        if let intValue = key.intValue {
            guard let id = UInt32(exactly: intValue) else {
                throw CandidError(
                    .mapping, "coding key `\(key.stringValue)` has int value \(intValue), not a label id (0...2^32-1)",
                    path: path.components)
            }
            return CandidLabel(id: id)
        }
        if inPayload, let index = tupleIndex(key.stringValue) { return CandidLabel(id: index) }
        return CandidLabel(key.stringValue)
    }

    /// A key of type `Key` for a label received in a value: by name, then by number, then (for
    /// CaseIterable keys) by matching the hash of each case's name.
    static func key<Key: CodingKey>(_ type: Key.Type, for label: CandidLabel) -> Key? {
        if let name = label.name, let key = Key(stringValue: name) { return key }
        if let key = Key(intValue: Int(label.id)) { return key }
        for key in allCases(of: Key.self) where CandidLabel.hash(key.stringValue) == label.id && key.intValue == nil {
            return key
        }
        return nil
    }

    /// All keys of a CaseIterable key type, in declaration order; empty when it is not CaseIterable.
    static func allCases<Key: CodingKey>(of type: Key.Type) -> [Key] {
        guard let iterable = Key.self as? any CaseIterable.Type else { return [] }
        func open<C: CaseIterable>(_ type: C.Type) -> [Key] { C.allCases.compactMap { mappingCast($0, to: Key.self) } }
        return open(iterable)
    }

    /// Whether `Key` is CaseIterable (the variant annotation).
    static func isCaseIterable<Key: CodingKey>(_ type: Key.Type) -> Bool { Key.self is any CaseIterable.Type }

    /// Whether an enum case's key type is that of a case with exactly one unlabeled associated value,
    /// whose payload maps directly (`case Image(ImageAssetMetadata)` → `Image : ImageAssetMetadata`).
    static func isDirectPayload<Key: CodingKey>(_ type: Key.Type) -> Bool {
        Key(stringValue: "_0") != nil && Key(stringValue: "_1") == nil
    }

    /// The printable form of a label in paths and messages.
    static func display(_ label: CandidLabel) -> String { label.name ?? String(label.id) }

    /// How an enum case's associated values map, from the keys written or read for them.
    enum PayloadShape {
        /// No associated values: `null`.
        case empty
        /// One unlabeled associated value (`_0`): the value itself.
        case single
        /// Several, or labeled, associated values: a record.
        case record
    }

    /// The shape of an enum case payload with these keys; throws when labeled and unlabeled
    /// (`_N`) associated values are mixed.
    static func payloadShape(of keys: [any CodingKey], path: MappingPath) throws -> PayloadShape {
        if keys.isEmpty { return .empty }
        let tupleKeys = keys.filter { $0.intValue == nil && tupleIndex($0.stringValue) != nil }
        if keys.count == 1, tupleKeys.count == 1, keys[0].stringValue == "_0" { return .single }
        guard tupleKeys.isEmpty || tupleKeys.count == keys.count else {
            throw CandidError(
                .mapping,
                "an enum case mixes labeled and unlabeled associated values ("
                    + keys.map(\.stringValue).joined(separator: ", ") + "); label all of them or none",
                path: path.components)
        }
        return .record
    }
}

/// A cast between generic types. Kept out of line so that a cast between two arrays of the same
/// type is a constant-time runtime check and never an element-by-element array conversion.
@inline(never)
func mappingCast<Source, Target>(_ value: Source, to target: Target.Type) -> Target? {
    value as? Target
}

extension CandidError {
    /// `expected nat64, found text`.
    static func mappingMismatch(expected: String, found value: CandidValue, path: [String] = []) -> CandidError {
        CandidError(.typeMismatch, "expected \(expected), found \(value.mappingKind)", path: path)
    }

    /// The same error, with `prefix` put in front of its path.
    func prefixingPath(_ prefix: [String]) -> CandidError {
        var copy = self
        copy.path = prefix + copy.path
        return copy
    }
}

/// Runs `body`, putting `component` in front of the path of any `CandidError` it throws.
func withMappingPath<R>(_ component: String, _ body: () throws -> R) throws -> R {
    do {
        return try body()
    } catch let error as CandidError {
        throw error.prefixingPath([component])
    }
}

extension CandidValue {
    /// A short name of the value's kind, for messages: `nat64`, `record`, `variant Image`.
    var mappingKind: String {
        if case .variant(let label, _) = self { return "variant { \(MappingLabels.display(label)) }" }
        return kindName
    }

    /// A value of `type`, used to build the sample instances that type discovery hands to `init(from:)`.
    static func mappingSample(of type: CandidType) throws -> CandidValue {
        switch type {
        case .null: return .null
        case .bool: return .bool(false)
        case .nat: return .nat(BigInt(0))
        case .int: return .int(BigInt(0))
        case .nat8: return .nat8(0)
        case .nat16: return .nat16(0)
        case .nat32: return .nat32(0)
        case .nat64: return .nat64(0)
        case .int8: return .int8(0)
        case .int16: return .int16(0)
        case .int32: return .int32(0)
        case .int64: return .int64(0)
        case .float32: return .float32(0)
        case .float64: return .float64(0)
        case .text: return .text("")
        case .reserved: return .reserved
        case .principal: return .principal(.managementCanister)
        case .opt: return .opt(nil)
        case .vec(.nat8): return .blob([])
        case .vec: return .vec([])
        case .record(let fields):
            return .record(try fields.map { CandidRecordField($0.label, try mappingSample(of: $0.type)) })
        case .variant(let fields):
            guard let first = fields.first else {
                throw CandidError(.mapping, "the empty variant has no values")
            }
            return .variant(first.label, try mappingSample(of: first.type))
        case .function: return .function(.managementCanister, method: "")
        case .service: return .service(.managementCanister)
        case .empty: throw CandidError(.mapping, "type empty has no values")
        case .named(let name): throw CandidError(.mapping, "no sample value for named type \(name)")
        }
    }
}

extension CandidType {
    /// A short name of the type's kind, for messages.
    var mappingKind: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .nat: "nat"
        case .int: "int"
        case .nat8: "nat8"
        case .nat16: "nat16"
        case .nat32: "nat32"
        case .nat64: "nat64"
        case .int8: "int8"
        case .int16: "int16"
        case .int32: "int32"
        case .int64: "int64"
        case .float32: "float32"
        case .float64: "float64"
        case .text: "text"
        case .reserved: "reserved"
        case .empty: "empty"
        case .principal: "principal"
        case .opt: "opt"
        case .vec(.nat8): "blob"
        case .vec: "vec"
        case .record: "record"
        case .variant: "variant"
        case .function: "func"
        case .service: "service"
        case .named(let name): name
        }
    }
}
