/// Migration 3: several instances: who runs a run, and until when its claim holds.
struct SeveralInstances: SchemaMigration {
    let version = 3

    func statements(_ d: SQLDialect) -> [String] {
        [
            "ALTER TABLE runs ADD COLUMN instance TEXT",
            "ALTER TABLE runs ADD COLUMN lease_expires_at \(d.bigInteger)",
            "CREATE INDEX runs_running ON runs (status, lease_expires_at)",
        ]
    }
}
