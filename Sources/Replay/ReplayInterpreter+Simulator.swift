// Sources/Replay/ReplayInterpreter+Simulator.swift - the `sim.` builtins

import Candid
import CanisterRuntime

extension Interpreter {
    /// The builtins every host has, with their signatures (for messages and docs).
    static let simulatorBuiltins: [(name: String, summary: String)] = [
        ("advance", "advance(nanoseconds) -> null"),
        ("blob", "blob(seed, length) -> blob"),
        ("len", "len(blob) -> nat"),
        ("module", "module(name) -> blob"),
        ("set_time", "set_time(nanoseconds) -> null"),
        ("slice", "slice(blob, offset, length) -> blob"),
        ("tick", "tick() -> null"),
        ("time", "time() -> nat64"),
        ("upgrade", "upgrade(canister, init arguments...) -> null"),
    ]

    /// `sim.name(args)`.
    func simulator(_ name: String, _ expressions: [ReplayExpression], at position: SourcePosition)
        async throws(ReplayError) -> ReplayValue
    {
        var arguments: [ReplayValue] = []
        for expression in expressions { arguments.append(try await evaluate(expression)) }
        func expect(_ count: Int) throws(ReplayError) {
            guard arguments.count == count else {
                let summary = Self.simulatorBuiltins.first { $0.name == name }?.summary ?? name
                throw error(.builtin, "sim.\(summary) takes \(count) arguments, got \(arguments.count)", at: position)
            }
        }
        switch name {
        case "advance":
            try expect(1)
            let nanoseconds = try unsigned(arguments[0], "sim.advance", at: position)
            try await hostOperation(position) { try await self.host.advanceTime(by: nanoseconds) }
            observer?.observe(.advanceTime(nanoseconds))
            return .null
        case "set_time":
            try expect(1)
            let nanoseconds = try unsigned(arguments[0], "sim.set_time", at: position)
            try await hostOperation(position) { try await self.host.setTime(nanoseconds) }
            observer?.observe(.setTime(nanoseconds))
            return .null
        case "tick":
            try expect(0)
            try await hostOperation(position) { try await self.host.tick() }
            observer?.observe(.tick)
            return .null
        case "time":
            try expect(0)
            return .nat64(await host.time())
        case "upgrade":
            return try await upgrade(arguments, expressions, at: position)
        case "module":
            // The `wasm_module` of `install_code` that names a registered canister type.
            try expect(1)
            guard case .text(let name) = arguments[0], !name.isEmpty, name.utf8.count <= 64 else {
                throw error(.builtin, "sim.module expects the name of a registered module (1 to 64 bytes of text)",
                            at: position)
            }
            return .blob(Array(name.utf8))
        case "blob":
            try expect(2)
            let seed = try unsigned(arguments[0], "sim.blob seed", at: position)
            let length = try unsigned(arguments[1], "sim.blob length", at: position)
            guard length <= UInt64(options.maximumBlobLength) else {
                throw error(.limit, "sim.blob length \(length) is over the limit of \(options.maximumBlobLength)",
                            at: position)
            }
            let count = Int(length)
            try reserve(bytes: count, "sim.blob", at: position)
            try spend(bytes: count, "sim.blob", at: position)
            return .blob(SeededBytes.generate(seed: seed, count: count),
                         origin: BlobOrigin(seed: seed, length: count, offset: 0))
        case "slice":
            try expect(3)
            guard case .blob(let bytes, let origin) = arguments[0] else {
                throw error(.builtin, "sim.slice expects a blob first, got a \(arguments[0].kindName)", at: position)
            }
            let offset = try unsigned(arguments[1], "sim.slice offset", at: position)
            let length = try unsigned(arguments[2], "sim.slice length", at: position)
            guard offset <= UInt64(bytes.count) else {
                throw error(.builtin, "sim.slice offset \(offset) is past the end of a blob of \(bytes.count) bytes",
                            at: position)
            }
            let start = Int(offset)
            let end = start + Int(min(length, UInt64(bytes.count - start)))
            try reserve(bytes: end - start, "sim.slice", at: position)
            try spend(bytes: end - start, "sim.slice", at: position)
            let sliceOrigin = origin.map { BlobOrigin(seed: $0.seed, length: $0.length, offset: $0.offset + start) }
            return .blob(Array(bytes[start..<end]), origin: sliceOrigin)
        case "len":
            try expect(1)
            guard let bytes = arguments[0].bytes else {
                throw error(.builtin, "sim.len expects a blob, got a \(arguments[0].kindName)", at: position)
            }
            return .nat(BigInt(bytes.count))
        default:
            guard let builtin = hostBuiltins[name] else {
                let names = (Self.simulatorBuiltins.map(\.name) + hostBuiltins.keys).sorted()
                throw error(.undefined, "unknown builtin sim.\(name) (known: \(names.joined(separator: ", ")))",
                            at: position)
            }
            do {
                return try builtin.body(arguments)
            } catch {
                throw self.error(.builtin, "sim.\(name): \(error)", at: position)
            }
        }
    }

    /// `sim.upgrade(canister, args...)`: arguments typed at the interface's init types.
    func upgrade(_ arguments: [ReplayValue], _ expressions: [ReplayExpression], at position: SourcePosition)
        async throws(ReplayError) -> ReplayValue
    {
        guard let first = arguments.first else {
            throw error(.builtin, "sim.upgrade expects a canister and its init arguments", at: position)
        }
        let canister: Principal
        switch first {
        case .principal(let p), .service(let p): canister = p
        default: throw error(.builtin, "sim.upgrade expects a canister principal first", at: position)
        }
        var canisterName: String?
        if case .path(let name, let selectors) = expressions[0].kind, selectors.isEmpty { canisterName = name }
        let interface = try await interface(of: canister, at: position)
        try measureArguments(Array(arguments.dropFirst()), "sim.upgrade", at: position)
        let typed = try typeArguments(Array(arguments.dropFirst()), as: interface.initArguments,
                                      in: interface.environment, what: "sim.upgrade", at: position)
        let bytes = try encode(typed, as: interface.initArguments, in: interface.environment, at: position)
        var failure: ReplayError?
        do {
            try await host.upgrade(canister: canister, argument: bytes, caller: caller)
        } catch let reject as Reject {
            failure = error(.reject, reject.scriptText, at: position)
        } catch {
            failure = self.error(.host, "upgrade failed: \(error)", at: position)
        }
        observer?.observe(.upgrade(ReplayUpgradeRecord(
            position: position, canister: canister, canisterName: canisterName,
            arguments: typed, argumentBytes: bytes, failure: failure?.message, callers: callers
        )))
        if let failure { throw failure }
        return .null
    }

    /// A non-negative integer argument that fits 64 bits.
    func unsigned(_ value: ReplayValue, _ what: String, at position: SourcePosition) throws(ReplayError) -> UInt64 {
        guard let digits = try lift(at: position, { () throws(ValueError) in
            try value.integerDigits(truncating: false)
        }), let number = UInt64(digits) else {
            throw error(.builtin, "\(what) must be an integer from 0 to 2^64-1, got \(value.text(.message))",
                        at: position)
        }
        return number
    }

    /// Runs a host operation, turning its error into a `.host` (or `.reject`) error at the position.
    func hostOperation(_ position: SourcePosition, _ body: () async throws -> Void) async throws(ReplayError) {
        do {
            try await body()
        } catch let reject as Reject {
            throw error(.reject, reject.scriptText, at: position)
        } catch {
            throw self.error(.host, "\(error)", at: position)
        }
    }
}
