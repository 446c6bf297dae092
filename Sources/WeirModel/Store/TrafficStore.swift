import WeirTraffic

/// The traffic every task counted over its committed runs, for `/metrics` (the counts are added
/// in each run's commit, so they are exact across restarts and the same from every instance).
public protocol TrafficStore: Sendable {
    /// Every task's counts, by task id, with its name.
    func trafficTotals() async throws -> [(taskID: Int64, name: String, counts: TrafficCounts)]
}
