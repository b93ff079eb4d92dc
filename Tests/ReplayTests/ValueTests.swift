// Tests/ReplayTests/ValueTests.swift - typing at method types, annotations, printing, equality and `~=`

import Candid
import CanisterRuntime
import Replay
import Testing

@Suite struct ValueTests {
    /// Evaluates one expression in an empty run and returns its value, or the error text.
    func value(_ expression: String) async throws -> ReplayValue {
        let host = try FakeReplica()
        let observer = Capture()
        let result = await ReplayRunner.run(script: "let v = \(expression); sim.capture(v);", path: "v.repl",
                                            host: CaptureHost(base: host, capture: observer))
        if let error = result.error { throw error }
        return try #require(observer.values.last)
    }

    @Test func literalsEvaluateToUntypedValues() async throws {
        #expect(try await value("42") == .number("42"))
        #expect(try await value("-3") == .number("-3"))
        #expect(try await value("1.5") == .float64(1.5))
        #expect(try await value("blob \"ab\"") == .blob([0x61, 0x62]))
        #expect(try await value("opt null") == .opt(.null))
        #expect(try await value("record { b = 2; a = 1 }") == .record([
            ReplayField(CandidLabel("b"), .number("2")), ReplayField(CandidLabel("a"), .number("1")),
        ].sorted { $0.label.id < $1.label.id }))
    }

    static let casts: [(String, ReplayValue)] = [
        ("(5 : nat8)", .nat8(5)),
        ("(-5 : int16)", .int16(-5)),
        ("(5 : nat)", .nat(5)),
        ("(-5 : int)", .int(-5)),
        ("(1.99 : nat8)", .nat8(1)),
        ("(-1.99 : int32)", .int32(-1)),
        ("((300 : nat16) : nat64)", .nat64(300)),
        ("(3 : float32)", .float32(3)),
        ("(2.5 : float32)", .float32(2.5)),
        ("(null : opt nat)", .opt(nil)),
        ("(opt 3 : opt nat8)", .opt(.nat8(3))),
        ("(vec { 1; 2 } : vec nat8)", .blob([1, 2])),
        ("(vec { 1; 2 } : vec nat32)", .vec([.nat32(1), .nat32(2)])),
        ("(\"hi\" : blob)", .blob([0x68, 0x69])),
        ("(blob \"hi\" : text)", .text("hi")),
        ("(blob \"hi\" : vec nat16)", .vec([.nat16(0x68), .nat16(0x69)])),
        ("(principal \"aaaaa-aa\" : service {})", .service(Principal.managementCanister)),
        ("(service \"aaaaa-aa\" : principal)", .principal(Principal.managementCanister)),
        ("(42 : reserved)", .reserved),
        ("(record { a = 1 } : record { a : nat8; b : opt text })",
         .record([ReplayField(CandidLabel("a"), .nat8(1)), ReplayField(CandidLabel("b"), .opt(nil))])),
        ("(variant { B = 2 } : variant { A; B : nat64 })", .variant(CandidLabel("B"), .nat64(2))),
    ]

    @Test(arguments: Self.casts)
    func annotation(_ expression: String, _ expected: ReplayValue) async throws {
        #expect(try await value(expression) == expected)
    }

    static let badCasts: [(String, String)] = [
        ("(256 : nat8)", "256 is out of range for nat8"),
        ("(-1 : nat)", "-1 is out of range for nat"),
        ("(\"x\" : nat)", "cannot annotate a text value as nat"),
        ("(blob \"\\ff\" : text)", "the blob is not valid UTF-8 text"),
        ("(1 : opt nat)", "cannot annotate a number value as opt nat"),
        ("(1 : Foo)", "named type Foo cannot be used in an annotation"),
        ("(record { b = 1 } : record { a : nat })", "record field a is missing (type nat)"),
        ("(variant { C } : variant { A; B })", "variant tag C is not one of: A, B"),
    ]

    @Test(arguments: Self.badCasts)
    func badAnnotation(_ expression: String, _ message: String) async throws {
        do {
            _ = try await value(expression)
            Issue.record("no error for \(expression)")
        } catch let error as ReplayError {
            #expect(error.message == message)
            #expect(error.position.line == 1)
            #expect(error.position.column == 9)
        }
    }

    @Test func printingIsTypedAndRoundTrips() async throws {
        let principal = ReplayIdentity.principal(named: "alice")
        let samples: [ReplayValue] = [
            .null, .bool(true), .nat(12), .int(-12), .nat8(255), .nat16(1), .nat32(2), .nat64(UInt64.max),
            .int8(-128), .int16(-2), .int32(3), .int64(Int64.min), .float32(1.5), .float64(-0.25), .float64(1e20),
            .text("a \"q\" \\ \n é"), .reserved, .principal(principal), .opt(nil), .opt(.opt(.nat8(1))),
            .vec([]), .vec([.text("x"), .text("y")]), .blob([0, 0x22, 0x41, 0x5c, 0xff]),
            .record([]),
            .record([ReplayField(CandidLabel(id: 0), .bool(false)), ReplayField(CandidLabel("type"), .null)]),
            .variant(CandidLabel("Ok"), .null), .variant(CandidLabel("Err"), .text("e")),
            .service(principal), .function(principal, method: "go"),
        ]
        for sample in samples {
            let text = sample.text(ReplayPrintOptions(typed: true))
            #expect(try await value(text) == sample, "\(text)")
        }
        #expect(ReplayValue.nat64(5).text() == "(5 : nat64)")
        #expect(ReplayValue.opt(nil).text() == "(null : opt empty)")
        #expect(ReplayValue.blob([0, 65, 0xff]).text() == "blob \"\\00A\\ff\"")
        #expect(ReplayValue.variant(CandidLabel("Err"), .null).text() == "variant { Err }")
        #expect(ReplayValue.record([ReplayField(CandidLabel("query"), .number("1"))]).text()
            == "record { \"query\" = 1 }")
        #expect(ReplayValue.nat64(5).text(ReplayPrintOptions(typed: false)) == "5")
        #expect(ReplayValue.blob(Array(repeating: 7, count: 300)).text().hasSuffix(" /* 300 bytes, first 64 shown */"))
    }

    @Test func equalityIsStructuralAndStrictOnTypes() {
        #expect(ReplayValue.nat64(3) != .number("3"))
        #expect(ReplayValue.nat64(3) != .nat32(3))
        #expect(ReplayValue.blob([1, 2]) == .vec([.nat8(1), .nat8(2)]))
        #expect(ReplayValue.blob([1, 2]) != .vec([.number("1"), .number("2")]))
        #expect(ReplayValue.blob([1], origin: BlobOrigin(seed: 1, length: 9, offset: 0)) == .blob([1]))
        #expect(ReplayValue.opt(nil) != .null)
        #expect(ReplayValue.variant(CandidLabel("A"), .null) != .variant(CandidLabel("B"), .null))
    }

    @Test func matchingIsSubtypeEquality() {
        let record = ReplayValue.record([
            ReplayField(CandidLabel("id"), .nat64(7)),
            ReplayField(CandidLabel("name"), .text("report.pdf")),
            ReplayField(CandidLabel("tags"), .opt(nil)),
        ])
        #expect(record.matches(.record([ReplayField(CandidLabel("id"), .number("7"))])))
        #expect(record.matches(.record([ReplayField(CandidLabel("tags"), .null)])))
        #expect(record.matches(.record([ReplayField(CandidLabel("missing"), .null)])))
        #expect(!record.matches(.record([ReplayField(CandidLabel("id"), .number("8"))])))
        #expect(!record.matches(.record([ReplayField(CandidLabel("name"), .text("report"))])))
        #expect(!record.matches(.record([ReplayField(CandidLabel("missing"), .number("1"))])))
        #expect(ReplayValue.text("Canister trapped: boom").matches(.text("boom")))
        #expect(!ReplayValue.text("boom").matches(.text("Canister")))
        #expect(ReplayValue.nat(5).matches(.float64(5.0)))
        #expect(ReplayValue.variant(CandidLabel("Ok"), record).matches(
            .variant(CandidLabel("Ok"), .record([ReplayField(CandidLabel("id"), .nat8(7))]))))
        #expect(!ReplayValue.variant(CandidLabel("Err"), .text("x")).matches(.variant(CandidLabel("Ok"), .reserved)))
        #expect(ReplayValue.vec([.nat8(1), .nat32(2)]).matches(.vec([.number("1"), .number("2")])))
        #expect(!ReplayValue.vec([.nat8(1)]).matches(.vec([.number("1"), .number("2")])))
        #expect(ReplayValue.principal(.anonymous).matches(.service(.anonymous)))
        #expect(ReplayValue.text("anything").matches(.text("")))
        #expect(ReplayValue.bool(true).matches(.reserved))
    }
}

/// Collects the values `sim.capture(v)` is given.
final class Capture: @unchecked Sendable {
    var values: [ReplayValue] = []
}

/// A host that adds `sim.capture(v)` to another host.
struct CaptureHost: ReplayHost {
    let base: FakeReplica
    let capture: Capture

    var builtins: [ReplayBuiltin] {
        let capture = self.capture
        return [ReplayBuiltin(name: "capture", summary: "capture(v) -> null") { arguments in
            capture.values.append(contentsOf: arguments)
            return .null
        }]
    }

    func interface(of canister: Principal) async throws -> ReplayInterface { try await base.interface(of: canister) }
    func call(canister: Principal, method: String, caller: Principal, argument: [UInt8], kind: MethodKind)
        async -> CallResult
    {
        await base.call(canister: canister, method: method, caller: caller, argument: argument, kind: kind)
    }
    func time() async -> UInt64 { await base.time() }
    func advanceTime(by nanoseconds: UInt64) async throws { try await base.advanceTime(by: nanoseconds) }
    func setTime(_ nanoseconds: UInt64) async throws { try await base.setTime(nanoseconds) }
    func tick() async throws { try await base.tick() }
    func upgrade(canister: Principal, argument: [UInt8]) async throws {
        try await base.upgrade(canister: canister, argument: argument)
    }
}
