import WeirDetect
import WeirRules

/// Schedule arithmetic shared by every store and the scheduler.
public enum Schedule {
    /// The next run time after a run at `now`: `next` itself when still in the future, otherwise
    /// moved forward by whole multiples of `frequency` until it is strictly after `now`, so that a
    /// long outage gives one catch-up run, not one per missed period.
    public static func nextRunTime(after next: Int64, frequency: Int64, now: Int64) -> Int64 {
        guard next <= now else { return next }
        let periods = (now - next) / frequency + 1
        return next + periods * frequency
    }
}
