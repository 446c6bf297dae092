/// A detector and what turns its deviations into scores and alarms: what `weir detect` and task
/// runs use. Each point's severity (deviation over the detector's band, damped when the detector
/// produces it often: ``ScoreCalibrator``) becomes a raw score `s² / (1 + s²)`; the anomaly
/// likelihood of the recent raw scores against their own history (``AnomalyLikelihood``) is the
/// point's score, and 1 for a value beyond every value seen by 5% of their range
/// (``SpatialRange``) that the detector also finds deviant (raw score at least 0.5). Until the
/// likelihood has warmed up, the raw score is the score, so a new series still alarms. With
/// `spikes`, a lone point far beyond the recent ones (``SpikeChannel``) scores 1 too. A score
/// of 0.5 or more is anomalous; the first anomalous point after `cooldown` calm ones raises an
/// alarm.
public final class DetectionPipeline {
    public let choice: MethodChoice
    public let period: Int
    private let detector: any Detector
    private var calibrator: ScoreCalibrator?
    private var likelihood = AnomalyLikelihood()
    private var spatial = SpatialRange()
    private var spikes: SpikeChannel?
    /// Points after the last anomalous point within which a new crossing is the same incident.
    public let cooldown: Int
    private var sinceAnomalous = Int.max / 2

    /// - Parameters:
    ///   - calibrate: damp severities the detector produces often (on by default; a detector
    ///     that calibrates itself, such as an ensemble, is not damped again).
    ///   - cooldown: points of calm that end an incident.
    ///   - spikes: also score 1 a lone point far beyond the recent ones (``SpikeChannel``): for
    ///     access-log features, where one flood minute is an incident; generic metrics, full of
    ///     unlabelled spikes, are better off without it.
    public init(_ choice: MethodChoice, period: Int, calibrate: Bool = true, cooldown: Int = 10, spikes: Bool = false) {
        self.choice = choice
        self.period = period
        detector = Detectors.make(choice, period: period)
        calibrator = calibrate && !detector.calibratesItself ? ScoreCalibrator() : nil
        self.cooldown = cooldown
        self.spikes = spikes ? SpikeChannel() : nil
    }

    /// The score of an anomalous point: at or above it, a point is anomalous.
    public static let threshold = 0.5

    /// Where the likelihood that makes the scores stands (warm-up, recent mean, fitted normal).
    public var likelihoodState: LikelihoodState { likelihood.state }

    /// Scores `x` from the points before it, then learns it.
    public func score(_ x: Double) -> ScoredPoint {
        let step = detector.step(x)
        let severity = calibrator?.calibrate(step.severity) ?? step.severity
        let raw = severity >= 1e150 ? 1 : severity * severity / (1 + severity * severity)
        var score = likelihood.score(raw: raw, value: x)
        let isNew = spatial.isNew(x)
        let isSpike = spikes?.isSpike(x) ?? false
        if !likelihood.isWarm {
            score = raw
        } else if isNew, raw >= 0.5 {
            score = 1
        }
        if isSpike { score = 1 }
        let anomalous = score >= Self.threshold
        let alarm = anomalous && sinceAnomalous > cooldown
        sinceAnomalous = anomalous ? 0 : sinceAnomalous + 1
        return ScoredPoint(
            score: score,
            label: alarm,
            isAnomalous: anomalous,
            expectedLow: step.expected - step.halfWidth,
            expectedHigh: step.expected + step.halfWidth
        )
    }

    /// Scores every value in order.
    public func scoreAll(_ values: some Sequence<Double>) -> [ScoredPoint] {
        values.map(score)
    }

    /// Indices where alarms were raised.
    public func alarms(_ values: [Double]) -> [Int] {
        var out: [Int] = []
        for (i, v) in values.enumerated() where score(v).label { out.append(i) }
        return out
    }
}
