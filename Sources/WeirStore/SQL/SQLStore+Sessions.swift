import WeirModel

/// Ended dashboard sessions in SQL (``SessionStore``).
extension SQLStore: SessionStore {
    public func revokeSession(id: String, expiresAt: Int64, now: Int64) async throws {
        try await database.transaction { tx in
            try await tx.query("DELETE FROM session_revocations WHERE expires_at <= ?", [.integer(now)])
            try await tx.query(
                "INSERT INTO session_revocations (session_id, expires_at) VALUES (?, ?) ON CONFLICT (session_id) DO NOTHING",
                [.text(id), .integer(expiresAt)]
            )
        }
    }

    public func isSessionRevoked(id: String) async throws -> Bool {
        try await !database.query("SELECT 1 FROM session_revocations WHERE session_id = ?", [.text(id)]).isEmpty
    }
}
