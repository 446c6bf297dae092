import WeirLog

/// What an `anomaly` finding observed, and what the detector expected.
public struct AnomalyDetail: Sendable, Equatable, Codable {
    /// The traffic feature (`requests`, `errors_5xx`, …).
    public var feature: String
    public var bucketSeconds: Int
    /// The value at the incident's highest score.
    public var observed: Double
    public var expectedLow: Double
    public var expectedHigh: Double
    /// In [0, 1]; 0.5 is the alert threshold.
    public var score: Double
    /// The method and hyper-parameters that scored it, e.g. `holt_winters(alpha=0.3, …)`.
    public var method: String

    public init(
        feature: String,
        bucketSeconds: Int,
        observed: Double,
        expectedLow: Double,
        expectedHigh: Double,
        score: Double,
        method: String
    ) {
        self.feature = feature
        self.bucketSeconds = bucketSeconds
        self.observed = observed
        self.expectedLow = expectedLow
        self.expectedHigh = expectedHigh
        self.score = score
        self.method = method
    }
}
