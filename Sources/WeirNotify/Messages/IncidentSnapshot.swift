/// An incident as a notification shows it.
public struct IncidentSnapshot: Sendable, Equatable {
    public var id: Int64
    public var rule: String
    public var key: String
    public var state: String
    public var openedAt: Int64
    public var lastSeen: Int64
    public var resolvedAt: Int64?
    public var peak: Int64
    public var findings: Int64
    public var summary: String

    public init(
        id: Int64,
        rule: String,
        key: String,
        state: String,
        openedAt: Int64,
        lastSeen: Int64,
        resolvedAt: Int64?,
        peak: Int64,
        findings: Int64,
        summary: String
    ) {
        self.id = id
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
