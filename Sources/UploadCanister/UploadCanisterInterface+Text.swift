// Sources/UploadCanister/UploadCanisterInterface+Text.swift - the .did text, one field per line when long

import Candid

extension UploadCanisterInterface {
    /// The widest `type X = ...;` line kept on one line; longer records and variants get one field per line.
    static let lineWidth = 100

    /// The `.did` text of `file`: each definition in ``DidFile/definitionOrder`` on one line when it fits in
    /// ``lineWidth`` columns, else a record or variant with one field per line (as `didc` lays out futura's
    /// file), then the service with one method per line. `DidFile.parse` of it gives back `file`.
    static func text(of file: DidFile) -> String {
        var text = ""
        for name in file.definitionOrder {
            guard let type = file.environment.definitions[name] else { continue }
            text += definition(name, type)
        }
        let service = DidFile(serviceArguments: file.serviceArguments, service: file.service)
        return text + service.text
    }

    private static func definition(_ name: String, _ type: CandidType) -> String {
        let line = "type \(name) = \(type);\n"
        guard line.utf8.count > lineWidth + 1 else { return line }
        let keyword: String
        let fields: [CandidField]
        switch type {
        case .record(let recordFields) where !isTuple(recordFields):
            keyword = "record"
            fields = recordFields
        case .variant(let variantFields):
            keyword = "variant"
            fields = variantFields
        default:
            return line
        }
        var text = "type \(name) = \(keyword) {\n"
        for field in fields {
            let label = labelText(field.label)
            if keyword == "variant", field.type == .null {
                text += "  \(label);\n"
            } else {
                text += "  \(label) : \(field.type);\n"
            }
        }
        return text + "};\n"
    }

    /// A record whose labels are 0, 1, 2... without names prints as a tuple, so it stays on one line.
    private static func isTuple(_ fields: [CandidField]) -> Bool {
        fields.enumerated().allSatisfy { $1.label.name == nil && $1.label.id == UInt32($0) }
    }

    /// A label as Candid text writes it (bare, quoted or numeric), taken from the type printer.
    private static func labelText(_ label: CandidLabel) -> String {
        let printed = CandidType.variant([CandidField(label, .bool)]).description
        return String(printed.dropFirst("variant { ".count).dropLast(" : bool }".count))
    }
}
