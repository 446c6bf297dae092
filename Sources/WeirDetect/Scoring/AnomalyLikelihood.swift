import Foundation

/// How surprising the detector's recent raw scores are against its own longer history: the
/// anomaly likelihood of Ahmad et al. (Numenta, "Unsupervised real-time anomaly detection for
/// streaming data", 2017), written from the paper. The short-term mean of the raw scores (last
/// `averaging` points) is compared with a normal fitted to those means over the last `history`
/// points (refitted every `refit` points, after `learning` + `estimation` points of warm-up); the
/// tail probability `t` of the current mean becomes a score `log(t) / log(1e-10)`, so 0.5 is a
/// one-in-100,000 event. A tail that stays that small is reported once and then as one in 1,000,
/// so a new level raises one alarm and is soon the norm.
public struct AnomalyLikelihood: Sendable {
    let averaging = 10
    let learning = 288
    let estimation = 100
    let history = 8640
    let refit = 100

    private var recent: Ring
    private var recentSum = 0.0
    private var means: Ring
    private var values: Ring
    private var seen = 0
    private var mean = 0.5
    private var deviation = 1e3
    private var previousTail = 1.0
    private var lastAverage = 0.0

    public init() {
        recent = Ring(capacity: averaging)
        means = Ring(capacity: history)
        values = Ring(capacity: history)
    }

    /// Whether the warm-up is over: scores before it are 0.
    public var isWarm: Bool { seen > learning + estimation }

    /// The warm-up, the recent mean and the fitted normal, as they stand.
    public var state: LikelihoodState {
        let fitted = isWarm && deviation < 1e3
        return LikelihoodState(
            pointsSeen: seen,
            warmupPoints: learning + estimation,
            averagingPoints: averaging,
            historyPoints: history,
            recentMean: lastAverage,
            fittedMean: fitted ? mean : nil,
            fittedDeviation: fitted ? deviation : nil
        )
    }

    /// The score of the point whose raw score is `raw` (in [0, 1]) and value `value`, in [0, 1].
    public mutating func score(raw: Double, value: Double) -> Double {
        recentSum += raw - (recent.push(raw) ?? 0)
        let average = recentSum / Double(recent.count)
        lastAverage = average
        defer {
            means.push(average)
            values.push(value)
            seen += 1
        }
        guard seen >= learning + estimation else { return 0 }
        if seen == learning + estimation || seen % refit == 0 { fit() }
        var tail = tailProbability(average)
        let red = 1e-5
        if tail <= red, previousTail <= red {
            previousTail = tail
            tail = 1e-3
        } else {
            previousTail = tail
        }
        return min(max(log(tail + 1e-10) / log(1e-10), 0), 1)
    }

    /// Fits the normal to the stored means, leaving out the learning period while it is still in
    /// the window; a series whose values barely vary gets a distribution that finds nothing.
    private mutating func fit() {
        let skip = min(means.count, max(0, learning - max(0, seen - history)))
        guard means.count - skip > 1, values.moments(droppingFirst: skip).variance >= 1.5e-5 else {
            mean = 0.5
            deviation = 1e3
            return
        }
        let fitted = means.moments(droppingFirst: skip)
        mean = max(fitted.mean, 0.03)
        deviation = max(fitted.variance, 0.0003).squareRoot()
    }

    /// The probability of a mean at least this far from the fitted one, on its side (a mean below
    /// the fitted one is reflected above it).
    func tailProbability(_ x: Double) -> Double {
        let reflected = x < mean ? 2 * mean - x : x
        return 0.5 * erfc((reflected - mean) / deviation / 2.0.squareRoot())
    }
}
