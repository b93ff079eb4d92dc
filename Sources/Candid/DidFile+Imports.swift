// Sources/Candid/DidFile+Imports.swift - `import "file.did";` and `import service "file.did";`

import Foundation

extension DidFile {
    /// The deepest chain of imports ``parse(_:path:reading:)`` follows (`a.did` imports `b.did`
    /// imports ... ): a longer chain is `.importFailed`.
    public static let maximumImportDepth = 32
    /// The most files one ``parse(_:path:reading:)`` reads, the importing file not counted.
    public static let maximumImportedFiles = 256

    /// Parses the `.did` text of the file at `path`, with its imports.
    ///
    /// - `import "f.did";` adds the type definitions of `f.did` (and of what it imports) to this
    ///   file's; a service `f.did` has is ignored.
    /// - `import service "f.did";` also adds the methods of `f.did`'s service to this file's service
    ///   (which it creates if this file has none). `f.did` must have a service without init arguments.
    ///
    /// A relative import path is relative to the directory of the importing file; paths are joined
    /// and normalised as text (`a/./b/../c.did` is `a/c.did`), so the same file reached twice is read
    /// once. Definitions come in this order: this file's, then each imported file's, the deepest
    /// first. A name defined in two files is an error, as is a method name two services share.
    ///
    /// - Parameters:
    ///   - text: The text of the file at `path`.
    ///   - path: The file's path, used to resolve its imports and named in errors.
    ///   - read: Returns the text of the file at a resolved path; it throws (say, `.importFailed`)
    ///     when there is none.
    /// - Throws: what ``parse(_:)`` throws, and `.importCycle` naming the cycle
    ///   (`a.did -> b.did -> a.did`), `.importFailed` for a file `read` refused, a merge conflict, or a
    ///   chain of imports over ``maximumImportDepth`` or more than ``maximumImportedFiles`` files.
    ///   An error inside an imported file says which import reached it.
    public static func parse(
        _ text: String, path: String, reading read: (String) throws(CandidError) -> String
    ) throws(CandidError) -> DidFile {
        var importer = DidImporter()
        let main = try DidSource(text)
        let mainPath = DidImporter.normalised(path)
        try importer.visit(main, at: mainPath, chain: [mainPath], reading: read)
        return try DidImporter.merge(main: main, mainPath: mainPath, imports: importer.loaded)
    }

    /// Reads and parses the `.did` file at `path` with its imports (``parse(_:path:reading:)``),
    /// reading each file with Foundation. A file over 64 MiB, unreadable or not UTF-8 is `.importFailed`.
    public static func load(path: String) throws(CandidError) -> DidFile {
        try parse(try readFile(path), path: path, reading: readFile)
    }

    /// The text of a file, as ``load(path:)`` reads it.
    static func readFile(_ path: String) throws(CandidError) -> String {
        let limit = 64 << 20
        let url = URL(fileURLWithPath: path)
        guard let size = try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize,
            let data = size <= limit ? try? Data(contentsOf: url) : nil
        else {
            throw CandidError(.importFailed, "cannot read \(path) (missing, unreadable, or over 64 MiB)")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw CandidError(.importFailed, "\(path) is not UTF-8 text")
        }
        return text
    }
}

/// Follows a `.did` file's imports depth first and merges what they define.
struct DidImporter {
    /// One imported file, in the order its definitions are merged.
    struct Loaded {
        var path: String
        var source: DidSource
        /// Whether any `import service` reached it.
        var includesService: Bool
    }

    /// Every imported file, deepest first.
    var loaded: [Loaded] = []
    private var index: [String: Int] = [:]

    /// Reads what `source` (the file at the end of `chain`) imports, then what those import.
    mutating func visit(
        _ source: DidSource, at path: String, chain: [String], reading read: (String) throws(CandidError) -> String
    ) throws(CandidError) {
        for entry in source.imports {
            let target = Self.resolve(entry.path, from: path)
            if let start = chain.firstIndex(of: target) {
                let cycle = (chain[start...] + [target]).joined(separator: " -> ")
                throw CandidError(.importCycle, "\(path) imports \"\(entry.path)\", a cycle: \(cycle)")
            }
            if let seen = index[target], seen >= 0 {
                loaded[seen].includesService = loaded[seen].includesService || entry.includesService
                continue
            }
            guard chain.count <= DidFile.maximumImportDepth else {
                throw CandidError(
                    .importFailed,
                    "\(path) imports \"\(entry.path)\": imports nest deeper than \(DidFile.maximumImportDepth) files")
            }
            guard index.count < DidFile.maximumImportedFiles else {
                throw CandidError(
                    .importFailed,
                    "\(path) imports \"\(entry.path)\": more than \(DidFile.maximumImportedFiles) imported files")
            }
            let imported: DidSource
            do {
                imported = try DidSource(try read(target))
            } catch {
                throw CandidError(error.code, "\(path) imports \"\(entry.path)\" (\(target)): \(error.message)")
            }
            // Reserve the slot so a diamond reaches the file once; the entry is filled in after its imports.
            index[target] = -1
            try visit(imported, at: target, chain: chain + [target], reading: read)
            index[target] = loaded.count
            loaded.append(Loaded(path: target, source: imported, includesService: entry.includesService))
        }
    }

    /// One environment and service from the main file and its imports.
    static func merge(main: DidSource, mainPath: String?, imports: [Loaded]) throws(CandidError) -> DidFile {
        var file = DidFile(environment: main.environment, definitionOrder: main.order)
        file.serviceArguments = main.serviceArguments
        var origin: [String: String] = [:]
        for name in main.order { origin[name] = mainPath ?? "the file" }
        for entry in imports {
            for name in entry.source.order {
                if let first = origin[name] {
                    throw CandidError(.importFailed, "type \(name) is defined in both \(first) and \(entry.path)")
                }
                origin[name] = entry.path
                file.environment.definitions[name] = entry.source.environment.definitions[name]
                file.definitionOrder.append(name)
            }
        }
        let environment = file.environment
        try environment.validate()
        var methods: [CandidServiceType.Method]?
        var methodOrigin: [UInt32: (name: String, file: String)] = [:]
        func add(_ service: CandidServiceType, from path: String) throws(CandidError) {
            for method in service.methods {
                let id = CandidLabel.hash(method.name)
                if let first = methodOrigin[id] {
                    let name = CandidTextSyntax.name(method.name)
                    throw CandidError(
                        .importFailed,
                        "method \(name) of \(path) clashes with method "
                            + "\(CandidTextSyntax.name(first.name)) of \(first.file)")
                }
                methodOrigin[id] = (method.name, path)
            }
            methods = (methods ?? []) + service.methods
        }
        if let service = main.service {
            try add(try resolve(service, of: main, in: environment), from: mainPath ?? "the file")
        }
        for entry in imports where entry.includesService {
            guard let service = entry.source.service else {
                throw CandidError(.importFailed, "imported service file \(entry.path) has no service")
            }
            guard entry.source.serviceArguments == nil else {
                throw CandidError(
                    .importFailed, "imported service file \(entry.path) has init arguments (a service constructor)")
            }
            try add(try resolve(service, of: entry.source, in: environment), from: entry.path)
        }
        if let methods {
            var service = CandidServiceType(methods: methods)
            service.methods.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
            file.service = service
        }
        for argument in file.serviceArguments ?? [] { try environment.checkReferences(in: argument) }
        if let service = file.service { try environment.checkMethods(of: service) }
        return file
    }

    private static func resolve(
        _ service: DidSource.Service, of source: DidSource, in environment: CandidTypeEnvironment
    ) throws(CandidError) -> CandidServiceType {
        switch service {
        case .body(let body):
            return body
        case .named(let name, let offset):
            guard case .service(let resolved) = try environment.resolve(.named(name)) else {
                throw CandidLexer.error(
                    .syntax, at: offset, in: source.bytes, "service type \(name) is not a service type")
            }
            return resolved
        }
    }

    /// `file` from the directory of `importer`, unless it is absolute.
    static func resolve(_ file: String, from importer: String) -> String {
        if file.hasPrefix("/") { return normalised(file) }
        guard let slash = importer.lastIndex(of: "/") else { return normalised(file) }
        return normalised(String(importer[...slash]) + file)
    }

    /// `path` without empty and `.` components, each `x/..` removed.
    static func normalised(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", path.hasPrefix("/") {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : joined
    }
}
