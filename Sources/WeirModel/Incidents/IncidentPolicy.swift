/// What a task asks of its incidents: how long a quiet gap in log time resolves one, and which
/// channels hear about which rules (`notify`).
public struct IncidentPolicy: Sendable, Equatable {
    /// Seconds of log time without evidence after which an incident resolves.
    public var quietSeconds: Int64
    /// The channels told of incidents.
    public var channelIDs: [Int64]
    /// The rules they are told about; `nil` for every rule.
    public var rules: Set<String>?

    public init(quietSeconds: Int64, channelIDs: [Int64] = [], rules: Set<String>? = nil) {
        self.quietSeconds = quietSeconds
        self.channelIDs = channelIDs
        self.rules = rules
    }

    /// The default quiet time: the larger of ten minutes and two task periods.
    public static func defaultQuietSeconds(frequency: Int64) -> Int64 {
        max(600, frequency.multipliedReportingOverflow(by: 2).overflow ? .max : frequency * 2)
    }

    /// Whether an incident of `rule` is told to the task's channels.
    public func notifies(_ rule: String) -> Bool {
        !channelIDs.isEmpty && (rules?.contains(rule) ?? true)
    }
}
