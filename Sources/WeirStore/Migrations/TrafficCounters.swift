/// Migration 7: each task's traffic counted over its committed runs, for `/metrics`: requests and
/// bytes per series (virtual host, method, status), and durations, malformed lines and folded
/// requests per task.
struct TrafficCounters: SchemaMigration {
    let version = 7

    func statements(_ d: SQLDialect) -> [String] {
        [
            """
            CREATE TABLE traffic_series (task_id \(d.bigInteger) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                vhost TEXT NOT NULL, method TEXT NOT NULL, status TEXT NOT NULL,
                requests \(d.bigInteger) NOT NULL, bytes \(d.bigInteger) NOT NULL,
                PRIMARY KEY (task_id, vhost, method, status))
            """,
            """
            CREATE TABLE traffic_totals (task_id \(d.bigInteger) PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
                malformed \(d.bigInteger) NOT NULL, folded \(d.bigInteger) NOT NULL,
                duration_sum_micros \(d.bigInteger) NOT NULL, duration_buckets TEXT NOT NULL)
            """,
        ]
    }
}
