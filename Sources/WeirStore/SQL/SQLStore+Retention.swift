import WeirModel

/// Retention in SQL (``RetentionStore``): each kind (findings, runs, traffic minutes, resolved
/// incidents, delivered or failed notifications and their attempts) deleted by id through a
/// bounded subquery on an index of its age, so a batch is an index range scan and a short transaction on SQLite and
/// PostgreSQL alike. A run goes only once its findings are gone, so that no delete cascades over
/// an unbounded number of rows.
extension SQLStore: RetentionStore {
    public func prune(before cutoff: Int64, batch: Int) async throws -> PruneCount {
        let limit = SQLValue.integer(Int64(batch))
        let findings = try await database.query(
            "DELETE FROM findings WHERE id IN (SELECT id FROM findings WHERE created_at < ? ORDER BY created_at LIMIT ?) RETURNING id",
            [.integer(cutoff), limit]
        ).count
        let runs = try await database.query(
            """
            DELETE FROM runs WHERE id IN (SELECT id FROM runs WHERE finished_at < ? AND status <> 'running'
                AND NOT EXISTS (SELECT 1 FROM findings WHERE findings.run_id = runs.id) ORDER BY finished_at LIMIT ?) RETURNING id
            """,
            [.integer(cutoff), limit]
        ).count
        let minutes = try await database.query(
            """
            DELETE FROM traffic_minutes WHERE (task_id, minute_start) IN (SELECT task_id, minute_start FROM traffic_minutes
                WHERE minute_start < ? ORDER BY task_id, minute_start LIMIT ?) RETURNING task_id
            """,
            [.integer(cutoff), limit]
        ).count
        let incidents = try await database.query(
            """
            DELETE FROM incidents WHERE id IN (SELECT id FROM incidents WHERE resolved_at < ? AND state = 'resolved'
                ORDER BY resolved_at LIMIT ?) RETURNING id
            """,
            [.integer(cutoff), limit]
        ).count
        // A notification goes once it is delivered or failed, after its attempts.
        let attempts = try await database.query(
            """
            DELETE FROM notification_attempts WHERE id IN (SELECT a.id FROM notification_attempts a
                JOIN notifications n ON n.id = a.notification_id WHERE n.created_at < ? AND n.state <> 'pending' LIMIT ?) RETURNING id
            """,
            [.integer(cutoff), limit]
        ).count
        let notifications = try await database.query(
            """
            DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE created_at < ? AND state <> 'pending'
                AND NOT EXISTS (SELECT 1 FROM notification_attempts a WHERE a.notification_id = notifications.id)
                ORDER BY created_at LIMIT ?) RETURNING id
            """,
            [.integer(cutoff), limit]
        ).count
        return PruneCount(
            findings: findings,
            runs: runs,
            trafficMinutes: minutes,
            incidents: incidents,
            notifications: notifications + attempts
        )
    }
}
