import WeirCore
import WeirDetect
import WeirModel
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
