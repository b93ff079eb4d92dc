// Sources/Candid/CandidError.swift - the one error type of the Candid module

/// An error from encoding, decoding, parsing or mapping Candid.
///
/// It carries a ``Code``, the byte offset where binary decoding failed (if it did), the path into
/// the value (`asset_metadata.Image.base.bytes`) and a readable message. Equality compares only the code.
public struct CandidError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure. Open set: new codes are not a breaking change.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: String, Hashable, Sendable {
            case truncated, invalidMagic, trailingBytes, invalidTypeTable, invalidTypeReference
            case invalidValue, typeMismatch, missingField, limitExceeded, quotaExceeded, depthExceeded
            case invalidPrincipal, invalidText, invalidUTF8, syntax, unknownType, unsupported, mapping
            case importFailed, importCycle
        }
        fileprivate let backing: Backing
        public var description: String { backing.rawValue }

        /// The input ended before the value did.
        public static let truncated = Code(backing: .truncated)
        /// The message does not start with `DIDL`.
        public static let invalidMagic = Code(backing: .invalidMagic)
        /// Bytes are left after the last argument.
        public static let trailingBytes = Code(backing: .trailingBytes)
        /// The type table is malformed (primitive entry, unsorted fields, bad annotation...).
        public static let invalidTypeTable = Code(backing: .invalidTypeTable)
        /// A type reference points outside the table or names an unknown definition.
        public static let invalidTypeReference = Code(backing: .invalidTypeReference)
        /// A value's bytes are invalid for its type (bool 02, opt tag 05...).
        public static let invalidValue = Code(backing: .invalidValue)
        /// The wire value does not coerce to the expected type.
        public static let typeMismatch = Code(backing: .typeMismatch)
        /// An expected record field is absent and its type is not null, opt or reserved.
        public static let missingField = Code(backing: .missingField)
        /// A declared length or count is larger than the input or a configured limit.
        public static let limitExceeded = Code(backing: .limitExceeded)
        /// The decoding or skipping quota ran out.
        public static let quotaExceeded = Code(backing: .quotaExceeded)
        /// Nesting went deeper than the limit.
        public static let depthExceeded = Code(backing: .depthExceeded)
        /// A principal is over 29 bytes, or its text is not canonical.
        public static let invalidPrincipal = Code(backing: .invalidPrincipal)
        /// Textual Candid could not be parsed or typed.
        public static let invalidText = Code(backing: .invalidText)
        /// Text bytes are not valid UTF-8.
        public static let invalidUTF8 = Code(backing: .invalidUTF8)
        /// A `.did` or `.test.did` file does not parse.
        public static let syntax = Code(backing: .syntax)
        /// A type name is not defined.
        public static let unknownType = Code(backing: .unknownType)
        /// A construct this implementation does not support (for example `import` in a `.did` parsed without a file reader).
        public static let unsupported = Code(backing: .unsupported)
        /// A Swift value does not map to or from the Candid value or type.
        public static let mapping = Code(backing: .mapping)
        /// A `.did` file's `import` could not be read or merged (missing file, duplicate definition,
        /// an `import service` of a file without a plain service), or imports nest too deep.
        public static let importFailed = Code(backing: .importFailed)
        /// A `.did` file imports itself, directly or through other files.
        public static let importCycle = Code(backing: .importCycle)
    }

    /// What kind of problem.
    public let code: Code
    /// Byte offset into the binary message, when binary decoding failed.
    public var offset: Int?
    /// The path into the value, outermost first: `["asset_metadata", "Image", "base", "bytes"]`.
    public var path: [String]
    /// What exactly is wrong, readable.
    public var message: String
    /// For a text error, where it is and the message without its `line L, column C: ` (a language that
    /// embeds Candid text reports it in its own form).
    package var textFault: (line: Int, column: Int, message: String)?

    /// An error with a code, a message, and where it happened when known.
    public init(_ code: Code, _ message: String, offset: Int? = nil, path: [String] = []) {
        self.code = code
        self.message = message
        self.offset = offset
        self.path = path
    }

    /// `code at byte N in a.b[3].c: message`.
    public var description: String {
        var text = code.description
        if let offset { text += " at byte \(offset)" }
        if !path.isEmpty { text += " in " + pathText }
        return text + ": " + message
    }

    /// The path as one string: components joined by `.`, except that an index (`[3]`) follows the
    /// component before it directly, as in `items[3].size`.
    public var pathText: String {
        var text = ""
        for component in path {
            if !text.isEmpty, !component.hasPrefix("[") { text += "." }
            text += component
        }
        return text
    }

    public static func == (lhs: CandidError, rhs: CandidError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
