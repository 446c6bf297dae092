import Foundation

/// Calibrates a detector's severities against its own recent ones: a severity that the
/// detector has produced often lately is damped, one it rarely reaches is kept. The tail share
/// `p` of recent severities at or above the current one is read from a histogram over
/// logarithmic bins, so each point costs a fixed, small amount of work.
public struct ScoreCalibrator: Sendable {
    /// Tail share at or below which a severity is kept as it is.
    public let rareShare: Double
    private var bins: [Int32]
    private var recent: [UInt8]
    private var next = 0, count = 0
    static let binCount = 64

    /// The share of recent values at or above which a value is no longer rare: one in a hundred.
    public static let defaultRareShare = 0.01

    public init(memory: Int = 1000, rareShare: Double = ScoreCalibrator.defaultRareShare) {
        self.rareShare = rareShare
        bins = Array(repeating: 0, count: Self.binCount)
        recent = Array(repeating: 0, count: max(memory, 10))
    }

    /// Bin 0 holds severities below 1/16; then five bins per doubling up to about 256.
    @inline(__always)
    static func bin(_ severity: Double) -> Int {
        guard severity >= 0.0625 else { return 0 }
        let b = Int((log2(severity) + 4) * 5) + 1
        return min(b, binCount - 1)
    }

    /// The calibrated severity of `severity`, which is then remembered.
    public mutating func calibrate(_ severity: Double) -> Double {
        let b = Self.bin(severity)
        var atOrAbove = 0
        for i in b..<Self.binCount { atOrAbove += Int(bins[i]) }
        let p = Double(atOrAbove + 1) / Double(count + 1)
        let calibrated = p <= rareShare ? severity : severity * (rareShare / p).squareRoot()
        remember(b)
        return calibrated
    }

    private mutating func remember(_ b: Int) {
        if count == recent.count { bins[Int(recent[next])] -= 1 } else { count += 1 }
        recent[next] = UInt8(b)
        bins[b] += 1
        next = (next + 1) % recent.count
    }
}
