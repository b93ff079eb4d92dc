// Sources/Candid/Binary/BinaryDecoder+Message.swift - a whole message: header, arguments, trailing bytes

extension BinaryDecoder {
    /// Decodes the message `bytes`.
    ///
    /// - Parameters:
    ///   - limits: table size, depth and quotas.
    ///   - expectedTypes: given the header, the expected table and argument types (for decoding at the
    ///     wire types, the header's own).
    /// - Returns: the header and the argument values.
    static func decodeMessage(
        _ bytes: [UInt8],
        limits: CandidLimits,
        expectedTypes: (MessageHeader) throws(CandidError) -> (table: TypeTable, types: [TypeRef])
    ) throws(CandidError) -> (header: MessageHeader, values: [CandidValue]) {
        let outcome = bytes.withUnsafeBytes { raw -> Result<(MessageHeader, [CandidValue]), CandidError> in
            do throws(CandidError) {
                return .success(try decode(raw, limits: limits, expectedTypes: expectedTypes))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    private static func decode(
        _ raw: UnsafeRawBufferPointer,
        limits: CandidLimits,
        expectedTypes: (MessageHeader) throws(CandidError) -> (table: TypeTable, types: [TypeRef])
    ) throws(CandidError) -> (MessageHeader, [CandidValue]) {
        var reader = ByteReader(raw)
        let header: MessageHeader
        do { header = try MessageHeader.read(&reader, limits: limits) } catch { throw error.error }
        let (table, types) = try expectedTypes(header)
        var decoder = BinaryDecoder(reader: reader, wire: header.table, expected: table, limits: limits)
        do throws(DecodeFailure) {
            try decoder.charge(saturatingMultiply(4, header.length))
            let values = try decoder.arguments(header.arguments, types)
            guard decoder.reader.isAtEnd else {
                throw DecodeFailure.hard(
                    .trailingBytes, "\(decoder.reader.remaining) bytes are left after the last argument",
                    at: decoder.reader.position)
            }
            return (header, values)
        } catch {
            throw error.error
        }
    }

    /// The argument values: extra wire arguments are skipped, missing ones must be optional.
    private mutating func arguments(_ wireTypes: [TypeRef], _ types: [TypeRef]) throws(DecodeFailure)
        -> [CandidValue]
    {
        var values: [CandidValue] = []
        values.reserveCapacity(types.count)
        let count = max(wireTypes.count, types.count)
        for index in 0..<count {
            // Built only when needed: it is in every error, and no success needs it.
            var place: String { "argument \(index + 1) of \(count)" }
            do {
                if index < wireTypes.count, index < types.count {
                    values.append(try value(wireTypes[index], types[index]))
                } else if index < wireTypes.count {
                    try skipValue(wireTypes[index])
                } else {
                    values.append(try absentArgument(types[index], place: place))
                }
            } catch {
                var located = error.error
                located.message = place + ": " + located.message
                throw .hard(located)
            }
        }
        return values
    }

    private func absentArgument(_ type: TypeRef, place: String) throws(DecodeFailure) -> CandidValue {
        switch type {
        case .null: return .null
        case .reserved: return .reserved
        default:
            if case .opt = expected.entry(type) { return .opt(nil) }
            throw .hard(
                CandidError(
                    .missingField,
                    "the message has no value for it, and its type \(expected.describe(type)) "
                        + "is not null, opt or reserved", offset: reader.position))
        }
    }
}

extension MessageHeader {
    /// Reads only the header of the message `bytes`.
    static func read(_ bytes: [UInt8], limits: CandidLimits) throws(CandidError) -> MessageHeader {
        let outcome = bytes.withUnsafeBytes { raw -> Result<MessageHeader, CandidError> in
            var reader = ByteReader(raw)
            do throws(DecodeFailure) {
                return .success(try MessageHeader.read(&reader, limits: limits))
            } catch {
                return .failure(error.error)
            }
        }
        return try outcome.get()
    }
}
