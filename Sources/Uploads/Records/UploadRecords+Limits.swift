// Sources/Uploads/Records/UploadRecords+Limits.swift - the per-caller, global and metadata limits of uploads

import Candid
import Sessions

extension UploadRecords {
    /// The metadata text limits: `name`, `mime_type`, the tag count, then every other text (and the
    /// `sha256` blob) in the order of the `.did`'s fields. Only lengths are named, never the texts.
    ///
    /// - Throws: `InvalidArgument` ("metadata_too_long: FIELD has N bytes; the limit is L (LIMIT)").
    func checkMetadata(_ metadata: AssetMetadata) throws(UploadError) {
        let base = metadata.base
        try checkLength("name", base.name.utf8.count, configuration.maxNameBytes, "max_name_bytes")
        try checkLength("mime_type", base.mimeType.utf8.count, configuration.maxMimeTypeBytes, "max_mime_type_bytes")
        guard base.tags.count <= Int(configuration.maxTags) else {
            throw .invalidArgument(
                "metadata_too_long: tags has \(base.tags.count) entries; the limit is \(configuration.maxTags) "
                    + "(max_tags)"
            )
        }
        for (field, length) in metadata.otherTextLengths {
            try checkLength(field, length, configuration.maxTextBytes, "max_text_bytes")
        }
    }

    private func checkLength(_ field: String, _ length: Int, _ limit: UInt32, _ name: String) throws(UploadError) {
        guard length <= Int(limit) else {
            throw .invalidArgument("metadata_too_long: \(field) has \(length) bytes; the limit is \(limit) (\(name))")
        }
    }

    /// The per-caller and global budgets of `uploads_begin`, after the per-(capsule, caller) cap: open
    /// sessions over all capsules, then reserved-but-unsent bytes of the caller, then of everyone.
    ///
    /// - Throws: `InvalidArgument` naming the limit (`sessions_per_caller_limit`,
    ///   `unsent_bytes_per_caller_limit`, `unsent_bytes_total_limit`).
    func checkBudget(caller: Principal, bytes: UInt64) throws(UploadError) {
        let usage = ledger.usage(of: caller)
        guard usage.sessions < configuration.maxSessionsPerCaller else {
            throw .invalidArgument(
                "sessions_per_caller_limit: the caller has \(usage.sessions) open sessions over all capsules; "
                    + "the limit is \(configuration.maxSessionsPerCaller) (max_sessions_per_caller)"
            )
        }
        try checkUnsent(
            bytes, held: usage.unsentBytes, limit: configuration.maxUnsentBytesPerCaller,
            reason: "unsent_bytes_per_caller_limit", holder: "the caller's open sessions",
            name: "max_unsent_bytes_per_caller"
        )
        try checkUnsent(
            bytes, held: ledger.unsentTotal, limit: configuration.maxUnsentBytesTotal,
            reason: "unsent_bytes_total_limit", holder: "all open sessions", name: "max_unsent_bytes_total"
        )
    }

    /// `bytes` more reserved-but-unsent bytes on top of `held` must stay within `limit`.
    private func checkUnsent(
        _ bytes: UInt64, held: UInt64, limit: UInt64, reason: String, holder: String, name: String
    ) throws(UploadError) {
        guard bytes <= limit, held <= limit - bytes else {
            throw .invalidArgument(
                "\(reason): the upload reserves \(bytes) bytes and \(holder) have \(held) bytes not sent yet; "
                    + "the limit is \(limit) (\(name))"
            )
        }
    }

    /// The ledger of every upload in a snapshot, with the bytes its session received so far.
    static func ledger(of uploads: [PendingUploadState], sessions: SessionService) -> ReservationLedger {
        var ledger = ReservationLedger()
        for upload in uploads {
            ledger.open(upload.sessionId, caller: upload.caller, bytes: upload.metadata.base.bytes)
            let received = sessions.session(SessionId(upload.sessionId))?.bytesReceived ?? 0
            ledger.received(upload.sessionId, bytes: received)
        }
        return ledger
    }

    /// `text` quoted for an error message: whole when it has at most ``maxEchoBytes`` UTF-8 bytes, else
    /// its first characters within that many bytes, `…`, and its length, so no reply echoes unbounded input.
    static func quoted(_ text: String) -> String {
        let length = text.utf8.count
        guard length > maxEchoBytes else { return "\"\(text)\"" }
        var prefix = ""
        var used = 0
        for character in text {
            let size = character.utf8.count
            guard used + size <= maxEchoBytes else { break }
            prefix.append(character)
            used += size
        }
        return "\"\(prefix)…\" (\(length) bytes)"
    }

    /// The most bytes of an argument an error message repeats.
    package static let maxEchoBytes = 64
}

extension AssetMetadata {
    /// Every metadata text other than `name` and `mime_type`, and the `sha256` blob, with its length in
    /// bytes, in `.did` field order: the base's, then the variant's own.
    var otherTextLengths: [(field: String, length: Int)] {
        let base = self.base
        var texts: [(String, String?)] = [
            ("url", base.url), ("storage_key", base.storageKey), ("processing_error", base.processingError),
            ("description", base.description), ("asset_location", base.assetLocation),
            ("processing_status", base.processingStatus), ("bucket", base.bucket),
        ]
        texts += base.tags.enumerated().map { ("tags[\($0.offset)]", $0.element) }
        switch self {
        case .note(let note): texts += [("language", note.language), ("format", note.format)]
        case .image(let image): texts += [("color_space", image.colorSpace), ("exif_data", image.exifData)]
        case .document(let document):
            texts += [("document_type", document.documentType), ("language", document.language)]
        case .audio(let audio): texts += [("codec", audio.codec)]
        case .video(let video): texts += [("codec", video.codec), ("resolution", video.resolution)]
        }
        var lengths = texts.compactMap { field, text in text.map { (field, $0.utf8.count) } }
        if let sha256 = base.sha256 { lengths.append(("sha256", sha256.count)) }
        return lengths
    }
}
