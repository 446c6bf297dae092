/// Dashboard sessions ended before they expire. Sessions themselves are signed cookies that need
/// no storage; a logout is stored so that every instance, and the same one after a restart,
/// refuses a copy of the cookie.
public protocol SessionStore: Sendable {
    /// Records that the session `id`, which would expire at `expiresAt`, has ended; forgets
    /// sessions whose expiry is at or before `now`.
    func revokeSession(id: String, expiresAt: Int64, now: Int64) async throws
    /// Whether the session `id` has ended.
    func isSessionRevoked(id: String) async throws -> Bool
}
