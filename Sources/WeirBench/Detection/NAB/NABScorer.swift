import WeirDetect

/// NAB's published scoring rules, written from its paper and scorer: rows in the probation period
/// are not scored; inside a window the earliest detection earns the scaled sigmoid of its
/// position; a missed window costs the false-negative weight; a detection outside every window
/// costs the false-positive weight, scaled by its distance past the previous window. Scores are
/// normalised against the null detector, 100 × (S − S_null) / (S_perfect − S_null).
public enum NABScorer {
    /// One scored row: its anomaly score, its weight, and which window it is in (`nil` outside,
    /// `-1` in the probation period).
    struct Row {
        let score: Double
        let weight: Double
        let window: Int?
    }

    /// Each row of `series` with the weight a detection there would get under `cost`; windows are
    /// numbered from `firstWindow` so that rows of several series can be pooled.
    static func sweep(_ series: NABSeries, scores: [Double], cost: NABCostProfile, firstWindow: Int) -> [Row] {
        var rows: [Row] = []
        rows.reserveCapacity(scores.count)
        var windowIndex = 0
        var previousEnd: Int?
        var previousWidth = 1.0
        for i in scores.indices {
            while windowIndex < series.windows.count, series.windows[windowIndex].upperBound < i { windowIndex += 1 }
            let weight: Double
            var window: Int?
            if windowIndex < series.windows.count, series.windows[windowIndex].contains(i) {
                let w = series.windows[windowIndex]
                let width = Double(w.count)
                weight = cost.truePositiveWeight(at: -Double(w.upperBound - i + 1) / width)
                window = firstWindow + windowIndex
                if i == w.upperBound {
                    previousEnd = i
                    previousWidth = width
                }
            } else if let end = previousEnd {
                weight = NABCostProfile.scaledSigmoid(Double(i - end) / (previousWidth - 1)) * cost.falsePositive
            } else {
                weight = -cost.falsePositive
            }
            if i < series.probation { window = -1 }
            rows.append(Row(score: scores[i], weight: weight, window: window))
        }
        return rows
    }

    /// The best raw score over every threshold (NAB's threshold optimisation) and that threshold.
    static func bestOverThresholds(_ rows: [Row], windows: Int, cost: NABCostProfile) -> (score: Double, threshold: Double) {
        let sorted = rows.filter { $0.window != -1 }.sorted { $0.score > $1.score }
        var byWindow = [Double](repeating: -cost.falseNegative, count: windows)
        var total = byWindow.reduce(0, +)
        var best = (score: total, threshold: 1.1)
        var i = 0
        while i < sorted.count {
            let threshold = sorted[i].score
            while i < sorted.count, sorted[i].score == threshold {
                let row = sorted[i]
                if let w = row.window {
                    if row.weight > byWindow[w] {
                        total += row.weight - byWindow[w]
                        byWindow[w] = row.weight
                    }
                } else {
                    total += row.weight
                }
                i += 1
            }
            if total > best.score { best = (total, threshold) }
        }
        return best
    }

    /// The raw score of fixed alarms (`labels`), no threshold chosen.
    static func fixedScore(_ rows: [Row], labels: [Bool], windows: Int, cost: NABCostProfile) -> Double {
        var byWindow = [Double](repeating: -cost.falseNegative, count: windows)
        var falsePositives = 0.0
        for (row, label) in zip(rows, labels) where label && row.window != -1 {
            if let w = row.window { byWindow[w] = max(byWindow[w], row.weight) } else { falsePositives += row.weight }
        }
        return byWindow.reduce(0, +) + falsePositives
    }

    /// The normalised oracle and fixed scores of `results` (each series with its scores and
    /// alarms) under `cost`, and the oracle's threshold.
    public static func score(
        _ results: [(series: NABSeries, scores: [Double], labels: [Bool])],
        cost: NABCostProfile
    ) -> NABScore {
        var rows: [Row] = []
        var nullRows: [Row] = []
        var labels: [Bool] = []
        var windows = 0
        for result in results {
            rows += sweep(result.series, scores: result.scores, cost: cost, firstWindow: windows)
            labels += result.labels
            let null = [Double](repeating: 0.5, count: result.scores.count)
            nullRows += sweep(result.series, scores: null, cost: cost, firstWindow: windows)
            windows += result.series.windows.count
        }
        let fixed = fixedScore(rows, labels: labels, windows: windows, cost: cost)
        let best = bestOverThresholds(rows, windows: windows, cost: cost)
        let null = bestOverThresholds(nullRows, windows: windows, cost: cost).score
        let perfect = Double(windows) * cost.truePositive
        let normalise = { (s: Double) in perfect == null ? 0 : 100 * (s - null) / (perfect - null) }
        return NABScore(profile: cost.name, oracle: normalise(best.score), threshold: best.threshold, fixed: normalise(fixed))
    }
}
