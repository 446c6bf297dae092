/// Migration 1: tasks, runs, findings and checkpoints; the rule catalogue.
struct InitialSchema: SchemaMigration {
    let version = 1

    func statements(_ d: SQLDialect) -> [String] {
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
        ]
    }
}
