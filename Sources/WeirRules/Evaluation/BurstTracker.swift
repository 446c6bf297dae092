import WeirCore

/// Turns the window counts of one limit into bursts: a window over the limit that overlaps the
/// previous one over the limit extends its burst; one that does not starts a new burst.
struct BurstTracker {
    let limit: WindowLimit
    private(set) var open: Burst?
    /// Whether the open burst was reported as it stands by an earlier run (carried over).
    private(set) var reported = false

    init(limit: WindowLimit, open: Burst? = nil, reported: Bool = false) {
        self.limit = limit
        self.open = open.map { Burst(first: $0.first, last: $0.last, peak: $0.peak, continued: true) }
        self.reported = reported && open != nil
    }

    /// Takes the count of the window ending at `t`; returns a burst that has just ended and is
    /// news (not one an earlier run reported as it stands), if any.
    mutating func observe(count: Int, oldest: Int64, at t: Int64) -> Burst? {
        guard count > limit.max else { return nil }
        if var burst = open, t - burst.last < Int64(limit.seconds) {
            if t > burst.last || count > burst.peak { reported = false }
            burst.last = max(burst.last, t)
            burst.peak = max(burst.peak, count)
            open = burst
            return nil
        }
        let ended = reported ? nil : open
        open = Burst(first: oldest, last: t, peak: count)
        reported = false
        return ended
    }

    /// Reports the open burst, if it is news, and keeps it open: the next run may extend it.
    mutating func finish() -> Burst? {
        defer { reported = open != nil }
        return reported ? nil : open
    }
}
