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
