import WeirCore
import WeirModel

/// The outbox in SQL (``OutboxStore``). On PostgreSQL a claim takes rows `FOR UPDATE SKIP
/// LOCKED`, so instances that claim at once take different rows; on SQLite one process owns the
/// file.
extension SQLStore: OutboxStore {
    public func claimNotifications(instance: String, now: Int64, until: Int64, limit: Int) async throws -> [OutboxNotification] {
        let lock = database.dialect.skipLocked
        return try await database.query(
            """
            UPDATE notifications SET claimed_by = ?, claim_until = ? WHERE id IN (
                SELECT id FROM notifications WHERE state = 'pending' AND next_attempt_at <= ?
                    AND (claim_until IS NULL OR claim_until < ?) ORDER BY state, next_attempt_at, id LIMIT ? \(lock))
            RETURNING *
            """,
            [.text(instance), .integer(until), .integer(now), .integer(now), .integer(Int64(limit))]
        ).map(Self.notification).sorted { $0.id < $1.id }
    }

    public func recordAttempt(notificationID: Int64, _ attempt: NotificationAttempt, outcome: DeliveryOutcome) async throws {
        try await database.transaction { tx in
            try await tx.query(
                "INSERT INTO notification_attempts (notification_id, attempted_at, status, error, milliseconds) VALUES (?, ?, ?, ?, ?)",
                [.integer(notificationID), .integer(attempt.at), .optional(attempt.status), .optional(attempt.error), .integer(attempt.milliseconds)]
            )
            let (state, next, delivered): (NotificationState, Int64, Int64?) =
                switch outcome {
                case .delivered: (.delivered, attempt.at, attempt.at)
                case .retry(let at): (.pending, at, nil)
                case .failed: (.failed, attempt.at, nil)
                }
            try await tx.query(
                """
                UPDATE notifications SET state = ?, attempts = attempts + 1, next_attempt_at = ?, last_status = ?, last_error = ?,
                    delivered_at = ?, last_sent_at = ?, claimed_by = NULL, claim_until = NULL WHERE id = ?
                """,
                [
                    .text(state.rawValue), .integer(next), .optional(attempt.status), .optional(attempt.error), .optional(delivered),
                    .optional(delivered), .integer(notificationID),
                ]
            )
        }
    }

    public func notification(id: Int64) async throws -> OutboxNotification? {
        try await database.query("SELECT * FROM notifications WHERE id = ?", [.integer(id)]).first.map(Self.notification)
    }

    public func notifications(_ q: NotificationQuery) async throws -> [OutboxNotification] {
        var sql = "SELECT * FROM notifications WHERE id < ?"
        var binds: [SQLValue] = [.integer(q.before ?? .max)]
        if let state = q.state {
            sql += " AND state = ?"
            binds.append(.text(state.rawValue))
        }
        if let channel = q.channelID {
            sql += " AND channel_id = ? AND (channel_id, id) < (?, ?)"
            binds += [.integer(channel), .integer(channel), .integer(q.before ?? .max)]
        }
        sql += q.channelID == nil ? " ORDER BY id DESC LIMIT ?" : " ORDER BY channel_id DESC, id DESC LIMIT ?"
        binds.append(.integer(Int64(q.limit)))
        return try await database.query(sql, binds).map(Self.notification)
    }

    public func attempts(notificationID: Int64) async throws -> [NotificationAttempt] {
        try await database.query(
            "SELECT * FROM notification_attempts WHERE notification_id = ? ORDER BY notification_id, id",
            [.integer(notificationID)]
        ).map { row in
            NotificationAttempt(
                at: row.int("attempted_at"),
                status: row.optionalInt("status"),
                error: row.optionalText("error"),
                milliseconds: row.int("milliseconds")
            )
        }
    }

    public func claimAlertRefreshes(before: Int64, now: Int64, limit: Int) async throws -> [OutboxNotification] {
        let lock = database.dialect.skipLocked
        return try await database.query(
            """
            UPDATE notifications SET last_sent_at = ? WHERE id IN (
                SELECT n.id FROM notifications n WHERE n.state = 'delivered' AND n.event = 'incident.opened' AND n.last_sent_at < ?
                    AND n.channel_id IN (SELECT id FROM channels WHERE channel_type = 'alertmanager')
                    AND n.incident_id IN (SELECT id FROM incidents WHERE state = 'open')
                ORDER BY n.id LIMIT ? \(lock))
            RETURNING *
            """,
            [.integer(now), .integer(before), .integer(Int64(limit))]
        ).map(Self.notification)
    }

    static func notification(_ row: SQLRow) throws -> OutboxNotification {
        OutboxNotification(
            id: row.int("id"),
            channelID: row.int("channel_id"),
            taskID: row.int("task_id"),
            incidentID: row.int("incident_id"),
            event: row.text("event"),
            deliveryID: row.text("delivery_id"),
            incident: try JSONText.decode(Incident.self, row.text("incident")),
            taskName: row.text("task_name"),
            state: NotificationState(rawValue: row.text("state")) ?? .pending,
            attempts: row.int("attempts"),
            nextAttemptAt: row.int("next_attempt_at"),
            lastStatus: row.optionalInt("last_status"),
            lastError: row.optionalText("last_error"),
            createdAt: row.int("created_at"),
            deliveredAt: row.optionalInt("delivered_at")
        )
    }
}
