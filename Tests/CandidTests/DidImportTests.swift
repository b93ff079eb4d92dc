// Tests/CandidTests/DidImportTests.swift - `import` and `import service` in .did files

import Candid
import Foundation
import TestSupport
import Testing

@Suite struct DidImportTests {
    /// `Fixtures/interfaces/imports/<name>`.
    static func fixture(_ name: String) -> String {
        PackageFiles.root.appendingPathComponent("Fixtures/interfaces/imports/\(name)").path
    }

    /// A reader over in-memory files, counting the reads.
    final class Files: @unchecked Sendable {
        var texts: [String: String]
        var reads: [String] = []
        init(_ texts: [String: String]) { self.texts = texts }
        func read(_ path: String) throws(CandidError) -> String {
            reads.append(path)
            guard let text = texts[path] else { throw CandidError(.importFailed, "no file \(path)") }
            return text
        }
        func parse(_ path: String) throws(CandidError) -> DidFile {
            try DidFile.parse(try read(path), path: path, reading: read)
        }
    }

    @Test func mergesTypesAndServicesFromRelativePaths() throws {
        let file = try DidFile.load(path: Self.fixture("main.did"))
        #expect(
            file.text == """
                type Request = record { id : Id; note : opt Note };
                type Id = nat64;
                type Tag = variant { red; green };
                type Item = record { id : Id; name : text; tags : vec Tag };
                type Note = text;
                service : {
                  get : (Request) -> (opt Item) query;
                  put : (Item) -> (variant { ok; err : text });
                  reset : (Id) -> ();
                  stats : () -> (record { count : nat64 }) query;
                }

                """)
        // The merged text stands alone.
        #expect(try DidFile.parse(file.text) == file)
    }

    @Test func aFileReachedTwiceIsReadOnce() throws {
        let files = Files([
            "dir/main.did": "import \"a.did\"; import service \"sub/b.did\"; type M = record { a : A; b : B };",
            "dir/a.did": "import \"./sub/../c.did\"; type A = C;",
            "dir/sub/b.did": "import \"../c.did\"; type B = C; service : { m : (C) -> () }",
            "dir/c.did": "type C = nat;",
        ])
        let file = try files.parse("dir/main.did")
        #expect(files.reads == ["dir/main.did", "dir/a.did", "dir/c.did", "dir/sub/b.did"])
        #expect(file.definitionOrder == ["M", "C", "A", "B"])
        #expect(file.service?.methods.map(\.name) == ["m"])
    }

    @Test func aPlainImportIgnoresTheService() throws {
        let files = Files(["x/t.did": "type T = nat; service : { hidden : () -> () }", "x/main.did": "import \"t.did\";"])
        let file = try files.parse("x/main.did")
        #expect(file.service == nil)
        #expect(file.definitionOrder == ["T"])
        // The same file imported both ways is merged once, with its service.
        files.texts["x/both.did"] = "import \"t.did\"; import service \"t.did\";"
        #expect(try files.parse("x/both.did").service?.methods.map(\.name) == ["hidden"])
        // A service import reached only through another file still contributes its methods.
        files.texts["x/outer.did"] = "import \"inner.did\";"
        files.texts["x/inner.did"] = "import service \"t.did\";"
        #expect(try files.parse("x/outer.did").service?.methods.map(\.name) == ["hidden"])
    }

    @Test func aNamedServiceMayComeFromAnImport() throws {
        let files = Files(["s.did": "type S = service { ping : () -> () };", "main.did": "import \"s.did\"; service : S"])
        #expect(try files.parse("main.did").service?.methods.map(\.name) == ["ping"])
    }

    @Test func cyclesAreRefusedNamingTheCycle() {
        let a = Self.fixture("cycle/a.did")
        let error = #expect(throws: CandidError.self) { try DidFile.load(path: a) }
        #expect(error?.code == .importCycle)
        let names = ["a.did", "b.did", "c.did", "a.did"].map { Self.fixture("cycle/\($0)") }
        #expect(error?.message.hasSuffix("a cycle: " + names.joined(separator: " -> ")) == true, "\(String(describing: error))")

        let selfImport = #expect(throws: CandidError.self) { try DidFile.load(path: Self.fixture("cycle/self.did")) }
        #expect(selfImport?.code == .importCycle)
        #expect(selfImport?.message.contains("self.did -> ") == true)
    }

    @Test func theDepthAndFileCountAreBounded() throws {
        let depth = DidFile.maximumImportDepth
        var chain: [String: String] = [:]
        for index in 0...depth { chain["f\(index).did"] = "import \"f\(index + 1).did\"; type T\(index) = nat;" }
        chain["f\(depth + 1).did"] = "type T\(depth + 1) = nat;"
        let tooDeep = #expect(throws: CandidError.self) { try Files(chain).parse("f0.did") }
        #expect(tooDeep?.code == .importFailed)
        #expect(tooDeep?.message.contains("deeper than \(depth) files") == true, "\(String(describing: tooDeep))")
        // One level less is fine.
        chain["f\(depth).did"] = "type T\(depth) = nat;"
        #expect(try Files(chain).parse("f0.did").definitionOrder.count == depth + 1)

        let limit = DidFile.maximumImportedFiles
        var wide = ["main.did": (0...limit).map { "import \"w\($0).did\";" }.joined()]
        for index in 0...limit { wide["w\(index).did"] = "type W\(index) = nat;" }
        let tooMany = #expect(throws: CandidError.self) { try Files(wide).parse("main.did") }
        #expect(tooMany?.code == .importFailed)
        #expect(tooMany?.message.contains("more than \(limit) imported files") == true)
    }

    @Test func badImportsAreTypedErrors() throws {
        let cases: [(String, CandidError.Code, String)] = [
            ("bad/missing.did", .importFailed, "imports \"nowhere.did\""),
            ("bad/constructor.did", .importFailed, "has init arguments"),
            ("bad/no-service.did", .importFailed, "ids.did has no service"),
            ("bad/duplicate-type.did", .importFailed, "type Id is defined in both"),
            ("bad/duplicate-method.did", .importFailed, "method reset of"),
            ("bad/broken-import.did", .syntax, "imports \"broken.did\""),
        ]
        for (name, code, fragment) in cases {
            let error = #expect(throws: CandidError.self, "\(name)") { try DidFile.load(path: Self.fixture(name)) }
            #expect(error?.code == code, "\(name): \(String(describing: error))")
            #expect(error?.message.contains(fragment) == true, "\(name): \(String(describing: error))")
        }
        // Two files' methods of the same name clash even with different types; distinct names merge.
        let clash = Files(["a.did": "service : { m : () -> () }", "b.did": "import service \"a.did\"; service : { m : (nat) -> () }"])
        #expect(throws: CandidError.self) { try clash.parse("b.did") }
        clash.texts["b.did"] = "import service \"a.did\"; service : { n : (nat) -> () }"
        #expect(try clash.parse("b.did").service?.methods.map(\.name) == ["m", "n"])
    }

    @Test func importWithoutAReaderIsUnsupported() {
        let error = #expect(throws: CandidError.self) { try DidFile.parse("import \"a.did\"; type A = nat;") }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("DidFile.parse(_:path:reading:)") == true)
        // `.test.did` files take no imports either.
        let test = #expect(throws: CandidError.self) { try CandidTestFile.parse("import \"a.did\";") }
        #expect(test?.code == .unsupported)
    }

    @Test func importSyntax() {
        let files = Files(["a.did": "type A = nat;"])
        for text in ["import a.did;", "import service;", "import \"a.did\" type B = nat;"] {
            files.texts["m.did"] = text
            let error = #expect(throws: CandidError.self, "\(text)") { try files.parse("m.did") }
            #expect(error?.code == .syntax, "\(text): \(String(describing: error))")
        }
        files.texts["m.did"] = "import \"a.did\"; type B = A; import \"a.did\""
        #expect((try? files.parse("m.did"))?.definitionOrder == ["B", "A"])
    }
}
