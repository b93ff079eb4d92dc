// Sources/Candid/Text/CandidType+Text.swift - printing types as Candid text

extension CandidType: CustomStringConvertible {
    /// The type in Candid syntax, on one line: `record { a : nat; 5 : bool }`, `opt vec text`,
    /// `func (nat) -> (text) query`. `vec nat8` prints as `blob`; record fields whose ids are
    /// 0, 1, 2... without names print as a tuple (`record { nat; bool }`); variant cases of type
    /// `null` print as a bare label (`variant { A; B : nat }`).
    public var description: String {
        var out = ""
        CandidTypePrinter.print(self, into: &out)
        return out
    }
}

extension CandidFunctionType: CustomStringConvertible {
    /// `(args) -> (results) modes`, without the `func` keyword (the form of a service method).
    public var description: String {
        var out = ""
        CandidTypePrinter.print(self, into: &out)
        return out
    }
}

extension CandidServiceType: CustomStringConvertible {
    /// `{ name : (args) -> (results); ... }`.
    public var description: String {
        var out = ""
        CandidTypePrinter.print(self, into: &out)
        return out
    }
}

extension Candid {
    /// The Candid text of a type, e.g. `record { a : nat; b : opt text }`.
    public static func printType(_ type: CandidType) -> String { type.description }

    /// The Candid text of an argument tuple type, e.g. `(nat, record { a : text })`.
    public static func printTypes(_ types: [CandidType]) -> String {
        var out = ""
        CandidTypePrinter.printTuple(types, into: &out)
        return out
    }

    /// Parses an argument tuple type such as `(nat, record { a : text; 5 : bool }, opt vec principal)`
    /// (arguments may be named: `(id : nat64, text)`), or a single type without parentheses.
    ///
    /// Names refer to `environment`'s definitions.
    /// - Throws: `CandidError.Code.syntax` with the line and column of the problem, or
    ///   `.unknownType` for a name `environment` does not define.
    public static func parseTypes(
        _ text: String,
        in environment: CandidTypeEnvironment = .init()
    ) throws(CandidError) -> [CandidType] {
        var parser = try CandidParser(text, errorCode: .syntax, environment: environment)
        let types = try parser.parseTypesToEnd()
        for type in types { try environment.checkReferences(in: type) }
        return types
    }
}

/// Writes types as Candid text.
enum CandidTypePrinter {
    static func print(_ type: CandidType, into out: inout String) {
        switch type {
        case .null: out += "null"
        case .bool: out += "bool"
        case .nat: out += "nat"
        case .int: out += "int"
        case .nat8: out += "nat8"
        case .nat16: out += "nat16"
        case .nat32: out += "nat32"
        case .nat64: out += "nat64"
        case .int8: out += "int8"
        case .int16: out += "int16"
        case .int32: out += "int32"
        case .int64: out += "int64"
        case .float32: out += "float32"
        case .float64: out += "float64"
        case .text: out += "text"
        case .reserved: out += "reserved"
        case .empty: out += "empty"
        case .principal: out += "principal"
        case .opt(let inner):
            out += "opt "
            print(inner, into: &out)
        case .vec(.nat8):
            out += "blob"
        case .vec(let inner):
            out += "vec "
            print(inner, into: &out)
        case .record(let fields):
            out += "record {"
            let isTuple = fields.enumerated().allSatisfy { $1.label.name == nil && $1.label.id == UInt32($0) }
            for (index, field) in fields.enumerated() {
                out += index == 0 ? " " : "; "
                if !isTuple { out += CandidTextSyntax.label(field.label) + " : " }
                print(field.type, into: &out)
            }
            out += fields.isEmpty ? "}" : " }"
        case .variant(let fields):
            out += "variant {"
            for (index, field) in fields.enumerated() {
                out += index == 0 ? " " : "; "
                out += CandidTextSyntax.label(field.label)
                if field.type != .null {
                    out += " : "
                    print(field.type, into: &out)
                }
            }
            out += fields.isEmpty ? "}" : " }"
        case .function(let function):
            out += "func "
            print(function, into: &out)
        case .service(let service):
            out += "service "
            print(service, into: &out)
        case .named(let name):
            out += name
        }
    }

    static func printTuple(_ types: [CandidType], into out: inout String) {
        out += "("
        for (index, type) in types.enumerated() {
            if index > 0 { out += ", " }
            print(type, into: &out)
        }
        out += ")"
    }

    static func print(_ function: CandidFunctionType, into out: inout String) {
        printTuple(function.arguments, into: &out)
        out += " -> "
        printTuple(function.results, into: &out)
        for mode in function.modes {
            switch mode {
            case .query: out += " query"
            case .oneway: out += " oneway"
            case .compositeQuery: out += " composite_query"
            }
        }
    }

    /// A method's type: the function signature, or the name of a function type.
    static func printMethodType(_ type: CandidType, into out: inout String) {
        if case .function(let function) = type {
            print(function, into: &out)
        } else {
            print(type, into: &out)
        }
    }

    static func print(_ service: CandidServiceType, into out: inout String) {
        out += "{"
        for (index, method) in service.methods.enumerated() {
            out += index == 0 ? " " : "; "
            out += CandidTextSyntax.name(method.name) + " : "
            printMethodType(method.type, into: &out)
        }
        out += service.methods.isEmpty ? "}" : " }"
    }
}
