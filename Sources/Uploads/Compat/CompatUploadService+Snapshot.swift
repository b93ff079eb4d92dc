// Sources/Uploads/Compat/CompatUploadService+Snapshot.swift - the compat backend to and from the common snapshot

import Candid
import Sessions
import PersistentCollections

extension CompatUploadService {
    public func snapshot() -> UploadSnapshot {
        UploadSnapshot(
            version: UploadSnapshot.currentVersion,
            configuration: records.configuration,
            sessions: compat.service.serialized(),
            uploads: pendingUploads,
            records: records.state
        )
    }

    public var pendingUploads: [PendingUploadState] {
        compat.listUploadSessions().map { meta in
            let hash = hashes[meta.sessionId] ?? RollingHash()
            return PendingUploadState(
                sessionId: meta.sessionId, capsuleId: meta.capsuleId, caller: meta.caller, metadata: meta.assetMetadata,
                expectedChunks: meta.expectedChunks, idempotencyKey: meta.idem, createdAt: meta.createdAt,
                region: meta.blobRegion, hashState: hash.exportedState, hashedChunks: hash.hashedChunks
            )
        }
    }

    public init(snapshot: UploadSnapshot, storage: some BlobStorage) throws(UploadError) {
        let service = try Self.sessionService(from: snapshot)
        var records = try UploadRecords(state: snapshot.records, configuration: snapshot.configuration, storage: storage)
        try Self.checkUploads(snapshot.uploads, against: service, records: records)
        records.ledger = UploadRecords.ledger(of: snapshot.uploads, sessions: service)
        var compat = SessionCompat(service: service, sinkFactory: Self.sinkFactory)
        var hashes: PersistentMap<UInt64, RollingHash> = [:]
        for state in snapshot.uploads {
            let meta = UploadSessionMeta(
                sessionId: state.sessionId, capsuleId: state.capsuleId, caller: state.caller,
                createdAt: state.createdAt, expectedChunks: state.expectedChunks, status: .pending,
                chunkCount: state.expectedChunks, assetMetadata: state.metadata, provisionalMemoryId: "",
                chunkSize: snapshot.configuration.chunkSize, idem: state.idempotencyKey, blobId: nil,
                blobRegion: state.region
            )
            compat.metas[state.sessionId] = meta
            compat.idem[.init(capsuleId: state.capsuleId, caller: state.caller, idem: state.idempotencyKey)] =
                state.sessionId
            hashes[state.sessionId] = try state.rollingHash()
        }
        self.records = records
        self.compat = compat
        self.hashes = hashes
        self.nextSessionId = service.nextId.rawValue
    }
}
