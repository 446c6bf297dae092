import WeirLog
import WeirModel

struct NotificationResponse: Encodable {
    struct Attempt: Encodable {
        let at: String
        let status: Int64?
        let error: String?
        let milliseconds: Int64
    }
    let id: Int64
    let channel_id: Int64
    let task_id: Int64
    let incident_id: Int64
    let event: String
    let delivery_id: String
    let state: String
    let attempts: Int64
    let next_attempt_at: String?
    let last_status: Int64?
    let last_error: String?
    let created_at: String
    let delivered_at: String?
    let attempt_log: [Attempt]?

    init(_ n: OutboxNotification, attempts log: [NotificationAttempt]? = nil) {
        id = n.id
        channel_id = n.channelID
        task_id = n.taskID
        incident_id = n.incidentID
        event = n.event
        delivery_id = n.deliveryID
        state = n.state.rawValue
        attempts = n.attempts
        next_attempt_at = n.state == .pending ? Timestamps.rfc3339(n.nextAttemptAt) : nil
        last_status = n.lastStatus
        last_error = n.lastError
        created_at = Timestamps.rfc3339(n.createdAt)
        delivered_at = n.deliveredAt.map(Timestamps.rfc3339)
        attempt_log = log?.map { Attempt(at: Timestamps.rfc3339($0.at), status: $0.status, error: $0.error, milliseconds: $0.milliseconds) }
    }
}
