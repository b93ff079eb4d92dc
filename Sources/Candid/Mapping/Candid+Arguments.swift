// Sources/Candid/Mapping/Candid+Arguments.swift - Swift argument tuples to and from DIDL messages

extension Candid {
    /// Encodes Swift values as a `DIDL` argument tuple.
    ///
    /// Each value is encoded at the Candid type of its Swift type (discovered once per type and
    /// cached); a type that is only `Encodable` is encoded at the type its value carries.
    ///
    /// - Throws: ``CandidError`` with code `mapping` when a value has no Candid form; its message
    ///   starts with the argument's place (`argument 2 of 4: `), its path is the path inside it.
    public static func encodeArguments<each T: Encodable>(_ values: repeat each T) throws -> [UInt8] {
        if case .typed(let plan)? = encodingPlan(repeat (each T).self) {
            let session = DirectEncoding(plan: plan)
            var position = 0
            do {
                for value in repeat each values {
                    try session.encode(value, plan.roots[position])
                    position += 1
                }
                if !session.spoiled { return session.out }
            } catch {}
            var count = 0
            for _ in repeat each values { count += 1 }
            var encoded: [CandidValue] = []
            encoded.reserveCapacity(count)
            for value in repeat each values {
                try ArgumentPlace.locate(encoded.count, of: count) {
                    encoded.append(try EncodingCore.encode(value, at: .root))
                }
            }
            return try BinaryEncoder.encode(encoded, plan: plan)
        }
        return try encodeArgumentsThroughValues(repeat each values)
    }

    /// ``encodeArguments(_:)`` as it was before the encoding plans: each value's type discovered and the
    /// table built on every call. The plan path gives the same bytes; tests compare the two.
    static func encodeArgumentsThroughValues<each T: Encodable>(_ values: repeat each T) throws -> [UInt8] {
        var count = 0
        for _ in repeat each values { count += 1 }
        var encoded: [CandidValue] = []
        var types: [CandidType] = []
        var definitions: [String: CandidType] = [:]
        var typed = true
        for value in repeat each values {
            try ArgumentPlace.locate(encoded.count, of: count) {
                encoded.append(try EncodingCore.encode(value, at: .root))
                if typed, let definition = try ArgumentPlace.definition(ofValue: value) {
                    types.append(definition.type)
                    definitions.merge(definition.environment.definitions) { first, _ in first }
                } else {
                    typed = false
                }
            }
        }
        guard typed else { return try Candid.encode(encoded) }
        return try Candid.encode(encoded, as: types, in: CandidTypeEnvironment(definitions))
    }

    /// Decodes a `DIDL` argument tuple into Swift values, with coercion at their Candid types.
    ///
    /// The message is decoded at the Candid types of the Swift types (discovered once per type and
    /// cached), with the spec's coercion: extra fields and arguments are skipped, missing `opt`
    /// fields and trailing `opt` arguments are `nil`. The values are then mapped to Swift.
    ///
    /// - Throws: ``CandidError`` from binary decoding, or from mapping (its message starts with the
    ///   argument's place, `argument 2 of 4: `, and its path is the path inside that argument).
    public static func decodeArguments<each T: Decodable>(
        _ bytes: [UInt8],
        as types: repeat (each T).Type,
        limits: CandidLimits = .default
    ) throws -> (repeat each T) {
        let prepared = try preparedTypes(repeat each types)
        if let direct = prepared.decodeDirect(bytes, limits: limits, { session, roots, offsets in
            var position = 0
            func next<U: Decodable>(_ type: U.Type) throws -> U {
                defer { position += 1 }
                return try session.decode(U.self, roots[position], at: offsets[position])
            }
            return (repeat try next(each types))
        }) {
            return direct
        }
        return try decodeArgumentsThroughValues(bytes, as: repeat each types, limits: limits)
    }

    /// The prepared expected types of a tuple of Swift types, discovered and built once per tuple.
    static func preparedTypes<each T: Decodable>(_ types: repeat (each T).Type) throws -> PreparedTypes {
        var count = 0
        for _ in repeat each types { count += 1 }
        return try PreparedTypesCache.tuple(.init(tuple: (repeat each T).self)) {
            var expected: [CandidType] = []
            var definitions: [String: CandidType] = [:]
            for type in repeat each types {
                let definition = try ArgumentPlace.locate(expected.count, of: count) {
                    try ArgumentPlace.definition(ofType: type)
                }
                expected.append(definition.type)
                definitions.merge(definition.environment.definitions) { first, _ in first }
            }
            return try PreparedTypes(expected, in: CandidTypeEnvironment(definitions))
        }
    }

    /// ``decodeArguments(_:as:limits:)`` through the value tree: the message decoded to Candid values, then
    /// mapped. The direct path gives the same results; it falls back here for every message it does not read.
    static func decodeArgumentsThroughValues<each T: Decodable>(
        _ bytes: [UInt8],
        as types: repeat (each T).Type,
        limits: CandidLimits = .default
    ) throws -> (repeat each T) {
        let prepared = try preparedTypes(repeat each types)
        var count = 0
        for _ in repeat each types { count += 1 }
        let values = try prepared.decode(bytes, limits: limits)
        guard values.count == count else {
            throw CandidError(.mapping, "the message decoded to \(values.count) arguments, expected \(count)")
        }
        var position = 0
        func next<U: Decodable>(_ type: U.Type) throws -> U {
            defer { position += 1 }
            return try ArgumentPlace.locate(position, of: count) {
                try DecodingCore.decode(U.self, from: values[position], at: .root)
            }
        }
        return (repeat try next(each types))
    }

    /// The encoding plan of a tuple of Swift types, made once per tuple: `nil` when their types cannot be
    /// discovered (the caller then takes the path that reports why).
    static func encodingPlan<each T: Encodable>(_ types: repeat (each T).Type) -> EncodingPlanCache.Entry? {
        EncodingPlanCache.entry(.init(tuple: (repeat each T).self)) {
            var expected: [CandidType] = []
            var definitions: [String: CandidType] = [:]
            for type in repeat each types {
                guard let definition = try ArgumentPlace.definition(ofEncodable: type) else { return .untyped }
                expected.append(definition.type)
                definitions.merge(definition.environment.definitions) { first, _ in first }
            }
            return .typed(try BinaryEncoder.plan(expected, in: CandidTypeEnvironment(definitions)))
        }
    }

    /// Encodes a `Result` as the one-argument message `(variant { Ok : Success; Err : Failure })`.
    public static func encodeArguments<Success: Encodable, Failure: Encodable & Error>(
        _ result: Result<Success, Failure>
    ) throws -> [UInt8] {
        let entry = EncodingPlanCache.entry(.init(result: Result<Success, Failure>.self)) {
            guard let discover = ArgumentPlace.resultDefinition(Success.self, Failure.self) else { return .untyped }
            let definition = try discover()
            return .typed(try BinaryEncoder.plan([definition.type], in: definition.environment))
        }
        if case .typed(let plan)? = entry {
            let session = DirectEncoding(plan: plan)
            if (try? session.encodeResult(result, plan.roots[0])) != nil, !session.spoiled { return session.out }
            return try BinaryEncoder.encode([try EncodingCore.encodeResult(result, at: .root)], plan: plan)
        }
        return try encodeResultThroughValues(result)
    }

    /// ``encodeArguments(_:)`` of a `Result` without the encoding plan, for tests.
    static func encodeResultThroughValues<Success: Encodable, Failure: Encodable & Error>(
        _ result: Result<Success, Failure>
    ) throws -> [UInt8] {
        let value = try EncodingCore.encodeResult(result, at: .root)
        if let discover = ArgumentPlace.resultDefinition(Success.self, Failure.self) {
            let definition = try discover()
            return try Candid.encode([value], as: [definition.type], in: definition.environment)
        }
        return try Candid.encode([value])
    }

    /// Decodes the one-argument message `(variant { Ok : Success; Err : Failure })` as a `Result`.
    public static func decodeArguments<Success: Decodable, Failure: Decodable & Error>(
        _ bytes: [UInt8],
        as type: Result<Success, Failure>.Type,
        limits: CandidLimits = .default
    ) throws -> Result<Success, Failure> {
        let prepared = try preparedTypes(type)
        if let direct = prepared.decodeDirect(bytes, limits: limits, { session, roots, offsets in
            try session.decodeResult(type, roots[0], at: offsets[0])
        }) {
            return direct
        }
        return try decodeResultThroughValues(bytes, as: type, limits: limits)
    }

    /// The prepared type of `variant { Ok : Success; Err : Failure }`.
    static func preparedTypes<Success: Decodable, Failure: Decodable & Error>(
        _ type: Result<Success, Failure>.Type
    ) throws -> PreparedTypes {
        try PreparedTypesCache.tuple(.init(result: type)) {
            let definition = try TypeDiscovery.discoverResult(Success.self, Failure.self, key: ObjectIdentifier(type))
            return try PreparedTypes([definition.type], in: definition.environment)
        }
    }

    /// ``decodeArguments(_:as:limits:)`` of a `Result` through the value tree.
    static func decodeResultThroughValues<Success: Decodable, Failure: Decodable & Error>(
        _ bytes: [UInt8],
        as type: Result<Success, Failure>.Type,
        limits: CandidLimits = .default
    ) throws -> Result<Success, Failure> {
        let prepared = try preparedTypes(type)
        let values = try prepared.decode(bytes, limits: limits)
        guard let first = values.first else {
            throw CandidError(.mapping, "the message decoded to no argument, expected 1")
        }
        return try DecodingCore.decodeResult(type, from: first, at: .root)
    }
}

/// Argument positions in errors, and the Candid types of argument values.
enum ArgumentPlace {
    /// Runs `body`, starting the message of any `CandidError` it throws with `argument N of M: `.
    static func locate<R>(_ index: Int, of count: Int, _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch var error as CandidError {
            error.message = "argument \(index + 1) of \(count): " + error.message
            throw error
        }
    }

    /// The discovered type of a value's Swift type, or `nil` when the type is not Decodable.
    static func definition<T: Encodable>(ofValue value: T) throws -> CandidTypeDefinition? {
        try definition(ofEncodable: T.self)
    }

    /// The discovered type of an Encodable Swift type, or `nil` when it is not Decodable: what
    /// ``definition(ofValue:)`` gives for every value of the type.
    static func definition<T: Encodable>(ofEncodable type: T.Type) throws -> CandidTypeDefinition? {
        if let representable = T.self as? any CandidRepresentable.Type {
            return CandidTypeDefinition(type: representable.candidType)
        }
        guard let decodable = T.self as? any Decodable.Type else { return nil }
        func open<D: Decodable>(_ type: D.Type) throws -> CandidTypeDefinition { try TypeDiscovery.discover(D.self) }
        return try open(decodable)
    }

    static func definition<T: Decodable>(ofType type: T.Type) throws -> CandidTypeDefinition {
        if let representable = T.self as? any CandidRepresentable.Type {
            return CandidTypeDefinition(type: representable.candidType)
        }
        return try TypeDiscovery.discover(T.self)
    }

    /// The type of `Result<Success, Failure>` when both are Decodable as well.
    static func resultDefinition<Success, Failure: Error>(
        _ success: Success.Type, _ failure: Failure.Type
    ) -> (() throws -> CandidTypeDefinition)? {
        guard let decodableSuccess = Success.self as? any Decodable.Type,
            let decodableFailure = Failure.self as? any Decodable.Type
        else { return nil }
        let key = ObjectIdentifier(Result<Success, Failure>.self)
        func open<S: Decodable, F: Decodable>(_ s: S.Type, _ f: F.Type) -> () throws -> CandidTypeDefinition {
            { try TypeDiscovery.discoverResult(S.self, F.self, key: key) }
        }
        return open(decodableSuccess, decodableFailure)
    }
}
