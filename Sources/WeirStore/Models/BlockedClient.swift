/// A client with an open incident of a per-client rule on an active task that blocks.
public struct BlockedClient: Sendable, Equatable {
    public var address: String
    public var rule: String
    public var taskID: Int64
    public var incidentID: Int64
    /// Log time of the incident's first evidence.
    public var since: Int64
}
