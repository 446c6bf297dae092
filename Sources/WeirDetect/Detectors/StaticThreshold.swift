/// Static limits: fixed by the user, or learned once from the first `warmup` points.
public final class StaticThreshold: Detector {
    private let k: Double
    private let warmup: Int
    private var upper: Double
    private var lower: Double
    private var learning: [Double] = []
    /// Whether the limits are set (by the user, or learned).
    private var fixed: Bool

    public init(k: Double, warmup: Int, upper: Double, lower: Double) {
        self.k = k
        self.warmup = max(warmup, 3)
        self.upper = upper.isNaN ? .infinity : upper
        self.lower = lower.isNaN ? -.infinity : lower
        fixed = !upper.isNaN || !lower.isNaN
    }

    public func step(_ x: Double) -> DetectorStep {
        if !fixed {
            learning.append(x)
            if learning.count < warmup { return .warmingUp(x) }
            let center = RobustStatistics.median(of: learning)
            let spread = Detectors.floor(RobustStatistics.spread(of: learning, around: center), level: center)
            upper = center + k * spread
            lower = center - k * spread
            fixed = true
            learning = []
        }
        let center = upper.isFinite && lower.isFinite ? (upper + lower) / 2 : (upper.isFinite ? 0 : lower)
        if x > center, upper.isFinite {
            return DetectorStep(severity: (x - center) / max(upper - center, 1e-9), expected: center, halfWidth: upper - center)
        }
        if x < center, lower.isFinite {
            return DetectorStep(severity: (center - x) / max(center - lower, 1e-9), expected: center, halfWidth: center - lower)
        }
        return DetectorStep(severity: 0, expected: center, halfWidth: upper.isFinite ? upper - center : center - lower)
    }
}
