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
    /// The text may not `import` other files: parse those with ``parse(_:path:reading:)``.
    ///
    /// - Throws: `CandidError.Code.syntax` (with line and column), `.unsupported` for `import`,
    ///   `.unknownType` for an undefined name, `.invalidTypeReference` for a definition that is only
    ///   a cycle of names (`type A = B; type B = A`).
    public static func parse(_ text: String) throws(CandidError) -> DidFile {
        let source = try DidSource(text)
        if let first = source.imports.first {
            throw CandidLexer.error(
                .unsupported, at: first.offset, in: source.bytes,
                "'import' needs the importing file's path and a reader: use DidFile.parse(_:path:reading:)")
        }
        return try DidImporter.merge(main: source, mainPath: nil, imports: [])
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

/// One `.did` file's syntax, before its imports are merged: the imports, the definitions and the
/// service as written (a `service : Name` is resolved only once every imported definition is known).
struct DidSource {
    /// One `import "file";` or `import service "file";`.
    struct Import {
        var path: String
        var includesService: Bool
        var offset: Int
    }
    /// The service after `service :`, as written.
    enum Service {
        case body(CandidServiceType)
        case named(String, offset: Int)
    }

    var bytes: [UInt8]
    var imports: [Import] = []
    var environment = CandidTypeEnvironment()
    var order: [String] = []
    var serviceArguments: [CandidType]?
    var service: Service?

    /// Parses the file's syntax; duplicate definitions within the file are syntax errors.
    init(_ text: String) throws(CandidError) {
        var parser = try CandidParser(text, errorCode: .syntax)
        bytes = parser.source
        (environment, order, imports) = try parser.parseDefinitions(allowingImports: true)
        if parser.isWord("service") {
            parser.advance()
            if parser.atName { _ = try parser.parseName("a service name") }
            try parser.expect(.colon, "':'")
            if parser.kind == .leftParen {
                serviceArguments = try parser.parseTupleType()
                try parser.expect(.arrow, "'->'")
            }
            if parser.kind == .leftBrace {
                service = .body(try parser.parseServiceBody())
            } else if case .identifier(let name) = parser.kind, parser.atName {
                service = .named(name, offset: parser.current.offset)
                parser.advance()
            } else {
                throw parser.unexpected(expected: "'{' or a service type name")
            }
            _ = parser.accept(.semicolon)
        }
        guard parser.kind == .end else { throw parser.unexpected(expected: "'type', 'service' or end of input") }
    }
}

extension CandidParser {
    /// `(type <id> = <datatype> ; | import service? "<file>" ;)*`, stopping at `service`, `assert` or
    /// the end. A `;` may be left out before `service` and the end. Without `allowingImports`, an
    /// `import` is `.unsupported`.
    mutating func parseDefinitions(allowingImports: Bool = false) throws(CandidError)
        -> (CandidTypeEnvironment, [String], [DidSource.Import])
    {
        var environment = CandidTypeEnvironment()
        var order: [String] = []
        var imports: [DidSource.Import] = []
        while true {
            if isWord("import") {
                let offset = current.offset
                guard allowingImports else {
                    throw CandidLexer.error(
                        .unsupported, at: offset, in: source,
                        "'import' is not supported here: put the imported definitions in this file")
                }
                advance()
                let includesService = isWord("service")
                if includesService { advance() }
                guard case .string(let bytes) = kind else { throw unexpected(expected: "the imported file's path") }
                let path = try utf8Text(bytes, at: current.offset, what: "an import path")
                advance()
                imports.append(DidSource.Import(path: path, includesService: includesService, offset: offset))
            } else if isWord("type") {
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
            } else {
                break
            }
            if !accept(.semicolon), kind != .end, !isWord("service") {
                throw unexpected(expected: "';'")
            }
        }
        return (environment, order, imports)
    }
}
