/// Requests per second over the last `length` seconds, for one rate limit: a queue of
/// (second, count) buckets and their running sum. Memory is bounded by the window's length.
///
/// Logs are nearly in time order; a line up to `length` seconds late is added to its own second,
/// an older one is not counted in any window (``add(_:)`` says so by returning `nil`).
struct SlidingWindow {
    let length: Int64
    private var seconds: [Int64] = []
    private var counts: [Int] = []
    private var head = 0
    private(set) var sum = 0

    init(length: Int) {
        self.length = Int64(length)
    }

    /// A window that goes on from `state`'s seconds.
    init(length: Int, state: WindowState) {
        self.length = Int64(length)
        seconds = state.seconds
        counts = state.counts
        sum = counts.reduce(0, +)
    }

    /// The seconds still in the window, oldest first, with their counts.
    var state: (seconds: [Int64], counts: [Int]) { (Array(seconds[head...]), Array(counts[head...])) }

    /// The newest second counted, or `nil` before any.
    var newest: Int64? { head < seconds.count ? seconds[seconds.count - 1] : nil }

    /// Counts one request at second `t`; returns the number of requests in the window ending at
    /// the newest second seen, and the second of the oldest request in it.
    @inline(__always)
    mutating func add(_ t: Int64) -> (count: Int, oldest: Int64)? {
        // Most requests fall in the newest second: nothing leaves the window.
        let last = seconds.count - 1
        if last >= head, seconds[last] == t {
            counts[last] += 1
            sum += 1
            return (sum, seconds[head])
        }
        return addSlow(t)
    }

    private mutating func addSlow(_ t: Int64) -> (count: Int, oldest: Int64)? {
        if head == seconds.count {
            seconds.append(t)
            counts.append(1)
        } else {
            let newest = seconds[seconds.count - 1]
            if t == newest {
                counts[counts.count - 1] += 1
            } else if t > newest {
                seconds.append(t)
                counts.append(1)
            } else {
                guard t > newest - length else { return nil }
                insertLate(t)
            }
        }
        sum += 1
        let newest = seconds[seconds.count - 1]
        while seconds[head] <= newest - length {
            sum -= counts[head]
            head += 1
        }
        if head > 32, head * 2 > seconds.count {
            seconds.removeFirst(head)
            counts.removeFirst(head)
            head = 0
        }
        return (sum, seconds[head])
    }

    private mutating func insertLate(_ t: Int64) {
        var i = seconds.count - 1
        while i > head, seconds[i - 1] >= t { i -= 1 }
        if seconds[i] == t {
            counts[i] += 1
            return
        }
        if i == head, seconds[i] < t { i += 1 }
        seconds.insert(t, at: i)
        counts.insert(1, at: i)
    }
}
