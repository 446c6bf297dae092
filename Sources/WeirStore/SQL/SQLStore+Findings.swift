import WeirCore
import WeirDetect
import WeirRules

/// Findings in SQL (``FindingStore``).
extension SQLStore: FindingStore {
    public func findings(taskID: Int64, query: FindingQuery) async throws -> [FindingRecord] {
        var sql = "SELECT * FROM findings WHERE task_id = ?"
        var binds: [SQLValue] = [.integer(taskID)]
        if let rule = query.rule {
            sql += " AND rule = ?"
            binds.append(.text(rule))
        }
        if let since = query.since {
            sql += " AND last_seen >= ?"
            binds.append(.integer(since))
        }
        if let before = query.before {
            sql += " AND id < ?"
            binds.append(.integer(before))
        }
        sql += " ORDER BY id DESC LIMIT ?"
        binds.append(.integer(Int64(query.limit)))
        return try await database.query(sql, binds).map { row in
            FindingRecord(
                id: row.int("id"),
                taskID: row.int("task_id"),
                runID: row.int("run_id"),
                finding: try Self.finding(row),
                createdAt: row.int("created_at")
            )
        }
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
            examples: try JSONText.decode([String].self, row.text("examples")),
            anomaly: try row.optionalText("detail").map { try JSONText.decode(AnomalyDetail.self, $0) }
        )
    }
}
