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
        guard history.count >= period else {
            history.push(x)
            return early
        }
        sameTime.removeAll(keepingCapacity: true)
        var lag = period
        while lag <= history.count && sameTime.count < periods {
            sameTime.append(history.back(lag))
            lag += period
        }
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
