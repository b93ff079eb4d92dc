// Sources/UploadCanister/UploadCanister+Install.swift - installing and upgrading the canister on a replica

public import Candid
public import CanisterRuntime
public import Uploads

extension UploadCanister {
    /// Creates a canister on `replica` and installs the upload canister on it.
    ///
    /// ```swift
    /// let replica = Replica()
    /// let uploads = try await UploadCanister.install(on: replica, backend: .compat, controllers: [admin])
    /// let reply = await replica.call(uploads, method: "whoami", argument: try Candid.encode([]), caller: alice)
    /// ```
    /// - Parameters:
    ///   - replica: Where the canister lives.
    ///   - backend: The backend to run.
    ///   - configuration: The limits (futura's by default). Fields the install argument does not carry
    ///     (read size, idempotency key length, inline figures) always take their defaults.
    ///   - admins: Principals allowed to call the admin endpoints besides the controllers.
    ///   - controllers: The canister's controllers; the first one installs.
    /// - Returns: The canister's id.
    /// - Throws: `Reject` when the install fails (a zero limit traps in `init`), `CandidError` when the
    ///   argument does not encode.
    @discardableResult
    public static func install(
        on replica: Replica,
        backend: Backend = .direct,
        configuration: UploadConfiguration = .default,
        admins: [Principal] = [],
        controllers: [Principal]
    ) async throws -> Principal {
        try await replica.install(
            UploadCanister.self,
            argument: InitArg(backend: backend, configuration: configuration, admins: admins),
            controllers: controllers
        )
    }

    /// Upgrades an upload canister, possibly to the other backend; uploads in flight carry over and the
    /// persisted limits stay.
    ///
    /// - Parameters:
    ///   - canister: The upload canister.
    ///   - replica: Where it lives.
    ///   - backend: The backend to run after the upgrade.
    ///   - admins: The admin principals after the upgrade.
    ///   - sender: A controller; `nil` means the first one.
    /// - Throws: `Reject` when the upgrade fails; the canister then runs on as before.
    public static func upgrade(
        _ canister: Principal,
        on replica: Replica,
        to backend: Backend,
        admins: [Principal] = [],
        sender: Principal? = nil
    ) async throws {
        try await replica.upgrade(
            canister, to: UploadCanister.self, argument: InitArg(backend: backend, admins: admins), sender: sender
        )
    }
}
