import WeirModel

/// One incident's line, on a task page or the incidents page.
public struct IncidentRow: Sendable {
    public let id: Int64
    public let taskID: Int64
    public let taskName: String
    public let summary: String
    public let rule: String
    public let state: String
    public let stateClass: String
    public let opened: String
    public let lastSeen: String
    public let findings: Int64

    public init(_ incident: Incident, taskName: String) {
        id = incident.id
        taskID = incident.taskID
        self.taskName = taskName
        summary = incident.summary
        rule = incident.rule
        state = incident.state.rawValue
        stateClass = incident.state == .open ? "bad" : "muted"
        opened = TaskText.instant(incident.openedAt)
        lastSeen = TaskText.instant(incident.lastSeen)
        findings = incident.findings
    }
}
