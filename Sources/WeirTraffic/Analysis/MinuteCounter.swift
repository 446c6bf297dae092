import WeirCore
import WeirLog

/// Requests, bytes and status classes per minute, cheap for logs in time order (one running
/// bucket) and exact for any order: the busiest minute of every report, and the timeline of
/// `weir analyze --html`.
struct MinuteCounter {
    private var current = Int64.min
    private var currentTotals = AnalyzeReport.TimelineMinute(start: 0)
    private var done: [Int64: AnalyzeReport.TimelineMinute] = [:]

    mutating func add(_ seconds: Int64, bytes: Int64, status: Int) {
        let minute = seconds.floorDivided(by: 60)
        if minute != current {
            if currentTotals.requests > 0 { done[current, default: .init(start: current &* 60)].add(currentTotals) }
            current = minute
            currentTotals = .init(start: minute &* 60)
        }
        currentTotals.count(bytes: bytes, status: status)
    }

    /// Every minute with a request, in time order.
    var timeline: [AnalyzeReport.TimelineMinute] {
        all.values.sorted { $0.start < $1.start }
    }

    private var all: [Int64: AnalyzeReport.TimelineMinute] {
        var all = done
        if currentTotals.requests > 0 { all[current, default: .init(start: current &* 60)].add(currentTotals) }
        return all
    }

    /// The minute with the most hits; the earliest wins a tie.
    var peak: (minute: Int64, hits: Int)? {
        all.max { $0.value.requests != $1.value.requests ? $0.value.requests < $1.value.requests : $0.key > $1.key }
            .map { ($0.key, $0.value.requests) }
    }

    /// Adds what `other` counted.
    mutating func merge(_ other: MinuteCounter) {
        for (minute, totals) in other.all { done[minute, default: .init(start: minute &* 60)].add(totals) }
    }
}
