/// Where an ``AnomalyLikelihood`` stands: how far its warm-up is, the recent mean of raw scores
/// it judges, and the normal it judges that mean against. What `GET /tasks/{id}/model` shows so
/// that a score can be checked by hand.
public struct LikelihoodState: Sendable, Equatable {
    /// Points scored so far, warm-up included.
    public var pointsSeen: Int
    /// Points of warm-up before scores are likelihoods; until then the raw score is the score.
    public var warmupPoints: Int
    /// Raw scores averaged into the recent mean.
    public var averagingPoints: Int
    /// Points of history the normal is fitted over.
    public var historyPoints: Int
    /// The mean of the last ``averagingPoints`` raw scores (0 before any point).
    public var recentMean: Double
    /// The fitted normal's mean and standard deviation; `nil` before the first fit and while the
    /// values barely vary (then nothing is surprising).
    public var fittedMean: Double?
    public var fittedDeviation: Double?

    /// Whether the warm-up is over.
    public var isWarm: Bool { pointsSeen > warmupPoints }
}
