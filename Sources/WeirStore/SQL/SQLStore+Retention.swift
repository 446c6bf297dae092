/// Retention in SQL (``RetentionStore``): each kind deleted by id through a bounded subquery on an
/// index of its age, so a batch is an index range scan and a short transaction on SQLite and
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
        return PruneCount(findings: findings, runs: runs, trafficMinutes: minutes)
    }
}
