/// The schema, as numbered migrations applied in order, each in its own transaction. A database
/// records the last one applied in `weir_schema`; `weir setup-db` and `weir serve` apply the rest.
enum Migrations {
    /// The statements of each migration, in order; migration `n` is `all[n - 1]`.
    static func all(_ d: SQLDialect) -> [[String]] {
        [
            [
                """
                CREATE TABLE task_properties (name TEXT PRIMARY KEY, description TEXT NOT NULL,
                    value_type TEXT NOT NULL, example TEXT NOT NULL)
                """,
                """
                CREATE TABLE tasks (id \(d.autoIncrementPrimaryKey), name TEXT NOT NULL, description TEXT NOT NULL,
                    frequency \(d.bigInteger) NOT NULL, next_run_time \(d.bigInteger) NOT NULL,
                    is_active \(d.bigInteger) NOT NULL, target_data TEXT NOT NULL, properties TEXT NOT NULL,
                    detection TEXT, created_at \(d.bigInteger) NOT NULL, updated_at \(d.bigInteger) NOT NULL)
                """,
                "CREATE INDEX tasks_due ON tasks (is_active, next_run_time)",
                """
                CREATE TABLE runs (id \(d.autoIncrementPrimaryKey),
                    task_id \(d.bigInteger) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                    run_trigger TEXT NOT NULL, status TEXT NOT NULL, started_at \(d.bigInteger) NOT NULL,
                    finished_at \(d.bigInteger), error TEXT, lines_read \(d.bigInteger) NOT NULL DEFAULT 0,
                    malformed_lines \(d.bigInteger) NOT NULL DEFAULT 0, bytes_read \(d.bigInteger) NOT NULL DEFAULT 0,
                    finding_count \(d.bigInteger) NOT NULL DEFAULT 0, notes TEXT NOT NULL DEFAULT '[]')
                """,
                // The database itself refuses a second running run of one task.
                "CREATE UNIQUE INDEX runs_one_running ON runs (task_id) WHERE status = 'running'",
                "CREATE INDEX runs_by_task ON runs (task_id, id)",
                """
                CREATE TABLE findings (id \(d.autoIncrementPrimaryKey),
                    task_id \(d.bigInteger) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                    run_id \(d.bigInteger) NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                    rule TEXT NOT NULL, client TEXT, first_seen \(d.bigInteger) NOT NULL, last_seen \(d.bigInteger) NOT NULL,
                    peak \(d.bigInteger) NOT NULL, window_seconds \(d.bigInteger), limit_count \(d.bigInteger),
                    message TEXT NOT NULL, examples TEXT NOT NULL, created_at \(d.bigInteger) NOT NULL)
                """,
                "CREATE INDEX findings_by_task ON findings (task_id, id)",
                """
                CREATE TABLE checkpoints (task_id \(d.bigInteger) PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
                    data TEXT NOT NULL, updated_at \(d.bigInteger) NOT NULL)
                """,
            ],
            // 2: anomaly detection: findings' details, minutes of traffic, models, scoring progress.
            [
                "ALTER TABLE findings ADD COLUMN detail TEXT",
                """
                CREATE TABLE traffic_minutes (task_id \(d.bigInteger) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                    minute_start \(d.bigInteger) NOT NULL, requests \(d.bigInteger) NOT NULL,
                    distinct_clients \(d.bigInteger) NOT NULL, busiest_client \(d.bigInteger) NOT NULL,
                    errors_4xx \(d.bigInteger) NOT NULL, errors_5xx \(d.bigInteger) NOT NULL, bytes \(d.bigInteger) NOT NULL,
                    paths_per_client \(d.bigInteger) NOT NULL, PRIMARY KEY (task_id, minute_start))
                """,
                """
                CREATE TABLE task_models (task_id \(d.bigInteger) PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
                    model TEXT NOT NULL, history_minutes \(d.bigInteger) NOT NULL, fitted_at \(d.bigInteger) NOT NULL)
                """,
                """
                CREATE TABLE detection_progress (task_id \(d.bigInteger) PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
                    scored_through \(d.bigInteger) NOT NULL)
                """,
            ],
            // 3: several instances: who runs a run, and until when its claim holds.
            [
                "ALTER TABLE runs ADD COLUMN instance TEXT",
                "ALTER TABLE runs ADD COLUMN lease_expires_at \(d.bigInteger)",
                "CREATE INDEX runs_running ON runs (status, lease_expires_at)",
            ],
            // 4: pages that are index range scans (active tasks in id order, a task's findings of
            // one rule newest first), and retention batches that are too: old findings and runs
            // found by age, a run's findings by run (which deleting a run also needs).
            [
                "CREATE INDEX tasks_active ON tasks (is_active, id)",
                "CREATE INDEX findings_by_rule ON findings (task_id, rule, id)",
                "CREATE INDEX findings_by_run ON findings (run_id)",
                "CREATE INDEX findings_by_age ON findings (created_at)",
                "CREATE INDEX runs_by_age ON runs (finished_at)",
            ],
            // 5: incidents, notification channels, the outbox of notifications and its attempts;
            // a task's notify, block and quiet time; each finding's incident.
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
            ],
            [
                // Dashboard sessions logged out before they expire, for every instance.
                "CREATE TABLE session_revocations (session_id TEXT PRIMARY KEY, expires_at \(d.bigInteger) NOT NULL)"
            ],
        ]
    }

    /// Every table, children first, for `--reset`.
    static let tables = [
        "session_revocations", "notification_attempts", "notifications", "channels", "detection_progress", "task_models", "traffic_minutes",
        "checkpoints", "findings", "incidents", "runs", "tasks",
        "task_properties", "weir_schema",
    ]
}
