// Sources/Candid/Binary/TypeInference.swift - the Candid type of a value that carries none

/// Infers the type of a value for ``Candid/encode(_:)``.
///
/// Each value gets its most specific type: `.opt(nil)` is `opt empty` (a subtype of every option),
/// an empty vector is `vec empty`, a blob is `vec nat8`, a variant value is a variant with that one
/// tag. Vector elements are joined: `opt empty` with `opt nat` gives `opt nat`, `nat` with `int`
/// gives `int`, variants take the union of their tags. References carry no type, so a function is
/// `func () -> ()` and a service `service {}`; encode those at explicit types instead.
enum TypeInference {
    static func type(of value: CandidValue) throws(CandidError) -> CandidType {
        switch value {
        case .null: return .null
        case .bool: return .bool
        case .nat: return .nat
        case .int: return .int
        case .nat8: return .nat8
        case .nat16: return .nat16
        case .nat32: return .nat32
        case .nat64: return .nat64
        case .int8: return .int8
        case .int16: return .int16
        case .int32: return .int32
        case .int64: return .int64
        case .float32: return .float32
        case .float64: return .float64
        case .text: return .text
        case .reserved: return .reserved
        case .principal: return .principal
        case .opt(let inner):
            guard let inner else { return .opt(.empty) }
            return .opt(try type(of: inner))
        case .blob: return .vec(.nat8)
        case .vec(let items):
            var element = CandidType.empty
            for (index, item) in items.enumerated() {
                do {
                    element = try join(element, try type(of: item))
                } catch {
                    var located = error
                    located.path.insert("[\(index)]", at: 0)
                    throw located
                }
            }
            return .vec(element)
        case .record(let fields):
            var types: [CandidField] = []
            for field in fields {
                do {
                    types.append(CandidField(field.label, try type(of: field.value)))
                } catch {
                    var located = error
                    located.path.insert(pathComponent(field.label), at: 0)
                    throw located
                }
            }
            return .record(types)
        case .variant(let label, let payload):
            return .variant([CandidField(label, try type(of: payload))])
        case .function:
            return .function(CandidFunctionType(arguments: [], results: []))
        case .service:
            return .service(CandidServiceType(methods: []))
        }
    }

    /// The smallest type both `lhs` and `rhs` values encode at.
    static func join(_ lhs: CandidType, _ rhs: CandidType) throws(CandidError) -> CandidType {
        if lhs == rhs { return lhs }
        switch (lhs, rhs) {
        case (.empty, _): return rhs
        case (_, .empty): return lhs
        case (.reserved, _), (_, .reserved): return .reserved
        case (.nat, .int), (.int, .nat): return .int
        case (.null, .opt), (.opt, .null):
            return lhs == .null ? rhs : lhs
        case (.opt(let left), .opt(let right)):
            return .opt(try join(left, right))
        case (.vec(let left), .vec(let right)):
            return .vec(try join(left, right))
        case (.record(let left), .record(let right)):
            guard Set(left.map(\.label.id)) == Set(right.map(\.label.id)), left.count == right.count else {
                throw CandidError(.typeMismatch, "records with different fields can't share a vector")
            }
            var fields: [CandidField] = []
            for field in left {
                guard let other = right.first(where: { $0.label == field.label }) else { continue }
                fields.append(CandidField(field.label, try join(field.type, other.type)))
            }
            return .record(fields)
        case (.variant(let left), .variant(let right)):
            var fields = left
            for field in right {
                if let index = fields.firstIndex(where: { $0.label == field.label }) {
                    fields[index].type = try join(fields[index].type, field.type)
                } else {
                    fields.append(field)
                }
            }
            return .variant(fields)
        default:
            throw CandidError(.typeMismatch, "values of different types can't share a vector")
        }
    }
}
