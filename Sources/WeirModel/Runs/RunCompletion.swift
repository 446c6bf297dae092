import WeirDetect
import WeirRules
import WeirTraffic

/// What a successful run commits, all in one transaction.
public struct RunCompletion: Sendable {
    public var runID: Int64
    public var taskID: Int64
    public var finishedAt: Int64
    public var linesRead: Int64
    public var malformedLines: Int64
    public var bytesRead: Int64
    public var notes: [String]
    public var findings: [RuleFinding]
    /// The source's new checkpoint (JSON), or `nil` to keep the old one.
    public var checkpoint: String?
    /// The rate windows as the run leaves them (``CarriedRuleState`` as JSON), saved with the
    /// checkpoint; `nil` keeps the old ones.
    public var ruleState: String?
    /// The ``RuleFinding/burstKey`` of findings that extend an earlier run's finding.
    public var continuedBursts: Set<String>
    /// Minutes of traffic to save (each replaces the stored minute with the same start).
    public var minutes: [FeatureBucket]
    /// Anomaly detection has scored every bucket before this instant.
    public var scoredThrough: Int64?
    /// The latest request time the run read: the log time at which quiet incidents resolve.
    public var latestRecord: Int64?
    /// How the task's incidents resolve and whom they notify.
    public var incidentPolicy: IncidentPolicy
    /// The run's traffic, added to the task's totals in the commit; `nil` when not counted.
    public var traffic: TrafficCounts?

    public init(
        runID: Int64,
        taskID: Int64,
        finishedAt: Int64,
        linesRead: Int64,
        malformedLines: Int64,
        bytesRead: Int64,
        notes: [String],
        findings: [RuleFinding],
        checkpoint: String?,
        minutes: [FeatureBucket] = [],
        scoredThrough: Int64? = nil,
        latestRecord: Int64? = nil,
        incidentPolicy: IncidentPolicy = IncidentPolicy(quietSeconds: 600),
        ruleState: String? = nil,
        continuedBursts: Set<String> = [],
        traffic: TrafficCounts? = nil
    ) {
        self.traffic = traffic
        self.continuedBursts = continuedBursts
        self.ruleState = ruleState
        self.latestRecord = latestRecord
        self.incidentPolicy = incidentPolicy
        self.minutes = minutes
        self.scoredThrough = scoredThrough
        self.runID = runID
        self.taskID = taskID
        self.finishedAt = finishedAt
        self.linesRead = linesRead
        self.malformedLines = malformedLines
        self.bytesRead = bytesRead
        self.notes = notes
        self.findings = findings
        self.checkpoint = checkpoint
    }
}
