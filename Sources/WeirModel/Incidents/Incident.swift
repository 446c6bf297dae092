/// One problem as an operator sees it: the findings of one task, rule and key (a client, a
/// feature, or empty for the overall rate) that came without a quiet gap between them. Times are
/// Unix seconds; `openedAt` and `lastSeen` are log time, `resolvedAt` wall time.
public struct Incident: Sendable, Equatable, Codable {
    public var id: Int64
    public var taskID: Int64
    public var rule: String
    /// The client for per-client and list rules, the feature for `anomaly`, "" for the overall rate.
    public var key: String
    public var state: IncidentState
    public var openedAt: Int64
    public var lastSeen: Int64
    public var resolvedAt: Int64?
    /// The largest count (or anomaly score, in thousandths) of its findings.
    public var peak: Int64
    /// How many findings belong to it.
    public var findings: Int64
    /// One sentence a person can act on.
    public var summary: String

    public init(
        id: Int64 = 0,
        taskID: Int64,
        rule: String,
        key: String,
        state: IncidentState = .open,
        openedAt: Int64,
        lastSeen: Int64,
        resolvedAt: Int64? = nil,
        peak: Int64,
        findings: Int64,
        summary: String
    ) {
        self.id = id
        self.taskID = taskID
        self.rule = rule
        self.key = key
        self.state = state
        self.openedAt = openedAt
        self.lastSeen = lastSeen
        self.resolvedAt = resolvedAt
        self.peak = peak
        self.findings = findings
        self.summary = summary
    }
}
