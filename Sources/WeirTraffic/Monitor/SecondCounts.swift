import WeirLog

/// Hits per second over a sliding span of seconds, in a ring: memory fixed by the span.
struct SecondCounts {
    private var seconds: [Int64]
    private var counts: [Int]

    init(span: Int64) {
        seconds = Array(repeating: .min, count: Int(span))
        counts = Array(repeating: 0, count: Int(span))
    }

    private func slot(_ s: Int64) -> Int {
        let n = Int64(seconds.count)
        return Int(((s % n) + n) % n)
    }

    mutating func add(_ s: Int64) {
        let i = slot(s)
        if seconds[i] != s {
            // Only replace an older second; a line older than the whole span is not kept.
            guard seconds[i] < s else { return }
            seconds[i] = s
            counts[i] = 0
        }
        counts[i] += 1
    }

    /// Hits with timestamps in `[from, to)`.
    func sum(from: Int64, to: Int64) -> Int {
        var total = 0
        var s = from
        while s < to {
            let i = slot(s)
            if seconds[i] == s { total += counts[i] }
            s += 1
        }
        return total
    }
}
