// Sources/Replay/ReplayInterpreter+Calls.swift - calls, par_call, encode and decode

import Candid
import CanisterRuntime

/// A call with its arguments evaluated, typed and encoded, ready to send.
struct PreparedCall {
    var position: SourcePosition
    var canister: Principal
    var canisterName: String?
    var method: ReplayMethod
    var environment: CandidTypeEnvironment
    var arguments: [ReplayValue]
    var bytes: [UInt8]
}

extension Interpreter {
    /// The principal a `canister.method` reference names: a variable holding a principal (or service),
    /// or a principal text.
    func canister(of reference: ReplayMethodReference) throws(ReplayError) -> (Principal, String?) {
        switch reference.canister {
        case .variable(let name):
            switch scope.variable(name) {
            case .principal(let p), .service(let p): return (p, name)
            case nil:
                if let p = try? Principal(text: name) { return (p, nil) }
                throw error(.undefined, "unknown canister \(name) (import it first)", at: reference.position)
            case .some(let value):
                throw error(.typeMismatch, "\(name) is a \(value.kindName) value, not a canister principal",
                            at: reference.position)
            }
        case .text(let text):
            do {
                return (try Principal(text: text), nil)
            } catch {
                throw self.error(.typeMismatch, "\"\(text)\" is not a principal: \(error)", at: reference.position)
            }
        }
    }

    func interface(of canister: Principal, at position: SourcePosition) async throws(ReplayError) -> ReplayInterface {
        do {
            return try await host.interface(of: canister)
        } catch {
            throw self.error(.host, "no interface for canister \(canister): \(error)", at: position)
        }
    }

    /// Evaluates, types and encodes the arguments of `reference`.
    func prepare(_ reference: ReplayMethodReference, _ expressions: [ReplayExpression]) async throws(ReplayError)
        -> PreparedCall
    {
        let (canister, name) = try canister(of: reference)
        let interface = try await interface(of: canister, at: reference.position)
        guard let method = interface.methods[reference.method] else {
            let known = interface.methods.keys.sorted().joined(separator: ", ")
            throw error(.unknownMethod, "\(reference.display): the canister has no method \(reference.method) "
                + "(methods: \(known))", at: reference.position)
        }
        var values: [ReplayValue] = []
        for expression in expressions { values.append(try await evaluate(expression)) }
        try measureArguments(values, reference.display, at: reference.position)
        let typed = try typeArguments(values, as: method.arguments, in: interface.environment,
                                      what: reference.display, at: reference.position)
        let bytes = try encode(typed, as: method.arguments, in: interface.environment, at: reference.position)
        return PreparedCall(position: reference.position, canister: canister, canisterName: name, method: method,
                            environment: interface.environment, arguments: typed, bytes: bytes)
    }

    /// Charges the arguments of a call, upgrade or `encode`: a step per element to type and encode them,
    /// and twice their size (the typed copy and the message) before either is built.
    func measureArguments(_ values: [ReplayValue], _ what: String, at position: SourcePosition) throws(ReplayError) {
        var bytes = 0
        for value in values { bytes += try measure(value, "the arguments of \(what)", at: position).bytes }
        try reserve(bytes: 2 * bytes, "the arguments of \(what)", at: position)
    }

    /// Types argument values at parameter types; missing trailing `opt`, `null` and `reserved`
    /// parameters are filled in, as Candid's text format does.
    func typeArguments(
        _ values: [ReplayValue],
        as types: [CandidType],
        in environment: CandidTypeEnvironment,
        what: String,
        at position: SourcePosition
    ) throws(ReplayError) -> [ReplayValue] {
        guard values.count <= types.count else {
            throw error(.typeMismatch, "\(what) takes \(types.count) arguments, got \(values.count)", at: position)
        }
        var typed: [ReplayValue] = []
        typed.reserveCapacity(types.count)
        for (index, type) in types.enumerated() {
            if index < values.count {
                let value = values[index]
                typed.append(try lift(at: position) { () throws(ValueError) in
                    do throws(ValueError) {
                        return try value.typed(as: type, in: environment)
                    } catch {
                        throw ValueError("argument \(index + 1) of \(what): \(error.message)", code: error.code)
                    }
                })
                continue
            }
            let resolved = try lift(at: position) { () throws(ValueError) in
                try ReplayValue.resolve(type, in: environment)
            }
            switch resolved {
            case .opt: typed.append(.opt(nil))
            case .null: typed.append(.null)
            case .reserved: typed.append(.reserved)
            default:
                throw error(.typeMismatch, "\(what) takes \(types.count) arguments, got \(values.count)", at: position)
            }
        }
        return typed
    }

    func encode(
        _ values: [ReplayValue],
        as types: [CandidType],
        in environment: CandidTypeEnvironment,
        at position: SourcePosition
    ) throws(ReplayError) -> [UInt8] {
        let candidValues = try lift(at: position) { () throws(ValueError) in
            var result: [CandidValue] = []
            for value in values { result.append(try value.candidValue()) }
            return result
        }
        do {
            return try Candid.encode(candidValues, as: types, in: environment)
        } catch {
            throw self.error(.candid, "the arguments do not encode: \(error)", at: position)
        }
    }

    /// Sends a prepared call, reports it to the observer, and returns the decoded reply.
    func perform(_ prepared: PreparedCall) async -> Result<ReplayValue, ReplayError> {
        do throws(ReplayError) {
            try spendCall(at: prepared.position)
        } catch {
            return .failure(error)
        }
        let outcome = await host.call(
            canister: prepared.canister,
            method: prepared.method.name,
            caller: caller,
            argument: prepared.bytes,
            kind: prepared.method.kind
        )
        return finish(prepared, outcome)
    }

    /// Reports a call's outcome to the observer and returns the decoded reply.
    func finish(_ prepared: PreparedCall, _ outcome: CallResult) -> Result<ReplayValue, ReplayError> {
        calls += 1
        let result: Result<ReplayValue, ReplayError>
        let recorded: ReplayCallOutcome
        var replyDigest: ByteDigest?
        switch outcome {
        case .success(let bytes):
            replyDigest = ByteDigest(bytes)
            do {
                let values = try Candid.decode(bytes, as: prepared.method.results, in: prepared.environment)
                let value = ReplayValue.tuple(values.map { ReplayValue($0) })
                result = .success(value)
                recorded = .reply(value, bytes: bytes)
            } catch {
                let message = "the reply of \(prepared.method.name) does not decode at its result types: \(error)"
                result = .failure(self.error(.candid, message, at: prepared.position))
                recorded = .undecodable(bytes: bytes, message: message)
            }
        case .failure(let reject):
            result = .failure(error(.reject, reject.scriptText, at: prepared.position))
            recorded = .reject(reject)
        }
        observer?.observe(.call(ReplayCallRecord(
            position: prepared.position,
            callerName: identityName,
            caller: caller,
            canister: prepared.canister,
            canisterName: prepared.canisterName,
            method: prepared.method.name,
            kind: prepared.method.kind,
            arguments: prepared.arguments,
            argumentBytes: prepared.bytes,
            outcome: recorded,
            argumentDigest: ByteDigest(prepared.bytes),
            replyDigest: replyDigest,
            callers: callers
        )))
        return result
    }

    /// `call c.m(args)`: the reply value, or a `.reject` error.
    func call(_ reference: ReplayMethodReference, _ arguments: [ReplayExpression]) async throws(ReplayError)
        -> ReplayValue
    {
        let prepared = try await prepare(reference, arguments)
        return try await perform(prepared).get()
    }

    /// `par_call [...]`: every call is prepared first, then the host runs them all (``ReplayHost/callAll(_:)``:
    /// one after another in the listed order, or interleaved at their awaits by a scheduling host). Any
    /// reject stops the script after all the calls ran. The value is the tuple of the replies.
    func parallelCall(_ list: [(ReplayMethodReference, [ReplayExpression])]) async throws(ReplayError)
        -> ReplayValue
    {
        var prepared: [PreparedCall] = []
        for (reference, arguments) in list { prepared.append(try await prepare(reference, arguments)) }
        // Every call of the list is charged before any is sent.
        for (index, call) in prepared.enumerated() { try spendCall(at: call.position, pending: index) }
        let outcomes = await host.callAll(prepared.map { call in
            ReplayHostCall(
                canister: call.canister, method: call.method.name, caller: caller, argument: call.bytes,
                kind: call.method.kind
            )
        })
        var replies: [ReplayValue] = []
        var firstError: ReplayError?
        for (call, outcome) in zip(prepared, outcomes) {
            switch finish(call, outcome) {
            case .success(let value): replies.append(value)
            case .failure(let error): firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        return .tuple(replies)
    }

    /// `encode c.m(args)` at the method's argument types, or `encode (args)` at the values' own types.
    func encode(_ reference: ReplayMethodReference?, _ expressions: [ReplayExpression], at position: SourcePosition)
        async throws(ReplayError) -> ReplayValue
    {
        if let reference {
            return .blob(try await prepare(reference, expressions).bytes)
        }
        var scriptValues: [ReplayValue] = []
        for expression in expressions { scriptValues.append(try await evaluate(expression)) }
        try measureArguments(scriptValues, "encode", at: position)
        var values: [CandidValue] = []
        var types: [CandidType] = []
        for (expression, scriptValue) in zip(expressions, scriptValues) {
            let value = scriptValue.defaultTyped()
            values.append(try lift(at: expression.position) { () throws(ValueError) in try value.candidValue() })
            types.append(try lift(at: expression.position) { () throws(ValueError) in try value.inferredType() })
        }
        do {
            return .blob(try Candid.encode(values, as: types))
        } catch {
            throw self.error(.candid, "the values do not encode: \(error)", at: position)
        }
    }

    /// `decode as c.m blob` at the method's result types, or `decode blob` at the message's own types.
    func decode(_ reference: ReplayMethodReference?, _ expression: ReplayExpression, at position: SourcePosition)
        async throws(ReplayError) -> ReplayValue
    {
        let value = try await evaluate(expression)
        guard let bytes = value.bytes else {
            throw error(.typeMismatch, "decode needs a blob, got a \(value.kindName) value", at: expression.position)
        }
        do {
            if let reference {
                let (canister, _) = try canister(of: reference)
                let interface = try await interface(of: canister, at: reference.position)
                guard let method = interface.methods[reference.method] else {
                    throw error(.unknownMethod, "the canister has no method \(reference.method)",
                                at: reference.position)
                }
                let values = try Candid.decode(bytes, as: method.results, in: interface.environment)
                return .tuple(values.map { ReplayValue($0) })
            }
            return .tuple(try Candid.decode(bytes).map { ReplayValue($0) })
        } catch let error as ReplayError {
            throw error
        } catch {
            throw self.error(.candid, "the blob does not decode: \(error)", at: position)
        }
    }
}
