// Sources/Replay/ReplayParser+Types.swift - Candid types in annotations: `(e : opt vec nat8)`

import Candid

extension Parser {
    /// A Candid type, read from the script text by Candid's own type parser.
    mutating func type() throws(ReplayError) -> CandidType {
        let parsed: (type: CandidType, end: Int)
        do {
            parsed = try CandidTextSyntax.parseType(in: source, at: current.offset)
        } catch {
            let (line, column, message) = error.textFault ?? (position.line, position.column, error.message)
            throw self.error(message, at: SourcePosition(file: position.file, line: line, column: column))
        }
        while current.offset < parsed.end, current.kind != .end { advance() }
        return parsed.type
    }
}
