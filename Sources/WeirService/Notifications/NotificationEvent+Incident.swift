import WeirNotify
import WeirStore

extension NotificationEvent {
    /// The event of an outbox row: its incident as it was at the change.
    init(_ n: OutboxNotification) {
        self.init(event: n.event, incident: IncidentSnapshot(n.incident), taskID: n.taskID, taskName: n.taskName)
    }
}

extension IncidentSnapshot {
    init(_ i: Incident) {
        self.init(
            id: i.id,
            rule: i.rule,
            key: i.key,
            state: i.state.rawValue,
            openedAt: i.openedAt,
            lastSeen: i.lastSeen,
            resolvedAt: i.resolvedAt,
            peak: i.peak,
            findings: i.findings,
            summary: i.summary
        )
    }
}
