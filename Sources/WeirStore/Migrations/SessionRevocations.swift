/// Migration 6: dashboard sessions logged out before they expire, for every instance.
struct SessionRevocations: SchemaMigration {
    let version = 6

    func statements(_ d: SQLDialect) -> [String] {
        [
            // Dashboard sessions logged out before they expire, for every instance.
            "CREATE TABLE session_revocations (session_id TEXT PRIMARY KEY, expires_at \(d.bigInteger) NOT NULL)"
        ]
    }
}
