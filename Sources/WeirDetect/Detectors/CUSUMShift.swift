/// Two-sided CUSUM against a slow EWMA baseline: catches level shifts too small for a single
/// point to stand out. After an alarm it re-bases on the median of the last five points.
public final class CUSUMShift: Detector {
    private let alpha: Double, slack: Double, k: Double
    private var mean = 0.0, absResidual = 0.0
    private var high = 0.0, low = 0.0
    private var recent = Ring(capacity: 5)
    private var seen = 0

    public init(alpha: Double, slack: Double, k: Double) {
        self.alpha = alpha
        self.slack = slack
        self.k = k
    }

    public func step(_ x: Double) -> DetectorStep {
        seen += 1
        recent.push(x)
        if seen == 1 {
            mean = x
            return .warmingUp(x)
        }
        let sd = Detectors.floor(1.2533 * absResidual, level: mean)
        let z = (x - mean) / sd
        let warming = seen <= 10
        if !warming {
            high = max(0, high + z - slack)
            low = max(0, low - z - slack)
        }
        let severity = warming ? 0 : max(high, low) / k
        let result = DetectorStep(severity: severity, expected: mean, halfWidth: 3 * sd)
        if severity >= 1 {
            high = 0
            low = 0
            mean = RobustStatistics.median(of: recent.ordered)
        } else {
            let a = max(alpha, 1 / Double(seen))
            let r = min(max(x - mean, -4 * sd), 4 * sd)
            mean += a * r
            absResidual += max(a, 0.02) * (abs(r) - absResidual)
        }
        return result
    }
}
