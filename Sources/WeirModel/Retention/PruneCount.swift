/// How many rows one ``RetentionStore/prune(before:batch:)`` deleted.
public struct PruneCount: Sendable, Equatable {
    public var findings: Int
    public var runs: Int
    public var trafficMinutes: Int
    /// Resolved incidents.
    public var incidents: Int
    /// Delivered or failed notifications, and their attempts.
    public var notifications: Int

    public init(findings: Int = 0, runs: Int = 0, trafficMinutes: Int = 0, incidents: Int = 0, notifications: Int = 0) {
        self.findings = findings
        self.runs = runs
        self.trafficMinutes = trafficMinutes
        self.incidents = incidents
        self.notifications = notifications
    }

    /// Whether any kind filled its batch (so another batch may find more).
    public func filled(_ batch: Int) -> Bool {
        [findings, runs, trafficMinutes, incidents, notifications].contains { $0 >= batch }
    }

    public static func + (a: PruneCount, b: PruneCount) -> PruneCount {
        PruneCount(
            findings: a.findings + b.findings,
            runs: a.runs + b.runs,
            trafficMinutes: a.trafficMinutes + b.trafficMinutes,
            incidents: a.incidents + b.incidents,
            notifications: a.notifications + b.notifications
        )
    }
}
