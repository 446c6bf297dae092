import WeirDetect

/// What anomaly detection keeps per task: minutes of traffic, how far they were scored, and the
/// model the expert system chose.
public protocol DetectionStore: Sendable {
    /// Stored minutes of a task's traffic from `since` on, in time order.
    func trafficMinutes(taskID: Int64, since: Int64) async throws -> [FeatureBucket]
    /// The latest `count` stored minutes of a task's traffic, in time order.
    func latestTrafficMinutes(taskID: Int64, count: Int) async throws -> [FeatureBucket]
    /// How many minutes of traffic a task has stored.
    func trafficMinuteCount(taskID: Int64) async throws -> Int
    /// The instant before which anomaly detection has scored the task's traffic.
    func scoredThrough(taskID: Int64) async throws -> Int64?
    func model(taskID: Int64) async throws -> StoredModel?
    /// Saves the expert system's choice for a task (replacing any earlier one).
    func saveModel(taskID: Int64, _ model: StoredModel) async throws
}
