/// How one feature's latest bucket was scored, and the state of the likelihood behind the score:
/// what `GET /tasks/{id}/model` shows under each feature.
public struct LatestScore: Sendable, Equatable {
    public var feature: TrafficFeature
    /// The latest bucket's start, in seconds since 1970.
    public var bucketStart: Int64
    public var observed: Double
    public var score: Double
    public var isAnomalous: Bool
    public var expectedLow: Double
    public var expectedHigh: Double
    public var likelihood: LikelihoodState
}
