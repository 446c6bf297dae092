/// One scored point of a series.
public struct ScoredPoint: Sendable, Equatable {
    /// In [0, 1]; 0.5 is the alert threshold.
    public var score: Double
    /// 1 where an alarm is raised: the score crosses the threshold and no alarm of the same
    /// incident was raised in the last `cooldown` points.
    public var label: Bool
    /// Whether the point is above the threshold (part of an incident, alarmed or suppressed).
    public var isAnomalous: Bool
    public var expectedLow: Double
    public var expectedHigh: Double
}
