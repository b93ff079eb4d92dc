// Sources/Candid/Binary/BinaryEncoder.swift - whole messages: header, then values written once

/// Encodes argument tuples as `DIDL` messages.
enum BinaryEncoder {
    /// The message for `values` at `types`.
    ///
    /// The type table is canonical: structurally equal entries (recursive ones too) are shared and
    /// only entries the argument types use are written. The values are sized first, then written
    /// into a buffer reserved to exactly that size; a blob is one copy.
    static func encode(
        _ values: [CandidValue],
        as types: [CandidType],
        in environment: CandidTypeEnvironment
    ) throws(CandidError) -> [UInt8] {
        guard values.count == types.count else {
            throw CandidError(.typeMismatch, "\(values.count) values but \(types.count) types")
        }
        return try encode(values, plan: try plan(types, in: environment))
    }

    /// The canonical table and header of `types`: the part of every message at these types that does
    /// not depend on the values, made once by callers that encode many messages at the same types.
    static func plan(_ types: [CandidType], in environment: CandidTypeEnvironment) throws(CandidError)
        -> EncodingPlan
    {
        let (built, refs) = try TypeTable.build(types, in: environment)
        let (table, roots) = built.canonical(roots: refs)
        var header = ByteWriter(capacity: 64)
        header.bytes(Array("DIDL".utf8))
        table.writeHeader(arguments: roots, into: &header)
        return EncodingPlan(table: table, roots: roots, header: header.buffer)
    }

    /// The message for `values` at the types of `plan`, one value per root.
    static func encode(_ values: [CandidValue], plan: EncodingPlan) throws(CandidError) -> [UInt8] {
        guard values.count == plan.roots.count else {
            throw CandidError(.typeMismatch, "\(values.count) values but \(plan.roots.count) types")
        }
        var counter = ValueEncoder(table: plan.table, sink: ByteCounter(count: plan.header.count))
        for (index, (value, root)) in zip(values, plan.roots).enumerated() {
            do {
                try counter.encode(value, root)
            } catch {
                var located = error
                located.message = "argument \(index + 1) of \(values.count): " + located.message
                throw located
            }
        }
        let size = counter.sink.count
        var writer = ValueEncoder(table: plan.table, sink: ByteWriter(capacity: size))
        writer.sink.bytes(plan.header)
        for (value, root) in zip(values, plan.roots) { try writer.encode(value, root) }
        assert(writer.sink.buffer.count == size, "the size pass and the write pass disagree")
        return writer.sink.buffer
    }
}

/// What a message at given types starts with: the canonical table, the argument types in it, and the
/// header bytes (`DIDL`, the table, the argument list).
struct EncodingPlan: Sendable {
    let table: TypeTable
    let roots: [TypeRef]
    let header: [UInt8]
}

extension TypeTable {
    /// Writes the table and the argument types: `leb(N) entries leb(K) refs`.
    func writeHeader<Sink: EncodingSink>(arguments: [TypeRef], into sink: inout Sink) {
        sink.leb(UInt64(entries.count))
        for entry in entries {
            switch entry {
            case .opt(let inner):
                sink.sleb(-18)
                sink.sleb(Int64(inner.raw))
            case .vec(let inner):
                sink.sleb(-19)
                sink.sleb(Int64(inner.raw))
            case .record(let fields), .variant(let fields):
                if case .record = entry { sink.sleb(-20) } else { sink.sleb(-21) }
                sink.leb(UInt64(fields.count))
                for field in fields {
                    sink.leb(UInt64(field.label.id))
                    sink.sleb(Int64(field.type.raw))
                }
            case .function(let arguments, let results, let modes):
                sink.sleb(-22)
                sink.leb(UInt64(arguments.count))
                for argument in arguments { sink.sleb(Int64(argument.raw)) }
                sink.leb(UInt64(results.count))
                for result in results { sink.sleb(Int64(result.raw)) }
                sink.leb(UInt64(modes.count))
                for mode in modes { sink.byte(mode.rawValue) }
            case .service(let methods):
                sink.sleb(-23)
                sink.leb(UInt64(methods.count))
                for method in methods {
                    sink.leb(UInt64(method.name.utf8.count))
                    sink.utf8(method.name)
                    sink.sleb(Int64(method.type.raw))
                }
            case .future(let opcode):
                sink.sleb(opcode)
                sink.leb(0)
            }
        }
        sink.leb(UInt64(arguments.count))
        for argument in arguments { sink.sleb(Int64(argument.raw)) }
    }
}
