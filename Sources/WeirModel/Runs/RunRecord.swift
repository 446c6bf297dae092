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
    public var instance: String?

    package init(
        id: Int64,
        taskID: Int64,
        trigger: RunTrigger,
        status: RunStatus,
        startedAt: Int64,
        finishedAt: Int64? = nil,
        error: String? = nil,
        linesRead: Int64,
        malformedLines: Int64,
        bytesRead: Int64,
        findingCount: Int64,
        notes: [String],
        instance: String? = nil
    ) {
        self.id = id
        self.taskID = taskID
        self.trigger = trigger
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.error = error
        self.linesRead = linesRead
        self.malformedLines = malformedLines
        self.bytesRead = bytesRead
        self.findingCount = findingCount
        self.notes = notes
        self.instance = instance
    }
}
