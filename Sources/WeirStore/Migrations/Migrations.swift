/// The schema, as numbered migrations (one ``SchemaMigration`` type each) applied in order, each in
/// its own transaction. A database records the last one applied in `weir_schema`; the migration
/// service of `weir serve`, and `weir setup-db`, apply the rest.
enum Migrations {
    /// Every migration, in order; migration `n` is `all[n - 1]`.
    static let all: [any SchemaMigration] = [
        InitialSchema(), AnomalyDetection(), SeveralInstances(), RangeScanIndexes(), IncidentsAndChannels(), SessionRevocations(),
        TrafficCounters(), TrafficRoutes(),
    ]

    /// Every table, children first, for `--reset`.
    static let tables = [
        "traffic_totals", "traffic_series", "session_revocations", "notification_attempts", "notifications", "channels", "detection_progress",
        "task_models", "traffic_minutes",
        "checkpoints", "findings", "incidents", "runs", "tasks",
        "task_properties", "weir_schema",
    ]
}
