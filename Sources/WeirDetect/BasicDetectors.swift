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
        guard ring.count >= 5 else { learn(x); return .warmingUp(x) }
        let mean = sum / n
        let sd = Detectors.floor(max(sumSquares / n - mean * mean, 0).squareRoot(), level: mean)
        let band = k * sd
        learn(min(max(x, mean - band), mean + band))
        return DetectorStep(severity: abs(x - mean) / band, expected: mean, halfWidth: band)
    }

    private func learn(_ x: Double) {
        if let old = ring.push(x) { sum -= old; sumSquares -= old * old }
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
        if seen == 1 { mean = x; return .warmingUp(x) }
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

/// Rolling median and MAD over the last `window` points.
public final class RollingMAD: Detector {
    private var ring: Ring
    private var sorted: [Double] = []
    private var scratch: [Double] = []
    private let k: Double

    public init(window: Int, k: Double) {
        ring = Ring(capacity: max(window, 3))
        self.k = k
        sorted.reserveCapacity(ring.capacity)
    }

    public func step(_ x: Double) -> DetectorStep {
        defer { learn(x) }
        guard sorted.count >= 5 else { return .warmingUp(x) }
        let n = sorted.count
        let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        let band = k * Detectors.floor(spread(around: median), level: median)
        return DetectorStep(severity: abs(x - median) / band, expected: median, halfWidth: band)
    }

    private func spread(around median: Double) -> Double {
        scratch.removeAll(keepingCapacity: true)
        var total = 0.0
        for v in sorted { let d = abs(v - median); scratch.append(d); total += d }
        let mid = scratch.count / 2
        // Sorting one window of deviations is cheaper than keeping a second ordered structure.
        scratch.sort()
        let mad = scratch[mid]
        return mad > 0 ? 1.4826 * mad : 1.2533 * total / Double(scratch.count)
    }

    private func learn(_ x: Double) {
        if let old = ring.push(x), let i = index(of: old) { sorted.remove(at: i) }
        sorted.insert(x, at: insertionPoint(x))
    }

    private func insertionPoint(_ x: Double) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < x { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    private func index(of x: Double) -> Int? {
        let i = insertionPoint(x)
        return i < sorted.count && sorted[i] == x ? i : nil
    }
}
