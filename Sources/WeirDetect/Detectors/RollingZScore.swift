/// Rolling z-score over the last `window` points; learned values are clipped to the alert band
/// so that an anomaly does not hide the next one.
public final class RollingZScore: Detector {
    private var ring: Ring
    private let k: Double
    private var sum = 0.0, sumSquares = 0.0
    private var sinceRecompute = 0

    public init(window: Int, k: Double) {
        ring = Ring(capacity: max(window, 3))
        self.k = k
    }

    public func step(_ x: Double) -> DetectorStep {
        let n = Double(ring.count)
        guard ring.count >= 5 else {
            learn(x)
            return .warmingUp(x)
        }
        let mean = sum / n
        let sd = Detectors.floor(max(sumSquares / n - mean * mean, 0).squareRoot(), level: mean)
        let band = k * sd
        learn(min(max(x, mean - band), mean + band))
        return DetectorStep(severity: abs(x - mean) / band, expected: mean, halfWidth: band)
    }

    private func learn(_ x: Double) {
        if let old = ring.push(x) {
            sum -= old
            sumSquares -= old * old
        }
        sum += x
        sumSquares += x * x
        sinceRecompute += 1
        if sinceRecompute >= 4096 {  // keep rounding error from accumulating
            sinceRecompute = 0
            sum = ring.ordered.reduce(0, +)
            sumSquares = ring.ordered.reduce(0) { $0 + $1 * $1 }
        }
    }
}
