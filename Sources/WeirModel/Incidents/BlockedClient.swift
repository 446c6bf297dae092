/// A client with an open incident of a per-client rule on an active task that blocks.
public struct BlockedClient: Sendable, Equatable {
    public var address: String
    public var rule: String
    public var taskID: Int64
    public var incidentID: Int64
    /// Log time of the incident's first evidence.
    public var since: Int64

    package init(
        address: String,
        rule: String,
        taskID: Int64,
        incidentID: Int64,
        since: Int64
    ) {
        self.address = address
        self.rule = rule
        self.taskID = taskID
        self.incidentID = incidentID
        self.since = since
    }
}
