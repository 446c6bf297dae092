/// Migration 2: anomaly detection: findings' details, minutes of traffic, models, scoring progress.
struct AnomalyDetection: SchemaMigration {
    let version = 2

    func statements(_ d: SQLDialect) -> [String] {
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
        ]
    }
}
