// Sources/Uploads/Backend/UploadBackendKind.swift - choosing a backend by name (at install or upgrade)

/// The two backends, by name: what a canister's install argument chooses.
public enum UploadBackendKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// ``UploadService``: the session engine used directly.
    case direct
    /// ``CompatUploadService``: the session engine through the ``SessionCompat`` shim.
    case compat

    /// A fresh backend of this kind.
    ///
    /// - Throws: `InvalidArgument` for an unusable configuration.
    public func make(configuration: UploadConfiguration) throws(UploadError) -> any UploadBackend {
        switch self {
        case .direct: try UploadService(configuration: configuration)
        case .compat: try CompatUploadService(configuration: configuration)
        }
    }

    /// A backend of this kind holding the state either kind persisted into `storage` (an upgrade, possibly
    /// switching kind).
    ///
    /// - Throws: `Internal` ("corrupt_snapshot") as ``UploadBackend/restore(from:)``.
    public func restore(from storage: some BlobReadable) throws(UploadError) -> any UploadBackend {
        switch self {
        case .direct: try UploadService.restore(from: storage)
        case .compat: try CompatUploadService.restore(from: storage)
        }
    }

    /// The kind of `backend`.
    public init(of backend: any UploadBackend) {
        self = backend is CompatUploadService ? .compat : .direct
    }
}
