import WeirCore
import WeirDetect
import WeirModel
import WeirRules

/// Traffic minutes, detection progress and models in SQL (``DetectionStore``).
extension SQLStore: DetectionStore {
    static let minuteColumns = "minute_start, requests, distinct_clients, busiest_client, errors_4xx, errors_5xx, bytes, paths_per_client"

    /// Saves a run's minutes of traffic and how far detection has scored, in the run's transaction.
    static func saveMinutes(_ c: RunCompletion, _ tx: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: c.minutes.count, by: 50).map({ c.minutes[$0..<min($0 + 50, c.minutes.count)] }) {
            let rows = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
            let binds = chunk.flatMap { m -> [SQLValue] in
                [
                    .integer(c.taskID), .integer(m.start), .integer(m.requests), .integer(m.distinctClients), .integer(m.busiestClient),
                    .integer(m.errors4xx), .integer(m.errors5xx), .integer(m.bytes), .integer(m.pathsPerClient),
                ]
            }
            try await tx.query(
                """
                INSERT INTO traffic_minutes (task_id, \(minuteColumns)) VALUES \(rows)
                ON CONFLICT (task_id, minute_start) DO UPDATE SET requests = excluded.requests,
                    distinct_clients = excluded.distinct_clients, busiest_client = excluded.busiest_client,
                    errors_4xx = excluded.errors_4xx, errors_5xx = excluded.errors_5xx, bytes = excluded.bytes,
                    paths_per_client = excluded.paths_per_client
                """,
                binds
            )
        }
        if let through = c.scoredThrough {
            try await tx.query(
                """
                INSERT INTO detection_progress (task_id, scored_through) VALUES (?, ?)
                ON CONFLICT (task_id) DO UPDATE SET scored_through = excluded.scored_through
                """,
                [.integer(c.taskID), .integer(through)]
            )
        }
    }

    public func trafficMinutes(taskID: Int64, since: Int64) async throws -> [FeatureBucket] {
        try await database.query(
            "SELECT \(Self.minuteColumns) FROM traffic_minutes WHERE task_id = ? AND minute_start >= ? ORDER BY minute_start",
            [.integer(taskID), .integer(since)]
        ).map(Self.minute)
    }

    public func latestTrafficMinutes(taskID: Int64, count: Int) async throws -> [FeatureBucket] {
        try await database.query(
            "SELECT \(Self.minuteColumns) FROM traffic_minutes WHERE task_id = ? ORDER BY minute_start DESC LIMIT ?",
            [.integer(taskID), .integer(Int64(count))]
        ).reversed().map(Self.minute)
    }

    static func minute(_ r: SQLRow) -> FeatureBucket {
        FeatureBucket(
            start: r.int("minute_start"),
            requests: r.int("requests"),
            distinctClients: r.int("distinct_clients"),
            busiestClient: r.int("busiest_client"),
            errors4xx: r.int("errors_4xx"),
            errors5xx: r.int("errors_5xx"),
            bytes: r.int("bytes"),
            pathsPerClient: r.int("paths_per_client")
        )
    }

    public func trafficMinuteCount(taskID: Int64) async throws -> Int {
        Int(try await database.query("SELECT COUNT(*) AS n FROM traffic_minutes WHERE task_id = ?", [.integer(taskID)]).first?.int("n") ?? 0)
    }

    public func scoredThrough(taskID: Int64) async throws -> Int64? {
        try await database.query("SELECT scored_through FROM detection_progress WHERE task_id = ?", [.integer(taskID)]).first?.int("scored_through")
    }

    public func model(taskID: Int64) async throws -> StoredModel? {
        guard
            let row = try await database.query(
                "SELECT model, history_minutes, fitted_at FROM task_models WHERE task_id = ?",
                [.integer(taskID)]
            ).first
        else { return nil }
        return StoredModel(
            model: try JSONText.decode(TaskModel.self, row.text("model")),
            historyMinutes: Int(row.int("history_minutes")),
            fittedAt: row.int("fitted_at")
        )
    }

    public func saveModel(taskID: Int64, _ m: StoredModel) async throws {
        try await database.query(
            """
            INSERT INTO task_models (task_id, model, history_minutes, fitted_at) SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM tasks WHERE id = ?)
            ON CONFLICT (task_id) DO UPDATE SET model = excluded.model, history_minutes = excluded.history_minutes,
                fitted_at = excluded.fitted_at
            """,
            [
                .integer(taskID), .text(JSONText.encode(m.model)), .integer(Int64(m.historyMinutes)), .integer(m.fittedAt),
                .integer(taskID),
            ]
        )
    }
}
