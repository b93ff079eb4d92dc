// Sources/Uploads/Domain/AssetMetadata.swift - AssetMetadata and its five records, AssetType

/// `AssetType`: the role of an asset in a memory (the HEAD-era variants).
public enum AssetType: Codable, Hashable, Sendable, CaseIterable, CandidNamed {
    case metadata, display, placeholder, original, thumbnail

    public static let candidName = "AssetType"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case metadata = "Metadata"
        case display = "Display"
        case placeholder = "Placeholder"
        case original = "Original"
        case thumbnail = "Thumbnail"
    }
}

/// `AssetMetadataBase`: the 18 fields every asset has.
public struct AssetMetadataBase: Codable, Hashable, Sendable, CandidNamed {
    public var url: String?
    public var height: UInt32?
    public var updatedAt: UInt64
    public var assetType: AssetType
    public var sha256: [UInt8]?
    public var name: String
    public var storageKey: String?
    public var tags: [String]
    public var processingError: String?
    public var mimeType: String
    public var description: String?
    public var createdAt: UInt64
    public var deletedAt: UInt64?
    /// The asset's length in bytes: for an upload, exactly what the chunks add up to.
    public var bytes: UInt64
    public var assetLocation: String?
    public var width: UInt32?
    public var processingStatus: String?
    public var bucket: String?

    public static let candidName = "AssetMetadataBase"

    /// A base with the required fields; every optional one is `nil`, `tags` empty.
    public init(
        name: String,
        mimeType: String,
        bytes: UInt64,
        assetType: AssetType = .original,
        createdAt: UInt64 = 0,
        updatedAt: UInt64 = 0
    ) {
        self.url = nil
        self.height = nil
        self.updatedAt = updatedAt
        self.assetType = assetType
        self.sha256 = nil
        self.name = name
        self.storageKey = nil
        self.tags = []
        self.processingError = nil
        self.mimeType = mimeType
        self.description = nil
        self.createdAt = createdAt
        self.deletedAt = nil
        self.bytes = bytes
        self.assetLocation = nil
        self.width = nil
        self.processingStatus = nil
        self.bucket = nil
    }

    enum CodingKeys: String, CodingKey {
        case url, height, name, tags, description, bytes, width, bucket, sha256
        case updatedAt = "updated_at"
        case assetType = "asset_type"
        case storageKey = "storage_key"
        case processingError = "processing_error"
        case mimeType = "mime_type"
        case createdAt = "created_at"
        case deletedAt = "deleted_at"
        case assetLocation = "asset_location"
        case processingStatus = "processing_status"
    }
}

/// `NoteAssetMetadata`.
public struct NoteAssetMetadata: Codable, Hashable, Sendable, CandidNamed {
    public var base: AssetMetadataBase
    public var language: String?
    public var wordCount: UInt32?
    public var format: String?

    public static let candidName = "NoteAssetMetadata"

    /// Note metadata with only the base.
    public init(base: AssetMetadataBase, language: String? = nil, wordCount: UInt32? = nil, format: String? = nil) {
        self.base = base
        self.language = language
        self.wordCount = wordCount
        self.format = format
    }

    enum CodingKeys: String, CodingKey {
        case base, language, format
        case wordCount = "word_count"
    }
}

/// `ImageAssetMetadata`.
public struct ImageAssetMetadata: Codable, Hashable, Sendable, CandidNamed {
    public var dpi: UInt32?
    public var colorSpace: String?
    public var base: AssetMetadataBase
    public var exifData: String?
    public var compressionRatio: Float?
    public var orientation: UInt8?

    public static let candidName = "ImageAssetMetadata"

    /// Image metadata with only the base.
    public init(
        base: AssetMetadataBase,
        dpi: UInt32? = nil,
        colorSpace: String? = nil,
        exifData: String? = nil,
        compressionRatio: Float? = nil,
        orientation: UInt8? = nil
    ) {
        self.dpi = dpi
        self.colorSpace = colorSpace
        self.base = base
        self.exifData = exifData
        self.compressionRatio = compressionRatio
        self.orientation = orientation
    }

    enum CodingKeys: String, CodingKey {
        case dpi, base, orientation
        case colorSpace = "color_space"
        case exifData = "exif_data"
        case compressionRatio = "compression_ratio"
    }
}

/// `DocumentAssetMetadata`.
public struct DocumentAssetMetadata: Codable, Hashable, Sendable, CandidNamed {
    public var documentType: String?
    public var base: AssetMetadataBase
    public var language: String?
    public var pageCount: UInt32?
    public var wordCount: UInt32?

    public static let candidName = "DocumentAssetMetadata"

    /// Document metadata with only the base.
    public init(
        base: AssetMetadataBase,
        documentType: String? = nil,
        language: String? = nil,
        pageCount: UInt32? = nil,
        wordCount: UInt32? = nil
    ) {
        self.documentType = documentType
        self.base = base
        self.language = language
        self.pageCount = pageCount
        self.wordCount = wordCount
    }

    enum CodingKeys: String, CodingKey {
        case base, language
        case documentType = "document_type"
        case pageCount = "page_count"
        case wordCount = "word_count"
    }
}

/// `AudioAssetMetadata`.
public struct AudioAssetMetadata: Codable, Hashable, Sendable, CandidNamed {
    public var duration: UInt64?
    public var base: AssetMetadataBase
    public var codec: String?
    public var channels: UInt8?
    public var sampleRate: UInt32?
    public var bitDepth: UInt8?
    public var bitrate: UInt64?

    public static let candidName = "AudioAssetMetadata"

    /// Audio metadata with only the base.
    public init(
        base: AssetMetadataBase,
        duration: UInt64? = nil,
        codec: String? = nil,
        channels: UInt8? = nil,
        sampleRate: UInt32? = nil,
        bitDepth: UInt8? = nil,
        bitrate: UInt64? = nil
    ) {
        self.duration = duration
        self.base = base
        self.codec = codec
        self.channels = channels
        self.sampleRate = sampleRate
        self.bitDepth = bitDepth
        self.bitrate = bitrate
    }

    enum CodingKeys: String, CodingKey {
        case duration, base, codec, channels, bitrate
        case sampleRate = "sample_rate"
        case bitDepth = "bit_depth"
    }
}

/// `VideoAssetMetadata`.
public struct VideoAssetMetadata: Codable, Hashable, Sendable, CandidNamed {
    public var duration: UInt64?
    public var base: AssetMetadataBase
    public var codec: String?
    public var frameRate: Float?
    public var resolution: String?
    public var bitrate: UInt64?
    public var aspectRatio: Float?

    public static let candidName = "VideoAssetMetadata"

    /// Video metadata with only the base.
    public init(
        base: AssetMetadataBase,
        duration: UInt64? = nil,
        codec: String? = nil,
        frameRate: Float? = nil,
        resolution: String? = nil,
        bitrate: UInt64? = nil,
        aspectRatio: Float? = nil
    ) {
        self.duration = duration
        self.base = base
        self.codec = codec
        self.frameRate = frameRate
        self.resolution = resolution
        self.bitrate = bitrate
        self.aspectRatio = aspectRatio
    }

    enum CodingKeys: String, CodingKey {
        case duration, base, codec, resolution, bitrate
        case frameRate = "frame_rate"
        case aspectRatio = "aspect_ratio"
    }
}

/// `AssetMetadata`: one of five records, each wrapping an ``AssetMetadataBase``.
public enum AssetMetadata: Codable, Hashable, Sendable, CandidNamed {
    case note(NoteAssetMetadata)
    case image(ImageAssetMetadata)
    case document(DocumentAssetMetadata)
    case audio(AudioAssetMetadata)
    case video(VideoAssetMetadata)

    public static let candidName = "AssetMetadata"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case note = "Note"
        case image = "Image"
        case document = "Document"
        case audio = "Audio"
        case video = "Video"
    }

    /// The base record of whichever variant this is.
    public var base: AssetMetadataBase {
        get {
            switch self {
            case .note(let value): value.base
            case .image(let value): value.base
            case .document(let value): value.base
            case .audio(let value): value.base
            case .video(let value): value.base
            }
        }
        set {
            switch self {
            case .note(var value):
                value.base = newValue
                self = .note(value)
            case .image(var value):
                value.base = newValue
                self = .image(value)
            case .document(var value):
                value.base = newValue
                self = .document(value)
            case .audio(var value):
                value.base = newValue
                self = .audio(value)
            case .video(var value):
                value.base = newValue
                self = .video(value)
            }
        }
    }

    /// The memory type a memory holding this asset gets (the same variant name).
    public var memoryType: MemoryType {
        switch self {
        case .note: .note
        case .image: .image
        case .document: .document
        case .audio: .audio
        case .video: .video
        }
    }
}
