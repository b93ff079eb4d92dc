// Sources/Replay/ReplayValue+Typing.swift - giving script values the types a method expects

import Candid

extension ReplayValue {
    /// The value at a method parameter type, as Candid's text format types a parsed value.
    ///
    /// Integer literals take the numeric type (range-checked); `null` and an absent option become the
    /// absent option at `opt T`; a record may omit fields of type `opt` or `reserved` and may carry
    /// extra fields (they are dropped); `nat` widens to `int`; a float literal narrows to `float32`.
    /// Labels take their names from the type. A blob keeps its bytes and origin.
    /// - Throws: `ValueError` naming the path into the value and what did not fit.
    func typed(as type: CandidType, in environment: CandidTypeEnvironment) throws(ValueError) -> ReplayValue {
        try typed(as: type, in: environment, path: [])
    }

    private func typed(
        as type: CandidType,
        in environment: CandidTypeEnvironment,
        path: [String]
    ) throws(ValueError) -> ReplayValue {
        let type = try Self.resolve(type, in: environment)
        func mismatch() -> ValueError {
            let place = path.isEmpty ? "" : " at " + path.joined(separator: ".")
            return ValueError("expected \(type.description) but got a \(kindName) value\(place)")
        }
        switch (self, type) {
        case (_, .reserved): return .reserved
        case (.number(let digits), _):
            guard type.isNumeric, !type.isFloat else { throw mismatch() }
            return try Self.integer(digits, as: type, path: path)
        case (.float64(let f), .float32): return .float32(Float(f))
        case (.float64, .float64), (.float32, .float32): return self
        case (.null, .null), (.bool, .bool), (.text, .text), (.principal, .principal): return self
        case (.nat, .nat), (.int, .int): return self
        case (.nat(let n), .int): return .int(n)
        case (.nat8, .nat8), (.nat16, .nat16), (.nat32, .nat32), (.nat64, .nat64): return self
        case (.int8, .int8), (.int16, .int16), (.int32, .int32), (.int64, .int64): return self
        case (.null, .opt), (.reserved, .opt), (.opt(nil), .opt): return .opt(nil)
        case (.opt(.some(let inner)), .opt(let innerType)):
            return .opt(try inner.typed(as: innerType, in: environment, path: path))
        case (.blob, .vec(let element)):
            guard try Self.resolve(element, in: environment) == .nat8 else { throw mismatch() }
            return self
        case (.vec(let items), .vec(let element)):
            let elementType = try Self.resolve(element, in: environment)
            var typedItems: [ReplayValue] = []
            typedItems.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                typedItems.append(try item.typed(as: elementType, in: environment, path: path + ["[\(index)]"]))
            }
            if elementType == .nat8, let bytes = ReplayValue.vec(typedItems).bytes { return .blob(bytes) }
            return .vec(typedItems)
        case (.record(let fields), .record(let fieldTypes)):
            var typedFields: [ReplayField] = []
            typedFields.reserveCapacity(fieldTypes.count)
            for fieldType in fieldTypes {
                let name = Self.labelText(fieldType.label)
                if let field = fields.first(where: { $0.label.id == fieldType.label.id }) {
                    let value = try field.value.typed(as: fieldType.type, in: environment, path: path + [name])
                    typedFields.append(ReplayField(fieldType.label, value))
                    continue
                }
                switch try Self.resolve(fieldType.type, in: environment) {
                case .opt: typedFields.append(ReplayField(fieldType.label, .opt(nil)))
                case .reserved: typedFields.append(ReplayField(fieldType.label, .reserved))
                default:
                    let place = path.isEmpty ? "" : " in " + path.joined(separator: ".")
                    throw ValueError("record field \(name)\(place) is missing (type \(fieldType.type.description))")
                }
            }
            return .record(typedFields)
        case (.variant(let label, let inner), .variant(let fieldTypes)):
            guard let fieldType = fieldTypes.first(where: { $0.label.id == label.id }) else {
                let tags = fieldTypes.map { Self.labelText($0.label) }.joined(separator: ", ")
                throw ValueError("variant tag \(Self.labelText(label)) is not one of: \(tags)")
            }
            let value = try inner.typed(as: fieldType.type, in: environment, path: path + [Self.labelText(label)])
            return .variant(fieldType.label, value)
        case (.service, .service), (.function, .function): return self
        default: throw mismatch()
        }
    }

    /// Follows `.named` references to a structural type.
    static func resolve(_ type: CandidType, in environment: CandidTypeEnvironment) throws(ValueError) -> CandidType {
        var current = type
        var steps = 0
        while case .named(let name) = current {
            guard let definition = environment.definitions[name] else {
                throw ValueError("the type \(name) is not defined", code: .undefined)
            }
            steps += 1
            guard steps <= environment.definitions.count else {
                throw ValueError("the type \(name) is defined only in terms of itself")
            }
            current = definition
        }
        return current
    }

    /// An integer literal's digits at a numeric type, range-checked.
    static func integer(_ digits: String, as type: CandidType, path: [String]) throws(ValueError) -> ReplayValue {
        func outOfRange() -> ValueError {
            let place = path.isEmpty ? "" : " at " + path.joined(separator: ".")
            return ValueError("\(digits) is out of range for \(type)\(place)")
        }
        let value: ReplayValue?
        switch type {
        case .nat: value = digits.hasPrefix("-") ? nil : bigInteger(digits).map { .nat($0) }
        case .int: value = bigInteger(digits).map { .int($0) }
        case .nat8: value = UInt8(digits).map { .nat8($0) }
        case .nat16: value = UInt16(digits).map { .nat16($0) }
        case .nat32: value = UInt32(digits).map { .nat32($0) }
        case .nat64: value = UInt64(digits).map { .nat64($0) }
        case .int8: value = Int8(digits).map { .int8($0) }
        case .int16: value = Int16(digits).map { .int16($0) }
        case .int32: value = Int32(digits).map { .int32($0) }
        case .int64: value = Int64(digits).map { .int64($0) }
        case .float32: value = Float(digits).map { .float32($0) }
        case .float64: value = Double(digits).map { .float64($0) }
        default: value = nil
        }
        guard let value else { throw outOfRange() }
        return value
    }

    /// An integer literal's value: decimal digits, or `0x` and hex digits (how the lexer keeps literals
    /// over 128 bits, and how `BigInt` prints numbers past its decimal cap), with an optional `-`.
    static func bigInteger(_ digits: String) -> BigInt? {
        var text = Substring(digits)
        let negative = text.first == "-"
        if negative || text.first == "+" { text = text.dropFirst() }
        guard text.hasPrefix("0x") || text.hasPrefix("0X") else { return BigInt(digits) }
        guard let magnitude = BigInt(String(text.dropFirst(2)), radix: 16) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// A label as a script writes it: the name, or the id.
    static func labelText(_ label: CandidLabel) -> String { label.name ?? String(label.id) }
}

extension CandidType {
    /// Integer or float types.
    var isNumeric: Bool {
        switch self {
        case .nat, .int, .nat8, .nat16, .nat32, .nat64, .int8, .int16, .int32, .int64, .float32, .float64:
            return true
        default: return false
        }
    }

    var isFloat: Bool { self == .float32 || self == .float64 }
}
