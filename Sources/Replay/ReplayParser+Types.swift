// Sources/Replay/ReplayParser+Types.swift - Candid types in annotations: `(e : opt vec nat8)`

import Candid

extension Parser {
    static let primitiveTypes: [String: CandidType] = [
        "bool": .bool, "nat": .nat, "int": .int, "nat8": .nat8, "nat16": .nat16, "nat32": .nat32,
        "nat64": .nat64, "int8": .int8, "int16": .int16, "int32": .int32, "int64": .int64,
        "float32": .float32, "float64": .float64, "text": .text, "reserved": .reserved, "empty": .empty,
    ]

    mutating func type() throws(ReplayError) -> CandidType {
        try enter()
        defer { leave() }
        switch current.kind {
        case .keyword("null"):
            advance()
            return .null
        case .keyword("principal"):
            advance()
            return .principal
        case .keyword("blob"):
            advance()
            return .blob
        case .keyword("opt"):
            advance()
            return .opt(try type())
        case .keyword("vec"):
            advance()
            return .vec(try type())
        case .keyword("record"):
            advance()
            return .record(try fieldTypes(isVariant: false))
        case .keyword("variant"):
            advance()
            return .variant(try fieldTypes(isVariant: true))
        case .keyword("func"):
            advance()
            return .function(try functionType())
        case .keyword("service"):
            advance()
            return .service(try serviceType())
        case .identifier(let name):
            advance()
            return Self.primitiveTypes[name] ?? .named(name)
        default:
            throw unexpected("a type")
        }
    }

    /// `{ a : T; 1 : T; T; }` for records, `{ a : T; b; }` for variants; sorted, unique.
    mutating func fieldTypes(isVariant: Bool) throws(ReplayError) -> [CandidField] {
        let start = position
        try expectSymbol("{")
        var fields: [CandidField] = []
        var nextID: UInt32 = 0
        while !isSymbol("}") {
            if isLabel(followedBy: ":") {
                let label = try fieldLabel()
                advance()
                fields.append(CandidField(label, try type()))
            } else if isVariant {
                fields.append(CandidField(try fieldLabel(), .null))
            } else {
                fields.append(CandidField(CandidLabel(id: nextID), try type()))
            }
            nextID = (fields.last?.label.id ?? 0) &+ 1
            guard isSymbol(";") else { break }
            advance()
        }
        try expectSymbol("}")
        fields.sort { $0.label.id < $1.label.id }
        for index in fields.indices.dropFirst() where fields[index].label.id == fields[index - 1].label.id {
            throw error("type has the field \(ValuePrinter.label(fields[index].label)) twice", at: start)
        }
        return fields
    }

    /// `(A, B) -> (R) query`
    mutating func functionType() throws(ReplayError) -> CandidFunctionType {
        let arguments = try typeTuple()
        try expectSymbol("->")
        let results = try typeTuple()
        var modes: [CandidFunctionType.Mode] = []
        while true {
            if isKeyword("query") {
                modes.append(.query)
            } else if isKeyword("oneway") {
                modes.append(.oneway)
            } else if isKeyword("composite_query") {
                modes.append(.compositeQuery)
            } else {
                break
            }
            advance()
        }
        return CandidFunctionType(arguments: arguments, results: results, modes: modes)
    }

    /// `(T, name : T, ...)`
    mutating func typeTuple() throws(ReplayError) -> [CandidType] {
        try expectSymbol("(")
        var types: [CandidType] = []
        while !isSymbol(")") {
            if isLabel(followedBy: ":") {
                advance()
                advance()
            }
            types.append(try type())
            guard isSymbol(",") else { break }
            advance()
        }
        try expectSymbol(")")
        return types
    }

    /// `{ m : (A) -> (R); n : T; }`
    mutating func serviceType() throws(ReplayError) -> CandidServiceType {
        try expectSymbol("{")
        var methods: [CandidServiceType.Method] = []
        while !isSymbol("}") {
            let name = try self.name("a method name")
            try expectSymbol(":")
            let type: CandidType
            if isSymbol("(") {
                type = .function(try functionType())
            } else {
                type = .named(try identifier("a function type or type name"))
            }
            methods.append(CandidServiceType.Method(name: name, type: type))
            guard isSymbol(";") else { break }
            advance()
        }
        try expectSymbol("}")
        methods.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return CandidServiceType(methods: methods)
    }
}
