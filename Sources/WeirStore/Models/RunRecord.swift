import WeirDetect
import WeirRules

/// One run of a task.
public struct RunRecord: Sendable, Equatable {
    public var id: Int64
    public var taskID: Int64
    public var trigger: RunTrigger
    public var status: RunStatus
    public var startedAt: Int64
    public var finishedAt: Int64?
    public var error: String?
    public var linesRead: Int64
    public var malformedLines: Int64
    public var bytesRead: Int64
    public var findingCount: Int64
    /// Things the run wants the user to know (a rule that could not apply, a lost rotated file).
    public var notes: [String]
    /// The instance that claimed the run (`WEIR_INSTANCE_ID`).
    public var instance: String? = nil
}
