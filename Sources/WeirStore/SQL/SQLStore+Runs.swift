import WeirCore
import WeirDetect
import WeirRules

/// Runs: claims, leases, commits in SQL (``RunStore``).
extension SQLStore: RunStore {
    static let runColumns =
        "id, task_id, run_trigger, status, started_at, finished_at, error, lines_read, malformed_lines, bytes_read, finding_count, notes, instance"

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
            let inserted = try await tx.query(
                """
                INSERT INTO runs (task_id, run_trigger, status, started_at, instance, lease_expires_at)
                VALUES (?, ?, 'running', ?, ?, ?) RETURNING \(Self.runColumns)
                """,
                [.integer(taskID), .text(trigger.rawValue), .integer(now), .text(owner.instance), .integer(now + owner.leaseSeconds)]
            )
            return try Self.run(inserted[0])
        }
    }

    public func renewLeases(instance: String, until: Int64) async throws -> Int {
        try await database.query(
            "UPDATE runs SET lease_expires_at = ? WHERE instance = ? AND status = 'running' RETURNING id",
            [.integer(until), .text(instance)]
        ).count
    }

    public func reclaimExpiredRuns(at now: Int64) async throws -> [RunRecord] {
        guard database.dialect.isShared else { return [] }
        return try await database.query(
            """
            UPDATE runs SET status = 'interrupted', finished_at = ?,
                error = 'instance ' || COALESCE(instance, '?') || ' stopped renewing its claim on this run; nothing of it was committed, and another instance runs the task again from its last checkpoint'
            WHERE status = 'running' AND lease_expires_at < ? RETURNING \(Self.runColumns)
            """,
            [.integer(now), .integer(now)]
        ).map(Self.run)
    }

    public func completeRun(_ c: RunCompletion) async throws {
        try await database.transaction { tx in
            let updated = try await tx.query(
                """
                UPDATE runs SET status = 'succeeded', finished_at = ?, lines_read = ?, malformed_lines = ?, bytes_read = ?,
                    finding_count = ?, notes = ? WHERE id = ? AND status = 'running' RETURNING id
                """,
                [
                    .integer(c.finishedAt), .integer(c.linesRead), .integer(c.malformedLines), .integer(c.bytesRead),
                    .integer(Int64(c.findings.count)), .text(JSONText.encode(c.notes)), .integer(c.runID),
                ]
            )
            guard !updated.isEmpty else { throw StoreError("run \(c.runID) is no longer running; its results were not committed") }
            try await Self.saveFindingsAndIncidents(c, tx)
            try await Self.saveMinutes(c, tx)
            if let checkpoint = c.checkpoint {
                try await tx.query(
                    """
                    INSERT INTO checkpoints (task_id, data, updated_at, rule_state) VALUES (?, ?, ?, ?)
                    ON CONFLICT (task_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at,
                        rule_state = COALESCE(excluded.rule_state, checkpoints.rule_state)
                    """,
                    [.integer(c.taskID), .text(checkpoint), .integer(c.finishedAt), .optional(c.ruleState)]
                )
            } else if let state = c.ruleState {
                try await tx.query("UPDATE checkpoints SET rule_state = ? WHERE task_id = ?", [.text(state), .integer(c.taskID)])
            }
        }
    }

    /// A burst still going when the previous run ended is one finding, not two: the evaluator
    /// carries the open burst into the next run (``CarriedRuleState``) and reports it again, with
    /// the same start, when it grows; that finding extends the earlier run's finding with the same
    /// rule, client, window, limit and start. An anomaly that goes on past the buckets the previous
    /// run scored is reported again whole, with the same start, and replaces the earlier run's
    /// finding with the same feature and start. Returns that finding's id and the extended finding.
    static func earlierBurst(_ f: RuleFinding, _ c: RunCompletion, _ tx: any SQLDatabase) async throws -> (id: Int64, merged: RuleFinding)? {
        guard c.continuedBursts.contains(f.burstKey) else { return nil }
        if let anomaly = f.anomaly {
            let rows = try await tx.query(
                "SELECT * FROM findings WHERE task_id = ? AND rule = ? AND first_seen = ? AND run_id <> ? ORDER BY id DESC",
                [.integer(c.taskID), .text(f.rule), .integer(f.first), .integer(c.runID)]
            )
            for row in rows {
                let earlier = try finding(row)
                if earlier.anomaly?.feature == anomaly.feature, earlier.windowSeconds == f.windowSeconds { return (row.int("id"), f) }
            }
            return nil
        }
        guard let window = f.windowSeconds, let limit = f.limit else { return nil }
        let rows = try await tx.query(
            """
            SELECT * FROM findings WHERE task_id = ? AND rule = ? AND first_seen = ? AND COALESCE(client, '') = ?
                AND window_seconds = ? AND limit_count = ? AND run_id <> ? ORDER BY id DESC LIMIT 1
            """,
            [
                .integer(c.taskID), .text(f.rule), .integer(f.first), .text(f.client ?? ""), .integer(Int64(window)), .integer(Int64(limit)),
                .integer(c.runID),
            ]
        )
        guard let row = rows.first else { return nil }
        return (row.int("id"), try finding(row).merged(with: f))
    }

    public func abandonRun(id: Int64, status: RunStatus, error: String, at: Int64) async throws {
        try await database.query(
            "UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'running'",
            [.text(status.rawValue), .text(error), .integer(at), .integer(id)]
        )
    }

    public func interruptRunningRuns(at: Int64) async throws -> Int {
        guard !database.dialect.isShared else { return 0 }
        return try await database.query(
            """
            UPDATE runs SET status = 'interrupted', error = 'the service stopped during this run; nothing of it was committed',
                finished_at = ? WHERE status = 'running' RETURNING id
            """,
            [.integer(at)]
        ).count
    }

    public func run(id: Int64) async throws -> RunRecord? {
        try await database.query("SELECT \(Self.runColumns) FROM runs WHERE id = ?", [.integer(id)]).first.map(Self.run)
    }

    public func runs(taskID: Int64, before: Int64?, limit: Int) async throws -> [RunRecord] {
        try await database.query(
            // A row-value position on the index's columns, as for findings (``findings(taskID:query:)``).
            "SELECT \(Self.runColumns) FROM runs WHERE task_id = ? AND id < ? AND (task_id, id) < (?, ?) ORDER BY task_id DESC, id DESC LIMIT ?",
            [.integer(taskID), .integer(before ?? .max), .integer(taskID), .integer(before ?? .max), .integer(Int64(limit))]
        ).map(Self.run)
    }

    static func run(_ row: SQLRow) throws -> RunRecord {
        RunRecord(
            id: row.int("id"),
            taskID: row.int("task_id"),
            trigger: RunTrigger(rawValue: row.text("run_trigger")) ?? .manual,
            status: RunStatus(rawValue: row.text("status")) ?? .failed,
            startedAt: row.int("started_at"),
            finishedAt: row.optionalInt("finished_at"),
            error: row.optionalText("error"),
            linesRead: row.int("lines_read"),
            malformedLines: row.int("malformed_lines"),
            bytesRead: row.int("bytes_read"),
            findingCount: row.int("finding_count"),
            notes: try JSONText.strings(row.text("notes")),
            instance: row.optionalText("instance")
        )
    }

    public func ruleState(taskID: Int64) async throws -> String? {
        try await database.query("SELECT rule_state FROM checkpoints WHERE task_id = ?", [.integer(taskID)]).first?.optionalText("rule_state")
    }

    public func checkpoint(taskID: Int64) async throws -> String? {
        try await database.query("SELECT data FROM checkpoints WHERE task_id = ?", [.integer(taskID)]).first?.text("data")
    }
}
