import WeirModel

/// Incidents of every task, filtered by state and task.
public struct IncidentsView: PageView {
    public static let template = "incidents"
    public let title = "Incidents"
    public let incidents: [IncidentRow]
    public let hasIncidents: Bool
    public let states: [Choice]
    public let tasks: [Choice]

    /// An option of a filter.
    public struct Choice: Sendable {
        public let value: String
        public let label: String
        public let selected: Bool
    }

    /// `taskNames` by id name the tasks; `state` and `taskID` are the filters applied.
    public init(incidents: [Incident], taskNames: [Int64: String], state: IncidentState?, taskID: Int64?) {
        self.incidents = incidents.map { IncidentRow($0, taskName: taskNames[$0.taskID] ?? "task \($0.taskID)") }
        hasIncidents = !incidents.isEmpty
        states =
            [Choice(value: "", label: "any", selected: state == nil)]
            + [IncidentState.open, .resolved].map { Choice(value: $0.rawValue, label: $0.rawValue, selected: $0 == state) }
        tasks =
            [Choice(value: "", label: "any", selected: taskID == nil)]
            + taskNames.sorted { $0.key < $1.key }.map { Choice(value: "\($0.key)", label: $0.value, selected: $0.key == taskID) }
    }
}
