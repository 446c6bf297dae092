/// A detector's NAB scores under one cost profile, normalised: 100 is perfect, 0 the null detector.
public struct NABScore: Sendable, Equatable {
    public let profile: String
    /// With the best single threshold on the anomaly score (chosen with the labels, as NAB's
    /// scoreboard does).
    public let oracle: Double
    public let threshold: Double
    /// With the detector's own alarms, no labels used: what a user gets.
    public let fixed: Double
}
