import WeirCore
import WeirRules

/// Incidents in SQL (``IncidentStore``), and their part of a run's commit: findings join
/// incidents, and incident changes write their notifications to the outbox, in the run's own
/// transaction.
extension SQLStore: IncidentStore {
    /// A run's findings (new, or extending an earlier run's burst), the incidents they open,
    /// extend or resolve, and the notifications those changes call for.
    static func saveFindingsAndIncidents(_ c: RunCompletion, _ tx: any SQLDatabase) async throws {
        let open = try await tx.query("SELECT * FROM incidents WHERE task_id = ? AND state = 'open'", [.integer(c.taskID)]).map(incident)
        var ledger = IncidentLedger(taskID: c.taskID, open: open, quietSeconds: c.incidentPolicy.quietSeconds)
        var extended: [(id: Int64, merged: RuleFinding, incident: Int)] = []
        var fresh: [(finding: RuleFinding, incident: Int)] = []
        for f in c.findings.sorted(by: { $0.first < $1.first }) {
            if let earlier = try await earlierBurst(f, c, tx) {
                extended.append((earlier.id, earlier.merged, ledger.record(earlier.merged, isNew: false, at: c.finishedAt)))
            } else {
                fresh.append((f, ledger.record(f, isNew: true, at: c.finishedAt)))
            }
        }
        if let logNow = c.latestRecord { ledger.resolveQuiet(logNow: logNow, at: c.finishedAt) }
        let ids = try await saveIncidents(ledger, now: c.finishedAt, tx)
        for e in extended {
            try await tx.query(
                "UPDATE findings SET first_seen = ?, last_seen = ?, peak = ?, message = ?, detail = ?, incident_id = ? WHERE id = ?",
                [
                    .integer(e.merged.first), .integer(e.merged.last), .integer(Int64(e.merged.peak)), .text(e.merged.message),
                    .optional(e.merged.anomaly.map(JSONText.encode)), .integer(ids[e.incident]), .integer(e.id),
                ]
            )
        }
        // Many rows per statement: one round trip per 50 findings.
        for chunk in stride(from: 0, to: fresh.count, by: 50).map({ fresh[$0..<min($0 + 50, fresh.count)] }) {
            let rows = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
            let binds = chunk.flatMap { (f, incident) -> [SQLValue] in
                [
                    .integer(c.taskID), .integer(c.runID), .text(f.rule), .optional(f.client), .integer(f.first), .integer(f.last),
                    .integer(Int64(f.peak)), .optional(f.windowSeconds), .optional(f.limit), .text(f.message),
                    .text(JSONText.encode(f.examples)), .integer(c.finishedAt), .optional(f.anomaly.map(JSONText.encode)),
                    .integer(ids[incident]),
                ]
            }
            try await tx.query(
                """
                INSERT INTO findings (task_id, run_id, rule, client, first_seen, last_seen, peak, window_seconds, limit_count,
                    message, examples, created_at, detail, incident_id) VALUES \(rows)
                """,
                binds
            )
        }
        try await enqueueNotifications(ledger, ids: ids, policy: c.incidentPolicy, now: c.finishedAt, tx)
    }

    /// Writes the ledger's changed incidents (inserting new ones) and returns every incident's id
    /// by its index in the ledger. Resolutions are written before openings, so that a key's
    /// resolved incident is out of the way of its new open one.
    static func saveIncidents(_ ledger: IncidentLedger, now: Int64, _ tx: any SQLDatabase) async throws -> [Int64] {
        var ids = ledger.incidents.map(\.id)
        let changed = ledger.changed.sorted()
        let isResolved = { (i: Int) in ledger.incidents[i].state == .resolved }
        for group in [changed.filter(isResolved), changed.filter { !isResolved($0) }] {
            for i in group where ids[i] != 0 {
                let n = ledger.incidents[i]
                try await tx.query(
                    """
                    UPDATE incidents SET state = ?, opened_at = ?, last_seen = ?, resolved_at = ?, peak = ?, finding_count = ?, summary = ?
                    WHERE id = ?
                    """,
                    [
                        .text(n.state.rawValue), .integer(n.openedAt), .integer(n.lastSeen), .optional(n.resolvedAt), .integer(n.peak),
                        .integer(n.findings), .text(n.summary), .integer(n.id),
                    ]
                )
            }
            let new = group.filter { ids[$0] == 0 }
            for start in stride(from: 0, to: new.count, by: 50) {
                for (i, id) in try await insertIncidents(
                    new[start..<min(start + 50, new.count)].map { (index: $0, incident: ledger.incidents[$0]) },
                    now: now,
                    tx
                ) {
                    ids[i] = id
                }
            }
        }
        return ids
    }

    /// Inserts new incidents, many rows per statement, and returns their ids by ledger index. The
    /// rows come back in no set order, so each is matched by its rule, key and opening time, which
    /// no two incidents opened in one run share (a key's second incident opens after its first
    /// resolved); should two share them, each is inserted alone.
    static func insertIncidents(_ new: [(index: Int, incident: Incident)], now: Int64, _ tx: any SQLDatabase) async throws -> [(Int, Int64)] {
        func identity(_ rule: String, _ key: String, _ openedAt: Int64) -> String { "\(openedAt) \(rule) \(key)" }
        let indexByIdentity = Dictionary(new.map { (identity($0.incident.rule, $0.incident.key, $0.incident.openedAt), $0.index) }) { first, _ in
            first
        }
        guard indexByIdentity.count == new.count || new.count == 1 else {
            var ids: [(Int, Int64)] = []
            for one in new { ids += try await insertIncidents([one], now: now, tx) }
            return ids
        }
        let rows = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: new.count).joined(separator: ", ")
        let binds = new.flatMap { (_, n) -> [SQLValue] in
            [
                .integer(n.taskID), .text(n.rule), .text(n.key), .text(n.state.rawValue), .integer(n.openedAt), .integer(n.lastSeen),
                .optional(n.resolvedAt), .integer(n.peak), .integer(n.findings), .text(n.summary), .integer(now),
            ]
        }
        let inserted = try await tx.query(
            """
            INSERT INTO incidents (task_id, rule, incident_key, state, opened_at, last_seen, resolved_at, peak, finding_count,
                summary, created_at) VALUES \(rows) RETURNING id, rule, incident_key, opened_at
            """,
            binds
        )
        return try inserted.map { row in
            guard let index = indexByIdentity[identity(row.text("rule"), row.text("incident_key"), row.int("opened_at"))] else {
                throw StoreError("an inserted incident did not come back as written")
            }
            return (index, row.int("id"))
        }
    }

    /// One outbox row per change and channel the task's `notify` names (a channel deleted since
    /// is skipped), each with its own delivery id.
    static func enqueueNotifications(_ ledger: IncidentLedger, ids: [Int64], policy: IncidentPolicy, now: Int64, _ tx: any SQLDatabase) async throws {
        let changes = ledger.changes.filter { policy.notifies(ledger.incidents[$0.index].rule) }
        guard !changes.isEmpty else { return }
        let taskName = try await tx.query("SELECT name FROM tasks WHERE id = ?", [.integer(ledger.taskID)]).first?.text("name") ?? ""
        for change in changes {
            var incident = ledger.incidents[change.index]
            incident.id = ids[change.index]
            if change.event == .opened {  // as it was when it opened, even if it resolved in the same run
                incident.state = .open
                incident.resolvedAt = nil
            }
            for channel in policy.channelIDs {
                try await tx.query(
                    """
                    INSERT INTO notifications (channel_id, task_id, incident_id, event, delivery_id, incident, task_name, state,
                        next_attempt_at, created_at)
                    SELECT id, ?, ?, ?, ?, ?, ?, 'pending', ?, ? FROM channels WHERE id = ?
                    """,
                    [
                        .integer(incident.taskID), .integer(incident.id), .text(change.event.rawValue), .text(DeliveryID.make()),
                        .text(JSONText.encode(incident)), .text(taskName), .integer(now), .integer(now), .integer(channel),
                    ]
                )
            }
        }
    }

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
