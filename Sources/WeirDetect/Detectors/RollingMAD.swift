/// Rolling median and MAD over the last `window` points.
public final class RollingMAD: Detector {
    private var window: SortedWindow
    private var scratch: [Double] = []
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

    private func spread(around median: Double) -> Double {
        scratch.removeAll(keepingCapacity: true)
        var total = 0.0
        for v in window.sorted {
            let d = abs(v - median)
            scratch.append(d)
            total += d
        }
        guard !scratch.isEmpty else { return 0 }
        let mid = scratch.count / 2
        // Selecting in one window of deviations is cheaper than keeping a second ordered structure.
        let mad = RobustStatistics.select(&scratch, mid)
        return mad > 0 ? 1.4826 * mad : 1.2533 * total / Double(scratch.count)
    }

    private func learn(_ x: Double) { window.push(x) }
}
