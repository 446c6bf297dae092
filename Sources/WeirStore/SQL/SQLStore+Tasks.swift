import WeirCore
import WeirDetect
import WeirModel
import WeirRules
import WeirTraffic

/// Tasks in SQL (``TaskStore``).
extension SQLStore: TaskStore {
    static let taskColumns =
        "id, name, description, frequency, next_run_time, is_active, target_data, properties, detection, notify, block, incident_quiet_seconds, metrics, created_at, updated_at"

    public func createTask(_ task: MonitoringTask, now: Int64) async throws -> MonitoringTask {
        let rows = try await database.query(
            """
            INSERT INTO tasks (name, description, frequency, next_run_time, is_active, target_data, properties, detection,
                notify, block, incident_quiet_seconds, metrics, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING \(Self.taskColumns)
            """,
            Self.taskBinds(task) + [.integer(now), .integer(now)]
        )
        return try Self.task(rows[0])
    }

    public func task(id: Int64) async throws -> MonitoringTask? {
        try await database.query("SELECT \(Self.taskColumns) FROM tasks WHERE id = ?", [.integer(id)]).first.map(Self.task)
    }

    public func tasks(active: Bool?, after: Int64?, limit: Int?) async throws -> [MonitoringTask] {
        var sql = "SELECT \(Self.taskColumns) FROM tasks WHERE id > ? ORDER BY id"
        var binds: [SQLValue] = [.integer(after ?? 0)]
        if let active {
            // A row-value position on tasks_active's columns, as for findings.
            sql = "SELECT \(Self.taskColumns) FROM tasks WHERE is_active = ? AND id > ? AND (is_active, id) > (?, ?) ORDER BY is_active, id"
            binds = [.bool(active), .integer(after ?? 0), .bool(active), .integer(after ?? 0)]
        }
        if let limit {
            sql += " LIMIT ?"
            binds.append(.integer(Int64(limit)))
        }
        return try await database.query(sql, binds).map(Self.task)
    }

    public func updateTask(_ task: MonitoringTask, now: Int64) async throws -> MonitoringTask? {
        let rows = try await database.query(
            """
            UPDATE tasks SET name = ?, description = ?, frequency = ?, next_run_time = ?, is_active = ?, target_data = ?,
                properties = ?, detection = ?, notify = ?, block = ?, incident_quiet_seconds = ?, metrics = ?,
                updated_at = ? WHERE id = ? RETURNING \(Self.taskColumns)
            """,
            Self.taskBinds(task) + [.integer(now), .integer(task.id)]
        )
        return try rows.first.map(Self.task)
    }

    public func deleteTask(id: Int64) async throws -> Bool {
        try await database.transaction { tx in
            // Children first, so that it works with or without foreign-key cascades.
            for table in ["detection_progress", "task_models", "traffic_minutes", "checkpoints", "findings", "incidents", "runs"] {
                try await tx.query("DELETE FROM \(table) WHERE task_id = ?", [.integer(id)])
            }
            return try await !tx.query("DELETE FROM tasks WHERE id = ? RETURNING id", [.integer(id)]).isEmpty
        }
    }

    public func dueTasks(at now: Int64) async throws -> [MonitoringTask] {
        try await database.query(
            "SELECT \(Self.taskColumns) FROM tasks WHERE is_active = 1 AND next_run_time <= ? ORDER BY next_run_time, id",
            [.integer(now)]
        ).map(Self.task)
    }

    static func taskBinds(_ t: MonitoringTask) -> [SQLValue] {
        [
            .text(t.name), .text(t.description), .integer(t.frequency), .integer(t.nextRunTime), .bool(t.isActive),
            .text(JSONText.encode(t.target.json)), .text(JSONText.encode(t.rules.properties)),
            .optional(t.detection.json.map(JSONText.encode)), .text(JSONText.encode(notifyJSON(t))), .bool(t.block),
            .optional(t.incidentQuietSeconds),
            .optional(t.trafficMetrics == TrafficMetricsOptions() ? nil : JSONText.encode(t.trafficMetrics.json)),
        ]
    }

    /// The task of a row, its JSON columns decoded into typed values; a column that does not
    /// decode (written by hand or by another version of Weir) is an error naming the task.
    static func task(_ row: SQLRow) throws -> MonitoringTask {
        let id = row.int("id")
        func column<T>(_ name: String, _ decode: (JSONValue) throws(FieldErrors) -> T) throws -> T {
            do {
                return try decode(try JSONText.value(row.text(name)))
            } catch let errors as FieldErrors {
                throw StoreError("task \(id) cannot be read: its stored \(name) is invalid (\(errors.summary)); fix it with PATCH /tasks/\(id)")
            } catch {
                throw StoreError("task \(id) cannot be read: its stored \(name) is not JSON (\(error))")
            }
        }
        let detection: TaskDetection =
            row.optionalText("detection") == nil
            ? TaskDetection() : try column("detection") { json throws(FieldErrors) in try TaskDetection(json: json) }
        let notify = try notifySettings(row.text("notify"), taskID: id)
        let trafficMetrics: TrafficMetricsOptions =
            row.optionalText("metrics") == nil
            ? TrafficMetricsOptions() : try column("metrics") { json throws(FieldErrors) in try TrafficMetricsOptions(json: json) }
        return MonitoringTask(
            id: id,
            name: row.text("name"),
            description: row.text("description"),
            frequency: row.int("frequency"),
            nextRunTime: row.int("next_run_time"),
            isActive: row.bool("is_active"),
            target: try column("target_data") { json throws(FieldErrors) in try TargetData(stored: json) },
            rules: try column("properties") { json throws(FieldErrors) in try TaskRules(properties: json) },
            detection: detection,
            notifyChannels: notify.channels,
            notifyRules: notify.rules,
            block: row.bool("block"),
            incidentQuietSeconds: row.optionalInt("incident_quiet_seconds"),
            trafficMetrics: trafficMetrics,
            createdAt: row.int("created_at"),
            updatedAt: row.int("updated_at")
        )
    }

    /// `notify` as stored: `{"channels":[…],"rules":[…]}`, rules left out for all.
    static func notifyJSON(_ t: MonitoringTask) -> JSONValue {
        var object: [String: JSONValue] = ["channels": .array(t.notifyChannels.map { .number(Double($0)) })]
        if let rules = t.notifyRules { object["rules"] = .array(rules.sorted().map { .string($0) }) }
        return .object(object)
    }

    static func notifySettings(_ text: String, taskID: Int64) throws -> (channels: [Int64], rules: Set<String>?) {
        let json: JSONValue
        do { json = try JSONText.value(text) } catch { throw StoreError("task \(taskID) cannot be read: its stored notify is not JSON (\(error))") }
        let channels = (json["channels"]?.arrayValue ?? []).compactMap { $0.integerValue.map(Int64.init) }
        let rules = json["rules"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) }
        return (channels, rules)
    }
}
