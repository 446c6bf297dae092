import Foundation

/// Lone spikes, found at once: a point's residual from the median of the `local` points before it
/// is a spike when it is both far out and a record. Far out: at least `sigmas` robust standard
/// deviations, the deviation read from the 90th percentile of recent absolute residuals (1.645
/// standard deviations of a normal). Rare: at most one in a hundred absolute residuals of the last
/// `memory` points reach it, so a series whose residuals are heavy-tailed calibrates its own tail
/// and a jump it makes often is not one (of spikes that recur, only the largest hundredth of
/// recent points' deviations can fire). Nothing is learned from labels; the constants are the
/// textbook five sigma, the one-in-a-hundred tail ``ScoreCalibrator`` keeps, and a day of minutes.
///
/// The likelihood that makes a detection's scores averages the last ten raw scores, which damps
/// a one-point event below its threshold; this channel is what alarms on a single flood minute.
struct SpikeChannel: Sendable {
    let local = 5
    let memory: Int
    let warmup: Int
    let sigmas = 5.0
    let rareShare = ScoreCalibrator.defaultRareShare

    private var previous: Ring
    /// Absolute residuals of the last `memory` points, by logarithmic bin.
    private var recent: [UInt16]
    private var bins: [Int32]
    private var next = 0, count = 0
    private var top = -1

    /// Eight bins per doubling from 2⁻⁴⁰ to 2⁶⁰, below them bin 0.
    static let binCount = 801

    init(memory: Int = 1440, warmup: Int = 200) {
        self.memory = max(memory, 10)
        self.warmup = min(warmup, self.memory)
        previous = Ring(capacity: local)
        recent = Array(repeating: 0, count: self.memory)
        bins = Array(repeating: 0, count: Self.binCount)
    }

    @inline(__always)
    static func bin(_ magnitude: Double) -> Int {
        guard magnitude.isFinite else { return magnitude.isNaN ? 0 : binCount - 1 }
        guard magnitude >= 0x1p-40 else { return 0 }
        return min(Int((log2(magnitude) + 40) * 8) + 1, binCount - 1)
    }

    /// The lower edge of bin `b`.
    @inline(__always)
    static func lowerEdge(_ b: Int) -> Double { b == 0 ? 0 : exp2(Double(b - 1) / 8 - 40) }

    /// Whether `x` is a spike against the points before it; then remembers it.
    mutating func isSpike(_ x: Double) -> Bool {
        guard previous.count == local else {
            previous.push(x)
            return false
        }
        let level = Self.median(previous)
        previous.push(x)
        let magnitude = abs(x - level)
        let b = Self.bin(magnitude)
        let spike =
            count >= warmup && isRare(b) && magnitude >= sigmas / 1.645 * max(upperDecile(), 1e-9 + 0.01 * abs(level))
        remember(b)
        return spike
    }

    /// Whether at most `rareShare` of the remembered magnitudes reach bin `b`.
    private func isRare(_ b: Int) -> Bool {
        guard b <= top else { return true }
        var atOrAbove = 0
        for i in b...top { atOrAbove += Int(bins[i]) }
        return Double(atOrAbove) <= rareShare * Double(count)
    }

    /// The lower edge of the bin above the one holding the 90th percentile of the remembered
    /// magnitudes.
    private func upperDecile() -> Double {
        var above = 0
        let needed = max(count / 10, 1)
        var b = top
        while b > 0 {
            above += Int(bins[b])
            if above >= needed { break }
            b -= 1
        }
        return Self.lowerEdge(b + 1)
    }

    private mutating func remember(_ b: Int) {
        if count == memory {
            let old = Int(recent[next])
            bins[old] -= 1
            if old == top { while top >= 0 && bins[top] == 0 { top -= 1 } }
        } else {
            count += 1
        }
        recent[next] = UInt16(b)
        bins[b] += 1
        top = max(top, b)
        next = (next + 1) % memory
    }

    private static func median(_ ring: Ring) -> Double {
        var v = ring.values
        v.sort()
        return v[v.count / 2]
    }
}
