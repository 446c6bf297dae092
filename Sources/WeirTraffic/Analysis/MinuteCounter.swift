import WeirCore
import WeirLog

/// Hits per minute, cheap for logs in time order (one running bucket) and exact for any order.
struct MinuteCounter {
    private var current = Int64.min
    private var currentHits = 0
    private var done: [Int64: Int] = [:]

    mutating func add(_ seconds: Int64) {
        let minute = seconds.floorDivided(by: 60)
        if minute == current {
            currentHits += 1
            return
        }
        if currentHits > 0 { done[current, default: 0] += currentHits }
        current = minute
        currentHits = 1
    }

    /// Hits per minute.
    private var all: [Int64: Int] {
        var all = done
        if currentHits > 0 { all[current, default: 0] += currentHits }
        return all
    }

    /// The minute with the most hits; the earliest wins a tie.
    var peak: (minute: Int64, hits: Int)? {
        all.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }.map { ($0.key, $0.value) }
    }

    /// Adds the hits `other` counted.
    mutating func merge(_ other: MinuteCounter) {
        for (minute, hits) in other.all { done[minute, default: 0] += hits }
    }
}
