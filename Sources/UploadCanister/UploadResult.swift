// Sources/UploadCanister/UploadResult.swift - the result variants of the endpoints: Ok or futura's Error

public import Uploads

/// `variant { Ok : Success; Err : Error }`: what most endpoints return.
///
/// futura's `.did` names each instantiation (``UploadCanisterInterface`` prints these names):
///
/// | Swift | futura | endpoints |
/// |---|---|---|
/// | `UploadResult<UInt64>` | `Result13` | `uploads_begin` |
/// | `UploadResult<UploadFinishResult>` | `Result15` | `uploads_finish` |
/// | `UploadResult<String>` | `Result6` | `sessions_*`, `blob_delete` |
/// | `UploadResult<BlobMeta>` | `Result_3` | `blob_get_meta` |
/// | `UploadResult<[UInt8]>` | `Result_4` | `blob_read`, `blob_read_chunk` |
/// | `UploadResult<Capsule>` | `Result_5` | `capsules_create` |
/// | `UploadResult<CapsuleInfo>` | `Result_6` | `capsules_read_basic` |
/// | `UploadResult<Page>` | `Result_17` | `memories_list` |
/// | `UploadResult<Memory>` | `Result_20` | `memories_read` |
public enum UploadResult<Success: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    /// `Ok`: the call succeeded with this value.
    case ok(Success)
    /// `Err`: the call failed; nothing changed (apart from sessions whose TTL ran out).
    case err(UploadError)

    enum CodingKeys: String, CodingKey, CaseIterable {
        case ok = "Ok"
        case err = "Err"
    }

    /// `ok` with what `body` returns, or `err` with what it throws.
    public init(catching body: () throws(UploadError) -> Success) {
        do {
            self = .ok(try body())
        } catch {
            self = .err(error)
        }
    }
}

/// `variant { Ok; Err : Error }`, futura's `Result`: what `uploads_put_chunk` and `uploads_abort` return.
public enum UnitResult: Codable, Hashable, Sendable {
    /// `Ok`: the call succeeded.
    case ok
    /// `Err`: the call failed; nothing changed (apart from sessions whose TTL ran out).
    case err(UploadError)

    enum CodingKeys: String, CodingKey, CaseIterable {
        case ok = "Ok"
        case err = "Err"
    }

    /// `ok` when `body` returns, or `err` with what it throws.
    public init(catching body: () throws(UploadError) -> Void) {
        do {
            try body()
            self = .ok
        } catch {
            self = .err(error)
        }
    }
}
