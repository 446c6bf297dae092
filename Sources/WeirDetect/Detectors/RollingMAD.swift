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
        for v in sorted {
            let d = abs(v - median)
            scratch.append(d)
            total += d
        }
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
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private func index(of x: Double) -> Int? {
        let i = insertionPoint(x)
        return i < sorted.count && sorted[i] == x ? i : nil
    }
}
