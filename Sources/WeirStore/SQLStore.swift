import WeirDetect
import WeirRules

/// Weir's storage logic, written once over any ``SQLDatabase``: SQLite by default, PostgreSQL for
/// several instances.
public struct SQLStore: WeirStore {
    public let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    // MARK: schema

    public func migrate() async throws {
        let migrations = Migrations.all(database.dialect)
        // Each migration in its own transaction, under the dialect's migration lock, so that
        // instances starting together apply each one once.
        for (index, statements) in migrations.enumerated() {
            try await database.transaction { tx in
                let applied = try await Self.lockedSchemaVersion(tx)
                guard applied <= migrations.count else {
                    throw StoreError("the database has schema version \(applied), newer than this weir (\(migrations.count)); upgrade weir")
                }
                guard index + 1 > applied else { return }
                for sql in statements { try await tx.query(sql, []) }
                try await tx.query("INSERT INTO weir_schema (version, applied_at) VALUES (?, ?)", [.integer(Int64(index + 1)), .integer(0)])
            }
        }
        try await database.transaction { tx in
            if !tx.dialect.migrationLock.isEmpty { try await tx.query(tx.dialect.migrationLock, []) }
            for rule in RuleCatalogue.all {
                try await tx.query("""
                    INSERT INTO task_properties (name, description, value_type, example) VALUES (?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET description = excluded.description,
                        value_type = excluded.value_type, example = excluded.example
                    """, [.text(rule.name), .text(rule.description), .text(rule.valueType), .text(JSONText.encode(rule.example))])
            }
        }
    }

    public func reset() async throws {
        for table in Migrations.tables { try await database.query("DROP TABLE IF EXISTS \(table)", []) }
    }

    public func ping() async throws {
        try await database.query("SELECT 1 AS one", [])
    }

    /// The applied version; 0 for a new database (the version table is created if missing).
    public func schemaVersion() async throws -> Int {
        try await database.transaction { tx in try await Self.lockedSchemaVersion(tx) }
    }

    /// The applied version, read inside `tx` after taking the migration lock.
    static func lockedSchemaVersion(_ tx: any SQLDatabase) async throws -> Int {
        let d = tx.dialect
        if !d.migrationLock.isEmpty { try await tx.query(d.migrationLock, []) }
        try await tx.query("CREATE TABLE IF NOT EXISTS weir_schema (version \(d.bigInteger) NOT NULL, applied_at \(d.bigInteger) NOT NULL)", [])
        let rows = try await tx.query("SELECT MAX(version) AS version FROM weir_schema", [])
        return Int(rows.first?.optionalInt("version") ?? 0)
    }

    public func ruleCatalogue() async throws -> [RuleDescription] {
        try await database.query("SELECT name, description, value_type, example FROM task_properties ORDER BY name", []).map {
            RuleDescription(name: $0.text("name"), description: $0.text("description"), valueType: $0.text("value_type"),
                            example: try JSONText.decode(JSONValue.self, $0.text("example")))
        }
    }

    // MARK: tasks

    static let taskColumns = "id, name, description, frequency, next_run_time, is_active, target_data, properties, detection, created_at, updated_at"

    public func createTask(_ task: MonitoringTask, now: Int64) async throws -> MonitoringTask {
        let rows = try await database.query("""
            INSERT INTO tasks (name, description, frequency, next_run_time, is_active, target_data, properties, detection, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING \(Self.taskColumns)
            """, Self.taskBinds(task) + [.integer(now), .integer(now)])
        return try Self.task(rows[0])
    }

    public func task(id: Int64) async throws -> MonitoringTask? {
        try await database.query("SELECT \(Self.taskColumns) FROM tasks WHERE id = ?", [.integer(id)]).first.map(Self.task)
    }

    public func tasks(activeOnly: Bool) async throws -> [MonitoringTask] {
        let filter = activeOnly ? " WHERE is_active = 1" : ""
        return try await database.query("SELECT \(Self.taskColumns) FROM tasks\(filter) ORDER BY id", []).map(Self.task)
    }

    public func updateTask(_ task: MonitoringTask, now: Int64) async throws -> MonitoringTask? {
        let rows = try await database.query("""
            UPDATE tasks SET name = ?, description = ?, frequency = ?, next_run_time = ?, is_active = ?, target_data = ?,
                properties = ?, detection = ?, updated_at = ? WHERE id = ? RETURNING \(Self.taskColumns)
            """, Self.taskBinds(task) + [.integer(now), .integer(task.id)])
        return try rows.first.map(Self.task)
    }

    public func deleteTask(id: Int64) async throws -> Bool {
        try await database.transaction { tx in
            // Children first, so that it works with or without foreign-key cascades.
            for table in ["detection_progress", "task_models", "traffic_minutes", "checkpoints", "findings", "runs"] {
                try await tx.query("DELETE FROM \(table) WHERE task_id = ?", [.integer(id)])
            }
            return try await !tx.query("DELETE FROM tasks WHERE id = ? RETURNING id", [.integer(id)]).isEmpty
        }
    }

    public func dueTasks(at now: Int64) async throws -> [MonitoringTask] {
        try await database.query("SELECT \(Self.taskColumns) FROM tasks WHERE is_active = 1 AND next_run_time <= ? ORDER BY next_run_time, id",
                                 [.integer(now)]).map(Self.task)
    }

    static func taskBinds(_ t: MonitoringTask) -> [SQLValue] {
        [.text(t.name), .text(t.description), .integer(t.frequency), .integer(t.nextRunTime), .bool(t.isActive),
         .text(JSONText.encode(t.targetData)), .text(JSONText.encode(t.properties)), .optional(t.detection.map(JSONText.encode))]
    }

    static func task(_ row: SQLRow) throws -> MonitoringTask {
        MonitoringTask(
            id: row.int("id"), name: row.text("name"), description: row.text("description"), frequency: row.int("frequency"),
            nextRunTime: row.int("next_run_time"), isActive: row.bool("is_active"),
            targetData: try JSONText.decode(JSONValue.self, row.text("target_data")),
            properties: try JSONText.decode(JSONValue.self, row.text("properties")),
            detection: try row.optionalText("detection").map { try JSONText.decode(JSONValue.self, $0) },
            createdAt: row.int("created_at"), updatedAt: row.int("updated_at"))
    }

    // MARK: runs

    static let runColumns = "id, task_id, run_trigger, status, started_at, finished_at, error, lines_read, malformed_lines, bytes_read, finding_count, notes, instance"

    public func startRun(taskID: Int64, trigger: RunTrigger, now: Int64, owner: RunOwner) async throws -> RunRecord? {
        // On a shared database the task's row is locked for the claim; a scheduled claim skips a
        // row another instance is claiming (it will start the run), a manual one waits for it.
        let d = database.dialect
        let lock = !d.isShared ? "" : trigger.requiresDue ? " \(d.skipLocked)" : " FOR UPDATE"
        return try await database.transaction { tx in
            guard let row = try await tx.query("SELECT id, frequency, next_run_time FROM tasks WHERE id = ?\(lock)", [.integer(taskID)]).first else {
                return nil
            }
            if trigger.requiresDue, row.int("next_run_time") > now { return nil }
            let running = try await tx.query("SELECT id FROM runs WHERE task_id = ? AND status = 'running'", [.integer(taskID)])
            guard running.isEmpty else { return nil }
            let next = Schedule.nextRunTime(after: row.int("next_run_time"), frequency: row.int("frequency"), now: now)
            try await tx.query("UPDATE tasks SET next_run_time = ? WHERE id = ?", [.integer(next), .integer(taskID)])
            let inserted = try await tx.query("""
                INSERT INTO runs (task_id, run_trigger, status, started_at, instance, lease_expires_at)
                VALUES (?, ?, 'running', ?, ?, ?) RETURNING \(Self.runColumns)
                """, [.integer(taskID), .text(trigger.rawValue), .integer(now), .text(owner.instance), .integer(now + owner.leaseSeconds)])
            return try Self.run(inserted[0])
        }
    }

    public func renewLeases(instance: String, until: Int64) async throws -> Int {
        try await database.query("UPDATE runs SET lease_expires_at = ? WHERE instance = ? AND status = 'running' RETURNING id",
                                 [.integer(until), .text(instance)]).count
    }

    public func reclaimExpiredRuns(at now: Int64) async throws -> [RunRecord] {
        guard database.dialect.isShared else { return [] }
        return try await database.query("""
            UPDATE runs SET status = 'interrupted', finished_at = ?,
                error = 'instance ' || COALESCE(instance, '?') || ' stopped renewing its claim on this run; nothing of it was committed, and another instance runs the task again from its last checkpoint'
            WHERE status = 'running' AND lease_expires_at < ? RETURNING \(Self.runColumns)
            """, [.integer(now), .integer(now)]).map(Self.run)
    }

    public func completeRun(_ c: RunCompletion) async throws {
        try await database.transaction { tx in
            let updated = try await tx.query("""
                UPDATE runs SET status = 'succeeded', finished_at = ?, lines_read = ?, malformed_lines = ?, bytes_read = ?,
                    finding_count = ?, notes = ? WHERE id = ? AND status = 'running' RETURNING id
                """, [.integer(c.finishedAt), .integer(c.linesRead), .integer(c.malformedLines), .integer(c.bytesRead),
                      .integer(Int64(c.findings.count)), .text(JSONText.encode(c.notes)), .integer(c.runID)])
            guard !updated.isEmpty else { throw StoreError("run \(c.runID) is no longer running; its results were not committed") }
            var fresh: [RuleFinding] = []
            for f in c.findings {
                if try await Self.mergeIntoEarlierBurst(f, c, tx) { continue }
                fresh.append(f)
            }
            // Many rows per statement: one round trip per 50 findings.
            for chunk in stride(from: 0, to: fresh.count, by: 50).map({ fresh[$0..<min($0 + 50, fresh.count)] }) {
                let rows = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
                let binds = chunk.flatMap { f -> [SQLValue] in
                    [.integer(c.taskID), .integer(c.runID), .text(f.rule), .optional(f.client), .integer(f.first), .integer(f.last),
                     .integer(Int64(f.peak)), .optional(f.windowSeconds), .optional(f.limit), .text(f.message),
                     .text(JSONText.encode(f.examples)), .integer(c.finishedAt), .optional(f.anomaly.map(JSONText.encode))]
                }
                try await tx.query("""
                    INSERT INTO findings (task_id, run_id, rule, client, first_seen, last_seen, peak, window_seconds, limit_count,
                        message, examples, created_at, detail) VALUES \(rows)
                    """, binds)
            }
            try await Self.saveMinutes(c, tx)
            if let checkpoint = c.checkpoint {
                try await tx.query("""
                    INSERT INTO checkpoints (task_id, data, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (task_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
                    """, [.integer(c.taskID), .text(checkpoint), .integer(c.finishedAt)])
            }
        }
    }

    /// A burst still going when the previous run ended is one finding, not two: a rate finding
    /// that continues the latest finding of an earlier run with the same rule, client and limit
    /// extends it. (Within one run the evaluator has already merged overlapping windows.)
    static func mergeIntoEarlierBurst(_ f: RuleFinding, _ c: RunCompletion, _ tx: any SQLDatabase) async throws -> Bool {
        guard let window = f.windowSeconds, let limit = f.limit, let earliest = c.earliestRecord,
              f.first - earliest < Int64(window) else { return false }
        let taskID = c.taskID, runID = c.runID
        let rows = try await tx.query("""
            SELECT * FROM findings WHERE task_id = ? AND rule = ? AND COALESCE(client, '') = ? AND window_seconds = ?
                AND limit_count = ? AND run_id <> ? ORDER BY last_seen DESC, id DESC LIMIT 1
            """, [.integer(taskID), .text(f.rule), .text(f.client ?? ""), .integer(Int64(window)), .integer(Int64(limit)), .integer(runID)])
        guard let row = rows.first else { return false }
        let earlier = try finding(row)
        guard earlier.isContinued(by: f) else { return false }
        let merged = earlier.merged(with: f)
        try await tx.query("UPDATE findings SET first_seen = ?, last_seen = ?, peak = ?, message = ? WHERE id = ?",
                           [.integer(merged.first), .integer(merged.last), .integer(Int64(merged.peak)), .text(merged.message),
                            .integer(row.int("id"))])
        return true
    }

    public func abandonRun(id: Int64, status: RunStatus, error: String, at: Int64) async throws {
        try await database.query("UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'running'",
                                 [.text(status.rawValue), .text(error), .integer(at), .integer(id)])
    }

    public func interruptRunningRuns(at: Int64) async throws -> Int {
        guard !database.dialect.isShared else { return 0 }
        return try await database.query("""
            UPDATE runs SET status = 'interrupted', error = 'the service stopped during this run; nothing of it was committed',
                finished_at = ? WHERE status = 'running' RETURNING id
            """, [.integer(at)]).count
    }

    public func run(id: Int64) async throws -> RunRecord? {
        try await database.query("SELECT \(Self.runColumns) FROM runs WHERE id = ?", [.integer(id)]).first.map(Self.run)
    }

    public func runs(taskID: Int64, limit: Int) async throws -> [RunRecord] {
        try await database.query("SELECT \(Self.runColumns) FROM runs WHERE task_id = ? ORDER BY id DESC LIMIT ?",
                                 [.integer(taskID), .integer(Int64(limit))]).map(Self.run)
    }

    static func run(_ row: SQLRow) throws -> RunRecord {
        RunRecord(
            id: row.int("id"), taskID: row.int("task_id"), trigger: RunTrigger(rawValue: row.text("run_trigger")) ?? .manual,
            status: RunStatus(rawValue: row.text("status")) ?? .failed, startedAt: row.int("started_at"),
            finishedAt: row.optionalInt("finished_at"), error: row.optionalText("error"), linesRead: row.int("lines_read"),
            malformedLines: row.int("malformed_lines"), bytesRead: row.int("bytes_read"), findingCount: row.int("finding_count"),
            notes: try JSONText.decode([String].self, row.text("notes")), instance: row.optionalText("instance"))
    }

    // MARK: findings and checkpoints

    public func findings(taskID: Int64, query: FindingQuery) async throws -> [FindingRecord] {
        var sql = "SELECT * FROM findings WHERE task_id = ?"
        var binds: [SQLValue] = [.integer(taskID)]
        if let rule = query.rule { sql += " AND rule = ?"; binds.append(.text(rule)) }
        if let since = query.since { sql += " AND last_seen >= ?"; binds.append(.integer(since)) }
        sql += " ORDER BY id DESC LIMIT ?"
        binds.append(.integer(Int64(query.limit)))
        return try await database.query(sql, binds).map { row in
            FindingRecord(id: row.int("id"), taskID: row.int("task_id"), runID: row.int("run_id"),
                          finding: try Self.finding(row), createdAt: row.int("created_at"))
        }
    }

    static func finding(_ row: SQLRow) throws -> RuleFinding {
        RuleFinding(
            rule: row.text("rule"), client: row.optionalText("client"), first: row.int("first_seen"), last: row.int("last_seen"),
            peak: Int(row.int("peak")), windowSeconds: row.optionalInt("window_seconds").map(Int.init),
            limit: row.optionalInt("limit_count").map(Int.init), message: row.text("message"),
            examples: try JSONText.decode([String].self, row.text("examples")),
            anomaly: try row.optionalText("detail").map { try JSONText.decode(AnomalyDetail.self, $0) })
    }

    public func checkpoint(taskID: Int64) async throws -> String? {
        try await database.query("SELECT data FROM checkpoints WHERE task_id = ?", [.integer(taskID)]).first?.text("data")
    }

    // MARK: anomaly detection

    static let minuteColumns = "minute_start, requests, distinct_clients, busiest_client, errors_4xx, errors_5xx, bytes, paths_per_client"

    /// Saves a run's minutes of traffic and how far detection has scored, in the run's transaction.
    static func saveMinutes(_ c: RunCompletion, _ tx: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: c.minutes.count, by: 50).map({ c.minutes[$0..<min($0 + 50, c.minutes.count)] }) {
            let rows = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
            let binds = chunk.flatMap { m -> [SQLValue] in
                [.integer(c.taskID), .integer(m.start), .integer(m.requests), .integer(m.distinctClients), .integer(m.busiestClient),
                 .integer(m.errors4xx), .integer(m.errors5xx), .integer(m.bytes), .integer(m.pathsPerClient)]
            }
            try await tx.query("""
                INSERT INTO traffic_minutes (task_id, \(minuteColumns)) VALUES \(rows)
                ON CONFLICT (task_id, minute_start) DO UPDATE SET requests = excluded.requests,
                    distinct_clients = excluded.distinct_clients, busiest_client = excluded.busiest_client,
                    errors_4xx = excluded.errors_4xx, errors_5xx = excluded.errors_5xx, bytes = excluded.bytes,
                    paths_per_client = excluded.paths_per_client
                """, binds)
        }
        if let through = c.scoredThrough {
            try await tx.query("""
                INSERT INTO detection_progress (task_id, scored_through) VALUES (?, ?)
                ON CONFLICT (task_id) DO UPDATE SET scored_through = excluded.scored_through
                """, [.integer(c.taskID), .integer(through)])
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
        FeatureBucket(start: r.int("minute_start"), requests: r.int("requests"), distinctClients: r.int("distinct_clients"),
                      busiestClient: r.int("busiest_client"), errors4xx: r.int("errors_4xx"), errors5xx: r.int("errors_5xx"),
                      bytes: r.int("bytes"), pathsPerClient: r.int("paths_per_client"))
    }

    public func trafficMinuteCount(taskID: Int64) async throws -> Int {
        Int(try await database.query("SELECT COUNT(*) AS n FROM traffic_minutes WHERE task_id = ?", [.integer(taskID)]).first?.int("n") ?? 0)
    }

    public func scoredThrough(taskID: Int64) async throws -> Int64? {
        try await database.query("SELECT scored_through FROM detection_progress WHERE task_id = ?", [.integer(taskID)]).first?.int("scored_through")
    }

    public func model(taskID: Int64) async throws -> StoredModel? {
        guard let row = try await database.query("SELECT model, history_minutes, fitted_at FROM task_models WHERE task_id = ?",
                                                 [.integer(taskID)]).first else { return nil }
        return StoredModel(model: try JSONText.decode(TaskModel.self, row.text("model")), historyMinutes: Int(row.int("history_minutes")),
                           fittedAt: row.int("fitted_at"))
    }

    public func saveModel(taskID: Int64, _ m: StoredModel) async throws {
        try await database.query("""
            INSERT INTO task_models (task_id, model, history_minutes, fitted_at) SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM tasks WHERE id = ?)
            ON CONFLICT (task_id) DO UPDATE SET model = excluded.model, history_minutes = excluded.history_minutes,
                fitted_at = excluded.fitted_at
            """, [.integer(taskID), .text(JSONText.encode(m.model)), .integer(Int64(m.historyMinutes)), .integer(m.fittedAt),
                  .integer(taskID)])
    }

    public func close() async throws {
        try await database.close()
    }
}
