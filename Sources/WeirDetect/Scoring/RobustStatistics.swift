/// Medians and spreads for small windows.
public enum RobustStatistics {
    /// The median of `values` (reorders them).
    public static func median(_ values: inout [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        values.sort()
        let n = values.count
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2
    }

    public static func median(of values: some Sequence<Double>) -> Double {
        var copy = Array(values)
        return median(&copy)
    }

    /// A robust standard deviation: 1.4826 × MAD, or 1.2533 × the mean absolute deviation when
    /// more than half the values are equal (sparse counts), or 0 for a constant series.
    public static func spread(of values: some Sequence<Double>, around center: Double) -> Double {
        var deviations = values.map { abs($0 - center) }
        guard !deviations.isEmpty else { return 0 }
        let meanAbs = deviations.reduce(0, +) / Double(deviations.count)
        let mad = median(&deviations)
        return mad > 0 ? 1.4826 * mad : 1.2533 * meanAbs
    }

    /// The noise level of a series: the robust spread of its first differences over √2, which
    /// ignores slow trends and seasons.
    public static func noise(of values: [Double]) -> Double {
        guard values.count > 2 else { return 0 }
        let diffs = zip(values.dropFirst(), values).map { $0 - $1 }
        return spread(of: diffs, around: median(of: diffs)) / 2.0.squareRoot()
    }
}
