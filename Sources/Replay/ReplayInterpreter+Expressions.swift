// Sources/Replay/ReplayInterpreter+Expressions.swift - evaluating expressions and paths

import Candid

extension Interpreter {
    func evaluate(_ expression: ReplayExpression) async throws(ReplayError) -> ReplayValue {
        let position = expression.position
        switch expression.kind {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let digits): return .number(digits)
        case .float(let value): return .float64(value)
        case .text(let text): return .text(text)
        case .blob(let bytes): return .blob(bytes)
        case .principal(let p): return .principal(p)
        case .service(let p): return .service(p)
        case .function(let p, let method): return .function(p, method: method)
        case .opt(let inner):
            let value = try await evaluate(inner)
            try checkNesting(CollectionOfOne(value), at: position)
            return .opt(value)
        case .vec(let items):
            var values: [ReplayValue] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try await evaluate(item)) }
            try checkNesting(values, at: position)
            return .vec(values)
        case .record(let fields):
            var values: [ReplayField] = []
            values.reserveCapacity(fields.count)
            for (label, item) in fields { values.append(ReplayField(label, try await evaluate(item))) }
            try checkNesting(values.lazy.map(\.value), at: position)
            return .record(values)
        case .variant(let label, let inner):
            let value = try await evaluate(inner)
            try checkNesting(CollectionOfOne(value), at: position)
            return .variant(label, value)
        case .annotated(let inner, let type):
            let value = try await evaluate(inner)
            return try lift(at: position) { () throws(ValueError) in try value.cast(to: type) }
        case .path(let name, let selectors):
            guard let value = scope.variable(name) else {
                let hint = name == "_" ? " (no expression statement has run yet)" : ""
                throw error(.undefined, "undefined variable \(name)\(hint)", at: position)
            }
            return try await select(value, selectors, at: position)
        case .call(let method, let arguments):
            return try await call(method, arguments)
        case .parallelCall(let list):
            return try await parallelCall(list)
        case .apply(let name, let arguments):
            return try await apply(name, arguments, at: position)
        case .simulator(let name, let arguments):
            return try await simulator(name, arguments, at: position)
        case .fail(let inner):
            do throws(ReplayError) {
                _ = try await evaluate(inner)
            } catch where !Self.isBudget(error) {
                return .text(error.message)
            }
            throw error(.typeMismatch, "fail expected an error, but the expression succeeded", at: position)
        case .encode(let method, let arguments):
            return try await encode(method, arguments, at: position)
        case .decode(let method, let blob):
            return try await decode(method, blob, at: position)
        }
    }

    /// Applies `?`, `.field`, `[index]` and the collection methods in order.
    func select(_ start: ReplayValue, _ selectors: [ReplaySelector], at position: SourcePosition)
        async throws(ReplayError) -> ReplayValue
    {
        var value = start
        for selector in selectors {
            switch selector {
            case .option:
                switch value {
                case .opt(.some(let inner)): value = inner
                case .opt(nil): throw error(.typeMismatch, "? applied to an absent option (null)", at: position)
                default: throw error(.typeMismatch, "? applies to opt values, not to a \(value.kindName)", at: position)
                }
            case .field(let label):
                value = try selectField(value, label, at: position)
            case .index(let expression):
                let index = try await evaluate(expression)
                value = try selectIndex(value, index, at: expression.position)
            case .size:
                switch value {
                case .vec(let items): value = .nat(BigInt(items.count))
                case .blob(let bytes, _): value = .nat(BigInt(bytes.count))
                case .record(let fields): value = .nat(BigInt(fields.count))
                case .text(let text): value = .nat(BigInt(try characterBoundaries(of: text, at: position).count - 1))
                default: throw error(.typeMismatch, ".size() applies to vec, blob, record and text", at: position)
                }
            case .map(let function):
                var built = 0
                value = try await transform(value, at: position) { item throws(ReplayError) in
                    let result = try await self.callFunction(function, [item], at: position)
                    built += try self.measure(result, ".map", room: self.options.budget.valueBytes - self.scope.bytes
                        - built, maximumDepth: self.options.budget.valueDepth - 1, at: position).bytes
                    return result
                }
            case .filter(let function):
                var built = 0
                value = try await transform(value, at: position) { item throws(ReplayError) in
                    let keep: ReplayValue?
                    do throws(ReplayError) {
                        keep = try await self.callFunction(function, [item], at: position)
                    } catch where !Self.isBudget(error) {
                        keep = nil
                    }
                    guard keep == .bool(true) else { return nil }
                    built += ReplayBudget.bytesPerElement
                    try self.reserve(bytes: built, ".filter", at: position)
                    return item
                }
            case .fold(let initial, let function):
                var accumulator = try await evaluate(initial)
                try await forEachItem(value, at: position) { item throws(ReplayError) in
                    accumulator = try await self.callFunction(function, [accumulator, item], at: position)
                }
                value = accumulator
            }
        }
        return value
    }

    func selectField(_ value: ReplayValue, _ label: CandidLabel, at position: SourcePosition) throws(ReplayError)
        -> ReplayValue
    {
        let name = ReplayValue.labelText(label)
        switch value {
        case .record(let fields):
            guard let field = fields.first(where: { $0.label.id == label.id }) else {
                let known = fields.map { ReplayValue.labelText($0.label) }.joined(separator: ", ")
                throw error(.typeMismatch, "the record has no field \(name) (fields: \(known))", at: position)
            }
            return field.value
        case .variant(let tag, let payload):
            guard tag.id == label.id else {
                throw error(.typeMismatch, "the variant is \(ReplayValue.labelText(tag)), not \(name): "
                    + value.text(.message), at: position)
            }
            return payload
        default:
            throw error(.typeMismatch, ".\(name) applies to records and variants, not to a \(value.kindName)",
                        at: position)
        }
    }

    func selectIndex(_ value: ReplayValue, _ indexValue: ReplayValue, at position: SourcePosition)
        throws(ReplayError) -> ReplayValue
    {
        guard let digits = try lift(at: position, { () throws(ValueError) in
            try indexValue.integerDigits(truncating: false)
        }), let index = UInt32(digits) else {
            throw error(.typeMismatch, "an index must be a number from 0 to 2^32-1", at: position)
        }
        let offset = Int(index)
        switch value {
        case .vec(let items):
            guard offset < items.count else {
                throw error(.typeMismatch, "index \(offset) is out of range of a vec of \(items.count)", at: position)
            }
            return items[offset]
        case .blob(let bytes, _):
            guard offset < bytes.count else {
                throw error(.typeMismatch, "index \(offset) is out of range of a blob of \(bytes.count)", at: position)
            }
            return .nat8(bytes[offset])
        case .text(let text):
            let boundaries = try characterBoundaries(of: text, at: position)
            guard offset < boundaries.count - 1 else {
                throw error(.typeMismatch, "index \(offset) is out of range of a text of \(boundaries.count - 1)",
                            at: position)
            }
            return .text(String(text[boundaries[offset]..<boundaries[offset + 1]]))
        case .record, .variant:
            return try selectField(value, CandidLabel(id: index), at: position)
        default:
            throw error(.typeMismatch, "[\(offset)] applies to vec, blob, text, record and variant values",
                        at: position)
        }
    }

    /// Calls `body` with each item `.map`, `.filter` and `.fold` walk, a step each: vec items, blob bytes
    /// as `nat8`, text characters. Blob bytes and characters are made one at a time.
    func forEachItem(
        _ value: ReplayValue,
        at position: SourcePosition,
        _ body: (ReplayValue) async throws(ReplayError) -> Void
    ) async throws(ReplayError) {
        switch value {
        case .vec(let items):
            for item in items {
                try spend(1, "visiting an element", at: position)
                try await body(item)
            }
        case .blob(let bytes, _):
            for byte in bytes {
                try spend(1, "visiting an element", at: position)
                try await body(.nat8(byte))
            }
        case .text(let text):
            for character in text {
                try spend(1, "visiting an element", at: position)
                try await body(.text(String(character)))
            }
        default:
            throw error(.typeMismatch,
                        ".map, .filter and .fold apply to vec, blob and text, not to a \(value.kindName)",
                        at: position)
        }
    }

    /// Maps the items (`nil` drops one) and rebuilds a vec (or a text, for a text).
    func transform(
        _ value: ReplayValue,
        at position: SourcePosition,
        _ body: (ReplayValue) async throws(ReplayError) -> ReplayValue?
    ) async throws(ReplayError) -> ReplayValue {
        var items: [ReplayValue] = []
        try await forEachItem(value, at: position) { item throws(ReplayError) in
            if let result = try await body(item) { items.append(result) }
        }
        guard case .text = value else { return .vec(items) }
        var text = ""
        for item in items {
            guard case .text(let part) = item else {
                throw error(.typeMismatch, "mapping a text must give texts, got a \(item.kindName)", at: position)
            }
            text += part
        }
        return .text(text)
    }
}
