/// Whether an incident is still going on.
public enum IncidentState: String, Sendable, CaseIterable, Codable {
    case open
    case resolved
}
