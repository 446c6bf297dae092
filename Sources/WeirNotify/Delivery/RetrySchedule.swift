/// When to try a notification again: 5 s after the first failure, doubling up to an hour between
/// attempts, until it is older than the maximum age (`WEIR_NOTIFY_MAX_AGE`), then never.
public struct RetrySchedule: Sendable, Equatable {
    public var firstDelay: Int64 = 5
    public var maxDelay: Int64 = 3600
    public var maxAge: Int64

    public init(maxAge: Int64) {
        self.maxAge = maxAge
    }

    /// The time of the next attempt after `attempts` failed ones, or `nil` to give up.
    public func nextAttempt(after attempts: Int64, createdAt: Int64, now: Int64) -> Int64? {
        let doublings = min(max(attempts - 1, 0), 30)
        let delay = min(firstDelay << doublings, maxDelay)
        let next = now + delay
        return next - createdAt > maxAge ? nil : next
    }
}
