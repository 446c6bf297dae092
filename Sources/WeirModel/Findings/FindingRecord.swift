import WeirDetect
import WeirRules

/// One finding, as stored.
public struct FindingRecord: Sendable, Equatable {
    public var id: Int64
    public var taskID: Int64
    public var runID: Int64
    public var finding: RuleFinding
    public var createdAt: Int64
    /// The incident it belongs to (findings committed before incidents existed have none).
    public var incidentID: Int64?

    package init(
        id: Int64,
        taskID: Int64,
        runID: Int64,
        finding: RuleFinding,
        createdAt: Int64,
        incidentID: Int64? = nil
    ) {
        self.id = id
        self.taskID = taskID
        self.runID = runID
        self.finding = finding
        self.createdAt = createdAt
        self.incidentID = incidentID
    }
}
