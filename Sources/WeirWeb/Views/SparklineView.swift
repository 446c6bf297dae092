import WeirDetect

/// A small line of requests a minute, with no axes: one point per stored minute, gaps as zero.
public struct SparklineView: Sendable {
    public let width = 120
    public let height = 24
    public let points: String
    public let label: String

    /// `nil` without minutes.
    public init?(minutes: [FeatureBucket]) {
        let last = minutes.map(\.start).max() ?? 0
        let slots = ChartSeries.slots(minutes.filter { $0.start > last - 3600 }, step: 60)
        guard !slots.isEmpty else { return nil }
        let values = slots.map { Double($0.requests) }
        points = ChartGeometry.points(values, width: Double(width), height: Double(height), top: ChartGeometry.niceCeiling(values.max() ?? 0))
        label = "requests a minute, \(slots.count) minutes, at most \(values.max().map { Int($0) } ?? 0)"
    }
}
