import WeirModel

/// Something a person is told: an incident opening or resolving, the console monitor's alert or
/// recovery, or a channel test. Times are Unix seconds.
public struct NotificationEvent: Sendable, Equatable {
    /// `incident.opened`, `incident.resolved`, `monitor.alert`, `monitor.recovered` or `test`.
    public var event: String
    public var incident: Incident?
    public var taskID: Int64?
    public var taskName: String

    public init(event: String, incident: Incident?, taskID: Int64?, taskName: String) {
        self.event = event
        self.incident = incident
        self.taskID = taskID
        self.taskName = taskName
    }

    /// Whether the event ends a problem (`incident.resolved`, `monitor.recovered`).
    public var isResolution: Bool { event == "incident.resolved" || event == "monitor.recovered" }
}
