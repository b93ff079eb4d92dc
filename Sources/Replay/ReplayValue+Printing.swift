// Sources/Replay/ReplayValue+Printing.swift - script values as Candid text

import Candid

/// How ``ReplayValue/text(_:)`` writes a value.
public struct ReplayPrintOptions: Sendable {
    /// Annotate numbers, absent options and `reserved` (`(5 : nat64)`, `(null : opt empty)`) so that
    /// evaluating the text gives back a value `==` to this one. Off: `5`, `null`, as method
    /// arguments need (they take their types from the method).
    public var typed: Bool
    /// Blobs longer than this many bytes are shown by that many first bytes and a length comment (for messages,
    /// not for scripts); `nil` writes every byte.
    public var abbreviateBlobsOver: Int?

    /// Typed, every byte written, unless told otherwise.
    public init(typed: Bool = true, abbreviateBlobsOver: Int? = nil) {
        self.typed = typed
        self.abbreviateBlobsOver = abbreviateBlobsOver
    }

    /// For assertion failures and errors: typed, blobs over 256 bytes abbreviated.
    public static let message = ReplayPrintOptions(typed: true, abbreviateBlobsOver: 64)
}

extension ReplayValue {
    /// The value as Candid text on one line, e.g. `record { id = (7 : nat64); name = "a" }`.
    /// Field order is by label id, so the text is the same every run.
    public func text(_ options: ReplayPrintOptions = .message) -> String {
        var printer = ValuePrinter(options: options, blobReference: nil)
        printer.write(self)
        return printer.output
    }
}

/// Writes values as Candid text. The recorder supplies `blobReference` to write large blobs by reference.
struct ValuePrinter {
    var options: ReplayPrintOptions
    /// Returns replacement text for a blob (for example `file("x.bin")`), or `nil` to write its bytes.
    var blobReference: (([UInt8], BlobOrigin?) -> String?)?
    var output = ""

    init(options: ReplayPrintOptions, blobReference: (([UInt8], BlobOrigin?) -> String?)?) {
        self.options = options
        self.blobReference = blobReference
    }

    mutating func write(_ value: ReplayValue) {
        switch value {
        case .null: output += "null"
        case .bool(let b): output += b ? "true" : "false"
        case .number(let digits): output += digits
        case .nat(let n): number(n.description, "nat")
        case .int(let n): number(n.description, "int")
        case .nat8(let n): number(String(n), "nat8")
        case .nat16(let n): number(String(n), "nat16")
        case .nat32(let n): number(String(n), "nat32")
        case .nat64(let n): number(String(n), "nat64")
        case .int8(let n): number(String(n), "int8")
        case .int16(let n): number(String(n), "int16")
        case .int32(let n): number(String(n), "int32")
        case .int64(let n): number(String(n), "int64")
        case .float32(let f): float(Double(f), "float32")
        case .float64(let f): float(f, "float64")
        case .text(let s): output += Self.quoted(s)
        case .reserved: output += options.typed ? "(null : reserved)" : "null"
        case .principal(let p): output += "principal " + Self.quoted(p.text)
        case .opt(nil): output += options.typed ? "(null : opt empty)" : "null"
        case .opt(.some(let inner)):
            output += "opt "
            write(inner)
        case .vec(let items):
            if items.isEmpty {
                output += "vec {}"
                return
            }
            output += "vec { "
            for (index, item) in items.enumerated() {
                if index > 0 { output += "; " }
                write(item)
            }
            output += " }"
        case .blob(let bytes, let origin): blob(bytes, origin)
        case .record(let fields):
            if fields.isEmpty {
                output += "record {}"
                return
            }
            output += "record { "
            for (index, field) in fields.enumerated() {
                if index > 0 { output += "; " }
                output += Self.label(field.label) + " = "
                write(field.value)
            }
            output += " }"
        case .variant(let label, let inner):
            output += "variant { " + Self.label(label)
            if inner != .null {
                output += " = "
                write(inner)
            }
            output += " }"
        case .function(let p, let method):
            output += "func " + Self.quoted(p.text) + "." + Self.name(method)
        case .service(let p): output += "service " + Self.quoted(p.text)
        }
    }

    private mutating func number(_ digits: String, _ type: String) {
        output += options.typed ? "(\(digits) : \(type))" : digits
    }

    private mutating func float(_ value: Double, _ type: String) {
        var literal: String
        if value.isNaN {
            literal = "div(0.0, 0.0)"
        } else if value.isInfinite {
            literal = value < 0 ? "div(-1.0, 0.0)" : "div(1.0, 0.0)"
        } else {
            literal = type == "float32" ? Float(value).description : value.description
            if !literal.contains(".") && !literal.contains("e") { literal += ".0" }
        }
        output += options.typed || type == "float32" ? "(\(literal) : \(type))" : literal
    }

    private mutating func blob(_ bytes: [UInt8], _ origin: BlobOrigin?) {
        if let reference = blobReference?(bytes, origin) {
            output += reference
            return
        }
        var shown = bytes[...]
        if let limit = options.abbreviateBlobsOver, bytes.count > limit { shown = bytes[..<limit] }
        output += "blob \""
        for byte in shown {
            if byte >= 0x20, byte < 0x7f, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += "\\"
                appendHex(byte, to: &output)
            }
        }
        output += "\""
        if shown.count < bytes.count { output += " /* \(bytes.count) bytes, first \(shown.count) shown */" }
    }

    /// A text literal with Candid escapes: the one escaper, Candid's.
    static func quoted(_ text: String) -> String { CandidTextSyntax.quoted(text) }

    /// A record or variant label: bare name, quoted name, or numeric id.
    static func label(_ label: CandidLabel) -> String {
        guard let name = label.name else { return String(label.id) }
        return Self.name(name)
    }

    /// A name as the grammar's `Name`: an identifier that is not a keyword, else quoted text.
    static func name(_ name: String) -> String {
        isIdentifier(name) && !ReplayLexer.keywords.contains(name) ? name : quoted(name)
    }

    static func isIdentifier(_ text: String) -> Bool {
        var isFirst = true
        for scalar in text.unicodeScalars {
            let isLetter = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || scalar == "_"
            let isDigit = scalar >= "0" && scalar <= "9"
            guard isLetter || (!isFirst && isDigit) else { return false }
            isFirst = false
        }
        return !isFirst
    }
}
