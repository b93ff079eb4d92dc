// Tests/ReplayTests/BuiltinTests.swift - ic-repl builtins, sim builtins, host builtins, identities

import Candid
import CanisterRuntime
import Replay
import Testing
import TestSupport

@Suite struct BuiltinTests {
    @Test func arithmeticAndComparisons() async throws {
        let (result, _) = try await runScript("""
            assert add(1, 2) == 3;
            assert sub(1, 5) == -4;
            assert mul(-3, 4) == -12;
            assert div(7, 2) == 3;
            assert div(-7, 2) == -3;
            assert div(1, 2.0) == 0.5;
            assert add((250 : nat8), 10) == 260;
            assert add((1 : nat64), (2 : int)) == 3;
            assert mul(18446744073709551615, 2) == 36893488147419103230;
            assert lt(1, 2) == true;
            assert lte(2, 2) == true;
            assert gt((5 : nat), 4.5) == true;
            assert gte(-1, 0) == false;
            assert eq((3 : nat64), 3) == true;
            assert neq("a", "b") == true;
            assert eq(record { a = 1 }, record { a = 1 }) == true;
            assert and(true, false) == false;
            assert or(true, false) == true;
            assert not(false) == true;
            assert ite(lt(1, 2), "yes", nope) == "yes";
            assert exist(nope) == false;
            assert exist(1) == true;
            """)
        #expect(result.error == nil, "\(result.summary)")
        #expect(result.passed == 22)
        #expect(result.failed == 0)
    }

    @Test func textBlobAndCollectionBuiltins() async throws {
        let (result, _) = try await runScript("""
            assert concat("ab", "cd") == "abcd";
            assert concat(blob "a", blob "b") == blob "ab";
            assert concat(vec { 1 }, vec { 2 }) == vec { 1; 2 };
            assert concat(record { a = 1 }, record { b = 2 }) == record { a = 1; b = 2 };
            assert stringify("n=", 5, " ok=", true, " p=", principal "aaaaa-aa") == "n=5 ok=true p=aaaaa-aa";
            assert stringify((7 : nat64)) == "7";
            """)
        #expect(result.error == nil, "\(result.summary)")
        #expect(result.passed == 6)
    }

    @Test func seededBlobsAreFixedBytes() async throws {
        // SplitMix64 from seed 0 starts with 0xe220a8397b1dcdaf (little-endian below).
        #expect(SeededBytes.generate(seed: 0, count: 8) == [0xaf, 0xcd, 0x1d, 0x7b, 0x39, 0xa8, 0x20, 0xe2])
        #expect(SeededBytes.generate(seed: 0, count: 16).map { String(format2($0)) }.joined()
            == "afcd1d7b39a820e2f465b9a16a9e786e")
        #expect(SeededBytes.generate(seed: 7, count: 10)
            == [0xd7, 0x0d, 0x32, 0x59, 0xe4, 0xe1, 0xcb, 0x63, 0x1c, 0x66])
        #expect(SeededBytes.generate(seed: 7, count: 0) == [])
        let long = SeededBytes.generate(seed: 9, count: 1001)
        #expect(Array(long.prefix(13)) == SeededBytes.generate(seed: 9, count: 13))
        let (result, _) = try await runScript("""
            let b = sim.blob(7, 10);
            assert b == blob "\\d7\\0d\\32\\59\\e4\\e1\\cb\\63\\1c\\66";
            assert sim.len(b) == (10 : nat);
            assert sim.slice(b, 2, 3) == blob "\\32\\59\\e4";
            assert sim.slice(b, 8, 100) == blob "\\1c\\66";
            assert sim.slice(b, 10, 5) == blob "";
            assert sim.len(sim.blob(1, 0)) == (0 : nat);
            assert sim.blob(7, 4) == sim.slice(sim.blob(7, 10), 0, 4);
            """)
        #expect(result.error == nil, "\(result.summary)")
        #expect(result.passed == 7)
    }

    @Test func blobLengthIsLimited() async throws {
        var options = ReplayOptions()
        options.maximumBlobLength = 100
        let (result, _) = try await runScript("sim.blob(1, 101)", options: options)
        #expect(result.error?.code == .limit)
        #expect(result.error?.message == "sim.blob length 101 is over the limit of 100")
    }

    @Test func timeTickAndUpgrade() async throws {
        let (result, replica) = try await runScript(importKV + """
            let t0 = sim.time();
            assert t0 == (1_700_000_000_000_000_000 : nat64);
            sim.advance(1_000);
            call kv.now();
            assert _ == (1_700_000_000_000_001_000 : nat64);
            sim.set_time(1_800_000_000_000_000_000);
            assert sim.time() == (1_800_000_000_000_000_000 : nat64);
            sim.tick(); sim.tick();
            call kv.ticks();
            assert _ == (2 : nat32);
            call kv.greet("Ann");
            assert _ == "Hello, Ann!";
            call kv.put("keep", blob "x");
            sim.upgrade(kv, record { greeting = "Hi" });
            call kv.greet("Ann");
            assert _ == "Hi, Ann!";
            call kv.get("keep");
            assert _ == opt blob "x";
            let e = fail sim.upgrade(kv, record { greeting = "" });
            assert e == "reject code 5 (CANISTER_ERROR), IC0503: Canister trapped: empty greeting";
            assert fail sim.upgrade(kv, 5) ~= "argument 1 of sim.upgrade";
            """)
        #expect(result.error == nil, "\(result.summary)")
        #expect(result.passed == 9)
        #expect(await replica.upgrades == 1)
        #expect(await replica.greeting == "Hi")
    }

    @Test func hostBuiltinsLiveUnderSim() async throws {
        let reverse = ReplayBuiltin(name: "reverse", summary: "reverse(blob) -> blob") { arguments in
            guard arguments.count == 1, case .blob(let bytes, _) = arguments[0] else {
                throw FakeError(description: "reverse expects one blob")
            }
            return .blob(bytes.reversed())
        }
        let replica = try FakeReplica(builtins: [reverse])
        let (result, _) = try await runScript("""
            assert sim.reverse(blob "abc") == blob "cba";
            sim.reverse(1);
            """, host: replica)
        #expect(result.passed == 1)
        #expect(result.error?.description == "test.repl:2:1: builtin: sim.reverse: reverse expects one blob")
        let (unknown, _) = try await runScript("sim.nope()", host: replica)
        #expect(unknown.error?.message
            == "unknown builtin sim.nope (known: advance, blob, len, module, reverse, set_time, slice, tick, time, upgrade)")
    }

    @Test func identitiesAreFixedAndDistinct() async throws {
        #expect(ReplayIdentity.principal(named: "alice").text
            == "calzb-slvkq-pd4v3-paqnf-p5afd-jda7h-btiko-qeaem-rfvr3-4mdeb-pqe")
        #expect(ReplayIdentity.principal(named: "bob").text
            == "44pbk-vymwv-e2aoe-drepy-kq5pp-jbjrp-4g25x-jtll7-q3abw-mk65m-oae")
        #expect(ReplayIdentity.principal(named: "default").text
            == "opdfq-ubiji-nhkb4-4vcdx-gppoa-or6mo-7rsor-tquk7-3nioz-udnrm-jae")
        #expect(ReplayIdentity.principal(named: "anonymous") == .anonymous)
        #expect(ReplayIdentity.principal(named: "alice").bytes.count == 29)
        #expect(ReplayIdentity.principal(named: "alice").bytes.last == 0x02)
        let (result, _) = try await runScript(importKV + """
            call kv.whoami();
            assert _ == principal "2vxsx-fae";
            identity alice;
            call kv.whoami();
            assert _ == alice;
            assert alice == principal "calzb-slvkq-pd4v3-paqnf-p5afd-jda7h-btiko-qeaem-rfvr3-4mdeb-pqe";
            identity bob;
            call kv.whoami();
            assert _ == bob;
            assert alice != bob;
            identity alice;
            call kv.whoami();
            assert _ == alice;
            identity anonymous;
            call kv.whoami();
            assert _ == anonymous;
            """)
        #expect(result.error == nil, "\(result.summary)")
        #expect(result.passed == 7)
        var options = ReplayOptions()
        options.initialIdentity = "default"
        let (started, _) = try await runScript(importKV + """
            call kv.whoami();
            assert _ == principal "opdfq-ubiji-nhkb4-4vcdx-gppoa-or6mo-7rsor-tquk7-3nioz-udnrm-jae";
            """, options: options)
        #expect(started.passed == 1)
    }

    @Test func interfaceFromDidFile() throws {
        let interface = try ReplayInterface(didFile: DidFile.parse(FakeReplica.did))
        #expect(interface.methods.count == 15)
        #expect(interface.methods["get"] == ReplayMethod(name: "get", kind: .query, arguments: [.text],
                                                          results: [.opt(.blob)]))
        #expect(interface.methods["put"]?.kind == .update)
        #expect(interface.methods["put"]?.results == [.named("Result")])
        #expect(interface.initArguments == [.record([CandidField(CandidLabel("greeting"), .text)])])
        #expect(interface.environment.definitions.keys.sorted() == ["Meta", "Result"])
    }
}

/// Two lowercase hex digits.
private func format2(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
}
