/// EWMA control chart: exponentially weighted mean and variance.
public final class EWMAChart: Detector {
    private let alpha: Double, k: Double
    private var mean = 0.0, variance = 0.0
    private var seen = 0

    public init(alpha: Double, k: Double) {
        self.alpha = alpha
        self.k = k
    }

    public func step(_ x: Double) -> DetectorStep {
        seen += 1
        if seen == 1 {
            mean = x
            return .warmingUp(x)
        }
        let sd = Detectors.floor(variance.squareRoot(), level: mean)
        let band = k * sd
        let result = seen <= 5 ? DetectorStep.warmingUp(x) : DetectorStep(severity: abs(x - mean) / band, expected: mean, halfWidth: band)
        let learned = seen <= 5 ? x : min(max(x, mean - band), mean + band)
        let r = learned - mean
        // Faster learning at the start, so that the first points settle the scale.
        let a = max(alpha, 1 / Double(seen))
        mean += a * r
        variance = (1 - a) * (variance + a * r * r)
        return result
    }
}
