// Sources/canister-bench/Benchmarks+Candid.swift - the Candid codec on the messages the upload canister sees

import Candid
import Uploads

extension Benchmark {
    /// The chunk codec's target: a tenth of the upload budget at most.
    static let chunkCodecTarget = SpeedTarget.atLeast(
        megabytesPerSecond: 2_000,
        note: "10× the 200 MB/s upload target, so that the codec takes at most a tenth of an upload's time"
    )

    /// Encodes the `uploads_put_chunk` argument `(nat64, nat32, blob)` with a 1.8 MB blob from Swift values,
    /// as a Swift client would; 50 messages per sample.
    static var candidEncodeBlob: Benchmark {
        .measured(
            "candid-encode-blob-1.8mb",
            measures: "encode a put_chunk argument `(nat64, nat32, blob)` with a 1.8 MB blob from Swift values "
                + "(`Candid.encodeArguments`), 50 per sample",
            target: chunkCodecTarget
        ) {
            let chunk = UploadFile.pseudoRandomBytes(count: Int(UploadConfiguration.default.chunkSize), seed: 0xB10B)
            let messages = 50
            return {
                var total = 0
                for index in 0 ..< messages {
                    let bytes = try Candid.encodeArguments(UInt64(7), UInt32(index), chunk)
                    total += bytes.count
                }
                return total
            }
        }
    }

    /// Decodes that argument into Swift values, as the canister's `uploads_put_chunk` does; 50 per sample.
    static var candidDecodeBlob: Benchmark {
        .measured(
            "candid-decode-blob-1.8mb",
            measures: "decode a put_chunk argument `(nat64, nat32, blob)` of 1.8 MB into Swift values, as the "
                + "canister does (`Candid.decodeArguments`), 50 per sample",
            target: chunkCodecTarget
        ) {
            let chunk = UploadFile.pseudoRandomBytes(count: Int(UploadConfiguration.default.chunkSize), seed: 0xB10B)
            let message = try Candid.encodeArguments(UInt64(7), UInt32(3), chunk)
            let (session, index, decoded) = try Candid.decodeArguments(
                message, as: UInt64.self, UInt32.self, [UInt8].self
            )
            guard session == 7, index == 3, decoded == chunk else { throw BenchError("the chunk did not round-trip") }
            let messages = 50
            return {
                var check = 0
                for _ in 0 ..< messages {
                    let (_, index, bytes) = try Candid.decodeArguments(
                        message, as: UInt64.self, UInt32.self, [UInt8].self
                    )
                    check &+= Int(index) &+ bytes.count
                }
                blackHole(check)
                return messages * message.count
            }
        }
    }

    /// Decodes an `AssetMetadata` with every field set, as `uploads_begin` does; 2,000 per sample.
    static var candidDecodeMetadata: Benchmark {
        .measured(
            "candid-decode-futura-metadata",
            measures: "decode an `AssetMetadata` (the Image variant, all 23 fields set, as `uploads_begin` gets "
                + "it) into Swift values, 2,000 per sample",
            unit: .operations("message"),
            target: .atMost(
                microseconds: 3,
                note: "the Candid mapping at codec speed: a codec prepared once per Swift type (issue #15)"
            )
        ) {
            let metadata = fullMetadata
            let message = try Candid.encodeArguments(metadata)
            guard try Candid.decodeArguments(message, as: AssetMetadata.self) == metadata else {
                throw BenchError("the metadata did not round-trip")
            }
            let messages = 2_000
            return {
                var check = 0
                for _ in 0 ..< messages {
                    let decoded = try Candid.decodeArguments(message, as: AssetMetadata.self)
                    check &+= Int(decoded.base.bytes)
                }
                blackHole(check)
                return messages
            }
        }
    }

    /// An image's metadata with every optional field present.
    static var fullMetadata: AssetMetadata {
        var base = AssetMetadataBase(
            name: "avocado_big_21mb.jpg", mimeType: "image/jpeg", bytes: UInt64(UploadFile.size),
            assetType: .original, createdAt: 1_767_225_600_000_000_000, updatedAt: 1_767_225_601_000_000_000
        )
        base.url = "https://example.org/assets/avocado_big_21mb.jpg"
        base.height = 4_032
        base.width = 3_024
        base.sha256 = UploadFile.pseudoRandomBytes(count: 32, seed: 0x5A)
        base.storageKey = "capsule_1/mem_1/original"
        base.tags = ["food", "avocado", "kitchen", "2026"]
        base.processingError = "none"
        base.description = "An avocado, cut in half, on a wooden board."
        base.deletedAt = 1_767_225_700_000_000_000
        base.assetLocation = "icp://blob/blob_1"
        base.processingStatus = "completed"
        base.bucket = "originals"
        return .image(
            ImageAssetMetadata(
                base: base, dpi: 300, colorSpace: "sRGB", exifData: "Make=Canon;Model=EOS R5;ISO=100",
                compressionRatio: 0.82, orientation: 1
            )
        )
    }
}
