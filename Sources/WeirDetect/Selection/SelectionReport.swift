/// What the expert system chose for one series, what it compared and why.
public struct SelectionReport: Sendable, Codable, Equatable {
    public var winner: MethodChoice
    public var profile: SeriesProfile
    /// Every candidate, best first (empty when the history was too short to compare).
    public var candidates: [CandidateResult]
    public var reason: String

    /// The period to run the winner with: the season measured (or assumed), else a day of buckets.
    public func period(bucketSeconds: Int?) -> Int {
        profile.period > 0 ? profile.period : SeriesProfile.dailyPeriod(bucketSeconds: bucketSeconds)
    }
}
