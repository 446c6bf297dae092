import WeirCore
import WeirDetect
import WeirLog

/// `latest` under a feature of `GET /tasks/{id}/model`: how the latest stored bucket was scored,
/// the state of the anomaly likelihood behind the score, and the same in words.
struct LatestScoreResponse: Encodable {
    let bucket_start: String
    let observed: Double
    let expected_low: Double?
    let expected_high: Double?
    let score: Double
    let anomalous: Bool
    let threshold: Double
    let likelihood: LikelihoodResponse
    let explanation: String

    /// The likelihood's warm-up, recent mean and fitted normal.
    struct LikelihoodResponse: Encodable {
        let warm: Bool
        let points_seen: Int
        let warmup_points: Int
        let averaging_points: Int
        let history_points: Int
        let recent_mean: Double
        let fitted_mean: Double?
        let fitted_deviation: Double?
    }

    init(_ s: LatestScore) {
        let l = s.likelihood
        bucket_start = Timestamps.rfc3339(s.bucketStart)
        observed = s.observed
        expected_low = s.expectedLow.isFinite ? s.expectedLow : nil
        expected_high = s.expectedHigh.isFinite ? s.expectedHigh : nil
        score = s.score
        anomalous = s.isAnomalous
        threshold = DetectionPipeline.threshold
        likelihood = LikelihoodResponse(
            warm: l.isWarm,
            points_seen: l.pointsSeen,
            warmup_points: l.warmupPoints,
            averaging_points: l.averagingPoints,
            history_points: l.historyPoints,
            recent_mean: l.recentMean,
            fitted_mean: l.fittedMean,
            fitted_deviation: l.fittedDeviation
        )
        explanation = Self.explain(l)
    }

    /// What the score means, given where the likelihood stands.
    static func explain(_ l: LikelihoodState) -> String {
        let threshold = DecimalText.trimmed(DetectionPipeline.threshold, places: 2)
        guard l.isWarm else {
            return "warming up: \(l.pointsSeen) of \(l.warmupPoints) buckets scored since the epoch before; until then the score is the "
                + "detector's raw score s²/(1+s²), s being the bucket's distance from the expected range in band widths; "
                + "\(threshold) or more is anomalous"
        }
        guard let mean = l.fittedMean, let deviation = l.fittedDeviation else {
            return "the values have barely varied over the last \(l.historyPoints) buckets, so no mean of raw scores is surprising; "
                + "only a value beyond every value seen, which the detector also finds deviant, scores 1, \(spike)"
        }
        return "the score is the anomaly likelihood: the mean raw score of the last \(l.averagingPoints) buckets "
            + "(\(DecimalText.trimmed(l.recentMean, places: 4))) against a normal fitted to such means over up to \(l.historyPoints) buckets "
            + "(mean \(DecimalText.trimmed(mean, places: 4)), deviation \(DecimalText.trimmed(deviation, places: 4))); "
            + "\(threshold) is a one-in-100,000 tail and is anomalous, and a value beyond every value seen, which the detector also "
            + "finds deviant, scores 1, \(spike)"
    }

    /// The spike channel's rule, as tasks score with it.
    private static let spike =
        "as does a lone bucket five robust standard deviations from the median of the 5 before it that at most 1% of the "
        + "last 1,440 buckets' distances reach"
}
