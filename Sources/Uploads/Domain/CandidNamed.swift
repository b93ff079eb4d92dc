// Sources/Uploads/Domain/CandidNamed.swift - every domain type knows its name in futura's .did

/// A type of `futura-upload-subset.did`, declared under the name that file gives it.
///
/// The Swift name follows Swift conventions (`UploadError`); ``candidName`` is futura's (`Error`), so the
/// canister can print a `.did` with futura's type names.
public protocol CandidNamed {
    /// The type's name in futura's `.did` (`AssetMetadata`, `Error`...).
    static var candidName: String { get }
}
