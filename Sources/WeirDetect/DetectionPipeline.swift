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
        return ScoredPoint(score: score, label: alarm, isAnomalous: anomalous,
                           expectedLow: step.expected - step.halfWidth, expectedHigh: step.expected + step.halfWidth)
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
