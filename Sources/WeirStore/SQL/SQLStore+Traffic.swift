import WeirCore
import WeirModel
import WeirTraffic

/// Each task's traffic totals: added to in a run's commit (``completeRun(_:)``), read at every
/// scrape of `/metrics`.
extension SQLStore {
    public func trafficTotals() async throws -> [(taskID: Int64, name: String, counts: TrafficCounts)] {
        let tasks = try await database.query("SELECT id, name FROM tasks ORDER BY id", [])
        var totals: [Int64: TrafficCounts] = [:]
        for row in try await database.query("SELECT * FROM traffic_series", []) {
            totals[row.int("task_id"), default: TrafficCounts()].series[Self.seriesKey(row)] = .init(
                requests: row.int("requests"),
                bytes: row.int("bytes")
            )
        }
        for row in try await database.query("SELECT * FROM traffic_totals", []) {
            Self.readTotals(row, into: &totals[row.int("task_id"), default: TrafficCounts()])
        }
        return tasks.map { (taskID: $0.int("id"), name: $0.text("name"), counts: totals[$0.int("id")] ?? TrafficCounts()) }
    }

    /// Adds a run's traffic to its task's totals, within the run's transaction. A series the task
    /// does not have yet is folded into ``TrafficSeriesKey/folded`` once it has
    /// ``TrafficCounts/seriesCap`` of them.
    static func saveTraffic(_ run: TrafficCounts, taskID: Int64, _ tx: any SQLDatabase) async throws {
        var run = run
        let existing = try await tx.query("SELECT COUNT(*) AS n FROM traffic_series WHERE task_id = ?", [.integer(taskID)]).first?.int("n") ?? 0
        if Int(existing) + run.series.count > TrafficCounts.seriesCap {
            let known = Set(
                try await tx.query("SELECT vhost, method, status, route FROM traffic_series WHERE task_id = ?", [.integer(taskID)]).map(seriesKey)
            )
            run.foldNew(beyond: TrafficCounts.seriesCap - Int(existing), known: known)
        }
        let series = run.series.sorted { $0.key < $1.key }
        for start in stride(from: 0, to: series.count, by: 50) {
            let chunk = series[start..<min(start + 50, series.count)]
            try await tx.query(
                """
                INSERT INTO traffic_series (task_id, vhost, method, status, route, requests, bytes)
                VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", "))
                ON CONFLICT (task_id, vhost, method, status, route) DO UPDATE SET requests = traffic_series.requests + excluded.requests,
                    bytes = traffic_series.bytes + excluded.bytes
                """,
                chunk.flatMap { entry -> [SQLValue] in
                    [
                        .integer(taskID), .text(entry.key.vhost), .text(entry.key.method), .text(entry.key.status),
                        .text(entry.key.route), .integer(entry.value.requests), .integer(entry.value.bytes),
                    ]
                }
            )
        }
        var totals = TrafficCounts(bucketBounds: run.bucketBounds)
        if let row = try await tx.query("SELECT * FROM traffic_totals WHERE task_id = ?", [.integer(taskID)]).first {
            readTotals(row, into: &totals)
        }
        totals.add(TrafficCounts(durationsOf: run))
        try await tx.query(
            """
            INSERT INTO traffic_totals (task_id, malformed, folded, duration_sum_micros, duration_buckets, duration_bounds)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (task_id) DO UPDATE SET malformed = excluded.malformed, folded = excluded.folded,
                duration_sum_micros = excluded.duration_sum_micros, duration_buckets = excluded.duration_buckets,
                duration_bounds = excluded.duration_bounds
            """,
            [
                .integer(taskID), .integer(totals.malformed), .integer(totals.folded), .integer(totals.durationSumMicros),
                .text(totals.durationBuckets.map(String.init).joined(separator: ",")),
                .text(totals.bucketBounds.map { DecimalText.trimmed($0, places: 6) }.joined(separator: ",")),
            ]
        )
    }

    /// Reads a `traffic_totals` row into `counts` (its series untouched). A row from before
    /// migration 8 has no bounds: it was counted with the default ones.
    static func readTotals(_ row: SQLRow, into counts: inout TrafficCounts) {
        let bounds =
            row.optionalText("duration_bounds").map { $0.split(separator: ",").compactMap { Double($0) } } ?? TrafficCounts.defaultBucketBounds
        let stored = row.text("duration_buckets").split(separator: ",").map { Int64($0) ?? 0 }
        var buckets = [Int64](repeating: 0, count: bounds.count + 1)
        for k in buckets.indices where k < stored.count { buckets[k] = stored[k] }
        counts.setHistogram(bounds: bounds, buckets: buckets, sumMicros: row.int("duration_sum_micros"))
        counts.malformed = row.int("malformed")
        counts.folded = row.int("folded")
    }

    static func seriesKey(_ row: SQLRow) -> TrafficSeriesKey {
        TrafficSeriesKey(vhost: row.text("vhost"), method: row.text("method"), status: row.text("status"), route: row.text("route"))
    }
}

extension TrafficCounts {
    /// `counts` without its series: what goes in `traffic_totals`.
    fileprivate init(durationsOf counts: TrafficCounts) {
        self.init(bucketBounds: counts.bucketBounds)
        durationBuckets = counts.durationBuckets
        durationSumMicros = counts.durationSumMicros
        malformed = counts.malformed
        folded = counts.folded
    }
}
