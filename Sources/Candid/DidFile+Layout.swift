// Sources/Candid/DidFile+Layout.swift - a .did laid out for reading: one field per line when a type is long

extension DidFile {
    /// The widest `type X = ...;` line ``formattedText`` keeps on one line; longer records and variants get
    /// one field per line.
    public static let lineWidth = 100

    /// The `.did` text laid out for reading: each definition in ``definitionOrder`` on one line when it fits
    /// in ``lineWidth`` columns, else a record or variant with one field per line (as `didc` lays out
    /// long types), then the service with one method per line. ``parse(_:)`` of it gives back the file.
    public var formattedText: String {
        var text = ""
        for name in definitionOrder {
            guard let type = environment.definitions[name] else { continue }
            text += Self.definition(name, type)
        }
        let service = DidFile(serviceArguments: serviceArguments, service: service)
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
