/// Rolling median and MAD over the last `window` points.
public final class RollingMAD: Detector {
    private var window: SortedWindow
    private let k: Double

    public init(window: Int, k: Double) {
        self.window = SortedWindow(capacity: max(window, 3))
        self.k = k
    }

    public func step(_ x: Double) -> DetectorStep {
        defer { learn(x) }
        guard window.count >= 5 else { return .warmingUp(x) }
        let median = window.median
        let band = k * Detectors.floor(spread(around: median), level: median)
        return DetectorStep(severity: abs(x - median) / band, expected: median, halfWidth: band)
    }

    /// 1.4826 × the median absolute deviation from `median`, or 1.2533 × the mean absolute
    /// deviation when more than half the values equal the median. The window is sorted, so the
    /// deviations below and above the median are two ascending runs: the middle deviation is
    /// found by merging them up to the middle, with nothing copied or sorted.
    private func spread(around median: Double) -> Double {
        let values = window.sorted
        let n = values.count
        guard n > 0 else { return 0 }
        var above = 0
        while above < n && values[above] < median { above += 1 }
        var below = above - 1
        var mad = 0.0
        for _ in 0...(n / 2) {
            let down = below >= 0 ? median - values[below] : .infinity
            let up = above < n ? values[above] - median : .infinity
            if down < up {
                mad = down
                below -= 1
            } else {
                mad = up
                above += 1
            }
        }
        guard mad == 0 else { return 1.4826 * mad }
        let total = values.reduce(0) { $0 + abs($1 - median) }
        return 1.2533 * total / Double(n)
    }

    private func learn(_ x: Double) { window.push(x) }
}
