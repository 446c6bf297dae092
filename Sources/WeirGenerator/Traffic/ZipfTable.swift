import WeirCore

/// Draws indices 0..<n with probability proportional to 1 / (i + 1)^s: a few items take most of
/// the draws and a long tail shares the rest, as sections, paths and clients do in real traffic.
public struct ZipfTable: Sendable {
    private let cumulative: [Double]

    /// A table over `count` items with exponent `exponent` (about 1 for web traffic).
    public init(count: Int, exponent: Double) {
        var sum = 0.0
        var c: [Double] = []
        c.reserveCapacity(count)
        for i in 0..<max(count, 1) {
            sum += 1 / pow(Double(i + 1), exponent)
            c.append(sum)
        }
        cumulative = c.map { $0 / sum }
    }

    /// The probability of index `i`.
    public func probability(_ i: Int) -> Double { cumulative[i] - (i > 0 ? cumulative[i - 1] : 0) }

    /// A random index.
    public func draw(_ rng: inout SeededRandom) -> Int {
        let u = rng.unit()
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
