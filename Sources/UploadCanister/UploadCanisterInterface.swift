// Sources/UploadCanister/UploadCanisterInterface.swift - the canister's .did, with futura's type names

public import Candid
import CanisterRuntime
import Uploads

/// The upload canister's Candid interface: its `.did` with the type names of futura's `backend.did`.
///
/// The runtime describes any canister from its declared methods and the names it lists
/// (``CandidNames``); the upload canister lists futura's names, ``namedTypes``: each is printed as a
/// `type Name = ...;` definition and referred to by name wherever its structure occurs, nested or not.
/// The text is the definitions sorted by name, then `service : (InitArg) -> { ... }` with the methods
/// sorted by name.
public enum UploadCanisterInterface {
    /// The `.did` file: the runtime's description of ``UploadCanister`` with its ``namedTypes``
    /// (``UploadCanister/candidNames``), the definitions sorted by name.
    ///
    /// - Throws: `CandidError` when a declared type has no Candid mapping, or ``CandidNames/Conflict``
    ///   when two names describe the same structure.
    public static func didFile() throws -> DidFile {
        var file = try CanisterInterface(of: UploadCanister.self).didFile
        file.definitionOrder.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return file
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
}
