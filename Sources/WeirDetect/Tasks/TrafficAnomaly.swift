/// An anomaly found in a task's traffic: one incident of one feature.
public struct TrafficAnomaly: Sendable, Equatable {
    public var feature: TrafficFeature
    public var bucketSeconds: Int
    public var first: Int64
    public var last: Int64
    public var observed: Double
    public var expectedLow: Double
    public var expectedHigh: Double
    public var score: Double
    public var method: MethodChoice
    /// Whether the anomaly began in buckets an earlier run scored: it then extends the finding
    /// that run made, with the same start.
    public var continued = false
}
