import WeirCore

/// Turns the window counts of one limit into bursts: a window over the limit that overlaps the
/// previous one over the limit extends its burst; one that does not starts a new burst.
struct BurstTracker {
    let limit: WindowLimit
    private(set) var open: Burst?

    init(limit: WindowLimit) {
        self.limit = limit
    }

    /// Takes the count of the window ending at `t`; returns a burst that has just ended, if any.
    mutating func observe(count: Int, oldest: Int64, at t: Int64) -> Burst? {
        guard count > limit.max else { return nil }
        if var burst = open, t - burst.last < Int64(limit.seconds) {
            burst.last = max(burst.last, t)
            burst.peak = max(burst.peak, count)
            open = burst
            return nil
        }
        let ended = open
        open = Burst(first: oldest, last: t, peak: count)
        return ended
    }

    /// Ends the open burst, if any.
    mutating func finish() -> Burst? {
        defer { open = nil }
        return open
    }
}
