import WeirModel
import WeirNotify

extension NotificationEvent {
    /// The event of an outbox row: its incident as it was at the change.
    init(_ n: OutboxNotification) {
        self.init(event: n.event, incident: n.incident, taskID: n.taskID, taskName: n.taskName)
    }
}
