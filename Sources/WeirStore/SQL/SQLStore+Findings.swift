import WeirCore
import WeirDetect
import WeirModel
import WeirRules

/// Findings in SQL (``FindingStore``).
extension SQLStore: FindingStore {
    public func findings(taskID: Int64, query: FindingQuery) async throws -> [FindingRecord] {
        // The page's position is written twice: `id < ?` for SQLite, whose planner takes its range
        // from it, and a row value on the index's own columns, (task_id, id) or (task_id, rule, id),
        // for PostgreSQL's, which otherwise walks the primary key backwards filtering by task (seconds
        // for a task whose findings are all old). The ORDER BY names the index's columns too.
        let before = SQLValue.integer(query.before ?? .max)
        var sql = "SELECT * FROM findings WHERE task_id = ?"
        var binds: [SQLValue] = [.integer(taskID)]
        if let rule = query.rule {
            sql += " AND rule = ? AND id < ? AND (task_id, rule, id) < (?, ?, ?)"
            binds += [.text(rule), before, .integer(taskID), .text(rule), before]
        } else {
            sql += " AND id < ? AND (task_id, id) < (?, ?)"
            binds += [before, .integer(taskID), before]
        }
        if let since = query.since {
            sql += " AND last_seen >= ?"
            binds.append(.integer(since))
        }
        sql += query.rule == nil ? " ORDER BY task_id DESC, id DESC LIMIT ?" : " ORDER BY task_id DESC, rule DESC, id DESC LIMIT ?"
        binds.append(.integer(Int64(query.limit)))
        return try await database.query(sql, binds).map(Self.findingRecord)
    }

    static func findingRecord(_ row: SQLRow) throws -> FindingRecord {
        FindingRecord(
            id: row.int("id"),
            taskID: row.int("task_id"),
            runID: row.int("run_id"),
            finding: try finding(row),
            createdAt: row.int("created_at"),
            incidentID: row.optionalInt("incident_id")
        )
    }

    static func finding(_ row: SQLRow) throws -> RuleFinding {
        RuleFinding(
            rule: row.text("rule"),
            client: row.optionalText("client"),
            first: row.int("first_seen"),
            last: row.int("last_seen"),
            peak: Int(row.int("peak")),
            windowSeconds: row.optionalInt("window_seconds").map(Int.init),
            limit: row.optionalInt("limit_count").map(Int.init),
            message: row.text("message"),
            examples: try JSONText.strings(row.text("examples")),
            anomaly: try row.optionalText("detail").map { try JSONText.decode(AnomalyDetail.self, $0) }
        )
    }
}
