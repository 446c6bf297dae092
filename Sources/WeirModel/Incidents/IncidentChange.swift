/// An incident opening or resolving, which its task's channels are told about.
public struct IncidentChange: Sendable, Equatable {
    public enum Event: String, Sendable {
        case opened = "incident.opened"
        case resolved = "incident.resolved"
    }
    public var event: Event
    public var incident: Incident

    public init(_ event: Event, _ incident: Incident) {
        self.event = event
        self.incident = incident
    }
}
