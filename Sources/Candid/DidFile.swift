// Sources/Candid/DidFile.swift - .did files: type definitions and a service. STUB signatures.

/// A parsed `.did` file.
public struct DidFile: Hashable, Sendable {
    /// The `type X = ...;` definitions.
    public var environment: CandidTypeEnvironment
    /// Definition names in file order (for printing).
    public var definitionOrder: [String]
    /// The service's init arguments (`service : (A) -> { ... }`), if any.
    public var serviceArguments: [CandidType]?
    /// The service's methods, if the file has a service.
    public var service: CandidServiceType?

    public init(
        environment: CandidTypeEnvironment = .init(),
        definitionOrder: [String] = [],
        serviceArguments: [CandidType]? = nil,
        service: CandidServiceType? = nil
    ) {
        self.environment = environment
        self.definitionOrder = definitionOrder
        self.serviceArguments = serviceArguments
        self.service = service
    }

    /// Parses `.did` text. `import` is reported as `CandidError.Code.unsupported`.
    public static func parse(_ text: String) throws -> DidFile {
        throw CandidError(.unsupported, "not yet implemented")
    }

    /// The `.did` text of this file.
    public var text: String { "" }
}
