import WeirDetect

/// What a task's model expected per bucket (``TaskModelling/expectedRanges(_:minutes:from:)``),
/// drawn as the band of the chart of the same feature when the chart's slots are its buckets.
public struct ExpectedBands: Sendable {
    public let bucketSeconds: Int
    public let ranges: [TrafficFeature: [ExpectedRange]]

    public init(bucketSeconds: Int, ranges: [TrafficFeature: [ExpectedRange]]) {
        self.bucketSeconds = bucketSeconds
        self.ranges = ranges
    }

    /// The feature's ranges as band points over slots of `step` seconds from `origin`, values
    /// times `scale`; `nil` when the model has no such feature or its buckets are not the slots.
    func band(_ feature: TrafficFeature, origin: Int64, step: Int64, count: Int, scale: Double) -> [(index: Int, low: Double, high: Double)]? {
        guard Int64(max(bucketSeconds, 60)) == step, let ranges = ranges[feature] else { return nil }
        let points = ranges.compactMap { range -> (index: Int, low: Double, high: Double)? in
            let index = Int((range.start - origin) / step)
            guard range.start >= origin, index < count, range.low.isFinite, range.high.isFinite else { return nil }
            return (index, range.low * scale, range.high * scale)
        }
        return points.isEmpty ? nil : points
    }
}
