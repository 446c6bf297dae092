import WeirCore
import WeirDetect

/// Stored minutes laid out as a chart's slots: contiguous, `step` seconds each, a minute with no
/// stored row counted as no traffic, several minutes in one slot merged.
enum ChartSeries {
    /// The most slots a series is laid out in; older minutes are left out.
    static let maxSlots: Int64 = 20_000

    /// The slots from the first stored minute's slot to the last one's; empty without minutes.
    static func slots(_ minutes: [FeatureBucket], step: Int64) -> [FeatureBucket] {
        guard step > 0, let last = minutes.map(\.start).max() else { return [] }
        let minutes = minutes.filter { $0.start > last - step * maxSlots }
        guard let first = minutes.map(\.start).min() else { return [] }
        let origin = first.floorDivided(by: step) * step
        let count = Int((last.floorDivided(by: step) * step - origin) / step) + 1
        var slots = (0..<count).map { FeatureBucket(start: origin + Int64($0) * step) }
        for minute in minutes {
            let index = Int((minute.start.floorDivided(by: step) * step - origin) / step)
            slots[index] = slots[index].merged(with: minute)
            slots[index].start = origin + Int64(index) * step
        }
        return slots
    }

    /// The slot length that keeps a span of `seconds` within `maxPoints` points: whole minutes.
    static func step(spanning seconds: Int64, maxPoints: Int) -> Int64 {
        let minutes = max(1, (seconds / 60 + Int64(maxPoints) - 1) / Int64(max(1, maxPoints)))
        return minutes * 60
    }
}
