// Tests/UploadsTests/DomainCandidTests.swift - the domain types have exactly futura's Candid types and names

import Candid
import Foundation
import Testing
import TestSupport

@testable import Uploads

@Suite("Domain types against futura-upload-subset.did")
struct DomainCandidTests {
    /// Every domain type with the name futura's `.did` gives it.
    static var types: [any (Decodable & CandidNamed).Type] {
        [
            AssetMetadata.self, AssetMetadataBase.self, AssetType.self, NoteAssetMetadata.self, ImageAssetMetadata.self,
            DocumentAssetMetadata.self, AudioAssetMetadata.self, VideoAssetMetadata.self, UploadError.self,
            UploadFinishResult.self, StorageBackend.self, BlobMeta.self, UploadConfig.self, BlobRef.self, Capsule.self,
            CapsuleInfo.self, PersonRef.self, OwnerState.self, ControllerState.self, HostingPreferences.self,
            BackendHosting.self, DatabaseHosting.self, BlobHosting.self, Connection.self, ConnectionStatus.self,
            ConnectionGroup.self, Memory.self, MemoryMetadata.self, MemoryType.self, SharingStatus.self,
            MemoryAssetInline.self, MemoryAssetBlobInternal.self, MemoryAssetBlobExternal.self, AssetKind.self,
            AssetLink.self, AssetLinks.self, MemoryHeader.self, Page.self, ResourceRole.self, GrantSource.self,
            AccessEvent.self, AccessCondition.self, AccessEntry.self, FolderMetadata.self, Folder.self,
            GalleryItem.self, Gallery.self,
        ]
    }

    /// The fields `UploadConfig` has beyond futura's: every limit of the install argument.
    static let uploadConfigLimits = [
        "max_chunks", "max_active_per_caller", "session_ttl_ns", "max_single_read_bytes", "max_idempotency_key_bytes",
        "max_sessions_per_caller", "max_capsules_per_caller", "max_unsent_bytes_per_caller", "max_unsent_bytes_total",
        "max_name_bytes", "max_mime_type_bytes", "max_text_bytes", "max_tags",
    ]

    /// The subset `.did`, `Fixtures/interfaces/futura-upload-subset.did` in this package.
    static func didFile() throws -> DidFile {
        try DidFile.parse(String(contentsOf: PackageFiles.futuraSubset, encoding: .utf8))
    }

    /// Replaces every named reference by its definition (the subset has no recursive types).
    static func inline(_ type: CandidType, _ environment: CandidTypeEnvironment, depth: Int = 0) throws -> CandidType {
        guard depth < 64 else { throw CandidError(.depthExceeded, "recursive type") }
        switch type {
        case .named(let name):
            guard let definition = environment.definitions[name] else { throw CandidError(.unknownType, name) }
            return try inline(definition, environment, depth: depth + 1)
        case .opt(let inner): return .opt(try inline(inner, environment, depth: depth + 1))
        case .vec(let inner): return .vec(try inline(inner, environment, depth: depth + 1))
        case .record(let fields):
            return .record(try fields.map { CandidField($0.label, try inline($0.type, environment, depth: depth + 1)) })
        case .variant(let fields):
            return .variant(
                try fields.map { CandidField($0.label, try inline($0.type, environment, depth: depth + 1)) })
        default: return type
        }
    }

    @Test func everyTypeMatchesItsDefinition() throws {
        let did = try Self.didFile()
        let decoder = CandidDecoder()
        for type in Self.types {
            let name = type.candidName
            let expected = try Self.inline(.named(name), did.environment)
            var discovered = try decoder.candidType(of: type)
            if name == UploadConfig.candidName, case .record(let fields) = discovered {
                // upload_config reports every limit after futura's three fields (CANDID.md, `upload_config`).
                let limits = Set(Self.uploadConfigLimits.map(CandidLabel.init))
                #expect(limits.isSubset(of: Set(fields.map(\.label))), "UploadConfig lacks a limit field")
                discovered = .record(fields.filter { !limits.contains($0.label) })
            }
            #expect(discovered == expected, "\(type) (\(name))")
        }
        #expect(Set(Self.types.map { $0.candidName }).count == Self.types.count)
    }

    /// Values round-trip through Candid bytes at futura's types.
    @Test func valuesRoundTripThroughCandid() throws {
        let base = AssetMetadataBase(name: "a.mp4", mimeType: "video/mp4", bytes: 9, assetType: .thumbnail)
        let metadata: [AssetMetadata] = [
            .note(NoteAssetMetadata(base: base, wordCount: 3)),
            .image(ImageAssetMetadata(base: base, compressionRatio: 0.5, orientation: 6)),
            .document(DocumentAssetMetadata(base: base, pageCount: 2)),
            .audio(AudioAssetMetadata(base: base, channels: 2, bitDepth: 24)),
            .video(VideoAssetMetadata(base: base, frameRate: 29.97, aspectRatio: 1.5)),
        ]
        for value in metadata {
            let bytes = try Candid.encodeArguments(value)
            #expect(try Candid.decodeArguments(bytes, as: AssetMetadata.self) == value)
        }
        let errors: [UploadError] = [
            .internal("x"), .notFound, .unauthorized, .invalidArgument("y"), .resourceExhausted, .notImplemented("z"),
            .conflict("w"),
        ]
        for error in errors {
            #expect(try Candid.decodeArguments(Candid.encodeArguments(error), as: UploadError.self) == error)
        }
        let entry = AccessEntry(
            id: "e", isPublic: false, updatedAt: 1, role: .superAdmin, sourceId: nil, createdAt: 2,
            personRef: .principal(Fixtures.alice), invitedByPersonRef: .opaque("o"), grantSource: .magicLink,
            permMask: 7, condition: .scheduled(accessibleAfter: 5)
        )
        #expect(try Candid.decodeArguments(Candid.encodeArguments(entry), as: AccessEntry.self) == entry)
        for condition: AccessCondition in [.immediate, .eventTriggered(event: .birthday(3)), .expiresAt(expires: 9)] {
            #expect(
                try Candid.decodeArguments(Candid.encodeArguments(condition), as: AccessCondition.self) == condition)
        }
    }

    /// The Candid text of an error is futura's variant.
    @Test func errorIsFuturasVariant() throws {
        let value = try CandidEncoder().encode(UploadError.invalidArgument("checksum_mismatch"))
        #expect(value == .variant(CandidLabel("InvalidArgument"), .text("checksum_mismatch")))
        #expect(try CandidEncoder().encode(UploadError.notFound) == .variant(CandidLabel("NotFound"), .null))
        #expect(
            try CandidEncoder().encode(Pair("k", 1 as UInt8))
                == .record([
                    CandidRecordField(CandidLabel(id: 0), .text("k")), CandidRecordField(CandidLabel(id: 1), .nat8(1)),
                ]))
    }
}
