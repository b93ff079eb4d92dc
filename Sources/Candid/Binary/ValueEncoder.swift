// Sources/Candid/Binary/ValueEncoder.swift - writing values at the types of a table

/// Encodes values at types of a ``TypeTable`` into an ``EncodingSink``.
///
/// Values must match their types. A few lossless conveniences are accepted: any integer value at
/// an integer type it fits, `.null` at `opt` (as an absent option), `.blob` or `.vec` of `nat8` at
/// `vec nat8`, `.service` at `principal` and `.principal` at `service`, any value at `reserved`, and
/// record fields of type null, opt or reserved may be left out.
struct ValueEncoder<Sink: EncodingSink> {
    let table: TypeTable
    var sink: Sink

    mutating func encode(_ value: CandidValue, _ type: TypeRef) throws(CandidError) {
        if type.isPrimitive {
            try primitive(value, type)
            return
        }
        switch table.entries[type.index] {
        case .opt(let inner):
            switch value {
            case .opt(nil), .null:
                sink.byte(0)
            case .opt(let some?):
                sink.byte(1)
                try encode(some, inner)
            default:
                throw mismatch(value, "opt")
            }
        case .vec(let element):
            switch value {
            case .blob(let bytes) where element == .nat8:
                sink.leb(UInt64(bytes.count))
                sink.bytes(bytes)
            case .vec(let items):
                sink.leb(UInt64(items.count))
                for (index, item) in items.enumerated() {
                    do { try encode(item, element) } catch { throw prefixed(error, "[\(index)]") }
                }
            default:
                throw mismatch(value, table.entries[type.index] == .vec(.nat8) ? "vec nat8" : "vec")
            }
        case .record(let fields):
            guard case .record(let values) = value else { throw mismatch(value, "record") }
            try record(values, fields)
        case .variant(let fields):
            guard case .variant(let label, let payload) = value else { throw mismatch(value, "variant") }
            guard let index = TypeTable.field(withID: label.id, in: fields) else {
                throw CandidError(
                    .typeMismatch, "variant tag \(pathComponent(label)) is not in the type",
                    path: [pathComponent(label)])
            }
            sink.leb(UInt64(index))
            do { try encode(payload, fields[index].type) } catch { throw prefixed(error, pathComponent(label)) }
        case .function:
            guard case .function(let service, let method) = value else { throw mismatch(value, "func") }
            sink.byte(1)
            principal(service)
            sink.leb(UInt64(method.utf8.count))
            sink.utf8(method)
        case .service:
            switch value {
            case .service(let service), .principal(let service): principal(service)
            default: throw mismatch(value, "service")
            }
        case .future:
            throw CandidError(.unsupported, "values of future types can't be encoded")
        }
    }

    private mutating func record(_ values: [CandidRecordField], _ fields: [TableField]) throws(CandidError) {
        var used = 0
        var cursor = 0
        for field in fields {
            // Values are usually sorted like the type: look at the cursor first, then everywhere.
            var match: Int?
            if cursor < values.count, values[cursor].label.id == field.label.id {
                match = cursor
            } else {
                match = values.firstIndex { $0.label.id == field.label.id }
            }
            guard let match else {
                guard table.isNullLike(field.type) else {
                    throw CandidError(
                        .missingField, "the value has no field \(pathComponent(field.label)), which is not optional",
                        path: [pathComponent(field.label)])
                }
                if field.type != .null && field.type != .reserved { sink.byte(0) }
                continue
            }
            cursor = match + 1
            used += 1
            do { try encode(values[match].value, field.type) } catch {
                throw prefixed(error, pathComponent(field.label))
            }
        }
        guard used == values.count else {
            let known = Set(fields.map(\.label.id))
            let extra = values.first { !known.contains($0.label.id) }.map { pathComponent($0.label) } ?? "?"
            throw CandidError(
                .typeMismatch,
                "the value has field \(extra), which the record type does not have, "
                    + "or the same field twice")
        }
    }

    private mutating func primitive(_ value: CandidValue, _ type: TypeRef) throws(CandidError) {
        switch type {
        case .null:
            guard case .null = value else { throw mismatch(value, "null") }
        case .reserved:
            return
        case .empty:
            throw CandidError(.typeMismatch, "no value has type empty")
        case .bool:
            guard case .bool(let flag) = value else { throw mismatch(value, "bool") }
            sink.byte(flag ? 1 : 0)
        case .nat:
            guard let number = Self.integer(value), !number.isNegative else { throw mismatch(value, "nat") }
            sink.nat(number)
        case .int:
            guard let number = Self.integer(value) else { throw mismatch(value, "int") }
            sink.int(number)
        case .nat8: sink.fixed(try fixed(value, UInt8.self, "nat8"))
        case .nat16: sink.fixed(try fixed(value, UInt16.self, "nat16"))
        case .nat32: sink.fixed(try fixed(value, UInt32.self, "nat32"))
        case .nat64: sink.fixed(try fixed(value, UInt64.self, "nat64"))
        case .int8: sink.fixed(try fixed(value, Int8.self, "int8"))
        case .int16: sink.fixed(try fixed(value, Int16.self, "int16"))
        case .int32: sink.fixed(try fixed(value, Int32.self, "int32"))
        case .int64: sink.fixed(try fixed(value, Int64.self, "int64"))
        case .float32:
            guard case .float32(let number) = value else { throw mismatch(value, "float32") }
            sink.fixed(number.bitPattern)
        case .float64:
            switch value {
            case .float64(let number): sink.fixed(number.bitPattern)
            case .float32(let number): sink.fixed(Double(number).bitPattern)
            default: throw mismatch(value, "float64")
            }
        case .text:
            guard case .text(let text) = value else { throw mismatch(value, "text") }
            sink.leb(UInt64(text.utf8.count))
            sink.utf8(text)
        case .principal:
            switch value {
            case .principal(let id), .service(let id): principal(id)
            default: throw mismatch(value, "principal")
            }
        default:
            throw CandidError(.typeMismatch, "unknown type \(type.raw)")
        }
    }

    private mutating func principal(_ id: Principal) {
        sink.byte(1)
        sink.leb(UInt64(id.bytes.count))
        sink.bytes(id.bytes)
    }

    private func fixed<T: FixedWidthInteger>(_ value: CandidValue, _ type: T.Type, _ name: String)
        throws(CandidError) -> T
    {
        if let result = Self.fixedWidth(value, T.self) { return result }
        guard let number = Self.integer(value), let result = number.exactly(T.self) else {
            throw mismatch(value, name)
        }
        return result
    }

    /// The integer in a fixed-width integer value as `T`, when it fits: the common case, without a `BigInt`.
    @inline(__always)
    static func fixedWidth<T: FixedWidthInteger>(_ value: CandidValue, _ type: T.Type) -> T? {
        switch value {
        case .nat8(let number): T(exactly: number)
        case .nat16(let number): T(exactly: number)
        case .nat32(let number): T(exactly: number)
        case .nat64(let number): T(exactly: number)
        case .int8(let number): T(exactly: number)
        case .int16(let number): T(exactly: number)
        case .int32(let number): T(exactly: number)
        case .int64(let number): T(exactly: number)
        default: nil
        }
    }

    /// The integer in any integer value.
    static func integer(_ value: CandidValue) -> BigInt? {
        switch value {
        case .nat(let number), .int(let number): number
        case .nat8(let number): BigInt(number)
        case .nat16(let number): BigInt(number)
        case .nat32(let number): BigInt(number)
        case .nat64(let number): BigInt(number)
        case .int8(let number): BigInt(number)
        case .int16(let number): BigInt(number)
        case .int32(let number): BigInt(number)
        case .int64(let number): BigInt(number)
        default: nil
        }
    }

    private func mismatch(_ value: CandidValue, _ type: String) -> CandidError {
        CandidError(.typeMismatch, "a \(value.kindName) value can't be encoded at type \(type)")
    }

    private func prefixed(_ error: CandidError, _ component: String) -> CandidError {
        var error = error
        error.path.insert(component, at: 0)
        return error
    }

}
