import WeirCore
import WeirModel
import WeirRules

/// A run's commit, in one transaction: the run's counts, its findings (new, or extending an
/// earlier run's burst), the incidents they open, extend or resolve, the notifications those
/// changes write to the outbox, the minutes of traffic, and the checkpoint and carried rule state.
/// Either all of it is stored or none, so a run's lines are never counted twice or lost.
extension SQLStore {
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
            if let traffic = c.traffic { try await Self.saveTraffic(traffic, taskID: c.taskID, tx) }
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
}
