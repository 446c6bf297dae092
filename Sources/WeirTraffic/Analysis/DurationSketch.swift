import Foundation

/// Response times in logarithmic buckets, 2% wide: quantiles within 1% of the true value, and
/// two sketches merge exactly by adding their buckets, so parts counted on several threads give
/// the sketch of one thread. Count, sum and maximum are exact.
struct DurationSketch: Equatable {
    /// Bucket `i` holds durations in (γ^(i-1), γ^i] microseconds; bucket 0 holds 0 and 1 µs.
    static let gamma = 1.02
    static let logGamma = log(gamma)
    private(set) var buckets: [Int] = []
    private(set) var count = 0
    private(set) var sumMicros: Int64 = 0
    private(set) var maxMicros: Int64 = 0

    mutating func add(_ micros: Int64) {
        let value = max(micros, 0)
        let index = value <= 1 ? 0 : Int((log(Double(value)) / Self.logGamma).rounded(.up))
        if index >= buckets.count { buckets += [Int](repeating: 0, count: index + 1 - buckets.count) }
        buckets[index] += 1
        count += 1
        sumMicros &+= value
        maxMicros = max(maxMicros, value)
    }

    mutating func merge(_ other: DurationSketch) {
        if other.buckets.count > buckets.count { buckets += [Int](repeating: 0, count: other.buckets.count - buckets.count) }
        for (i, n) in other.buckets.enumerated() { buckets[i] += n }
        count += other.count
        sumMicros &+= other.sumMicros
        maxMicros = max(maxMicros, other.maxMicros)
    }

    /// The `q`-quantile (0…1) in microseconds: the middle of its bucket, never above the maximum.
    func quantile(_ q: Double) -> Double {
        guard count > 0 else { return 0 }
        let rank = max(1, Int((q * Double(count)).rounded(.up)))
        var seen = 0
        for (i, n) in buckets.enumerated() {
            seen += n
            if seen >= rank {
                let middle = i == 0 ? 1 : 2 * pow(Self.gamma, Double(i)) / (Self.gamma + 1)
                return min(middle, Double(maxMicros))
            }
        }
        return Double(maxMicros)
    }
}
