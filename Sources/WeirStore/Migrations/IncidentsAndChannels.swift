/// Migration 5: incidents, notification channels, the outbox of notifications and its attempts; a
/// task's notify, block and quiet time; each finding's incident.
struct IncidentsAndChannels: SchemaMigration {
    let version = 5

    func statements(_ d: SQLDialect) -> [String] {
        [
            "ALTER TABLE tasks ADD COLUMN notify TEXT NOT NULL DEFAULT '{}'",
            "ALTER TABLE tasks ADD COLUMN block \(d.bigInteger) NOT NULL DEFAULT 0",
            "ALTER TABLE tasks ADD COLUMN incident_quiet_seconds \(d.bigInteger)",
            """
            CREATE TABLE incidents (id \(d.autoIncrementPrimaryKey),
                task_id \(d.bigInteger) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                rule TEXT NOT NULL, incident_key TEXT NOT NULL, state TEXT NOT NULL, opened_at \(d.bigInteger) NOT NULL,
                last_seen \(d.bigInteger) NOT NULL, resolved_at \(d.bigInteger), peak \(d.bigInteger) NOT NULL,
                finding_count \(d.bigInteger) NOT NULL, summary TEXT NOT NULL, created_at \(d.bigInteger) NOT NULL)
            """,
            // The database itself refuses a second open incident of one task, rule and key.
            "CREATE UNIQUE INDEX incidents_one_open ON incidents (task_id, rule, incident_key) WHERE state = 'open'",
            "CREATE INDEX incidents_by_task ON incidents (task_id, id)",
            "CREATE INDEX incidents_by_state ON incidents (state, id)",
            "ALTER TABLE findings ADD COLUMN incident_id \(d.bigInteger)",
            "CREATE INDEX findings_by_incident ON findings (incident_id, id)",
            """
            CREATE TABLE channels (id \(d.autoIncrementPrimaryKey), name TEXT NOT NULL, channel_type TEXT NOT NULL,
                url TEXT NOT NULL, secret TEXT, headers TEXT, labels TEXT NOT NULL,
                created_at \(d.bigInteger) NOT NULL, updated_at \(d.bigInteger) NOT NULL)
            """,
            """
            CREATE TABLE notifications (id \(d.autoIncrementPrimaryKey),
                channel_id \(d.bigInteger) NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
                task_id \(d.bigInteger) NOT NULL, incident_id \(d.bigInteger) NOT NULL, event TEXT NOT NULL,
                delivery_id TEXT NOT NULL UNIQUE, incident TEXT NOT NULL, task_name TEXT NOT NULL, state TEXT NOT NULL,
                attempts \(d.bigInteger) NOT NULL DEFAULT 0, next_attempt_at \(d.bigInteger) NOT NULL,
                last_status \(d.bigInteger), last_error TEXT, created_at \(d.bigInteger) NOT NULL,
                delivered_at \(d.bigInteger), last_sent_at \(d.bigInteger), claimed_by TEXT, claim_until \(d.bigInteger))
            """,
            "CREATE INDEX notifications_due ON notifications (state, next_attempt_at)",
            "CREATE INDEX notifications_by_channel ON notifications (channel_id, id)",
            "CREATE INDEX notifications_by_age ON notifications (created_at)",
            "CREATE INDEX incidents_by_resolution ON incidents (resolved_at)",
            """
            CREATE TABLE notification_attempts (id \(d.autoIncrementPrimaryKey),
                notification_id \(d.bigInteger) NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
                attempted_at \(d.bigInteger) NOT NULL, status \(d.bigInteger), error TEXT,
                milliseconds \(d.bigInteger) NOT NULL)
            """,
            "CREATE INDEX attempts_by_notification ON notification_attempts (notification_id, id)",
            // The rate windows a run leaves for the next, committed with the source's checkpoint.
            "ALTER TABLE checkpoints ADD COLUMN rule_state TEXT",
            // A burst reported again by the next run is found by its start.
            "CREATE INDEX findings_by_burst ON findings (task_id, rule, first_seen)",
        ]
    }
}
