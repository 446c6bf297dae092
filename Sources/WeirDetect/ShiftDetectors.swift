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
        if seen == 1 { mean = x; return .warmingUp(x) }
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

/// Seasonal baseline: the expected value is the median of the same time in the last `periods`
/// periods; the spread is an EWMA of the absolute residual. Before one full period it behaves as
/// an EWMA chart.
public final class SeasonalBaseline: Detector {
    private let period: Int, periods: Int, k: Double
    private var history: Ring
    private var absResidual = 0.0
    private var residualsSeen = 0
    private let fallback: EWMAChart
    private var sameTime: [Double] = []

    public init(period: Int, periods: Int, k: Double) {
        self.period = period
        self.periods = max(periods, 1)
        self.k = k
        history = Ring(capacity: period * max(periods, 1))
        fallback = EWMAChart(alpha: 0.1, k: k)
    }

    public func step(_ x: Double) -> DetectorStep {
        let early = fallback.step(x)
        guard history.count >= period else { history.push(x); return early }
        sameTime.removeAll(keepingCapacity: true)
        var lag = period
        while lag <= history.count && sameTime.count < periods { sameTime.append(history.back(lag)); lag += period }
        let expected = RobustStatistics.median(&sameTime)
        let sd = Detectors.floor(1.2533 * absResidual, level: expected)
        let band = k * sd
        let r = x - expected
        residualsSeen += 1
        let warming = residualsSeen <= 10
        absResidual += max(0.02, 1 / Double(residualsSeen)) * (min(abs(r), 4 * sd + (warming ? abs(r) : 0)) - absResidual)
        // What is remembered for next period is clipped, so that today's spike is not tomorrow's drop.
        history.push(warming ? x : min(max(x, expected - band), expected + band))
        return warming ? early : DetectorStep(severity: abs(r) / band, expected: expected, halfWidth: band)
    }
}

/// Holt-Winters with additive seasonality: level, trend and one seasonal term per position in
/// the period, updated with the clipped point; scores the one-step-ahead forecast residual.
public final class HoltWinters: Detector {
    private let period: Int, alpha: Double, beta: Double, gamma: Double, k: Double
    private var level = 0.0, trend = 0.0
    private var seasonals: [Double]
    private var firstPeriod: [Double] = []
    private var variance = 0.0
    private var position = 0
    private var residualsSeen = 0
    private let fallback: EWMAChart

    public init(period: Int, alpha: Double, beta: Double, gamma: Double, k: Double) {
        self.period = period
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.k = k
        seasonals = Array(repeating: 0, count: period)
        fallback = EWMAChart(alpha: 0.1, k: k)
    }

    public func step(_ x: Double) -> DetectorStep {
        let early = fallback.step(x)
        if firstPeriod.count < period {
            firstPeriod.append(x)
            if firstPeriod.count == period { initialise() }
            return early
        }
        let s = seasonals[position]
        let forecast = level + trend + s
        let sd = Detectors.floor(variance.squareRoot(), level: forecast)
        let band = k * sd
        residualsSeen += 1
        let warming = residualsSeen <= 30
        let learned = warming ? x : min(max(x, forecast - band), forecast + band)
        let r = learned - forecast
        variance += max(0.02, 1 / Double(residualsSeen)) * (r * r - variance)
        let newLevel = alpha * (learned - s) + (1 - alpha) * (level + trend)
        trend = beta * (newLevel - level) + (1 - beta) * trend
        seasonals[position] = gamma * (learned - newLevel) + (1 - gamma) * s
        level = newLevel
        position = (position + 1) % period
        return warming ? early : DetectorStep(severity: abs(x - forecast) / band, expected: forecast, halfWidth: band)
    }

    /// Level from the first period's mean; seasonal terms from its values smoothed over about a
    /// fiftieth of the period, so that one period's noise is not learned as the season.
    private func initialise() {
        level = firstPeriod.reduce(0, +) / Double(period)
        let half = period / 100
        for i in 0..<period {
            let window = max(0, i - half)...min(period - 1, i + half)
            seasonals[i] = firstPeriod[window].reduce(0, +) / Double(window.count) - level
        }
    }
}

/// Distance-based: the mean distance from the embedding of the last `dim` points to its
/// `neighbours` nearest among the last `window` embeddings, against the median of its own recent
/// distances.
public final class KNNDistance: Detector {
    private let dim: Int, neighbours: Int, k: Double
    private var values: Ring
    private var embeddings: [Double]
    private var stored = 0, nextSlot = 0
    private let capacity: Int
    private var distances: Ring
    private var nearest: [Double]
    private var current: [Double]

    public init(dim: Int, window: Int, neighbours: Int, k: Double) {
        self.dim = max(dim, 1)
        self.neighbours = max(neighbours, 1)
        self.k = k
        capacity = max(window, neighbours + 1)
        values = Ring(capacity: max(dim, 1))
        embeddings = Array(repeating: 0, count: capacity * max(dim, 1))
        distances = Ring(capacity: 101)
        nearest = Array(repeating: .infinity, count: max(neighbours, 1))
        current = Array(repeating: 0, count: max(dim, 1))
    }

    public func step(_ x: Double) -> DetectorStep {
        values.push(x)
        guard values.isFull else { return .warmingUp(x) }
        for i in 0..<dim { current[i] = values.back(dim - i) }
        guard stored > neighbours else { remember(); return .warmingUp(x) }
        let (distance, closest) = nearestDistance()
        let typical = RobustStatistics.median(of: distances.ordered)
        let scale = Detectors.floor(typical.isNaN ? distance : typical, level: x) * k
        let result = distances.count < 20 ? DetectorStep.warmingUp(x)
            : DetectorStep(severity: distance / scale, expected: closest, halfWidth: scale)
        distances.push(min(distance, scale))
        remember()
        return result
    }

    /// The mean of the `neighbours` smallest distances, and the newest value of the closest embedding.
    private func nearestDistance() -> (Double, Double) {
        for i in 0..<neighbours { nearest[i] = .infinity }
        var best = Double.infinity, closest = current[dim - 1]
        for e in 0..<stored {
            let base = e * dim
            var d2 = 0.0
            for i in 0..<dim { let d = embeddings[base + i] - current[i]; d2 += d * d }
            if d2 < nearest[neighbours - 1] { insertNearest(d2) }
            if d2 < best { best = d2; closest = embeddings[base + dim - 1] }
        }
        let mean = nearest.reduce(0) { $0 + $1.squareRoot() } / Double(neighbours)
        return (mean, closest)
    }

    private func insertNearest(_ d2: Double) {
        var i = neighbours - 1
        while i > 0 && nearest[i - 1] > d2 { nearest[i] = nearest[i - 1]; i -= 1 }
        nearest[i] = d2
    }

    private func remember() {
        let base = nextSlot * dim
        for i in 0..<dim { embeddings[base + i] = current[i] }
        nextSlot = (nextSlot + 1) % capacity
        stored = min(stored + 1, capacity)
    }
}
