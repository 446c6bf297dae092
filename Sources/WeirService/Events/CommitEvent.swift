import WeirModel

/// Something the service committed to its store, told to subscribers after the commit (never
/// before, so a subscriber that reads the store sees it).
public enum CommitEvent: Sendable, Equatable {
    /// A run ended: committed (`succeeded`, with its counts) or abandoned (`failed`, `interrupted`).
    case runEnded(RunRecord)
    /// A committed run stored `count` new or extended findings for its task.
    case findingsCommitted(taskID: Int64, runID: Int64, count: Int)
    /// A change of the task (paused or deleted) resolved `count` of its open incidents.
    case incidentsResolved(taskID: Int64, count: Int)

    /// What kind of change it is: `run`, `findings` or `incidents`.
    public var kind: String {
        switch self {
        case .runEnded: "run"
        case .findingsCommitted: "findings"
        case .incidentsResolved: "incidents"
        }
    }

    /// The task the event is about.
    public var taskID: Int64 {
        switch self {
        case .runEnded(let run): run.taskID
        case .findingsCommitted(let taskID, _, _): taskID
        case .incidentsResolved(let taskID, _): taskID
        }
    }
}
