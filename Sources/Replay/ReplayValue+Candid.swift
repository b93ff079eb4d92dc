// Sources/Replay/ReplayValue+Candid.swift - script values to and from Candid values

public import Candid

/// A value that does not fit what an operation needs; the interpreter adds the position.
struct ValueError: Error {
    var code: ReplayError.Code
    var message: String
    init(_ message: String, code: ReplayError.Code = .typeMismatch) {
        self.code = code
        self.message = message
    }
}

extension ReplayValue {
    /// The script value of a decoded Candid value. Blobs keep their bytes without copying.
    public init(_ value: CandidValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .nat(let n): self = .nat(n)
        case .int(let n): self = .int(n)
        case .nat8(let n): self = .nat8(n)
        case .nat16(let n): self = .nat16(n)
        case .nat32(let n): self = .nat32(n)
        case .nat64(let n): self = .nat64(n)
        case .int8(let n): self = .int8(n)
        case .int16(let n): self = .int16(n)
        case .int32(let n): self = .int32(n)
        case .int64(let n): self = .int64(n)
        case .float32(let f): self = .float32(f)
        case .float64(let f): self = .float64(f)
        case .text(let s): self = .text(s)
        case .reserved: self = .reserved
        case .principal(let p): self = .principal(p)
        case .opt(let inner): self = .opt(inner.map { ReplayValue($0) })
        case .vec(let items): self = .vec(items.map { ReplayValue($0) })
        case .blob(let bytes): self = .blob(bytes)
        case .record(let fields): self = .record(fields.map { ReplayField($0.label, ReplayValue($0.value)) })
        case .variant(let label, let inner): self = .variant(label, ReplayValue(inner))
        case .function(let p, let method): self = .function(p, method: method)
        case .service(let p): self = .service(p)
        }
    }

    /// The Candid value of a typed script value.
    /// - Throws: `ValueError` when an integer literal was never given a type.
    func candidValue() throws(ValueError) -> CandidValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let digits):
            throw ValueError("the number \(digits) has no type here; annotate it, e.g. (\(digits) : nat)")
        case .nat(let n): return .nat(n)
        case .int(let n): return .int(n)
        case .nat8(let n): return .nat8(n)
        case .nat16(let n): return .nat16(n)
        case .nat32(let n): return .nat32(n)
        case .nat64(let n): return .nat64(n)
        case .int8(let n): return .int8(n)
        case .int16(let n): return .int16(n)
        case .int32(let n): return .int32(n)
        case .int64(let n): return .int64(n)
        case .float32(let f): return .float32(f)
        case .float64(let f): return .float64(f)
        case .text(let s): return .text(s)
        case .reserved: return .reserved
        case .principal(let p): return .principal(p)
        case .opt(let inner): return .opt(try inner?.candidValue())
        case .vec(let items):
            var values: [CandidValue] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try item.candidValue()) }
            return .vec(values)
        case .blob(let bytes, _): return .blob(bytes)
        case .record(let fields):
            var values: [CandidRecordField] = []
            values.reserveCapacity(fields.count)
            for field in fields { values.append(CandidRecordField(field.label, try field.value.candidValue())) }
            return .record(values)
        case .variant(let label, let inner): return .variant(label, try inner.candidValue())
        case .function(let p, let method): return .function(p, method: method)
        case .service(let p): return .service(p)
        }
    }

    /// The value with every untyped part given a default type, for `encode (...)` without a method:
    /// integer literals become `int`, as Candid's text format does.
    func defaultTyped() -> ReplayValue {
        switch self {
        case .number(let digits):
            if let n = Self.bigInteger(digits) { return .int(n) }
            return self
        case .opt(let inner): return .opt(inner?.defaultTyped())
        case .vec(let items): return .vec(items.map { $0.defaultTyped() })
        case .record(let fields): return .record(fields.map { ReplayField($0.label, $0.value.defaultTyped()) })
        case .variant(let label, let inner): return .variant(label, inner.defaultTyped())
        default: return self
        }
    }
}
