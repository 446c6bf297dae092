import WeirDetect

/// Stored minutes laid out as a chart's slots: contiguous, `step` seconds each, a minute with no
/// stored row counted as no traffic, several minutes in one slot merged.
enum ChartSeries {
    /// The most slots a series is laid out in; older minutes are left out.
    static let maxSlots: Int64 = 20_000

    /// The slots from the first stored minute's slot to the last one's, the latest
    /// ``maxSlots`` at most; empty without minutes.
    static func slots(_ minutes: [FeatureBucket], step: Int64) -> [FeatureBucket] {
        guard step > 0, let last = minutes.map(\.start).max() else { return [] }
        let recent = minutes.filter { $0.start > last - step * maxSlots }.sorted { $0.start < $1.start }
        return FeatureBucket.series(recent, seconds: Int(step))
    }

    /// The slot length that keeps a span of `seconds` within `maxPoints` points: whole minutes.
    static func step(spanning seconds: Int64, maxPoints: Int) -> Int64 {
        let minutes = max(1, (seconds / 60 + Int64(maxPoints) - 1) / Int64(max(1, maxPoints)))
        return minutes * 60
    }
}
