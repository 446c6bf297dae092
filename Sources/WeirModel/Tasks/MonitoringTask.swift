import WeirDetect
import WeirRules
import WeirTraffic

/// A monitoring task: a data source, rules, and a schedule, decoded once from its stored JSON
/// into typed values (a stored row that does not decode is an error naming the task). Times are
/// Unix seconds.
public struct MonitoringTask: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var description: String
    /// Seconds between runs.
    public var frequency: Int64
    public var nextRunTime: Int64
    public var isActive: Bool
    /// The data source; an OpenSearch password is kept sealed.
    public var target: TargetData
    /// The rules, compiled; ``TaskRules/properties`` keeps the object as given.
    public var rules: TaskRules
    /// The user's answers for anomaly detection; empty for Weir to choose everything.
    public var detection: TaskDetection
    /// The channels told of this task's incidents, and of which rules (`nil`: all).
    public var notifyChannels: [Int64]
    public var notifyRules: Set<String>?
    /// Whether clients with an open per-client incident go into the blocklist feed.
    public var block: Bool
    /// Log-time seconds without evidence that resolve an incident; `nil` for the default.
    public var incidentQuietSeconds: Int64?
    /// The routes and duration buckets of its traffic metrics.
    public var trafficMetrics: TrafficMetricsOptions
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int64 = 0,
        name: String,
        description: String,
        frequency: Int64,
        nextRunTime: Int64,
        isActive: Bool = true,
        target: TargetData,
        rules: TaskRules,
        detection: TaskDetection = TaskDetection(),
        notifyChannels: [Int64] = [],
        notifyRules: Set<String>? = nil,
        block: Bool = false,
        incidentQuietSeconds: Int64? = nil,
        trafficMetrics: TrafficMetricsOptions = TrafficMetricsOptions(),
        createdAt: Int64 = 0,
        updatedAt: Int64 = 0
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.frequency = frequency
        self.nextRunTime = nextRunTime
        self.isActive = isActive
        self.target = target
        self.rules = rules
        self.detection = detection
        self.notifyChannels = notifyChannels
        self.notifyRules = notifyRules
        self.block = block
        self.incidentQuietSeconds = incidentQuietSeconds
        self.trafficMetrics = trafficMetrics
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension MonitoringTask {
    /// What its incidents follow: the quiet time (given, or the default) and `notify`.
    public var incidentPolicy: IncidentPolicy {
        IncidentPolicy(
            quietSeconds: incidentQuietSeconds ?? IncidentPolicy.defaultQuietSeconds(frequency: frequency),
            channelIDs: notifyChannels,
            rules: notifyRules
        )
    }
}
