// Sources/Uploads/Direct/DirectUploadService+Snapshot.swift - the direct backend to and from the common snapshot

import Candid
import Sessions
import PersistentCollections

extension DirectUploadService {
    public func snapshot() -> UploadSnapshot {
        UploadSnapshot(
            version: UploadSnapshot.currentVersion,
            configuration: records.configuration,
            sessions: sessions.serialized(),
            uploads: pendingUploads,
            records: records.state
        )
    }

    public var pendingUploads: [PendingUploadState] {
        uploads.compactMap { id, upload in
            sessions.session(SessionId(id)).map { info in
                PendingUploadState(
                    sessionId: id, capsuleId: upload.capsuleId, caller: upload.caller, metadata: upload.metadata,
                    expectedChunks: info.chunkCount, idempotencyKey: info.spec.idempotencyKey,
                    createdAt: info.createdAt, region: upload.region, hashState: upload.hash.exportedState,
                    hashedChunks: upload.hash.hashedChunks
                )
            }
        }
    }

    public init(snapshot: UploadSnapshot, storage: some BlobStorage) throws(UploadError) {
        let sessions = try Self.sessionService(from: snapshot)
        var records = try UploadRecords(state: snapshot.records, configuration: snapshot.configuration, storage: storage)
        try Self.checkUploads(snapshot.uploads, against: sessions, records: records)
        records.ledger = UploadRecords.ledger(of: snapshot.uploads, sessions: sessions)
        var uploads: PersistentMap<UInt64, PendingUpload> = [:]
        for state in snapshot.uploads {
            uploads[state.sessionId] = PendingUpload(
                capsuleId: state.capsuleId, caller: state.caller, metadata: state.metadata, region: state.region,
                hash: try state.rollingHash()
            )
        }
        self.records = records
        self.sessions = sessions
        self.uploads = uploads
    }
}
