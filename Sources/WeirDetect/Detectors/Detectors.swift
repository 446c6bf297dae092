/// Builds detectors from choices.
public enum Detectors {
    /// A fresh detector for `choice`; `period` replaces a `period` parameter of 0.
    public static func make(_ choice: MethodChoice, period: Int) -> any Detector {
        let p = choice["period"].isNaN || choice["period"] == 0 ? period : Int(choice["period"])
        switch choice.name {
        case .threshold:
            return StaticThreshold(k: choice["k"], warmup: Int(choice["warmup"]), upper: choice["upper"], lower: choice["lower"])
        case .zscore: return RollingZScore(window: Int(choice["window"]), k: choice["k"])
        case .ewma: return EWMAChart(alpha: choice["alpha"], k: choice["k"])
        case .mad: return RollingMAD(window: Int(choice["window"]), k: choice["k"])
        case .cusum: return CUSUMShift(alpha: choice["alpha"], slack: choice["slack"], k: choice["k"])
        case .seasonal: return SeasonalBaseline(period: max(p, 2), periods: Int(choice["periods"]), k: choice["k"])
        case .holtWinters:
            return HoltWinters(period: max(p, 2), alpha: choice["alpha"], beta: choice["beta"], gamma: choice["gamma"], k: choice["k"])
        case .knn:
            return KNNDistance(dim: Int(choice["dim"]), window: Int(choice["window"]), neighbours: Int(choice["neighbours"]), k: choice["k"])
        case .ensemble:
            // The level learned at the start, and the change over the last two points.
            return EnsembleMax([
                StaticThreshold(k: choice["k"], warmup: Int(choice["warmup"]), upper: .nan, lower: .nan),
                SeasonalBaseline(period: 2, periods: 1, k: choice["k"]),
            ])
        }
    }

    /// A spread that is never zero: flat series still get a finite severity for a change.
    @inline(__always)
    static func floor(_ spread: Double, level: Double) -> Double {
        max(spread, 1e-9 + 0.01 * abs(level))
    }
}
