// Sources/Candid/DidFile.swift - .did files: type definitions and a service

/// A parsed `.did` file.
public struct DidFile: Hashable, Sendable {
    /// The `type X = ...;` definitions.
    public var environment: CandidTypeEnvironment
    /// Definition names in file order (for printing).
    public var definitionOrder: [String]
    /// The service's init arguments (`service : (A) -> { ... }`), if any.
    public var serviceArguments: [CandidType]?
    /// The service's methods, if the file has a service.
    public var service: CandidServiceType?

    /// A `.did` file with these parts.
    public init(
        environment: CandidTypeEnvironment = .init(),
        definitionOrder: [String] = [],
        serviceArguments: [CandidType]? = nil,
        service: CandidServiceType? = nil
    ) {
        self.environment = environment
        self.definitionOrder = definitionOrder
        self.serviceArguments = serviceArguments
        self.service = service
    }

    /// Parses `.did` text: `type X = ...;` definitions (which may be recursive), then an optional
    /// `service : { ... }`, `service : (A) -> { ... }` or `service : Name` (a defined service type,
    /// whose methods become ``service``). `//` and nested `/* */` comments are skipped.
    ///
    /// - Throws: `CandidError.Code.syntax` (with line and column), `.unsupported` for `import`,
    ///   `.unknownType` for an undefined name, `.invalidTypeReference` for a definition that is only
    ///   a cycle of names (`type A = B; type B = A`).
    public static func parse(_ text: String) throws(CandidError) -> DidFile {
        var parser = try CandidParser(text, errorCode: .syntax)
        let (environment, order) = try parser.parseDefinitions()
        var file = DidFile(environment: environment, definitionOrder: order)
        if parser.isWord("service") {
            parser.advance()
            if parser.atName { _ = try parser.parseName("a service name") }
            try parser.expect(.colon, "':'")
            if parser.kind == .leftParen {
                file.serviceArguments = try parser.parseTupleType()
                try parser.expect(.arrow, "'->'")
            }
            if parser.kind == .leftBrace {
                file.service = try parser.parseServiceBody()
            } else if case .identifier(let name) = parser.kind, parser.atName {
                let offset = parser.current.offset
                parser.advance()
                guard case .service(let service) = try environment.resolve(.named(name)) else {
                    throw parser.error("service type \(name) is not a service type", at: offset)
                }
                file.service = service
            } else {
                throw parser.unexpected(expected: "'{' or a service type name")
            }
            _ = parser.accept(.semicolon)
        }
        guard parser.kind == .end else { throw parser.unexpected(expected: "'type', 'service' or end of input") }
        try environment.validate()
        for argument in file.serviceArguments ?? [] { try environment.checkReferences(in: argument) }
        if let service = file.service { try environment.checkMethods(of: service) }
        return file
    }

    /// The `.did` text of this file: one `type X = ...;` line per definition in ``definitionOrder``
    /// (then any other definitions, sorted by name), then the service with one method per line.
    /// ``parse(_:)`` of this text gives back an equal file.
    public var text: String {
        var lines: [String] = []
        let listed = Set(definitionOrder)
        let names = definitionOrder + environment.definitions.keys.filter { !listed.contains($0) }.sorted()
        for name in names {
            guard let type = environment.definitions[name] else { continue }
            lines.append("type \(name) = \(type);")
        }
        if service != nil || serviceArguments != nil {
            var header = "service : "
            if let serviceArguments {
                CandidTypePrinter.printTuple(serviceArguments, into: &header)
                header += " -> "
            }
            let methods = service?.methods ?? []
            if methods.isEmpty {
                lines.append(header + "{}")
            } else {
                lines.append(header + "{")
                for method in methods {
                    var line = "  " + CandidTextSyntax.name(method.name) + " : "
                    CandidTypePrinter.printMethodType(method.type, into: &line)
                    lines.append(line + ";")
                }
                lines.append("}")
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }
}

extension CandidParser {
    /// `(type <id> = <datatype> ;)*`, stopping at `service`, `assert` or the end. `import` is
    /// unsupported. A `;` may be left out before `service` and the end.
    mutating func parseDefinitions() throws(CandidError) -> (CandidTypeEnvironment, [String]) {
        var environment = CandidTypeEnvironment()
        var order: [String] = []
        while true {
            if isWord("import") {
                throw CandidLexer.error(
                    .unsupported, at: current.offset, in: source,
                    "'import' is not supported: put the imported definitions in this file")
            }
            guard isWord("type") else { break }
            advance()
            let offset = current.offset
            guard case .identifier(let name) = kind, atName, CandidTextSyntax.primitiveTypes[name] == nil else {
                throw unexpected(expected: "a type name")
            }
            advance()
            guard environment.definitions[name] == nil else {
                throw error("type \(name) is defined twice", at: offset)
            }
            try expect(.equals, "'='")
            environment.definitions[name] = try parseType()
            order.append(name)
            if !accept(.semicolon), kind != .end, !isWord("service") {
                throw unexpected(expected: "';'")
            }
        }
        return (environment, order)
    }
}
