/// Medians and spreads for small windows.
public enum RobustStatistics {
    /// The median of `values` (reorders them): the middle value, or the mean of the two middle
    /// ones, found by selection rather than a sort.
    public static func median(_ values: inout [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let n = values.count
        let upper = select(&values, n / 2)
        guard n % 2 == 0 else { return upper }
        // Everything before the selected position is at most it: the lower middle is their largest.
        var lower = values[0]
        for v in values[1..<(n / 2)] where v > lower { lower = v }
        return (lower + upper) / 2
    }

    /// The value that would be at position `k` (from 0) if `values` were sorted; reorders them so
    /// that everything before `k` is at most it and everything after at least it. Quickselect
    /// with a three-way partition, so runs of equal values (sparse counts) cost no more than
    /// distinct ones; it ends whatever the comparisons say, NaN included.
    public static func select(_ values: inout [Double], _ k: Int) -> Double {
        precondition(values.indices.contains(k), "select: position \(k) of \(values.count) values")
        return values.withUnsafeMutableBufferPointer { a in
            var lo = 0
            var hi = a.count - 1
            while lo < hi {
                // The median of the first, middle and last values as the pivot.
                let mid = lo + (hi - lo) / 2
                let (x, y, z) = (a[lo], a[mid], a[hi])
                let pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y))
                var less = lo
                var i = lo
                var greater = hi
                while i <= greater {
                    let v = a[i]
                    if v < pivot {
                        a.swapAt(less, i)
                        less += 1
                        i += 1
                    } else if v > pivot {
                        a.swapAt(i, greater)
                        greater -= 1
                    } else {
                        i += 1
                    }
                }
                if k < less {
                    hi = less - 1
                } else if k > greater {
                    lo = greater + 1
                } else {
                    return a[k]
                }
            }
            return a[k]
        }
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
