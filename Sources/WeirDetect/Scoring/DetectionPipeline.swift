/// A detector, its score calibration and alert suppression: what `weir detect` and task runs use.
public final class DetectionPipeline {
    public let choice: MethodChoice
    public let period: Int
    private let detector: any Detector
    private var calibrator: ScoreCalibrator?
    /// Points after the last anomalous point within which a new crossing is the same incident.
    public let cooldown: Int
    private var sinceAnomalous = Int.max / 2

    /// - Parameters:
    ///   - calibrate: damp severities the detector produces often (on by default).
    ///   - cooldown: points of calm that end an incident.
    public init(_ choice: MethodChoice, period: Int, calibrate: Bool = true, cooldown: Int = 10) {
        self.choice = choice
        self.period = period
        detector = Detectors.make(choice, period: period)
        calibrator = calibrate ? ScoreCalibrator() : nil
        self.cooldown = cooldown
    }

    /// Scores `x` from the points before it, then learns it.
    public func score(_ x: Double) -> ScoredPoint {
        let step = detector.step(x)
        let severity = calibrator?.calibrate(step.severity) ?? step.severity
        let score = severity >= 1e150 ? 1 : severity * severity / (1 + severity * severity)
        let anomalous = score >= 0.5
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
