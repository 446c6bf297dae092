import Synchronization

/// Sessions logged out before they expire; a signed cookie stays valid otherwise. Kept in this
/// instance's memory until the session would have expired, and bounded: past ``limit`` entries
/// the oldest expiry is forgotten first.
public final class SessionRevocations: Sendable {
    public static let limit = 100_000
    private let revoked = Mutex<[String: Int64]>([:])

    public init() {}

    /// Ends the session `id` (which would have expired at `expiry`).
    public func revoke(_ id: String, expiry: Int64, now: Int64) {
        revoked.withLock { revoked in
            revoked = revoked.filter { $0.value > now }
            if revoked.count >= Self.limit, let oldest = revoked.min(by: { $0.value < $1.value }) { revoked.removeValue(forKey: oldest.key) }
            revoked[id] = expiry
        }
    }

    /// Whether the session `id` was logged out.
    public func isRevoked(_ id: String) -> Bool { revoked.withLock { $0[id] != nil } }
}
