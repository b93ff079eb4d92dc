// Sources/UploadCanister/UploadCanisterInterface.swift - the canister's .did, with futura's type names

public import Candid
import CanisterRuntime
import Uploads

/// The upload canister's Candid interface: its `.did` with the type names of futura's `backend.did`.
///
/// The runtime describes any canister from its declared methods, naming only the types that appear as
/// whole arguments or results (after their Swift names). This module knows futura's names: every type of
/// ``namedTypes`` is printed as a `type Name = ...;` definition and referred to by name wherever its
/// structure occurs, nested or not. The text is the definitions sorted by name, then
/// `service : (InitArg) -> { ... }` with the methods sorted by name.
public enum UploadCanisterInterface {
    /// The `.did` file.
    ///
    /// - Throws: `CandidError` when a declared type has no Candid mapping, or ``NamingError`` when two
    ///   names describe the same structure.
    public static func didFile() throws -> DidFile {
        let interface = try CanisterInterface(of: UploadCanister.self)
        let namer = try StructuralNamer(try namedStructures())
        let service = CandidServiceType(
            methods: interface.methods.map { method in
                CandidServiceType.Method(
                    name: method.name,
                    type: .function(
                        CandidFunctionType(
                            arguments: method.arguments.map(namer.substitute),
                            results: method.results.map(namer.substitute),
                            modes: method.kind == .query ? [.query] : []
                        )
                    )
                )
            }
        )
        let initArguments = interface.installArguments.map(namer.substitute)
        let roots = initArguments + service.methods.map(\.type)
        let definitions = namer.definitions(reachableFrom: roots)
        return DidFile(
            environment: CandidTypeEnvironment(definitions),
            definitionOrder: definitions.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
            serviceArguments: initArguments,
            service: service
        )
    }

    /// The `.did` text (what `canister-sim did` prints and CANDID.md shows).
    public static func didText() throws -> String {
        try didFile().formattedText
    }

    /// The Swift types printed under a name: futura's names (``CandidNamed``), the result variants and
    /// the install argument.
    public static var namedTypes: [(name: String, type: any Decodable.Type)] {
        let results: [(String, any Decodable.Type)] = [
            ("InitArg", UploadCanister.InitArg.self),
            ("Result", UnitResult.self),
            ("Result13", UploadResult<UInt64>.self),
            ("Result15", UploadResult<UploadFinishResult>.self),
            ("Result6", UploadResult<String>.self),
            ("Result_3", UploadResult<BlobMeta>.self),
            ("Result_4", UploadResult<[UInt8]>.self),
            ("Result_5", UploadResult<Capsule>.self),
            ("Result_6", UploadResult<CapsuleInfo>.self),
            ("Result_17", UploadResult<Page>.self),
            ("Result_20", UploadResult<Memory>.self),
        ]
        let domain: [any (Decodable & CandidNamed).Type] = [
            AccessCondition.self, AccessEntry.self, AccessEvent.self, AssetKind.self, AssetLink.self,
            AssetLinks.self, AssetMetadata.self, AssetMetadataBase.self, AssetType.self, AudioAssetMetadata.self,
            BackendHosting.self, BlobHosting.self, BlobMeta.self, BlobRef.self, Capsule.self, CapsuleInfo.self,
            Connection.self, ConnectionGroup.self, ConnectionStatus.self, ControllerState.self, DatabaseHosting.self,
            DocumentAssetMetadata.self, Folder.self, FolderMetadata.self, Gallery.self, GalleryItem.self,
            GrantSource.self, HostingPreferences.self, ImageAssetMetadata.self, Memory.self,
            MemoryAssetBlobExternal.self, MemoryAssetBlobInternal.self, MemoryAssetInline.self, MemoryHeader.self,
            MemoryMetadata.self, MemoryType.self, NoteAssetMetadata.self, OwnerState.self, Page.self, PersonRef.self,
            ResourceRole.self, SharingStatus.self, StorageBackend.self, UploadConfig.self, UploadError.self,
            UploadFinishResult.self, VideoAssetMetadata.self,
        ]
        return results + domain.map { ($0.candidName, $0 as any Decodable.Type) }
    }

    /// Each named type's Candid structure, written out in full.
    static func namedStructures() throws -> [(name: String, type: CandidType)] {
        try namedTypes.map { entry in
            func structure<T: Decodable>(_ type: T.Type) throws -> CandidType {
                try CandidDecoder().candidType(of: type)
            }
            return (entry.name, try structure(entry.type))
        }
    }

    /// Two names describe the same Candid structure, so a type could not be printed under one name.
    public struct NamingError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The names, sorted.
        public let names: [String]

        public var description: String {
            "the types \(names.joined(separator: " and ")) have the same Candid structure"
        }
    }
}

/// Replaces every occurrence of a named structure by a reference to its name.
struct StructuralNamer {
    private var names: [CandidType: String] = [:]
    private var structures: [String: CandidType] = [:]

    init(_ entries: [(name: String, type: CandidType)]) throws {
        for (name, type) in entries {
            if let other = names[type] {
                throw UploadCanisterInterface.NamingError(names: [other, name].sorted())
            }
            names[type] = name
            structures[name] = type
        }
    }

    /// `type` with every named structure in it, itself included, replaced by its name.
    func substitute(_ type: CandidType) -> CandidType {
        if let name = names[type] { return .named(name) }
        return substituteInside(type)
    }

    /// `type` with the named structures strictly inside it replaced.
    private func substituteInside(_ type: CandidType) -> CandidType { type.rewritten(substitute) }

    /// The definitions of the names `roots` use, directly or through other definitions.
    func definitions(reachableFrom roots: [CandidType]) -> [String: CandidType] {
        var definitions: [String: CandidType] = [:]
        var pending: [String] = []
        for root in roots { Self.collectNames(in: root, into: &pending) }
        while let name = pending.popLast() {
            guard definitions[name] == nil, let structure = structures[name] else { continue }
            let definition = substituteInside(structure)
            definitions[name] = definition
            Self.collectNames(in: definition, into: &pending)
        }
        return definitions
    }

    private static func collectNames(in type: CandidType, into names: inout [String]) {
        switch type {
        case .named(let name): names.append(name)
        case .opt(let inner), .vec(let inner): collectNames(in: inner, into: &names)
        case .record(let fields), .variant(let fields):
            for field in fields { collectNames(in: field.type, into: &names) }
        case .function(let function):
            for type in function.arguments + function.results { collectNames(in: type, into: &names) }
        case .service(let service):
            for method in service.methods { collectNames(in: method.type, into: &names) }
        default: break
        }
    }
}
