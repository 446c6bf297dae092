/// What the expert system learns about a series before choosing: its level, its noise, and its
/// season if it has one.
public struct SeriesProfile: Sendable, Codable, Equatable {
    public var points: Int
    /// Median value.
    public var level: Double
    /// Robust noise (spread of first differences / √2).
    public var noise: Double
    /// Points per season, or 0 for none.
    public var period: Int
    /// Autocorrelation at the period (0 when none).
    public var seasonalStrength: Double

    /// Seasons looked for first: a day and a week of buckets, when the bucket length is known.
    public static func calendarPeriods(bucketSeconds: Int?) -> [Int] {
        guard let b = bucketSeconds, b > 0 else { return [] }
        return [86_400, 604_800].compactMap { $0 % b == 0 ? $0 / b : nil }.filter { $0 >= 4 }
    }

    /// One day of buckets when the bucket length is known (and divides a day), otherwise 0: the
    /// period seasonal methods use before a season has been measured.
    public static func dailyPeriod(bucketSeconds: Int?) -> Int {
        calendarPeriods(bucketSeconds: bucketSeconds).first ?? 0
    }

    public init(_ values: [Double], bucketSeconds: Int?) {
        points = values.count
        level = RobustStatistics.median(of: values)
        noise = RobustStatistics.noise(of: values)
        (period, seasonalStrength) = Self.season(values, calendar: Self.calendarPeriods(bucketSeconds: bucketSeconds))
    }

    /// The lag with the strongest autocorrelation above 0.3 (after removing a linear trend) that
    /// stands at least 0.3 above the lowest autocorrelation at a shorter lag (a real cycle, not
    /// the slow decay of a smooth series); a calendar period (a day, a week) is preferred when
    /// its autocorrelation is above 0.3 and within 0.15 of the best. Two seasons must be seen.
    static func season(_ values: [Double], calendar: [Int]) -> (Int, Double) {
        let n = values.count
        guard n >= 16 else { return (0, 0) }
        let centred = detrended(values)
        let variance = centred.reduce(0) { $0 + $1 * $1 } / Double(n)
        guard variance > 0 else { return (0, 0) }
        func acf(_ lag: Int) -> Double {
            var s = 0.0
            for i in lag..<n { s += centred[i] * centred[i - lag] }
            return s / Double(n - lag) / variance
        }
        let maxLag = min(n / 2, 2_000)
        var best = (0, 0.3)
        var lowest = 1.0
        var previous = acf(1)
        var current = acf(2)
        if maxLag >= 3 {
            for lag in 3...maxLag {
                let following = acf(lag)
                lowest = min(lowest, previous)
                if current > previous && current >= following && current > best.1 && current - lowest >= 0.3 {
                    best = (lag - 1, current)
                }
                previous = current
                current = following
            }
        }
        for lag in calendar where lag <= n / 2 {
            let r = acf(lag)
            if r > 0.3 && r >= best.1 - 0.15 { return (lag, r) }
        }
        return best.0 == 0 ? (0, 0) : best
    }

    private static func detrended(_ values: [Double]) -> [Double] {
        let n = Double(values.count)
        let meanX = (n - 1) / 2
        let meanY = values.reduce(0, +) / n
        var sxy = 0.0
        var sxx = 0.0
        for (i, y) in values.enumerated() {
            let dx = Double(i) - meanX
            sxy += dx * (y - meanY)
            sxx += dx * dx
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        return values.enumerated().map { $1 - meanY - slope * (Double($0) - meanX) }
    }
}
