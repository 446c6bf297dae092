/// How many rows one ``RetentionStore/prune(before:batch:)`` deleted.
public struct PruneCount: Sendable, Equatable {
    public var findings: Int
    public var runs: Int
    public var trafficMinutes: Int

    public init(findings: Int = 0, runs: Int = 0, trafficMinutes: Int = 0) {
        self.findings = findings
        self.runs = runs
        self.trafficMinutes = trafficMinutes
    }

    /// Whether any kind filled its batch (so another batch may find more).
    public func filled(_ batch: Int) -> Bool { findings >= batch || runs >= batch || trafficMinutes >= batch }

    public static func + (a: PruneCount, b: PruneCount) -> PruneCount {
        PruneCount(findings: a.findings + b.findings, runs: a.runs + b.runs, trafficMinutes: a.trafficMinutes + b.trafficMinutes)
    }
}
