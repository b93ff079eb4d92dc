// Tests/CandidTests/MappingTestModel.swift - a Swift model of futura's upload types, for the mapping tests
//
// The Candid types these mirror are in `futura-upload-subset.did` (see `MappingFuturaTests.didText`).
// The real model lives in the Uploads module; this one exists only to test the mapping.

import Candid
import Foundation
import TestSupport

/// `Principal`, reachable inside `Futura` where a case is named `Principal`.
typealias MappingPrincipal = Principal

/// The futura types, namespaced so they cannot clash with other tests.
enum Futura {
    /// `AssetType`: payload-less, String raw values, CaseIterable → a variant labeled by the raw values.
    enum AssetType: String, Codable, CaseIterable, Hashable, Sendable {
        case Metadata, Display, Placeholder, Original, Thumbnail
    }

    /// `StorageBackend`: payload-less, no raw values, CaseIterable.
    enum StorageBackend: Codable, CaseIterable, Hashable, Sendable {
        case S3, Icp, VercelBlob, Ipfs, Arweave
    }

    /// `AssetMetadataBase`: 18 fields, Swift names in camelCase mapped to the Candid names.
    struct AssetMetadataBase: Codable, Hashable, Sendable {
        var url: String?
        var height: UInt32?
        var updatedAt: UInt64
        var assetType: AssetType
        var sha256: [UInt8]?
        var name: String
        var storageKey: String?
        var tags: [String]
        var processingError: String?
        var mimeType: String
        var description: String?
        var createdAt: UInt64
        var deletedAt: UInt64?
        var bytes: UInt64
        var assetLocation: String?
        var width: UInt32?
        var processingStatus: String?
        var bucket: String?

        enum CodingKeys: String, CodingKey {
            case url, height, updatedAt = "updated_at", assetType = "asset_type", sha256, name
            case storageKey = "storage_key", tags, processingError = "processing_error", mimeType = "mime_type"
            case description, createdAt = "created_at", deletedAt = "deleted_at", bytes
            case assetLocation = "asset_location", width, processingStatus = "processing_status", bucket
        }
    }

    struct NoteAssetMetadata: Codable, Hashable, Sendable {
        var base: AssetMetadataBase
        var language: String?
        var word_count: UInt32?
        var format: String?
    }

    struct ImageAssetMetadata: Codable, Hashable, Sendable {
        var dpi: UInt32?
        var color_space: String?
        var base: AssetMetadataBase
        var exif_data: String?
        var compression_ratio: Float?
        var orientation: UInt8?
    }

    struct DocumentAssetMetadata: Codable, Hashable, Sendable {
        var document_type: String?
        var base: AssetMetadataBase
        var language: String?
        var page_count: UInt32?
        var word_count: UInt32?
    }

    struct AudioAssetMetadata: Codable, Hashable, Sendable {
        var duration: UInt64?
        var base: AssetMetadataBase
        var codec: String?
        var channels: UInt8?
        var sample_rate: UInt32?
        var bit_depth: UInt8?
        var bitrate: UInt64?
    }

    struct VideoAssetMetadata: Codable, Hashable, Sendable {
        var duration: UInt64?
        var base: AssetMetadataBase
        var codec: String?
        var frame_rate: Float?
        var resolution: String?
        var bitrate: UInt64?
        var aspect_ratio: Float?
    }

    /// `AssetMetadata`: a variant of five records, one unlabeled associated value each.
    enum AssetMetadata: Codable, Hashable, Sendable {
        case Note(NoteAssetMetadata)
        case Image(ImageAssetMetadata)
        case Document(DocumentAssetMetadata)
        case Audio(AudioAssetMetadata)
        case Video(VideoAssetMetadata)

        enum CodingKeys: CodingKey, CaseIterable { case Note, Image, Document, Audio, Video }
    }

    /// `Error`: text payloads and payload-less cases.
    enum UploadError: Error, Codable, Hashable, Sendable {
        case Internal(String)
        case NotFound
        case Unauthorized
        case InvalidArgument(String)
        case ResourceExhausted
        case NotImplemented(String)
        case Conflict(String)

        enum CodingKeys: CodingKey, CaseIterable {
            case Internal, NotFound, Unauthorized, InvalidArgument, ResourceExhausted, NotImplemented, Conflict
        }
    }

    struct UploadFinishResult: Codable, Hashable, Sendable {
        var checksum_sha256: [UInt8]?
        var storage_location: String
        var blob_id: String
        var storage_backend: StorageBackend
        var size: UInt64
        var memory_id: String
        var remote_id: String?
        var expires_at: UInt64?
        var uploaded_at: UInt64
    }

    /// `PersonRef`: a principal payload.
    enum PersonRef: Codable, Hashable, Sendable {
        case Opaque(String)
        case Principal(MappingPrincipal)

        enum CodingKeys: CodingKey, CaseIterable { case Opaque, Principal }
    }
}

/// Random futura values from a seed.
struct FuturaGenerator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func bool() -> Bool { random.next() & 1 == 1 }
    mutating func maybe<T>(_ make: (inout FuturaGenerator) -> T) -> T? { bool() ? make(&self) : nil }
    mutating func text() -> String {
        let alphabet = Array("abcXYZ09 _-☃é")
        return String((0..<Int(random.next() % 8)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) } }
    mutating func uint32() -> UInt32 { UInt32(truncatingIfNeeded: random.next()) }
    mutating func uint8() -> UInt8 { UInt8(truncatingIfNeeded: random.next()) }
    mutating func float() -> Float { Float(random.next() % 10_000) / 16 }

    mutating func base() -> Futura.AssetMetadataBase {
        Futura.AssetMetadataBase(
            url: maybe { $0.text() }, height: maybe { $0.uint32() }, updatedAt: random.next(),
            assetType: Futura.AssetType.allCases[Int(random.next() % 5)], sha256: maybe { $0.bytes(32) },
            name: text(), storageKey: maybe { $0.text() }, tags: (0..<Int(random.next() % 4)).map { _ in text() },
            processingError: maybe { $0.text() }, mimeType: text(), description: maybe { $0.text() },
            createdAt: random.next(), deletedAt: maybe { $0.random.next() }, bytes: random.next(),
            assetLocation: maybe { $0.text() }, width: maybe { $0.uint32() }, processingStatus: maybe { $0.text() },
            bucket: maybe { $0.text() })
    }

    mutating func metadata() -> Futura.AssetMetadata {
        switch random.next() % 5 {
        case 0:
            .Note(
                .init(
                    base: base(), language: maybe { $0.text() }, word_count: maybe { $0.uint32() },
                    format: maybe { $0.text() }))
        case 1:
            .Image(
                .init(
                    dpi: maybe { $0.uint32() }, color_space: maybe { $0.text() }, base: base(),
                    exif_data: maybe { $0.text() }, compression_ratio: maybe { $0.float() },
                    orientation: maybe { $0.uint8() }))
        case 2:
            .Document(
                .init(
                    document_type: maybe { $0.text() }, base: base(), language: maybe { $0.text() },
                    page_count: maybe { $0.uint32() }, word_count: maybe { $0.uint32() }))
        case 3:
            .Audio(
                .init(
                    duration: maybe { $0.random.next() }, base: base(), codec: maybe { $0.text() },
                    channels: maybe { $0.uint8() }, sample_rate: maybe { $0.uint32() },
                    bit_depth: maybe { $0.uint8() }, bitrate: maybe { $0.random.next() }))
        default:
            .Video(
                .init(
                    duration: maybe { $0.random.next() }, base: base(), codec: maybe { $0.text() },
                    frame_rate: maybe { $0.float() }, resolution: maybe { $0.text() },
                    bitrate: maybe { $0.random.next() }, aspect_ratio: maybe { $0.float() }))
        }
    }

    mutating func error() -> Futura.UploadError {
        switch random.next() % 7 {
        case 0: .Internal(text())
        case 1: .NotFound
        case 2: .Unauthorized
        case 3: .InvalidArgument(text())
        case 4: .ResourceExhausted
        case 5: .NotImplemented(text())
        default: .Conflict(text())
        }
    }

    mutating func finishResult() -> Futura.UploadFinishResult {
        Futura.UploadFinishResult(
            checksum_sha256: maybe { $0.bytes(32) }, storage_location: text(), blob_id: text(),
            storage_backend: Futura.StorageBackend.allCases[Int(random.next() % 5)], size: random.next(),
            memory_id: text(), remote_id: maybe { $0.text() }, expires_at: maybe { $0.random.next() },
            uploaded_at: random.next())
    }
}

/// Helpers on Candid types and values for the mapping tests.
enum MappingTypeTools {
    struct PathNotFound: Error { let path: [String] }

    /// `type` with every `.named` reference replaced by its definition (the types must not recurse).
    static func inline(_ type: CandidType, in environment: CandidTypeEnvironment, depth: Int = 0) throws -> CandidType {
        guard depth < 64 else { throw CandidError(.mapping, "recursive type") }
        switch type {
        case .named: return try inline(try environment.resolve(type), in: environment, depth: depth + 1)
        case .opt(let inner): return .opt(try inline(inner, in: environment, depth: depth + 1))
        case .vec(let inner): return .vec(try inline(inner, in: environment, depth: depth + 1))
        case .record(let fields):
            return .record(
                try fields.map { CandidField($0.label, try inline($0.type, in: environment, depth: depth + 1)) })
        case .variant(let fields):
            return .variant(
                try fields.map { CandidField($0.label, try inline($0.type, in: environment, depth: depth + 1)) })
        default: return type
        }
    }

    /// `value` with the field or case at `path` replaced.
    static func replacing(_ path: [String], in value: CandidValue, with replacement: CandidValue?) throws -> CandidValue
    {
        guard let first = path.first else {
            guard let replacement else { throw PathNotFound(path: path) }
            return replacement
        }
        let rest = Array(path.dropFirst())
        switch value {
        case .record(var fields):
            guard let index = fields.firstIndex(where: { $0.label == CandidLabel(first) }) else {
                throw PathNotFound(path: path)
            }
            if rest.isEmpty, replacement == nil {
                fields.remove(at: index)
            } else {
                fields[index].value = try replacing(rest, in: fields[index].value, with: replacement)
            }
            return .record(fields)
        case .variant(let label, let payload) where label == CandidLabel(first):
            return .variant(label, try replacing(rest, in: payload, with: replacement))
        default:
            throw PathNotFound(path: path)
        }
    }

    /// `value` without the record field at `path`.
    static func removing(_ path: [String], in value: CandidValue) throws -> CandidValue {
        try replacing(path, in: value, with: nil)
    }
}

/// JSON with sorted keys, to check the Candid types' Codable forms outside Candid.
enum JSONEncoderForTests {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }
}
