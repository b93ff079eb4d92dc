// Sources/Uploads/Domain/CandidNamed.swift - every domain type knows its name in futura's .did

/// A type of `futura-upload-subset.did`, declared under the name that file gives it.
///
/// The Swift name follows Swift conventions (`UploadError`); ``candidName`` is futura's (`Error`), so the
/// canister can print a `.did` with futura's type names.
///
/// The domain types' stored properties are the `.did`'s fields, one for one, in lowerCamelCase (their
/// `CodingKeys` give the snake_case labels); enum cases are the `.did`'s variants in lowerCamelCase. Field
/// meanings are futura's; only fields this module sets or reads carry their own doc comment.
package protocol CandidNamed {
    /// The type's name in futura's `.did` (`AssetMetadata`, `Error`...).
    static var candidName: String { get }
}
