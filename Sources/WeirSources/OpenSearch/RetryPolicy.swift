import AsyncHTTPClient

/// How a failed request to a remote source is tried again: `attempts` in all, waiting
/// `firstDelay` seconds after the first failure and twice as long after each next one.
public struct RetryPolicy: Sendable {
    public var attempts: Int
    public var firstDelay: Double

    public init(attempts: Int, firstDelay: Double) {
        self.attempts = attempts
        self.firstDelay = firstDelay
    }

    /// Four attempts over about 3.5 seconds.
    public static let standard = RetryPolicy(attempts: 4, firstDelay: 0.5)

    /// The wait before attempt `n + 1` (n from 1).
    package func delay(after attempt: Int) -> Double { firstDelay * Double(1 << (attempt - 1)) }
}
