/// Migration 4: pages that are index range scans (active tasks in id order, a task's findings of
/// one rule newest first), and retention batches that are too: old findings and runs found by age,
/// a run's findings by run (which deleting a run also needs).
struct RangeScanIndexes: SchemaMigration {
    let version = 4

    func statements(_ _: SQLDialect) -> [String] {
        [
            "CREATE INDEX tasks_active ON tasks (is_active, id)",
            "CREATE INDEX findings_by_rule ON findings (task_id, rule, id)",
            "CREATE INDEX findings_by_run ON findings (run_id)",
            "CREATE INDEX findings_by_age ON findings (created_at)",
            "CREATE INDEX runs_by_age ON runs (finished_at)",
        ]
    }
}
