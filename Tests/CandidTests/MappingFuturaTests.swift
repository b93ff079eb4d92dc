// Tests/CandidTests/MappingFuturaTests.swift - the futura upload types through the Swift mapping

import Candid
import Foundation
import Testing
import TestSupport

@Suite struct MappingFuturaTests {
    /// Type definitions copied unchanged from `futura-upload-subset.did`.
    static let didText = """
        type AssetMetadata = variant {
          Note : NoteAssetMetadata;
          Image : ImageAssetMetadata;
          Document : DocumentAssetMetadata;
          Audio : AudioAssetMetadata;
          Video : VideoAssetMetadata;
        };
        type AssetMetadataBase = record {
          url : opt text;
          height : opt nat32;
          updated_at : nat64;
          asset_type : AssetType;
          sha256 : opt blob;
          name : text;
          storage_key : opt text;
          tags : vec text;
          processing_error : opt text;
          mime_type : text;
          description : opt text;
          created_at : nat64;
          deleted_at : opt nat64;
          bytes : nat64;
          asset_location : opt text;
          width : opt nat32;
          processing_status : opt text;
          bucket : opt text;
        };
        type AssetType = variant {
          Metadata;
          Display;
          Placeholder;
          Original;
          Thumbnail;
        };
        type AudioAssetMetadata = record {
          duration : opt nat64;
          base : AssetMetadataBase;
          codec : opt text;
          channels : opt nat8;
          sample_rate : opt nat32;
          bit_depth : opt nat8;
          bitrate : opt nat64;
        };
        type DocumentAssetMetadata = record {
          document_type : opt text;
          base : AssetMetadataBase;
          language : opt text;
          page_count : opt nat32;
          word_count : opt nat32;
        };
        type Error = variant {
          Internal : text;
          NotFound;
          Unauthorized;
          InvalidArgument : text;
          ResourceExhausted;
          NotImplemented : text;
          Conflict : text;
        };
        type ImageAssetMetadata = record {
          dpi : opt nat32;
          color_space : opt text;
          base : AssetMetadataBase;
          exif_data : opt text;
          compression_ratio : opt float32;
          orientation : opt nat8;
        };
        type NoteAssetMetadata = record {
          base : AssetMetadataBase;
          language : opt text;
          word_count : opt nat32;
          format : opt text;
        };
        type PersonRef = variant { Opaque : text; Principal : principal };
        type Result = variant { Ok; Err : Error };
        type Result13 = variant { Ok : nat64; Err : Error };
        type Result15 = variant { Ok : UploadFinishResult; Err : Error };
        type Result_4 = variant { Ok : blob; Err : Error };
        type StorageBackend = variant { S3; Icp; VercelBlob; Ipfs; Arweave };
        type UploadFinishResult = record {
          checksum_sha256 : opt blob;
          storage_location : text;
          blob_id : text;
          storage_backend : StorageBackend;
          size : nat64;
          memory_id : text;
          remote_id : opt text;
          expires_at : opt nat64;
          uploaded_at : nat64;
        };
        type VideoAssetMetadata = record {
          duration : opt nat64;
          base : AssetMetadataBase;
          codec : opt text;
          frame_rate : opt float32;
          resolution : opt text;
          bitrate : opt nat64;
          aspect_ratio : opt float32;
        };
        """

    static func didType(_ name: String, in environment: CandidTypeEnvironment? = nil) throws -> CandidType {
        let environment = try environment ?? DidFile.parse(didText).environment
        return try MappingTypeTools.inline(.named(name), in: environment)
    }

    // MARK: (a) discovered types equal the .did types

    @Test func discoveredTypesEqualTheDidTypes() throws {
        let decoder = CandidDecoder()
        #expect(try decoder.candidType(of: Futura.AssetMetadataBase.self) == Self.didType("AssetMetadataBase"))
        #expect(try decoder.candidType(of: Futura.AssetMetadata.self) == Self.didType("AssetMetadata"))
        #expect(try decoder.candidType(of: Futura.AssetType.self) == Self.didType("AssetType"))
        #expect(try decoder.candidType(of: Futura.UploadError.self) == Self.didType("Error"))
        #expect(try decoder.candidType(of: Futura.UploadFinishResult.self) == Self.didType("UploadFinishResult"))
        #expect(try decoder.candidType(of: Futura.StorageBackend.self) == Self.didType("StorageBackend"))
        #expect(try decoder.candidType(of: Futura.PersonRef.self) == Self.didType("PersonRef"))
        #expect(try decoder.candidType(of: Result<UInt64, Futura.UploadError>.self) == Self.didType("Result13"))
        #expect(
            try decoder.candidType(of: Result<Futura.UploadFinishResult, Futura.UploadError>.self)
                == Self.didType("Result15"))
        #expect(try decoder.candidType(of: Result<CandidNull, Futura.UploadError>.self) == Self.didType("Result"))
        #expect(try decoder.candidType(of: Result<[UInt8], Futura.UploadError>.self) == Self.didType("Result_4"))
    }

    @Test func aHandBuiltTypeMatchesToo() throws {
        let expected = CandidType.variant(
            [
                CandidField(CandidLabel("Internal"), .text), CandidField(CandidLabel("NotFound"), .null),
                CandidField(CandidLabel("Unauthorized"), .null), CandidField(CandidLabel("InvalidArgument"), .text),
                CandidField(CandidLabel("ResourceExhausted"), .null), CandidField(CandidLabel("NotImplemented"), .text),
                CandidField(CandidLabel("Conflict"), .text),
            ].sorted { $0.label.id < $1.label.id })
        #expect(try CandidDecoder().candidType(of: Futura.UploadError.self) == expected)
    }

    /// The whole file, when it is beside the checkout, gives the same types.
    @Test func theFullDidFileAgrees() throws {
        let url = Self.fullDidFile()
        let file = try DidFile.parse(try String(contentsOf: url, encoding: .utf8))
        let decoder = CandidDecoder()
        #expect(
            try decoder.candidType(of: Futura.AssetMetadata.self) == Self.didType("AssetMetadata", in: file.environment)
        )
        #expect(try decoder.candidType(of: Futura.UploadError.self) == Self.didType("Error", in: file.environment))
        #expect(
            try decoder.candidType(of: Result<Futura.UploadFinishResult, Futura.UploadError>.self)
                == Self.didType("Result15", in: file.environment))
        // uploads_put_chunk : (nat64, nat32, blob) -> (Result)
        let putChunk = try #require(file.service?.methods.first { $0.name == "uploads_put_chunk" })
        guard case .function(let function) = try file.environment.resolve(putChunk.type) else {
            Issue.record("uploads_put_chunk is not a function")
            return
        }
        #expect(function.arguments == [UInt64.candidType, UInt32.candidType, [UInt8].candidType])
        #expect(
            try function.results.map { try MappingTypeTools.inline($0, in: file.environment) }
                == [try decoder.candidType(of: Result<CandidNull, Futura.UploadError>.self)])
    }

    /// `Fixtures/interfaces/futura-upload-subset.did` in this package.
    static func fullDidFile() -> URL { PackageFiles.futuraSubset }

    // MARK: (b) value round trips

    @Test func randomValuesRoundTripThroughValuesAndBytes() throws {
        let seed: UInt64 = 0x5EED_F07A
        var generator = FuturaGenerator(seed: seed)
        let metadataType = try Self.didType("AssetMetadata")
        for round in 0..<200 {
            let metadata = generator.metadata()
            let value = try CandidEncoder().encode(metadata)
            let back = try CandidDecoder().decode(Futura.AssetMetadata.self, from: value)
            #expect(back == metadata, "seed \(seed) round \(round)")
            // The value has the .did type: the binary codec accepts it there and gives it back.
            let bytes = try Candid.encode([value], as: [metadataType])
            #expect(try Candid.decode(bytes, as: [metadataType]) == [value], "seed \(seed) round \(round)")
            let (decoded, ) = try Candid.decodeArguments(bytes, as: Futura.AssetMetadata.self)
            #expect(decoded == metadata, "seed \(seed) round \(round)")
        }
    }

    @Test func uploadsBeginArgumentsRoundTrip() throws {
        let seed: UInt64 = 42
        var generator = FuturaGenerator(seed: seed)
        for round in 0..<50 {
            let metadata = generator.metadata()
            let capsule = generator.text()
            let idempotency = generator.text()
            let chunks = generator.uint32()
            let bytes = try Candid.encodeArguments(capsule, metadata, chunks, idempotency)
            let (a, b, c, d) = try Candid.decodeArguments(
                bytes, as: String.self, Futura.AssetMetadata.self, UInt32.self, String.self)
            #expect(a == capsule && b == metadata && c == chunks && d == idempotency, "seed \(seed) round \(round)")
            // The message's types are the .did's: (text, AssetMetadata, nat32, text).
            let types = [CandidType.text, try Self.didType("AssetMetadata"), .nat32, .text]
            #expect(try Candid.decode(bytes, as: types).count == 4, "seed \(seed) round \(round)")
        }
    }

    @Test func resultsRoundTrip() throws {
        let seed: UInt64 = 7
        var generator = FuturaGenerator(seed: seed)
        for round in 0..<100 {
            let result: Result<Futura.UploadFinishResult, Futura.UploadError> =
                generator.bool() ? .success(generator.finishResult()) : .failure(generator.error())
            let bytes = try Candid.encodeArguments(result)
            let back = try Candid.decodeArguments(bytes, as: Result<Futura.UploadFinishResult, Futura.UploadError>.self)
            #expect(back == result, "seed \(seed) round \(round)")
            let value = try CandidEncoder().encode(result)
            #expect(
                try Candid.decode(bytes, as: [try Self.didType("Result15")]) == [value], "seed \(seed) round \(round)")
        }
    }

    @Test func resultValuesHaveTheExpectedShape() throws {
        let ok: Result<CandidNull, Futura.UploadError> = .success(CandidNull())
        #expect(try CandidEncoder().encode(ok) == .variant(CandidLabel("Ok"), .null))
        let err: Result<UInt64, Futura.UploadError> = .failure(.Conflict("chunk 3 differs"))
        #expect(
            try CandidEncoder().encode(err)
                == .variant(CandidLabel("Err"), .variant(CandidLabel("Conflict"), .text("chunk 3 differs"))))
        #expect(
            try CandidDecoder().decode(
                Result<UInt64, Futura.UploadError>.self, from: .variant(CandidLabel("Ok"), .nat64(9)))
                == .success(9))
        // The textual form the .did describes decodes to the same Swift value.
        let parsed = try Candid.parseArguments(
            "(variant { Err = variant { NotFound } })", as: [try Self.didType("Result13")])
        #expect(
            try CandidDecoder().decode(Result<UInt64, Futura.UploadError>.self, from: parsed[0]) == .failure(.NotFound))
    }

    // MARK: (c) error paths

    @Test func aWrongValueDeepInsideNamesItsPath() throws {
        var generator = FuturaGenerator(seed: 1)
        var base = generator.base()
        base.bytes = 10
        let image = Futura.AssetMetadata.Image(
            .init(dpi: 72, color_space: nil, base: base, exif_data: nil, compression_ratio: nil, orientation: nil))
        let value = try CandidEncoder().encode(image)
        let broken = try MappingTypeTools.replacing(["Image", "base", "bytes"], in: value, with: .text("ten"))
        let error = try #require(throws: CandidError.self) {
            try CandidDecoder().decode(Futura.AssetMetadata.self, from: broken)
        }
        #expect(error.code == .typeMismatch)
        #expect(error.path == ["Image", "base", "bytes"])
        #expect(error.message == "expected nat64, found text")
        #expect(error.description == "typeMismatch in Image.base.bytes: expected nat64, found text")
    }

    @Test func aMissingFieldDeepInsideNamesItsPath() throws {
        var generator = FuturaGenerator(seed: 2)
        let value = try CandidEncoder().encode(Futura.AssetMetadata.Note(.init(base: generator.base())))
        let broken = try MappingTypeTools.removing(["Note", "base", "mime_type"], in: value)
        let error = try #require(throws: CandidError.self) {
            try CandidDecoder().decode(Futura.AssetMetadata.self, from: broken)
        }
        #expect(error.code == .missingField)
        #expect(error.path == ["Note", "base", "mime_type"])
    }

    @Test func anUnknownCaseIsAMappingError() throws {
        let error = try #require(throws: CandidError.self) {
            try CandidDecoder().decode(Futura.UploadError.self, from: .variant(CandidLabel("Teapot"), .null))
        }
        #expect(error.code == .mapping)
        #expect(error.message.contains("Teapot"))
        let nested = try #require(throws: CandidError.self) {
            try CandidDecoder().decode(
                Result<UInt64, Futura.UploadError>.self,
                from: .variant(CandidLabel("Err"), .variant(CandidLabel("Teapot"), .null)))
        }
        #expect(nested.path == ["Err"])
    }

    @Test func aWrongArgumentNamesItsPlaceAndPath() throws {
        // Well-typed bytes whose third argument is text where the method takes nat32.
        let bytes = try Candid.encode([.nat64(1), .text("x"), .blob([1, 2])], as: [.nat64, .text, .blob])
        let error = try #require(throws: CandidError.self) {
            _ = try Candid.decodeArguments(bytes, as: UInt64.self, UInt32.self, [UInt8].self)
        }
        #expect(error.code == .typeMismatch)
        #expect(error.message.hasPrefix("argument 2 of 3"))
    }
}
