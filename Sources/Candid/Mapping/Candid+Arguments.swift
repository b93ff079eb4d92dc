// Sources/Candid/Mapping/Candid+Arguments.swift - Swift argument tuples to and from DIDL messages

extension Candid {
    /// Encodes Swift values as a `DIDL` argument tuple.
    ///
    /// Each value is encoded at the Candid type of its Swift type (discovered once per type and
    /// cached); a type that is only `Encodable` is encoded at the type its value carries.
    ///
    /// - Throws: ``CandidError`` with code `mapping` when a value has no Candid form; its path starts
    ///   with the argument position (`"0"`, `"1"`…).
    public static func encodeArguments<each T: Encodable>(_ values: repeat each T) throws -> [UInt8] {
        var encoded: [CandidValue] = []
        var types: [CandidType] = []
        var definitions: [String: CandidType] = [:]
        var typed = true
        for value in repeat each values {
            let position = MappingPath.root.appending(String(encoded.count))
            encoded.append(try EncodingCore.encode(value, at: position))
            if typed, let definition = try ArgumentTypes.definition(of: value, at: position) {
                types.append(definition.type)
                definitions.merge(definition.environment.definitions) { first, _ in first }
            } else {
                typed = false
            }
        }
        guard typed else { return try Candid.encode(encoded) }
        return try Candid.encode(encoded, as: types, in: CandidTypeEnvironment(definitions))
    }

    /// Decodes a `DIDL` argument tuple into Swift values, with coercion at their Candid types.
    ///
    /// The message is decoded at the Candid types of the Swift types (with the spec's coercion:
    /// extra fields and arguments skipped, missing `opt` fields and trailing `opt` arguments `nil`),
    /// then mapped to the Swift values.
    ///
    /// - Throws: ``CandidError`` from decoding, or from mapping with a path that starts with the
    ///   argument position (`"0"`, `"1"`…).
    public static func decodeArguments<each T: Decodable>(
        _ bytes: [UInt8],
        as types: repeat (each T).Type,
        limits: CandidLimits = .default
    ) throws -> (repeat each T) {
        var expected: [CandidType] = []
        var definitions: [String: CandidType] = [:]
        for type in repeat each types {
            let definition = try ArgumentTypes.definition(of: type, at: expected.count)
            expected.append(definition.type)
            definitions.merge(definition.environment.definitions) { first, _ in first }
        }
        let values = try Candid.decode(bytes, as: expected, in: CandidTypeEnvironment(definitions), limits: limits)
        var position = 0
        func next<U: Decodable>(_ type: U.Type) throws -> U {
            defer { position += 1 }
            guard position < values.count else {
                throw CandidError(
                    .mapping, "the message has \(values.count) arguments, expected \(expected.count)",
                    path: [String(position)])
            }
            return try DecodingCore.decode(U.self, from: values[position], at: MappingPath.root.appending(String(position)))
        }
        return (repeat try next(each types))
    }

    /// Encodes a `Result` as a one-argument `DIDL` message `(variant { Ok : Success; Err : Failure })`.
    public static func encodeArguments<Success: Encodable, Failure: Encodable & Error>(
        _ result: Result<Success, Failure>
    ) throws -> [UInt8] {
        let value = try EncodingCore.encodeResult(result, at: MappingPath.root.appending("0"))
        if let decodable = ArgumentTypes.resultDefinition(Success.self, Failure.self) {
            let definition = try decodable()
            return try Candid.encode([value], as: [definition.type], in: definition.environment)
        }
        return try Candid.encode([value])
    }

    /// Decodes a one-argument `DIDL` message `(variant { Ok : Success; Err : Failure })` as a `Result`.
    public static func decodeArguments<Success: Decodable, Failure: Decodable & Error>(
        _ bytes: [UInt8],
        as type: Result<Success, Failure>.Type,
        limits: CandidLimits = .default
    ) throws -> Result<Success, Failure> {
        let definition = try TypeDiscovery.discoverResult(Success.self, Failure.self, key: ObjectIdentifier(type))
        let values = try Candid.decode(bytes, as: [definition.type], in: definition.environment, limits: limits)
        guard let first = values.first else {
            throw CandidError(.mapping, "the message has no arguments, expected 1", path: ["0"])
        }
        return try DecodingCore.decodeResult(type, from: first, at: MappingPath.root.appending("0"))
    }
}

/// The Candid types of argument values.
enum ArgumentTypes {
    /// The discovered type of a value's Swift type, or `nil` when the type is not Decodable.
    static func definition<T: Encodable>(of value: T, at path: MappingPath) throws -> CandidTypeDefinition? {
        if let representable = T.self as? any CandidRepresentable.Type {
            return CandidTypeDefinition(type: representable.candidType)
        }
        guard let decodable = T.self as? any Decodable.Type else { return nil }
        func open<D: Decodable>(_ type: D.Type) throws -> CandidTypeDefinition {
            try withPath(path) { try TypeDiscovery.discover(D.self) }
        }
        return try open(decodable)
    }

    static func definition<T: Decodable>(of type: T.Type, at position: Int) throws -> CandidTypeDefinition {
        if let representable = T.self as? any CandidRepresentable.Type {
            return CandidTypeDefinition(type: representable.candidType)
        }
        return try withPath(MappingPath.root.appending(String(position))) { try TypeDiscovery.discover(T.self) }
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

    private static func withPath<R>(_ path: MappingPath, _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as CandidError {
            throw error.prefixingPath(path.components)
        }
    }
}
