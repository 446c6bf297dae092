import WeirCore
import WeirModel
import WeirRules

/// Incidents in SQL (``IncidentStore``); a run's commit opens, extends and resolves them
/// (`SQLStore+RunCommit.swift`).
extension SQLStore: IncidentStore {
    public func incidents(_ q: IncidentQuery) async throws -> [Incident] {
        var sql = "SELECT * FROM incidents WHERE id < ?"
        var binds: [SQLValue] = [.integer(q.before ?? .max)]
        if let taskID = q.taskID {
            sql += " AND task_id = ? AND (task_id, id) < (?, ?)"
            binds += [.integer(taskID), .integer(taskID), .integer(q.before ?? .max)]
        }
        if let state = q.state {
            sql += " AND state = ?"
            binds.append(.text(state.rawValue))
        }
        if let rule = q.rule {
            sql += " AND rule = ?"
            binds.append(.text(rule))
        }
        if let since = q.since {
            sql += " AND last_seen >= ?"
            binds.append(.integer(since))
        }
        sql += q.taskID == nil ? " ORDER BY id DESC LIMIT ?" : " ORDER BY task_id DESC, id DESC LIMIT ?"
        binds.append(.integer(Int64(q.limit)))
        return try await database.query(sql, binds).map(Self.incident)
    }

    public func incident(id: Int64) async throws -> Incident? {
        try await database.query("SELECT * FROM incidents WHERE id = ?", [.integer(id)]).first.map(Self.incident)
    }

    public func findings(incidentID: Int64, limit: Int) async throws -> [FindingRecord] {
        try await database.query(
            "SELECT * FROM findings WHERE incident_id = ? ORDER BY incident_id DESC, id DESC LIMIT ?",
            [.integer(incidentID), .integer(Int64(limit))]
        ).map(Self.findingRecord)
    }

    public func resolveIncidents(taskID: Int64, policy: IncidentPolicy, at now: Int64) async throws -> [Incident] {
        try await database.transaction { tx in
            let open = try await tx.query("SELECT * FROM incidents WHERE task_id = ? AND state = 'open'", [.integer(taskID)]).map(Self.incident)
            var ledger = IncidentLedger(taskID: taskID, open: open, quietSeconds: policy.quietSeconds)
            ledger.resolveAll(at: now)
            let ids = try await Self.saveIncidents(ledger, now: now, tx)
            try await Self.enqueueNotifications(ledger, ids: ids, policy: policy, now: now, tx)
            return ledger.incidents
        }
    }

    public func openIncidentCounts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await database.query("SELECT rule, COUNT(*) AS n FROM incidents WHERE state = 'open' GROUP BY rule", []) {
            counts[row.text("rule")] = Int(row.int("n"))
        }
        return counts
    }

    public func openIncidentCountsByTask() async throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        for row in try await database.query("SELECT task_id, COUNT(*) AS n FROM incidents WHERE state = 'open' GROUP BY task_id", []) {
            counts[row.int("task_id")] = Int(row.int("n"))
        }
        return counts
    }

    public func blockedClients() async throws -> [BlockedClient] {
        let rules = [RuleName.blackIPAddress, .averageRequestsPerClientPerTimeInterval, .acceptedURLs].map { SQLValue.text($0.rawValue) }
        return try await database.query(
            """
            SELECT i.id, i.task_id, i.rule, i.incident_key, i.opened_at FROM incidents i JOIN tasks t ON t.id = i.task_id
            WHERE i.state = 'open' AND t.is_active = 1 AND t.block = 1 AND i.rule IN (?, ?, ?) AND i.incident_key <> ''
            ORDER BY i.incident_key, i.id
            """,
            rules
        ).map { row in
            BlockedClient(
                address: row.text("incident_key"),
                rule: row.text("rule"),
                taskID: row.int("task_id"),
                incidentID: row.int("id"),
                since: row.int("opened_at")
            )
        }
    }

    static func incident(_ row: SQLRow) throws -> Incident {
        Incident(
            id: row.int("id"),
            taskID: row.int("task_id"),
            rule: row.text("rule"),
            key: row.text("incident_key"),
            state: IncidentState(rawValue: row.text("state")) ?? .resolved,
            openedAt: row.int("opened_at"),
            lastSeen: row.int("last_seen"),
            resolvedAt: row.optionalInt("resolved_at"),
            peak: row.int("peak"),
            findings: row.int("finding_count"),
            summary: row.text("summary")
        )
    }
}
