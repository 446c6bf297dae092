import WeirCore
import WeirDetect
import WeirRules

/// A monitoring task: a data source, rules, and a schedule. Times are Unix seconds.
public struct MonitoringTask: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var description: String
    /// Seconds between runs.
    public var frequency: Int64
    public var nextRunTime: Int64
    public var isActive: Bool
    /// The data source, as given (`{"type":"file",…}`); secrets already encrypted.
    public var targetData: JSONValue
    /// The rules, as given (validated on every write).
    public var properties: JSONValue
    /// The user's choices for anomaly detection, or `nil` for Weir to choose everything.
    public var detection: JSONValue?
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int64 = 0,
        name: String,
        description: String,
        frequency: Int64,
        nextRunTime: Int64,
        isActive: Bool = true,
        targetData: JSONValue,
        properties: JSONValue,
        detection: JSONValue? = nil,
        createdAt: Int64 = 0,
        updatedAt: Int64 = 0
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.frequency = frequency
        self.nextRunTime = nextRunTime
        self.isActive = isActive
        self.targetData = targetData
        self.properties = properties
        self.detection = detection
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
