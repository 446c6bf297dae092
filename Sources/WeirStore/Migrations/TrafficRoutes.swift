/// Migration 8: the `route` label of traffic series (the table is made again with `route` in its
/// key; existing series get `other`), the duration bounds a histogram was counted with, and each
/// task's metrics options (`routes`, `duration_buckets`).
struct TrafficRoutes: SchemaMigration {
    let version = 8

    func statements(_ d: SQLDialect) -> [String] {
        [
            """
            CREATE TABLE traffic_series_by_route (task_id \(d.bigInteger) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                vhost TEXT NOT NULL, method TEXT NOT NULL, status TEXT NOT NULL, route TEXT NOT NULL,
                requests \(d.bigInteger) NOT NULL, bytes \(d.bigInteger) NOT NULL,
                PRIMARY KEY (task_id, vhost, method, status, route))
            """,
            """
            INSERT INTO traffic_series_by_route (task_id, vhost, method, status, route, requests, bytes)
                SELECT task_id, vhost, method, status, 'other', requests, bytes FROM traffic_series
            """,
            "DROP TABLE traffic_series",
            "ALTER TABLE traffic_series_by_route RENAME TO traffic_series",
            "ALTER TABLE traffic_totals ADD COLUMN duration_bounds TEXT",
            "ALTER TABLE tasks ADD COLUMN metrics TEXT",
        ]
    }
}
