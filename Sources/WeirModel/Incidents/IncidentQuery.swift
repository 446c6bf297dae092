/// Which incidents to list: newest first, optionally of one task, state or rule, those seen since
/// an instant, a page before an id.
public struct IncidentQuery: Sendable, Equatable {
    public var taskID: Int64?
    public var state: IncidentState?
    public var rule: String?
    /// Only incidents whose last evidence is at or after this instant.
    public var since: Int64?
    /// Only incidents with a smaller id (the page cursor).
    public var before: Int64?
    public var limit: Int

    public init(
        taskID: Int64? = nil,
        state: IncidentState? = nil,
        rule: String? = nil,
        since: Int64? = nil,
        before: Int64? = nil,
        limit: Int = 100
    ) {
        self.taskID = taskID
        self.state = state
        self.rule = rule
        self.since = since
        self.before = before
        self.limit = limit
    }
}
